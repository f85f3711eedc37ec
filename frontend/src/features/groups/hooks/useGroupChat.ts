import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import { realtime, useConnectionState, useFrames, type ChatMessage, type Frame } from "@/lib/realtime";

import { fetchMessages } from "../api/groups";

const PAGE = 50;
const TYPING_SHOWN_MS = 4000;
const TYPING_SENT_EVERY_MS = 2000;

export interface PendingMessage {
  clientId: string;
  body: string;
  topic: number | null;
  replyTo: number | null;
  error: string | null;
}

function newClientId(): string {
  if (typeof crypto.randomUUID === "function") {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function upsert(messages: ChatMessage[], message: ChatMessage): ChatMessage[] {
  const index = messages.findIndex((held) => held.id === message.id);
  if (index >= 0) {
    return messages.map((held, position) => (position === index ? message : held));
  }
  return [...messages, message].sort((a, b) => a.id - b.id);
}

/**
 * A group's chat as one person sees it: the history from REST, then every message after it
 * through the socket (exactly once, in order, across reconnections), what they are sending,
 * who is typing, who is present.
 */
export function useGroupChat(groupId: number, myId: number, enabled: boolean) {
  const queryClient = useQueryClient();
  const connection = useConnectionState();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [hasOlder, setHasOlder] = useState(false);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [typing, setTyping] = useState<Record<number, { name: string; until: number }>>({});
  const [presence, setPresence] = useState<Record<string, string>>({});
  const [removed, setRemoved] = useState(false);
  const lastTypingSent = useRef(0);
  const lastReadSent = useRef(0);

  useEffect(() => {
    if (!enabled) {
      return;
    }
    let stop: (() => void) | undefined;
    let cancelled = false;
    void fetchMessages(groupId, { limit: PAGE }).then((page) => {
      if (cancelled) {
        return;
      }
      setMessages(page.results);
      setHasOlder(page.has_more);
      setLoaded(true);
      stop = realtime.follow(groupId, page.results.at(-1)?.id ?? 0);
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [groupId, enabled]);

  const onFrame = useCallback(
    (frame: Frame) => {
      const message = frame.message as ChatMessage | undefined;
      if ((message?.group ?? frame.group) !== groupId) {
        return;
      }
      switch (frame.type) {
        case "message.new":
        case "message.ack":
        case "message.edited":
        case "message.deleted":
          if (message) {
            setMessages((held) => upsert(held, message));
            setPending((held) => held.filter((item) => item.clientId !== message.client_id));
          }
          break;
        case "typing":
          if (frame.user.id !== myId) {
            setTyping((held) => ({
              ...held,
              [frame.user.id]: { name: frame.user.display_name, until: Date.now() + TYPING_SHOWN_MS },
            }));
          }
          break;
        case "presence":
          setPresence((held) => ({ ...held, ...frame.users }));
          break;
        case "error":
          if (frame.client_id) {
            setPending((held) =>
              held.map((item) =>
                item.clientId === frame.client_id ? { ...item, error: frame.detail } : item,
              ),
            );
          }
          break;
        case "group.removed":
          setRemoved(true);
          void queryClient.invalidateQueries({ queryKey: ["groups"] });
          break;
      }
    },
    [groupId, myId, queryClient],
  );
  useFrames("*", onFrame);

  // What could not be sent while the connection was down goes once it is back; the client id
  // makes sure the server stores each message once.
  useEffect(() => {
    if (connection === "open") {
      for (const item of pending.filter((held) => held.error === null)) {
        realtime.send(sendFrame(groupId, item));
      }
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- resend on reconnection only
  }, [connection, groupId]);

  useEffect(() => {
    const timer = setInterval(() => {
      setTyping((held) => {
        const now = Date.now();
        const still = Object.entries(held).filter(([, entry]) => entry.until > now);
        return still.length === Object.keys(held).length ? held : Object.fromEntries(still);
      });
    }, 1000);
    return () => clearInterval(timer);
  }, []);

  const send = useCallback(
    (body: string, topic: number | null, replyTo: number | null) => {
      const item: PendingMessage = { clientId: newClientId(), body, topic, replyTo, error: null };
      setPending((held) => [...held, item]);
      realtime.send(sendFrame(groupId, item));
    },
    [groupId],
  );

  const retry = useCallback(
    (clientId: string) => {
      setPending((held) =>
        held.map((item) => (item.clientId === clientId ? { ...item, error: null } : item)),
      );
      const item = pending.find((held) => held.clientId === clientId);
      if (item) {
        realtime.send(sendFrame(groupId, item));
      }
    },
    [groupId, pending],
  );

  const discard = useCallback((clientId: string) => {
    setPending((held) => held.filter((item) => item.clientId !== clientId));
  }, []);

  const loadOlder = useCallback(async () => {
    const oldest = messages[0]?.id;
    if (oldest === undefined) {
      return;
    }
    const page = await fetchMessages(groupId, { before: oldest, limit: PAGE });
    setMessages((held) => page.results.reduce(upsert, held));
    setHasOlder(page.has_more);
  }, [groupId, messages]);

  const notifyTyping = useCallback(() => {
    if (Date.now() - lastTypingSent.current > TYPING_SENT_EVERY_MS) {
      lastTypingSent.current = Date.now();
      realtime.send({ type: "typing", group: groupId });
    }
  }, [groupId]);

  const newest = messages.at(-1)?.id ?? 0;
  useEffect(() => {
    if (enabled && newest > lastReadSent.current && document.visibilityState === "visible") {
      if (realtime.send({ type: "read", group: groupId, message: newest })) {
        lastReadSent.current = newest;
      }
    }
  }, [enabled, groupId, newest, connection]);

  const typingNames = useMemo(() => Object.values(typing).map((entry) => entry.name), [typing]);
  return {
    connection,
    messages,
    loaded,
    hasOlder,
    pending,
    typingNames,
    presence,
    removed,
    send,
    retry,
    discard,
    loadOlder,
    notifyTyping,
    edit: (message: number, body: string) =>
      realtime.send({ type: "message.edit", group: groupId, message, body }),
    remove: (message: number) => realtime.send({ type: "message.delete", group: groupId, message }),
  };
}

function sendFrame(groupId: number, item: PendingMessage): Frame {
  return {
    type: "message.send",
    group: groupId,
    body: item.body,
    client_id: item.clientId,
    topic: item.topic,
    reply_to: item.replyTo,
  };
}
