"""The one socket of a browser tab, at /ws/ (docs/realtime.md describes every frame).

The socket is authenticated by the session cookie at connect, or by an API token in its first
frame. Every frame is checked: a malformed, oversized, unknown or refused one gets an ``error``
frame naming the problem, and the socket stays open. Membership is checked against the database
for every subscription and every message.
"""

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, cast

from channels.consumer import get_handler_name
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.core.exceptions import ValidationError
from rest_framework.authtoken.models import Token

from apps.accounts.models import User
from apps.chat import services as chat
from apps.chat.delivery import ChatLoader
from apps.chat.payloads import message_payload
from apps.core.errors import NotAllowedError
from apps.core.request_context import acting_from
from apps.realtime import presence
from apps.realtime.cache import process_cache
from apps.realtime.database import in_database
from apps.realtime.events import encode, room_group
from apps.realtime.hub import Hub, hub_for_this_loop

MAX_FRAME_BYTES = 32 * 1024  # 4,000 Chinese characters even when escaped as \uXXXX
MAX_SUBSCRIPTIONS = 50
TYPING_MAX_MEMBERS = 50
TYPING_INTERVAL_SECONDS = 2.0
AUTH_TIMEOUT_SECONDS = 10.0

loader = ChatLoader()
logger = logging.getLogger(__name__)


class FrameError(Exception):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code, self.detail = code, detail


def _int(frame: dict[str, Any], name: str) -> int:
    value = frame.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise FrameError("invalid", f"'{name}' must be a whole number.")
    return value


def _optional_int(frame: dict[str, Any], name: str) -> int | None:
    return None if frame.get(name) is None else _int(frame, name)


def _text(frame: dict[str, Any], name: str) -> str:
    value = frame.get(name)
    if not isinstance(value, str):
        raise FrameError("invalid", f"'{name}' must be text.")
    return value


def _uuid(frame: dict[str, Any], name: str) -> uuid.UUID:
    try:
        return uuid.UUID(_text(frame, name))
    except ValueError:
        raise FrameError("invalid", f"'{name}' must be a UUID.") from None


def _first_error(error: ValidationError) -> tuple[str, str]:
    """The code and message of a service's refusal, in the form of a frame."""
    details = error.error_dict.values() if hasattr(error, "error_dict") else [error.error_list]
    first = next(iter(details))[0]
    return first.code or "invalid", " ".join(first.messages)


