/**
 * The tab's one socket to the server (docs/realtime.md): it reconnects by itself with a
 * growing delay, subscribes again to every room it follows from the last message it saw, and
 * keeps the person present. Features listen to the frames they need; the frames' types are
 * generated from the backend (`frames.d.ts`).
 */
import { useEffect, useSyncExternalStore } from "react";

import type { ClientFrame, MessagePayload, ServerFrame } from "@/lib/frames";
import { signedOut } from "@/lib/signed-out";

export type ChatMessage = MessagePayload;
export type { ClientFrame, ServerFrame };
export type ConnectionState = "connecting" | "open" | "reconnecting" | "closed";
export type FrameOf<T extends ServerFrame["type"]> = Extract<ServerFrame, { type: T }>;
type Listener = (frame: ServerFrame) => void;

const PRESENCE_INTERVAL_MS = 30_000;
const MAX_RETRY_DELAY_MS = 30_000;
// The server closes a socket with these when its session ended (4401) or the account was
// closed (4403): reconnecting would not help.
const SIGNED_OUT_CODES = new Set([4401, 4403]);

interface Following {
  /** The last message id seen; null: live events only, nothing from before. */
  lastId: number | null;
  count: number;
}

// Edits and deletions are asked for from a little before the disconnection: the two clocks
// may differ, and an edit received twice changes nothing.
const CLOCK_MARGIN_MS = 120_000;

/** Whether the browser's session still holds (asked before each reconnection). */
async function sessionHolds(): Promise<boolean> {
  try {
    const response = await fetch("/api/v1/me/", { credentials: "same-origin" });
    return response.status !== 401 && response.status !== 403;
  } catch {
    return true; // the network is down, not the session: keep trying
  }
}

export class RealtimeConnection {
  private socket: WebSocket | null = null;
  private state: ConnectionState = "closed";
  private stateListeners = new Set<() => void>();
  private listeners = new Map<string, Set<Listener>>();
  private following = new Map<number, Following>();
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private presenceTimer: ReturnType<typeof setInterval> | undefined;
  private wanted = false;
  private changedAfter: string | null = null;

  constructor(
    private readonly url: string,
    private readonly checkSession: () => Promise<boolean> = sessionHolds,
  ) {}

  getState = (): ConnectionState => this.state;

  onState = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  private setState(state: ConnectionState): void {
    this.state = state;
    this.stateListeners.forEach((listener) => listener());
  }

  /** Open the socket (once signed in); it stays open, reconnecting, until ``stop``. */
  start(): void {
    this.wanted = true;
    if (!this.socket) {
      this.open();
    }
  }

  stop(): void {
    this.wanted = false;
    clearTimeout(this.retryTimer);
    clearInterval(this.presenceTimer);
    this.socket?.close();
    this.socket = null;
    this.setState("closed");
  }

  private open(): void {
    this.setState(this.retries === 0 ? "connecting" : "reconnecting");
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onmessage = (event: MessageEvent<string>) => this.receive(JSON.parse(event.data) as ServerFrame);
    socket.onclose = (event: CloseEvent) => {
      clearInterval(this.presenceTimer);
      this.socket = null;
      if (SIGNED_OUT_CODES.has(event.code)) {
        this.endSignedOut();
        return;
      }
      this.changedAfter ??= new Date(Date.now() - CLOCK_MARGIN_MS).toISOString();
      if (!this.wanted) {
        return;
      }
      this.setState("reconnecting");
      const delay = Math.min(1000 * 2 ** this.retries, MAX_RETRY_DELAY_MS);
      this.retries += 1;
      this.retryTimer = setTimeout(() => void this.reconnect(), delay);
    };
  }

  /** Open again, unless the session ended meanwhile (signed out in another tab, expired). */
  private async reconnect(): Promise<void> {
    if (!this.wanted) {
      return;
    }
    if (!(await this.checkSession())) {
      this.endSignedOut();
      return;
    }
    if (this.wanted && !this.socket) {
      this.open();
    }
  }

  private endSignedOut(): void {
    this.wanted = false;
    this.setState("closed");
    signedOut.notify();
  }

  private receive(frame: ServerFrame): void {
    if (frame.type === "ready") {
      this.retries = 0;
      this.setState("open");
      for (const [room, following] of this.following) {
        this.sendSubscribe(room, following);
      }
      this.changedAfter = null;
      this.presenceTimer = setInterval(() => this.sendPresence(), PRESENCE_INTERVAL_MS);
    }
    if (frame.type === "message.new") {
      const following = this.following.get(frame.message.room);
      if (following && (following.lastId === null || frame.message.id > following.lastId)) {
        following.lastId = frame.message.id;
      }
    }
    this.listeners.get(frame.type)?.forEach((listener) => listener(frame));
    this.listeners.get("*")?.forEach((listener) => listener(frame));
  }

  /** Listen to frames of ``type`` (``*`` for all); returns the way to stop. */
  on<T extends ServerFrame["type"]>(type: T, listener: (frame: FrameOf<T>) => void): () => void;
  on(type: "*", listener: Listener): () => void;
  on(type: string, listener: Listener): () => void {
    const listeners = this.listeners.get(type) ?? new Set<Listener>();
    listeners.add(listener);
    this.listeners.set(type, listeners);
    return () => listeners.delete(listener);
  }

  send(frame: ClientFrame): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN || this.state !== "open") {
      return false;
    }
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /**
   * Follow a room from message ``afterId`` (what the page already holds; ``null`` for live
   * events only): the server sends everything after it, then the live events, now and after
   * every reconnection.
   */
  follow(room: number, afterId: number | null): () => void {
    const following = this.following.get(room) ?? { lastId: afterId, count: 0 };
    if (afterId !== null && (following.lastId === null || afterId > following.lastId)) {
      following.lastId = afterId;
    }
    following.count += 1;
    this.following.set(room, following);
    if (this.state === "open") {
      this.sendSubscribe(room, following);
    }
    return () => {
      following.count -= 1;
      if (following.count === 0) {
        this.following.delete(room);
        this.send({ type: "unsubscribe", room });
      }
    };
  }

  private sendSubscribe(room: number, following: Following): void {
    this.send({ type: "subscribe", room, after: following.lastId, changed_after: this.changedAfter });
  }

  private sendPresence(): void {
    this.send({ type: "presence", state: document.visibilityState === "visible" ? "online" : "idle" });
  }
}

function socketUrl(): string {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${window.location.host}/ws/`;
}

export const realtime = new RealtimeConnection(socketUrl());

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(realtime.onState, realtime.getState);
}

/** Call ``listener`` for each frame of ``type`` while the component is mounted. */
export function useFrames<T extends ServerFrame["type"]>(
  type: T,
  listener: (frame: FrameOf<T>) => void,
): void {
  useEffect(() => realtime.on(type, listener), [type, listener]);
}

/** Call ``listener`` for every frame while the component is mounted. */
export function useAllFrames(listener: (frame: ServerFrame) => void): void {
  useEffect(() => realtime.on("*", listener), [listener]);
}
