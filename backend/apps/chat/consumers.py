"""The socket's chat frames: following rooms, sending, editing, deleting, typing, read markers.

The transport (signing in, presence, the hub that fans a room's messages out in order) is
``apps.realtime``; this consumer adds what a room holds. Membership is checked against the
database for every subscription and every message. A frame names its room by ``room``; during
the protocol's compatibility period, a study group's room may be named by ``group`` instead
(docs/realtime.md).
"""

import time
from datetime import UTC
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.chat import services
from apps.chat.delivery import ChatLoader
from apps.chat.payloads import message_payload
from apps.chat.permissions import require_member
from apps.chat.selectors import room_of_study_group, unread_count
from apps.realtime.consumers import (
    FrameError,
    Handler,
    SocketConsumer,
    optional_whole_number,
    text,
    uuid_of,
    whole_number,
)
from apps.realtime.database import in_database
from apps.realtime.events import encode

MAX_SUBSCRIPTIONS = 50
TYPING_MAX_MEMBERS = 50
TYPING_INTERVAL_SECONDS = 2.0


class ChatConsumer(SocketConsumer):
    loader = ChatLoader()
    echoed = ("ref", "client_id", "room", "group")

    async def connect(self) -> None:
        self.typed_at: dict[int, float] = {}
        await super().connect()

    @property
    def person(self) -> User:
        return self.me  # type: ignore[return-value]  # the project's user model

    def who(self, user: Any) -> dict[str, Any]:
        return {"id": user.pk, "username": user.username, "display_name": user.display_name}

    def frame_handlers(self) -> dict[str, Handler]:
        return {
            **super().frame_handlers(),
            "subscribe": self.on_subscribe,
            "unsubscribe": self.on_unsubscribe,
            "message.send": self.on_send,
            "message.edit": self.on_edit,
            "message.delete": self.on_delete,
            "typing": self.on_typing,
            "read": self.on_read,
        }

    async def _room_id(self, frame: dict[str, Any]) -> int:
        """The room a frame is about: its ``room``, or the room of the study group ``group``."""
        if "room" in frame or "group" not in frame:
            return whole_number(frame, "room")
        room_id = await in_database(room_of_study_group)(whole_number(frame, "group"))
        if room_id is None:
            raise FrameError("not_member", _("You are not a member of this room."))
        return room_id

    async def on_subscribe(self, frame: dict[str, Any]) -> None:
        room_id = await self._room_id(frame)
        after = optional_whole_number(frame, "after")
        changed_after = _moment_in_utc(frame.get("changed_after"))
        subscribed = self.hub.subscribed(self)
        if room_id not in subscribed and len(subscribed) >= MAX_SUBSCRIPTIONS:
            raise FrameError(
                "too_many_subscriptions",
                _("A socket follows at most %(limit)d rooms.") % {"limit": MAX_SUBSCRIPTIONS},
            )
        member = await in_database(require_member)(self.person, room_id)
        address = await self.hub.subscribe(self, room_id, after, changed_after)
        if address is None:  # removed a moment ago
            raise FrameError("not_member", _("You are not a member of this room."))
        unread = await in_database(unread_count)(member)
        await self.send_frame({"type": "subscribed", **address, "unread": unread})

    async def on_unsubscribe(self, frame: dict[str, Any]) -> None:
        await self.hub.unsubscribe(self, await self._room_id(frame))

    async def on_send(self, frame: dict[str, Any]) -> None:
        room_id = await self._room_id(frame)
        client_id, body = uuid_of(frame, "client_id"), text(frame, "body")
        topic, reply_to = (
            optional_whole_number(frame, "topic"),
            optional_whole_number(frame, "reply_to"),
        )
        message = await in_database(_post)(self.person, room_id, body, client_id, topic, reply_to)
        await self.send_frame(
            {"type": "message.ack", "client_id": str(client_id), "message": message}
        )

    async def on_edit(self, frame: dict[str, Any]) -> None:
        room_id, message_id = await self._room_id(frame), whole_number(frame, "message")
        body = text(frame, "body")
        await in_database(services.edit_message)(
            user=self.person, room_id=room_id, message_id=message_id, body=body
        )

    async def on_delete(self, frame: dict[str, Any]) -> None:
        room_id, message_id = await self._room_id(frame), whole_number(frame, "message")
        await in_database(services.delete_message)(
            user=self.person, room_id=room_id, message_id=message_id
        )

    async def on_typing(self, frame: dict[str, Any]) -> None:
        room_id = await self._room_id(frame)
        room = self.hub.rooms.get(room_id)
        if room is None or self not in room.subscriptions:
            raise FrameError("not_subscribed", _("Subscribe to the room first."))
        if len(room.members) > TYPING_MAX_MEMBERS:
            raise FrameError(
                "typing_disabled",
                _("Typing is not shown in rooms of over %(limit)d members.")
                % {"limit": TYPING_MAX_MEMBERS},
            )
        now = time.monotonic()
        if now - self.typed_at.get(room_id, 0.0) < TYPING_INTERVAL_SECONDS:
            return  # the room heard it a moment ago
        self.typed_at[room_id] = now
        typist = {"id": self.user_id, "display_name": self.person.display_name}
        await self.hub.send_to_room(
            room_id, encode({"type": "typing", **room.address, "user": typist})
        )

    async def on_read(self, frame: dict[str, Any]) -> None:
        room_id, message_id = await self._room_id(frame), whole_number(frame, "message")
        await in_database(services.mark_read)(
            user=self.person, room_id=room_id, message_id=message_id
        )


def _moment_in_utc(value: Any) -> str | None:
    """``changed_after``: a time in ISO 8601 (without an offset, in the site's time zone), as
    UTC; ``None`` when absent."""
    if value is None:
        return None
    try:
        moment = parse_datetime(value) if isinstance(value, str) else None
        if moment is None:
            raise ValueError(value)
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment.astimezone(UTC).isoformat()
    except (ValueError, OverflowError):
        raise FrameError("invalid", _("'changed_after' must be a time (ISO 8601).")) from None


def _post(
    user: User,
    room_id: int,
    body: str,
    client_id: Any,
    topic: int | None,
    reply_to: int | None,
) -> dict[str, Any]:
    """Post, and the message's public form, in one call on the database thread (each call
    waits for the thread)."""
    message, _created = services.post_message(
        author=user,
        room_id=room_id,
        body=body,
        client_id=client_id,
        topic_id=topic,
        reply_to_id=reply_to,
    )
    return dict(message_payload(message))