class RealtimeConsumer(AsyncWebsocketConsumer):
    """One browser tab's socket. It has no channel-layer channel of its own: the process's hub
    receives each event once and writes it to the sockets that want it."""

    channel_layer_alias = None  # type: ignore[assignment]

    user_id: int
    session_key: str | None

    async def dispatch(self, message: dict[str, Any]) -> None:
        """As Channels dispatches, without its hop to the database thread before every event
        to close old connections: every database call here goes through ``in_database``,
        which checks the connection itself, and the hop made each frame wait for the thread."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def connect(self) -> None:
        await self.accept()
        self.user: User | None = None
        self.session_key = None
        self.typed_at: dict[int, float] = {}
        self.hub: Hub = hub_for_this_loop(loader)
        user = self.scope.get("user")
        if user is not None and user.is_authenticated and user.is_active:
            session = self.scope.get("session")
            self.session_key = session.session_key if session is not None else None
            await self._start(cast(User, user))  # resolved by the auth middleware
        else:
            self.auth_timeout = asyncio.get_running_loop().call_later(
                AUTH_TIMEOUT_SECONDS, lambda: asyncio.ensure_future(self._close_unauthenticated())
            )

    @property
    def client_address(self) -> str | None:
        """The client's address, for the audit trail (daphne's ``--proxy-headers`` put the
        client's behind the proxy)."""
        client = self.scope.get("client")
        return client[0] if client else None

    @property
    def me(self) -> User:
        """The signed-in person (frames other than 'auth' arrive only once there is one)."""
        if self.user is None:
            raise FrameError("not_authenticated", "Send an 'auth' frame with a token first.")
        return self.user

    async def _start(self, user: User) -> None:
        self.user, self.user_id = user, user.pk
        await self.hub.connect(self)
        await self.send_frame(
            {
                "type": "ready",
                "user": {
                    "id": user.pk,
                    "username": user.username,
                    "display_name": user.display_name,
                },
            }
        )

    async def _close_unauthenticated(self) -> None:
        if self.user is None:
            await self.send_frame(
                {"type": "error", "code": "not_authenticated", "detail": "No session or token."}
            )
            await self.close(code=4401)

    async def disconnect(self, code: int) -> None:
        if getattr(self, "user", None) is not None:
            await self.hub.disconnect(self)
        elif hasattr(self, "auth_timeout"):
            self.auth_timeout.cancel()

    # -- the hub's side ---------------------------------------------------------------------

    async def send_text(self, text: str) -> None:
        await self.send(text_data=text)

    async def close_with(self, code: int) -> None:
        await self.close(code=code)

    async def send_frame(self, frame: dict[str, Any]) -> None:
        await self.send(text_data=encode(frame))

    # -- frames from the client ---------------------------------------------------------------

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        frame: Any = None
        try:
            if text_data is None:
                raise FrameError("malformed", "Frames are JSON text.")
            if len(text_data.encode()) > MAX_FRAME_BYTES:
                raise FrameError("frame_too_large", f"A frame has at most {MAX_FRAME_BYTES} bytes.")
            try:
                frame = json.loads(text_data)
            except json.JSONDecodeError:
                raise FrameError("malformed", "The frame is not valid JSON.") from None
            if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
                raise FrameError("malformed", "A frame is a JSON object with a 'type'.")
            handler = self.handlers().get(frame["type"])
            if handler is None:
                raise FrameError("unknown_type", f"Unknown frame type '{frame['type']}'.")
            if self.user is None and frame["type"] != "auth":
                raise FrameError("not_authenticated", "Send an 'auth' frame with a token first.")
            with acting_from(self.client_address):
                await handler(frame)
        except FrameError as error:
            await self._refuse(frame, error.code, error.detail)
        except ValidationError as error:
            await self._refuse(frame, *_first_error(error))
        except NotAllowedError as error:
            await self._refuse(frame, error.code, error.message)

    async def _refuse(self, frame: Any, code: str, detail: str) -> None:
        refused: dict[str, Any] = {"type": "error", "code": code, "detail": detail}
        if isinstance(frame, dict):
            refused["refused"] = frame.get("type")
            for echo in ("ref", "client_id", "group"):
                if echo in frame:
                    refused[echo] = frame[echo]
        await self.send_frame(refused)

    def handlers(self) -> dict[str, Callable[[dict[str, Any]], Awaitable[None]]]:
        return {
            "auth": self.on_auth,
            "subscribe": self.on_subscribe,
            "unsubscribe": self.on_unsubscribe,
            "message.send": self.on_send,
            "message.edit": self.on_edit,
            "message.delete": self.on_delete,
            "typing": self.on_typing,
            "read": self.on_read,
            "presence": self.on_presence,
            "ping": self.on_ping,
        }

    async def on_auth(self, frame: dict[str, Any]) -> None:
        if self.user is not None:
            raise FrameError("already_authenticated", "This socket is signed in already.")
        user = await _user_of_token(_text(frame, "token"))
        if user is None:
            raise FrameError("not_authenticated", "The token is not valid.")
        self.auth_timeout.cancel()
        await self._start(user)

    async def on_subscribe(self, frame: dict[str, Any]) -> None:
        group_id = _int(frame, "group")
        after = _optional_int(frame, "after")
        changed_after = frame.get("changed_after")
        if changed_after is not None and not isinstance(changed_after, str):
            raise FrameError("invalid", "'changed_after' must be a time (ISO 8601).")
        subscribed = self.hub.subscribed(self)
        if group_id not in subscribed and len(subscribed) >= MAX_SUBSCRIPTIONS:
            raise FrameError(
                "too_many_subscriptions", f"A socket follows at most {MAX_SUBSCRIPTIONS} groups."
            )
        membership = await in_database(chat.active_membership)(self.me, group_id)
        await self.hub.subscribe(self, group_id, after, changed_after)
        unread = await in_database(chat.unread_count)(membership)
        await self.send_frame({"type": "subscribed", "group": group_id, "unread": unread})

    async def on_unsubscribe(self, frame: dict[str, Any]) -> None:
        group_id = _int(frame, "group")
        await self.hub.unsubscribe(self, group_id)

    async def on_send(self, frame: dict[str, Any]) -> None:
        group_id = _int(frame, "group")
        client_id, body = _uuid(frame, "client_id"), _text(frame, "body")
        topic, reply_to = _optional_int(frame, "topic"), _optional_int(frame, "reply_to")
        message, _created = await in_database(_post_within_rate)(
            self.me, group_id, body, client_id, topic, reply_to
        )
        await self.send_frame(
            {"type": "message.ack", "client_id": str(client_id), "message": message}
        )

    async def on_edit(self, frame: dict[str, Any]) -> None:
        group_id, message_id = _int(frame, "group"), _int(frame, "message")
        body = _text(frame, "body")
        await in_database(chat.edit_message)(
            user=self.me, group_id=group_id, message_id=message_id, body=body
        )

    async def on_delete(self, frame: dict[str, Any]) -> None:
        group_id, message_id = _int(frame, "group"), _int(frame, "message")
        await in_database(chat.delete_message)(
            user=self.me, group_id=group_id, message_id=message_id
        )

    async def on_typing(self, frame: dict[str, Any]) -> None:
        group_id = _int(frame, "group")
        room = self.hub.rooms.get(group_id)
        if room is None or self not in room.subscriptions:
            raise FrameError("not_subscribed", "Subscribe to the group first.")
        if len(room.members) > TYPING_MAX_MEMBERS:
            raise FrameError(
                "typing_disabled", f"Typing is not shown in groups of over {TYPING_MAX_MEMBERS}."
            )
        now = time.monotonic()
        if now - self.typed_at.get(group_id, 0.0) < TYPING_INTERVAL_SECONDS:
            return  # the room heard it a moment ago
        self.typed_at[group_id] = now
        text = encode(
            {
                "type": "typing",
                "group": group_id,
                "user": {"id": self.user_id, "display_name": self.me.display_name},
            }
        )
        await self.hub.layer.group_send(
            room_group(group_id),
            {"type": "hub.event", "to": "room", "group": group_id, "kind": "change", "text": text},
        )

    async def on_read(self, frame: dict[str, Any]) -> None:
        group_id, message_id = _int(frame, "group"), _int(frame, "message")
        await in_database(chat.mark_read)(user=self.me, group_id=group_id, message_id=message_id)

    async def on_presence(self, frame: dict[str, Any]) -> None:
        state = frame.get("state")
        if state not in (presence.ONLINE, presence.IDLE):
            raise FrameError("invalid", "'state' is 'online' or 'idle'.")
        await presence.set_state(self.hub, self, state)

    async def on_ping(self, frame: dict[str, Any]) -> None:
        await self.send_frame({"type": "pong"})


