"""The socket protocol as types: every frame the server sends, and every frame a client may send.

A contract shared by the apps that speak on the socket (``realtime`` for the connection,
``chat`` for rooms, ``notifications``), as the error shape of ``apps.core.api.errors`` is for
REST; ``docs/realtime.md`` describes each frame in words. The front end's frame types are
generated from this module (``manage.py frame_types``; ``make api-types``), and the consumer
tests check every frame the server sends against these definitions.

During the compatibility period of the protocol's first version, frames about a study group's
room also carry ``group`` (the group's id) beside ``room``.
"""

from typing import Literal, NotRequired, TypedDict

# -- what frames carry --------------------------------------------------------------------------


class RoomAddress(TypedDict):
    room: int
    group: NotRequired[int]


class Person(TypedDict):
    id: int
    username: str
    display_name: str


class Typist(TypedDict):
    id: int
    display_name: str


class MessagePayload(TypedDict):
    id: int
    room: int
    group: NotRequired[int]
    seq: int
    topic: int | None
    reply_to: int | None
    author: Person | None
    body: str
    mentions: list[int]
    client_id: str
    created_at: str
    edited_at: str | None
    deleted: bool


class TopicPayload(TypedDict):
    id: int
    room: int
    group: NotRequired[int]
    title: str


class NotificationTarget(TypedDict):
    kind: str
    id: int | None
    label: str
    link: str


class NotificationPayload(TypedDict):
    id: int
    kind: str
    actor: str | None
    target: NotificationTarget | None
    excerpt: str
    created_at: str
    read_at: str | None


class MatchRunPayload(TypedDict):
    id: int
    status: Literal["queued", "running", "done", "failed"]
    total_fit: float | None
    error: str


PresenceState = Literal["online", "idle", "offline"]

# -- server → client ----------------------------------------------------------------------------


class ReadyFrame(TypedDict):
    type: Literal["ready"]
    user: Person


class SubscribedFrame(TypedDict):
    type: Literal["subscribed"]
    room: int
    group: NotRequired[int]
    unread: int


class MessageNewFrame(TypedDict):
    type: Literal["message.new"]
    message: MessagePayload


class MessageAckFrame(TypedDict):
    type: Literal["message.ack"]
    client_id: str
    message: MessagePayload


class MessageEditedFrame(TypedDict):
    type: Literal["message.edited"]
    message: MessagePayload


class MessageDeletedFrame(TypedDict):
    type: Literal["message.deleted"]
    message: MessagePayload


class TopicNewFrame(TypedDict):
    type: Literal["topic.new"]
    topic: TopicPayload


class TypingFrame(TypedDict):
    type: Literal["typing"]
    room: int
    group: NotRequired[int]
    user: Typist


class PresenceFrame(TypedDict):
    type: Literal["presence"]
    room: int
    group: NotRequired[int]
    users: dict[str, PresenceState]


class UnreadFrame(TypedDict):
    type: Literal["unread"]
    room: int
    group: NotRequired[int]
    count: int
    last_read: int


class NotificationFrame(TypedDict):
    type: Literal["notification"]
    notification: NotificationPayload


class MatchRunFrame(TypedDict):
    type: Literal["match_run"]
    run: MatchRunPayload


class RoomRemovedFrame(TypedDict):
    type: Literal["room.removed"]
    room: int
    group: NotRequired[int]


class PongFrame(TypedDict):
    type: Literal["pong"]


class ErrorFrame(TypedDict):
    type: Literal["error"]
    code: str
    detail: str
    refused: NotRequired[str | None]
    ref: NotRequired[object]
    client_id: NotRequired[object]
    room: NotRequired[object]
    group: NotRequired[object]


ServerFrame = (
    ReadyFrame
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
    | ErrorFrame
)

# -- client → server ----------------------------------------------------------------------------
# Each names its room by ``room``; ``group`` (a study group's id) is accepted instead during the
# compatibility period. Any frame may carry a ``ref`` of the client's choosing.


class AuthFrame(TypedDict):
    type: Literal["auth"]
    token: str
    ref: NotRequired[object]


class SubscribeFrame(TypedDict):
    type: Literal["subscribe"]
    room: NotRequired[int]
    group: NotRequired[int]
    after: int | None
    changed_after: NotRequired[str | None]
    ref: NotRequired[object]


class UnsubscribeFrame(TypedDict):
    type: Literal["unsubscribe"]
    room: NotRequired[int]
    group: NotRequired[int]
    ref: NotRequired[object]


class MessageSendFrame(TypedDict):
    type: Literal["message.send"]
    room: NotRequired[int]
    group: NotRequired[int]
    body: str
    client_id: str
    topic: NotRequired[int | None]
    reply_to: NotRequired[int | None]
    ref: NotRequired[object]


class MessageEditFrame(TypedDict):
    type: Literal["message.edit"]
    room: NotRequired[int]
    group: NotRequired[int]
    message: int
    body: str
    ref: NotRequired[object]


class MessageDeleteFrame(TypedDict):
    type: Literal["message.delete"]
    room: NotRequired[int]
    group: NotRequired[int]
    message: int
    ref: NotRequired[object]


class TypingSendFrame(TypedDict):
    type: Literal["typing"]
    room: NotRequired[int]
    group: NotRequired[int]
    ref: NotRequired[object]


class ReadFrame(TypedDict):
    type: Literal["read"]
    room: NotRequired[int]
    group: NotRequired[int]
    message: int
    ref: NotRequired[object]


class PresenceSendFrame(TypedDict):
    type: Literal["presence"]
    state: Literal["online", "idle"]
    ref: NotRequired[object]


class PingFrame(TypedDict):
    type: Literal["ping"]
    ref: NotRequired[object]


ClientFrame = (
    AuthFrame
    | SubscribeFrame
    | UnsubscribeFrame
    | MessageSendFrame
    | MessageEditFrame
    | MessageDeleteFrame
    | TypingSendFrame
    | ReadFrame
    | PresenceSendFrame
    | PingFrame
)
