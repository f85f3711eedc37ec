import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import {
  realtime,
  useAllFrames,
  useConnectionState,
  type ChatMessage,
  type ClientFrame,
  type ServerFrame,
} from "@/lib/realtime";

import { fetchMessages, roomKey, topicsKey, type Topic } from "../api/chat";

const PAGE = 50;
/** Loading back to a message asked for (a search result, a notification's link): pages of the
 * most the history gives at once, at most so many of them. */
const DEEP_PAGE = 200;
const DEEP_PAGES = 10;
const TYPING_SHOWN_MS = 4000;
const TYPING_SENT_EVERY_MS = 2000;

/** Why the server refused a message: its code, and its sentence in the reader's language. */
export interface Refusal {
  code: string;
  detail: string;
}

export interface PendingMessage {
  clientId: string;
  body: string;
  topic: number | null;
  replyTo: number | null;
  error: Refusal | null;
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

/** ``older`` (oldest first, all before what is held) put before ``messages``, each once. */
function prepend(messages: ChatMessage[], older: ChatMessage[]): ChatMessage[] {
  const held = new Set(messages.map((message) => message.id));
  return [...older.filter((message) => !held.has(message.id)), ...messages];
}

function upsert(messages: ChatMessage[], message: ChatMessage): ChatMessage[] {
  const index = messages.findIndex((held) => held.id === message.id);
  if (index >= 0) {
    return messages.map((held, position) => (position === index ? message : held));
  }
  return [...messages, message].sort((a, b) => a.id - b.id);
}

/** The room a frame is about, whatever its shape. */
function roomOf(frame: ServerFrame): number | undefined {
  switch (frame.type) {
    case "message.new":
    case "message.ack":
    case "message.edited":
    case "message.deleted":
      return frame.message.room;
    case "topic.new":
      return frame.topic.room;
    case "typing":
    case "presence":
    case "room.removed":
    case "subscribed":
    case "unread":
      return frame.room;
    default:
      return undefined;
  }
}

/**
 * A room's chat as one person sees it: the history from REST, then every message after it
 * through the socket (exactly once, in order, across reconnections), what they are sending,
 * who is typing, who is present; topics made by others appear as they are made. One room per
 * mounted hook: a page showing another room mounts another (``key`` it by the room).
 */
export function useChat(room: number, myId: number) {
  const queryClient = useQueryClient();
  const connection = useConnectionState();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [hasOlder, setHasOlder] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  // Where the history held begins, for loading that runs over several renders.
  const start = useRef<{ oldest: number | undefined; hasOlder: boolean }>({
    oldest: undefined,
    hasOlder: false,
  });
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [typing, setTyping] = useState<Record<number, { name: string; until: number }>>({});
  const [presence, setPresence] = useState<Record<string, string>>({});
  const [removed, setRemoved] = useState(false);
  const lastTypingSent = useRef(0);
  const lastReadSent = useRef(0);

  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    void fetchMessages(room, { limit: PAGE }).then((page) => {
      if (cancelled) {
        return;
      }
      setMessages(page.results);
      setHasOlder(page.has_more);
      setLoaded(true);
      stop = realtime.follow(room, page.results.at(-1)?.id ?? 0);
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [room]);

  const onFrame = useCallback(
    (frame: ServerFrame) => {
      if (roomOf(frame) !== room && !(frame.type === "error" && frame.room === room)) {
        return;
      }
      switch (frame.type) {
        case "message.new":
        case "message.ack":
        case "message.edited":
        case "message.deleted": {
          const message = frame.message;
          setMessages((held) => upsert(held, message));
          setPending((held) => held.filter((item) => item.clientId !== message.client_id));
          break;
        }
        case "topic.new": {
          const topic = frame.topic;
          queryClient.setQueryData<Topic[]>(topicsKey(room), (held = []) =>
            held.some((item) => item.id === topic.id)
              ? held
              : [...held, { id: topic.id, title: topic.title, created_at: new Date().toISOString() }].sort(
                  (a, b) => a.title.localeCompare(b.title),
                ),
          );
          break;
        }
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
          if (typeof frame.client_id === "string") {
            const refusal = { code: frame.code, detail: frame.detail };
            setPending((held) =>
              held.map((item) => (item.clientId === frame.client_id ? { ...item, error: refusal } : item)),
            );
          }
          break;
        case "room.removed":
          setRemoved(true);
          void queryClient.invalidateQueries({ queryKey: roomKey(room) });
          break;
      }
    },
    [room, myId, queryClient],
  );
  useAllFrames(onFrame);

  // What could not be sent while the connection was down goes once it is back; the client id
  // makes sure the server stores each message once.
  useEffect(() => {
    if (connection === "open") {
      for (const item of pending.filter((held) => held.error === null)) {
        realtime.send(sendFrame(room, item));
      }
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- resend on reconnection only
  }, [connection, room]);

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
      realtime.send(sendFrame(room, item));
    },
    [room],
  );

  const retry = useCallback(
    (clientId: string) => {
      setPending((held) =>
        held.map((item) => (item.clientId === clientId ? { ...item, error: null } : item)),
      );
      const item = pending.find((held) => held.clientId === clientId);
      if (item) {
        realtime.send(sendFrame(room, item));
      }
    },
    [room, pending],
  );

  const discard = useCallback((clientId: string) => {
    setPending((held) => held.filter((item) => item.clientId !== clientId));
  }, []);

  const loadOlder = useCallback(async () => {
    const oldest = messages[0]?.id;
    if (oldest === undefined) {
      return;
    }
    const page = await fetchMessages(room, { before: oldest, limit: PAGE });
    setMessages((held) => page.results.reduce(upsert, held));
    setHasOlder(page.has_more);
  }, [room, messages]);

  /**
   * The history back to message ``id``, page by page, with everything between (the history held
   * stays one piece, and the socket carries on after its newest message): for a message asked
   * for that is older than those loaded. Gives up after ``DEEP_PAGES`` pages; whether the
   * history held now reaches back to ``id``.
   */
  const loadThrough = useCallback(
    async (id: number): Promise<boolean> => {
      let { oldest, hasOlder: more } = start.current;
      setLoadingOlder(true);
      try {
        for (let pages = 0; oldest !== undefined && oldest > id && more && pages < DEEP_PAGES; pages++) {
          const page = await fetchMessages(room, { before: oldest, limit: DEEP_PAGE });
          setMessages((held) => prepend(held, page.results));
          setHasOlder(page.has_more);
          more = page.has_more && page.results.length > 0;
          oldest = page.results[0]?.id ?? oldest;
        }
      } finally {
        setLoadingOlder(false);
      }
      return oldest !== undefined && oldest <= id;
    },
    [room],
  );

  const notifyTyping = useCallback(() => {
    if (Date.now() - lastTypingSent.current > TYPING_SENT_EVERY_MS) {
      lastTypingSent.current = Date.now();
      realtime.send({ type: "typing", room });
    }
  }, [room]);

  useEffect(() => {
    start.current = { oldest: messages[0]?.id, hasOlder };
  }, [messages, hasOlder]);

  const newest = messages.at(-1)?.id ?? 0;
  useEffect(() => {
    if (newest > lastReadSent.current && document.visibilityState === "visible") {
      if (realtime.send({ type: "read", room, message: newest })) {
        lastReadSent.current = newest;
      }
    }
  }, [room, newest, connection]);

  const typingNames = useMemo(() => Object.values(typing).map((entry) => entry.name), [typing]);
  return {
    connection,
    messages,
    loaded,
    hasOlder,
    loadingOlder,
    pending,
    typingNames,
    presence,
    removed,
    send,
    retry,
    discard,
    loadOlder,
    loadThrough,
    notifyTyping,
    edit: (message: number, body: string) => realtime.send({ type: "message.edit", room, message, body }),
    remove: (message: number) => realtime.send({ type: "message.delete", room, message }),
  };
}

function sendFrame(room: number, item: PendingMessage): ClientFrame {
  return {
    type: "message.send",
    room,
    body: item.body,
    client_id: item.clientId,
    topic: item.topic,
    reply_to: item.replyTo,
  };
}
