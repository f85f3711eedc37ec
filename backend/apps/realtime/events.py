"""Publishing real-time events: sent only once the transaction that caused them commits.

The database is the source of truth; the channel layer is at-most-once. An event that is lost
(Redis down, a full queue) costs a listener nothing it cannot recover: a room's messages carry a
gapless sequence number, and the listening process fills any gap from the database.

Events go to a room (``room.<id>``: the processes holding sockets subscribed to it) or to a
person (``user.<id>``: the processes holding their sockets). This module knows rooms and people
by id only; what a room is, and who may be in it, is the business of the app that sends.
"""

import json
import logging
from collections.abc import Mapping
from functools import partial
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def room_group(room_id: int) -> str:
    """The channel-layer group of the processes holding sockets subscribed to a room."""
    return f"room.{room_id}"


def user_group(user_id: int) -> str:
    """The channel-layer group of the processes holding a person's sockets."""
    return f"user.{user_id}"


def encode(frame: Mapping[str, Any]) -> str:
    """A frame as sent on the socket: encoded once, however many sockets receive it."""
    return json.dumps(frame, ensure_ascii=False, separators=(",", ":"))


def send_now(layer_group: str, event: dict[str, Any]) -> None:
    """Hand an event to the channel layer; a failure is logged, never raised: what it carried
    is in the database already."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(layer_group, {"type": "hub.event", **event})
    except Exception:
        logger.exception("Could not publish an event to %s", layer_group)


def publish_to_room(room_id: int, event: dict[str, Any]) -> None:
    """Send ``event`` to the processes with sockets in the room, after commit."""
    transaction.on_commit(
        partial(send_now, room_group(room_id), {"to": "room", "room": room_id, **event})
    )


def publish_to_user(user_id: int, event: dict[str, Any]) -> None:
    """Send ``event`` to the processes holding the person's sockets, after commit."""
    transaction.on_commit(
        partial(send_now, user_group(user_id), {"to": "user", "user": user_id, **event})
    )


def frame_to_user(user_id: int, frame: Mapping[str, Any]) -> None:
    """Send a frame to every open socket of the person, after commit."""
    publish_to_user(user_id, {"kind": "frame", "text": encode(frame)})


def room_left(user_id: int, room_id: int) -> None:
    """The person is no longer in the room: after commit, their sockets stop receiving it."""
    publish_to_user(user_id, {"kind": "room_left", "room": room_id})
