"""Who is in a room now: online, idle, or (absent from the list) offline.

Each process knows its own sockets. What a person's sockets add up to in a room (online if any
is online, else idle) is kept in the cache — Redis when configured, shared by the processes —
for 75 seconds, renewed by the clients' presence frames every 30; it is broadcast to the room
when it changes. A process that dies leaves its entries to expire.
"""

import contextlib
import logging
from typing import TYPE_CHECKING

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer

from apps.core.cache import process_cache
from apps.realtime.events import encode, room_group

if TYPE_CHECKING:
    from apps.realtime.hub import Connection, Hub, Room

logger = logging.getLogger(__name__)

PRESENCE_TTL_SECONDS = 75
ONLINE, IDLE = "online", "idle"


def _key(room_id: int, user_id: int) -> str:
    return f"presence:{room_id}:{user_id}"


def _state_of(room: "Room", user_id: int) -> str | None:
    states = room.present.get(user_id, {})
    if not states:
        return None
    return ONLINE if ONLINE in states.values() else IDLE


async def _announce(room: "Room", user_id: int, state: str | None) -> None:
    """Store the person's state in the room and tell every process holding the room. Presence
    is a courtesy: while Redis is down it is skipped, never an error."""
    try:
        await _store_and_send(room, user_id, state)
    except Exception:
        logger.warning("Presence unavailable", exc_info=True)


async def _store_and_send(room: "Room", user_id: int, state: str | None) -> None:
    if state is None:
        await process_cache().adelete(_key(room.room_id, user_id))
    else:
        await process_cache().aset(_key(room.room_id, user_id), state, PRESENCE_TTL_SECONDS)
    layer = get_channel_layer()
    if layer is not None:
        await layer.group_send(
            room_group(room.room_id),
            {
                "type": "hub.event",
                "to": "room",
                "room": room.room_id,
                "kind": "presence",
                "user": user_id,
                "state": state,
            },
        )


async def arrive(hub: "Hub", room: "Room", connection: "Connection") -> None:
    """A socket joins the room: it gets who is here, and the room learns the person is."""
    before = _state_of(room, connection.user_id)
    room.present.setdefault(connection.user_id, {})[connection] = ONLINE
    if before != ONLINE:
        await _announce(room, connection.user_id, ONLINE)
    members = sorted(room.members)
    try:
        # One call for all the members: Django's aget_many reads key by key, each a hop to the
        # thread of synchronous calls and, with Redis, a round trip of its own (a socket joining
        # a 500-member room cost 500 of each), where get_many is one MGET.
        keys = [_key(room.room_id, member) for member in members]
        states = await sync_to_async(process_cache().get_many)(keys)
    except Exception:
        logger.warning("Presence unavailable", exc_info=True)
        states = {}
    users = {
        str(member): states[_key(room.room_id, member)]
        for member in members
        if _key(room.room_id, member) in states
    }
    await connection.send_text(encode({"type": "presence", **room.address, "users": users}))


async def depart(hub: "Hub", room: "Room", connection: "Connection") -> None:
    states = room.present.get(connection.user_id, {})
    if states.pop(connection, None) is None:
        return
    if not states:
        room.present.pop(connection.user_id, None)
        await _announce(room, connection.user_id, None)


async def set_state(hub: "Hub", connection: "Connection", state: str) -> None:
    """The client says it is active or idle (and so renews its presence in every room)."""
    for room_id in hub.subscribed(connection):
        room = hub.rooms[room_id]
        before = _state_of(room, connection.user_id)
        room.present.setdefault(connection.user_id, {})[connection] = state
        after = _state_of(room, connection.user_id)
        if after != before:
            await _announce(room, connection.user_id, after)
        else:  # unchanged: renewed in the cache, not broadcast
            with contextlib.suppress(Exception):
                await process_cache().aset(
                    _key(room.room_id, connection.user_id), after, PRESENCE_TTL_SECONDS
                )


async def relay(hub: "Hub", room: "Room", event: dict[str, object]) -> None:
    """A person's presence changed (in this process or another): tell the room's sockets."""
    frame = encode(
        {
            "type": "presence",
            **room.address,
            "users": {str(event["user"]): event["state"] or "offline"},
        }
    )
    for connection, subscription in list(room.subscriptions.items()):
        if not subscription.catching_up and connection.user_id != event["user"]:
            await connection.send_text(frame)


async def restore(hub: "Hub") -> None:
    """Tell every room again who of this process's sockets is here, after the cache and the
    channel layer were away (a restarted Redis forgets both): without it each process would
    count only its own sockets until the people's states changed."""
    for room in list(hub.rooms.values()):
        for user_id in list(room.present):
            await _announce(room, user_id, _state_of(room, user_id))
