import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { FakeSocket, latest } from "@/test/fake-socket";

import { RealtimeConnection } from "./realtime";
import { signedOut } from "./signed-out";

describe("RealtimeConnection", () => {
  let connection: RealtimeConnection;
  let sessionHolds: boolean;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.opened = [];
    vi.stubGlobal("WebSocket", FakeSocket);
    sessionHolds = true;
    connection = new RealtimeConnection("ws://test/ws/", () => Promise.resolve(sessionHolds));
  });

  afterEach(() => {
    connection.stop();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("follows a room from the last message it saw, again after a dropped connection", async () => {
    connection.start();
    latest().ready();
    connection.follow(7, 40);
    expect(latest().sent).toContainEqual({ type: "subscribe", room: 7, after: 40, changed_after: null });
    latest().receive({ type: "message.new", message: { id: 41, room: 7 } });

    latest().drop();
    expect(connection.getState()).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(1000);
    latest().ready();

    expect(FakeSocket.opened).toHaveLength(2);
    const subscribe = latest().sent.find((frame) => frame.type === "subscribe");
    expect(subscribe).toMatchObject({ room: 7, after: 41 });
    expect(typeof subscribe?.changed_after).toBe("string");
    expect(connection.getState()).toBe("open");
  });

  it("waits longer after each failed attempt, and starts over once connected", async () => {
    connection.start();
    latest().drop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSocket.opened).toHaveLength(2);
    latest().drop();
    await vi.advanceTimersByTimeAsync(1999);
    expect(FakeSocket.opened).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.opened).toHaveLength(3);

    latest().ready();
    latest().drop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSocket.opened).toHaveLength(4);
  });

  it("gives up, and says so, when the server says the person is signed out", async () => {
    const told = vi.fn();
    const stopListening = signedOut.listen(told);
    connection.start();
    latest().ready();

    latest().drop(4401);
    await vi.advanceTimersByTimeAsync(60_000);
    stopListening();

    expect(FakeSocket.opened).toHaveLength(1);
    expect(connection.getState()).toBe("closed");
    expect(told).toHaveBeenCalledOnce();
  });

  it("does not reconnect a session that ended meanwhile, and says so", async () => {
    const told = vi.fn();
    const stopListening = signedOut.listen(told);
    connection.start();
    latest().ready();

    sessionHolds = false; // signed out in another tab: the cookie is gone
    latest().drop(1006);
    await vi.advanceTimersByTimeAsync(60_000);
    stopListening();

    expect(FakeSocket.opened).toHaveLength(1);
    expect(connection.getState()).toBe("closed");
    expect(told).toHaveBeenCalledOnce();
  });

  it("follows a room for its live events only when it holds nothing of it", () => {
    connection.start();
    latest().ready();

    connection.follow(9, null);

    expect(latest().sent).toContainEqual({ type: "subscribe", room: 9, after: null, changed_after: null });
  });

  it("unsubscribes when the last page following a room stops", () => {
    connection.start();
    latest().ready();
    const stopFirst = connection.follow(7, 1);
    const stopSecond = connection.follow(7, 1);

    stopFirst();
    expect(latest().sent.filter((frame) => frame.type === "unsubscribe")).toHaveLength(0);
    stopSecond();

    expect(latest().sent).toContainEqual({ type: "unsubscribe", room: 7 });
  });

  it("sends nothing while the connection is not ready", () => {
    connection.start();

    expect(connection.send({ type: "typing", room: 7 })).toBe(false);
    expect(latest().sent).toEqual([]);
  });
});
