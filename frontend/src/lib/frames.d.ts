/**
 * The frames of the socket protocol (docs/realtime.md), generated from the backend's
 * apps/core/frames.py by `make api-types`. Do not edit: change the Python and regenerate.
 */

export interface RoomAddress {
  room: number;
  group?: number;
}

export interface Person {
  id: number;
  username: string;
  display_name: string;
}

export interface Typist {
  id: number;
  display_name: string;
}

export interface MessagePayload {
  id: number;
  room: number;
  group?: number;
  seq: number;
  topic: number | null;
  reply_to: number | null;
  author: Person | null;
  body: string;
  mentions: number[];
  client_id: string;
  created_at: string;
  edited_at: string | null;
  deleted: boolean;
}

export interface TopicPayload {
  id: number;
  room: number;
  group?: number;
  title: string;
}

export interface NotificationTarget {
  kind: string;
  id: number | null;
  label: string;
  link: string;
}

export interface NotificationPayload {
  id: number;
  kind: string;
  actor: string | null;
  target: NotificationTarget | null;
  excerpt: string;
  created_at: string;
  read_at: string | null;
}

export interface MatchRunPayload {
  id: number;
  status: "queued" | "running" | "done" | "failed";
  total_fit: number | null;
  error: string;
}

export interface ReadyFrame {
  type: "ready";
  user: Person;
}

export interface SubscribedFrame {
  type: "subscribed";
  room: number;
  group?: number;
  unread: number;
}

export interface MessageNewFrame {
  type: "message.new";
  message: MessagePayload;
}

export interface MessageAckFrame {
  type: "message.ack";
  client_id: string;
  message: MessagePayload;
}

export interface MessageEditedFrame {
  type: "message.edited";
  message: MessagePayload;
}

export interface MessageDeletedFrame {
  type: "message.deleted";
  message: MessagePayload;
}

export interface TopicNewFrame {
  type: "topic.new";
  topic: TopicPayload;
}

export interface TypingFrame {
  type: "typing";
  room: number;
  group?: number;
  user: Typist;
}

export interface PresenceFrame {
  type: "presence";
  room: number;
  group?: number;
  users: Record<string, "online" | "idle" | "offline">;
}

export interface UnreadFrame {
  type: "unread";
  room: number;
  group?: number;
  count: number;
  last_read: number;
}

export interface NotificationFrame {
  type: "notification";
  notification: NotificationPayload;
}

export interface MatchRunFrame {
  type: "match_run";
  run: MatchRunPayload;
}

export interface RoomRemovedFrame {
  type: "room.removed";
  room: number;
  group?: number;
}

export interface PongFrame {
  type: "pong";
}

export interface ErrorFrame {
  type: "error";
  code: string;
  detail: string;
  refused?: string | null;
  ref?: unknown;
  client_id?: unknown;
  room?: unknown;
  group?: unknown;
}

export interface AuthFrame {
  type: "auth";
  token: string;
  ref?: unknown;
}

export interface SubscribeFrame {
  type: "subscribe";
  room?: number;
  group?: number;
  after: number | null;
  changed_after?: string | null;
  ref?: unknown;
}

export interface UnsubscribeFrame {
  type: "unsubscribe";
  room?: number;
  group?: number;
  ref?: unknown;
}

export interface MessageSendFrame {
  type: "message.send";
  room?: number;
  group?: number;
  body: string;
  client_id: string;
  topic?: number | null;
  reply_to?: number | null;
  ref?: unknown;
}

export interface MessageEditFrame {
  type: "message.edit";
  room?: number;
  group?: number;
  message: number;
  body: string;
  ref?: unknown;
}

export interface MessageDeleteFrame {
  type: "message.delete";
  room?: number;
  group?: number;
  message: number;
  ref?: unknown;
}

export interface TypingSendFrame {
  type: "typing";
  room?: number;
  group?: number;
  ref?: unknown;
}

export interface ReadFrame {
  type: "read";
  room?: number;
  group?: number;
  message: number;
  ref?: unknown;
}

export interface PresenceSendFrame {
  type: "presence";
  state: "online" | "idle";
  ref?: unknown;
}

export interface PingFrame {
  type: "ping";
  ref?: unknown;
}

export type ServerFrame =
  | ReadyFrame
  | SubscribedFrame
  | MessageNewFrame
  | MessageAckFrame
  | MessageEditedFrame
  | MessageDeletedFrame
  | TopicNewFrame
  | TypingFrame
  | PresenceFrame
  | UnreadFrame
  | NotificationFrame
  | MatchRunFrame
  | RoomRemovedFrame
  | PongFrame
  | ErrorFrame;

export type ClientFrame =
  | AuthFrame
  | SubscribeFrame
  | UnsubscribeFrame
  | MessageSendFrame
  | MessageEditFrame
  | MessageDeleteFrame
  | TypingSendFrame
  | ReadFrame
  | PresenceSendFrame
  | PingFrame;
