import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { MessagePayload } from "@/lib/frames";
import { realtime } from "@/lib/realtime";
import { FakeSocket, latest } from "@/test/fake-socket";
import { answerFetch } from "@/test/render";

import { topicsKey, type Topic } from "../api/chat";
import { useChat } from "./useChat";

const ROOM = 7;
const ME = 1;

function message(id: number, overrides: Partial<MessagePayload> = {}): MessagePayload {
  return {
    id,
    room: ROOM,
    seq: id,
    topic: null,
    reply_to: null,
    author: { id: 2, username: "bo", display_name: "Bo" },
    body: `message ${id}`,
    mentions: [],
    client_id: `client-${id}`,
    created_at: "2026-11-30T09:00:00+08:00",
    edited_at: null,
    deleted: false,
    ...overrides,
  };
}

function renderChat() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return { queryClient, ...renderHook(() => useChat(ROOM, ME), { wrapper }) };
}

/** The history the page loads first, then the socket opened and ready. */
async function opened(history: MessagePayload[]) {
  answerFetch({ status: 200, body: { results: history, has_more: false } });
  const rendered = renderChat();
  await waitFor(() => expect(rendered.result.current.loaded).toBe(true));
  act(() => latest().ready());
  return rendered;
}

function subscriptions(): Record<string, unknown>[] {
  return latest().sent.filter((frame) => frame.type === "subscribe");
}

describe("useChat", () => {
  beforeEach(() => {
    FakeSocket.opened = [];
    vi.stubGlobal("WebSocket", FakeSocket);
    realtime.start();
  });

  afterEach(() => {
    cleanup(); // unmount before the socket closes, or closing it would update an unmounted hook
    realtime.stop();
    vi.unstubAllGlobals();
  });

  it("loads the history, then follows the room from its newest message", async () => {
    const { result } = await opened([message(1), message(2)]);

    expect(result.current.messages.map((held) => held.id)).toEqual([1, 2]);
    expect(subscriptions()).toEqual([{ type: "subscribe", room: ROOM, after: 2, changed_after: null }]);
  });

  it("adds each live message once, in order, and ignores other rooms", async () => {
    const { result } = await opened([message(1)]);

    act(() => {
      latest().receive({ type: "message.new", message: message(3) });
      latest().receive({ type: "message.new", message: message(2) });
      latest().receive({ type: "message.new", message: message(3) });
      latest().receive({ type: "message.new", message: message(4, { room: 8 }) });
    });

    expect(result.current.messages.map((held) => held.id)).toEqual([1, 2, 3]);
  });

  it("shows a topic someone else made at once, so that it can be picked", async () => {
    const { queryClient } = await opened([]);
    queryClient.setQueryData<Topic[]>(topicsKey(ROOM), [
      { id: 1, title: "Python", created_at: "2026-11-30T09:00:00+08:00" },
    ]);

    act(() => latest().receive({ type: "topic.new", topic: { id: 2, room: ROOM, title: "GIS" } }));

    expect(queryClient.getQueryData<Topic[]>(topicsKey(ROOM))?.map((topic) => topic.title)).toEqual([
      "GIS",
      "Python",
    ]);
  });

  it("keeps a refused message with the refusal, and retries it with the same client id", async () => {
    const { result } = await opened([]);

    act(() => result.current.send("hello", null, null));
    const sent = latest().sent.filter((frame) => frame.type === "message.send");
    const clientId = sent[0]?.client_id;
    act(() =>
      latest().receive({
        type: "error",
        code: "rate_limited",
        detail: "每分钟最多发送 30 条消息，请稍候。",
        refused: "message.send",
        client_id: clientId,
        room: ROOM,
      }),
    );

    expect(result.current.pending).toEqual([
      {
        clientId,
        body: "hello",
        topic: null,
        replyTo: null,
        error: { code: "rate_limited", detail: "每分钟最多发送 30 条消息，请稍候。" },
      },
    ]);
    act(() => result.current.retry(String(clientId)));
    act(() =>
      latest().receive({
        type: "message.ack",
        client_id: String(clientId),
        message: message(5, { client_id: String(clientId), author: null }),
      }),
    );

    const resent = latest().sent.filter((frame) => frame.type === "message.send");
    expect(resent.map((frame) => frame.client_id)).toEqual([clientId, clientId]);
    expect(result.current.pending).toEqual([]);
  });

  it("sends what was written while disconnected once the connection is back", async () => {
    const { result } = await opened([]);
    act(() => latest().drop());

    act(() => result.current.send("written offline", null, null));
    await act(() => vi.waitFor(() => expect(FakeSocket.opened).toHaveLength(2), { timeout: 5000 }));
    act(() => latest().ready());

    expect(latest().sent.filter((frame) => frame.type === "message.send")).toMatchObject([
      { room: ROOM, body: "written offline" },
    ]);
  });

  it("loads the history back to an older message asked for, with every message between", async () => {
    const calls = answerFetch(
      { status: 200, body: { results: [message(500), message(501)], has_more: true } },
      { status: 200, body: { results: [message(300), message(301)], has_more: true } },
      { status: 200, body: { results: [message(100), message(200)], has_more: true } },
    );
    const { result } = renderChat();
    await waitFor(() => expect(result.current.loaded).toBe(true));
    act(() => latest().ready());

    let reached: boolean | undefined;
    await act(async () => {
      reached = await result.current.loadThrough(120);
    });

    expect(reached).toBe(true);
    expect(result.current.messages.map((held) => held.id)).toEqual([100, 200, 300, 301, 500, 501]);
    expect(calls.slice(1).map((call) => new URL(call.url).search)).toEqual([
      "?before=500&limit=200",
      "?before=300&limit=200",
    ]);
    expect(result.current.hasOlder).toBe(true);
    expect(result.current.loadingOlder).toBe(false);
    // The socket still follows the room from its newest message.
    expect(subscriptions()).toMatchObject([{ type: "subscribe", room: ROOM, after: 501 }]);
  });

  it("says so when the history ends before the message asked for", async () => {
    const calls = answerFetch(
      { status: 200, body: { results: [message(500)], has_more: true } },
      { status: 200, body: { results: [message(300)], has_more: false } },
    );
    const { result } = renderChat();
    await waitFor(() => expect(result.current.loaded).toBe(true));

    let reached: boolean | undefined;
    await act(async () => {
      reached = await result.current.loadThrough(120);
    });

    expect(reached).toBe(false);
    expect(calls).toHaveLength(2);
    expect(result.current.hasOlder).toBe(false);
  });

  it("marks read up to the newest message it shows", async () => {
    await opened([message(1), message(2)]);

    await waitFor(() => expect(latest().sent).toContainEqual({ type: "read", room: ROOM, message: 2 }));
  });
});