@in_database
def _user_of_token(key: str) -> User | None:
    token = Token.objects.select_related("user").filter(key=key).first()
    return token.user if token is not None and token.user.is_active else None


def _post_within_rate(
    user: User,
    group_id: int,
    body: str,
    client_id: uuid.UUID,
    topic: int | None,
    reply_to: int | None,
) -> tuple[dict[str, Any], bool]:
    """Post the message unless the person is over the rate. One call on the database thread:
    the counter is read there too, rather than in calls of its own that would each wait for
    the thread (the local-memory and Redis caches both run their async methods there)."""
    if not _within_rate(user.pk):
        raise FrameError(
            "rate_limited",
            f"At most {settings.CHAT_MESSAGES_PER_MINUTE} messages a minute; wait a little.",
        )
    message, created = chat.post_message(
        author=user,
        group_id=group_id,
        body=body,
        client_id=client_id,
        topic_id=topic,
        reply_to_id=reply_to,
    )
    return message_payload(message), created


def _within_rate(user_id: int) -> bool:
    """Messages a person may send in the current minute: one counter for all processes when the
    cache is Redis."""
    key = f"chat-rate:{user_id}:{int(time.time() // 60)}"
    try:
        cache = process_cache()
        count = 1 if cache.add(key, 1, 90) else cache.incr(key)
    except ValueError:  # the counter expired between the two calls: a new minute
        count = 1
    except Exception:
        # The cache (Redis) is down: let people talk rather than refuse every message.
        logger.warning("The chat's rate limit is unavailable", exc_info=True)
        return True
    return bool(count <= settings.CHAT_MESSAGES_PER_MINUTE)
