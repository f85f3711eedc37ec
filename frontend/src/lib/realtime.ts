/**
 * The tab's one socket to the server (docs/realtime.md): it reconnects by itself with a
 * growing delay, subscribes again to every group it follows from the last message it saw,
 * and keeps the person present. Features listen to the frames they need.
 */
import { useEffect, useSyncExternalStore } from "react";

import type { Schemas } from "@/lib/api";

export type ChatMessage = Schemas["Message"];
export type ConnectionState = "connecting" | "open" | "reconnecting" | "closed";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frames are JSON of many shapes
export type Frame = { type: string } & Record<string, any>;
type Listener = (frame: Frame) => void;

const PRESENCE_INTERVAL_MS = 30_000;
const MAX_RETRY_DELAY_MS = 30_000;

interface Following {
  lastId: number | null;
  count: number;
}

// Edits and deletions are asked for from a little before the disconnection: the two clocks
// may differ, and an edit received twice changes nothing.
const CLOCK_MARGIN_MS = 120_000;

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

  constructor(private readonly url: string) {}

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
    socket.onmessage = (event: MessageEvent<string>) => this.receive(JSON.parse(event.data) as Frame);
    socket.onclose = (event: CloseEvent) => {
      clearInterval(this.presenceTimer);
      this.socket = null;
      if (event.code === 4401 || event.code === 4403) {
        this.wanted = false; // signed out or deactivated: reconnecting would not help
        this.setState("closed");
        return;
      }
      this.changedAfter ??= new Date(Date.now() - CLOCK_MARGIN_MS).toISOString();
      if (!this.wanted) {
        return;
      }
      this.setState("reconnecting");
      const delay = Math.min(1000 * 2 ** this.retries, MAX_RETRY_DELAY_MS);
      this.retries += 1;
      this.retryTimer = setTimeout(() => this.open(), delay);
    };
  }

  private receive(frame: Frame): void {
    if (frame.type === "ready") {
      this.retries = 0;
      this.setState("open");
      for (const [group, following] of this.following) {
        this.sendSubscribe(group, following);
      }
      this.changedAfter = null;
      this.presenceTimer = setInterval(() => this.sendPresence(), PRESENCE_INTERVAL_MS);
    }
    if (frame.type === "message.new") {
      const message = frame.message as ChatMessage;
      const following = this.following.get(message.group);
      if (following && (following.lastId === null || message.id > following.lastId)) {
        following.lastId = message.id;
      }
    }
    this.listeners.get(frame.type)?.forEach((listener) => listener(frame));
    this.listeners.get("*")?.forEach((listener) => listener(frame));
  }

  /** Listen to frames of ``type`` (``*`` for all); returns the way to stop. */
  on(type: string, listener: Listener): () => void {
    const listeners = this.listeners.get(type) ?? new Set<Listener>();
    listeners.add(listener);
    this.listeners.set(type, listeners);
    return () => listeners.delete(listener);
  }

  send(frame: Frame): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN || this.state !== "open") {
      return false;
    }
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /**
   * Follow a group from message ``afterId`` (what the page already holds): the server sends
   * everything after it, then the live events, now and after every reconnection.
   */
  follow(group: number, afterId: number | null): () => void {
    const following = this.following.get(group) ?? { lastId: afterId, count: 0 };
    if (afterId !== null && (following.lastId === null || afterId > following.lastId)) {
      following.lastId = afterId;
    }
    following.count += 1;
    this.following.set(group, following);
    if (this.state === "open") {
      this.sendSubscribe(group, following);
    }
    return () => {
      following.count -= 1;
      if (following.count === 0) {
        this.following.delete(group);
        this.send({ type: "unsubscribe", group });
      }
    };
  }

  private sendSubscribe(group: number, following: Following): void {
    this.send({
      type: "subscribe",
      group,
      after: following.lastId ?? 0,
      changed_after: this.changedAfter,
    });
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
export function useFrames(type: string, listener: Listener): void {
  useEffect(() => realtime.on(type, listener), [type, listener]);
}
