import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { RealtimeConnection } from "./realtime";

/** The browser's WebSocket, the edge of the system: records what is sent, lets the test answer. */
class FakeSocket {
  static OPEN = 1;
  static opened: FakeSocket[] = [];
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(): void {
    this.drop(1000);
  }

  /** The server says hello: the connection is usable. */
  ready(): void {
    this.readyState = FakeSocket.OPEN;
    this.receive({ type: "ready", user: 1 });
  }

  receive(frame: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function latest(): FakeSocket {
  const socket = FakeSocket.opened.at(-1);
  if (!socket) {
    throw new Error("no socket was opened");
  }
  return socket;
}

describe("RealtimeConnection", () => {
  let connection: RealtimeConnection;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.opened = [];
    vi.stubGlobal("WebSocket", FakeSocket);
    connection = new RealtimeConnection("ws://test/ws/");
  });

  afterEach(() => {
    connection.stop();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("follows a group from the last message it saw, again after a dropped connection", () => {
    connection.start();
    latest().ready();
    connection.follow(7, 40);
    expect(latest().sent).toContainEqual({ type: "subscribe", group: 7, after: 40, changed_after: null });
    latest().receive({ type: "message.new", message: { id: 41, group: 7 } });

    latest().drop();
    expect(connection.getState()).toBe("reconnecting");
    vi.advanceTimersByTime(1000);
    latest().ready();

    expect(FakeSocket.opened).toHaveLength(2);
    const subscribe = latest().sent.find((frame) => frame.type === "subscribe");
    expect(subscribe).toMatchObject({ group: 7, after: 41 });
    expect(typeof subscribe?.changed_after).toBe("string");
    expect(connection.getState()).toBe("open");
  });

  it("waits longer after each failed attempt, and starts over once connected", () => {
    connection.start();
    latest().drop();
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.opened).toHaveLength(2);
    latest().drop();
    vi.advanceTimersByTime(1999);
    expect(FakeSocket.opened).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.opened).toHaveLength(3);

    latest().ready();
    latest().drop();
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.opened).toHaveLength(4);
  });

  it("gives up when the server says the person is signed out", () => {
    connection.start();
    latest().ready();

    latest().drop(4401);
    vi.advanceTimersByTime(60_000);

    expect(FakeSocket.opened).toHaveLength(1);
    expect(connection.getState()).toBe("closed");
  });

  it("unsubscribes when the last page following a group stops", () => {
    connection.start();
    latest().ready();
    const stopFirst = connection.follow(7, 1);
    const stopSecond = connection.follow(7, 1);

    stopFirst();
    expect(latest().sent.filter((frame) => frame.type === "unsubscribe")).toHaveLength(0);
    stopSecond();

    expect(latest().sent).toContainEqual({ type: "unsubscribe", group: 7 });
  });

  it("sends nothing while the connection is not ready", () => {
    connection.start();

    expect(connection.send({ type: "typing", group: 7 })).toBe(false);
    expect(latest().sent).toEqual([]);
  });
});
