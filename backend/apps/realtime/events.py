"""Publishing real-time events: sent only once the transaction that caused them commits.

The database is the source of truth; the channel layer is at-most-once. An event that is lost
(Redis down, a full queue) costs a listener nothing it cannot recover: chat messages carry a
gapless per-group sequence number, and the listening process fills any gap from the database.
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


def room_group(group_id: int) -> str:
    """The channel-layer group of the processes holding sockets subscribed to a study group."""
    return f"room.{group_id}"


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


def publish_to_room(group_id: int, event: dict[str, Any]) -> None:
    """Send ``event`` to the processes with sockets in the group's room, after commit."""
    transaction.on_commit(
        partial(send_now, room_group(group_id), {"to": "room", "group": group_id, **event})
    )


def publish_to_user(user_id: int, event: dict[str, Any]) -> None:
    """Send ``event`` to the processes holding the person's sockets, after commit."""
    transaction.on_commit(
        partial(send_now, user_group(user_id), {"to": "user", "user": user_id, **event})
    )
