"""Fan-out inside one process: each event reaches the process once, whatever the number of
its sockets, and the process writes the already-encoded frame to each of them.

A bare Channels consumer joins every socket to the channel-layer group, so a room message costs
one layer message, one queue hop and one JSON encoding per socket. Here the process holds one
layer channel; it joins the layer group of a room (``room.<id>``) or a person (``user.<id>``)
when its first socket needs it and leaves when its last one goes.

A room's messages carry a gapless sequence number. A room delivers them in that order:
a message that arrives early waits while the missing ones are read from the database, and
one that arrives twice is dropped. A socket that subscribes catches up from the database
while live messages are held back for it, then continues with the live ones: every message
after the one it asks for, exactly once, in order. A safety net compares each room with the
database every few seconds, and after the channel layer fails (Redis restarted) the process
joins its groups again and fills what it missed. The database is the source of truth.

Each message also carries the room's membership version of the moment it was written: a room
that sees a newer version than it knows reloads the members before delivering, so that a
person removed from the room never receives a message written after the removal.

The hub knows rooms and people by id. What a room holds and who belongs to it comes from its
``Loader`` (``apps.chat.delivery``), and each room's frames say which room they are about with
the room's ``address`` (``{"room": 7}``, as the loader gives it).
"""

import asyncio
import contextlib
import logging
import time
import weakref
from dataclasses import dataclass, field
from typing import Any, Protocol

from channels.layers import get_channel_layer

from apps.core.frames import RoomAddress
from apps.core.health import PROCESS_CHANNEL_PREFIX
from apps.realtime import presence
from apps.realtime.events import encode, room_group, user_group

logger = logging.getLogger(__name__)

SYNC_INTERVAL_SECONDS = 5.0
REJOIN_INTERVAL_SECONDS = 600.0
RETRY_DELAYS_SECONDS = (0.2, 0.5, 1.0, 2.0, 5.0)


class Connection(Protocol):
    """What the hub needs of a socket (the consumer)."""

    user_id: int
    session_key: str | None

    @property
    def token_digest(self) -> str | None:
        """The digest of the API token that opened the socket, if one did."""

    async def send_text(self, text: str) -> None: ...

    async def recheck(self) -> None:
        """Ask again whether the socket may go on, and close it if not."""

    async def close_with(self, code: int) -> None: ...


@dataclass(frozen=True)
class RoomState:
    """A room as the database has it now."""

    seq: int
    membership_version: int
    members: set[int]
    address: RoomAddress


class Loader(Protocol):
    """What the hub reads from the database (``apps.chat.delivery``)."""

    async def room_state(self, room_id: int) -> RoomState:
        """The room's last sequence number, membership version, active members and address."""

    async def members(self, room_id: int) -> tuple[int, set[int]]:
        """The membership version and the active members."""

    async def messages(
        self, room_id: int, first_seq: int, last_seq: int
    ) -> list[tuple[int, int, str]]:
        """Messages ``first_seq`` to ``last_seq`` as (seq, membership version, frame text)."""

    async def catch_up(
        self, room_id: int, after_id: int, changed_after: str | None
    ) -> tuple[int, list[tuple[int | None, str]]]:
        """The last sequence number now, and the frames of what happened after ``after_id``."""

    async def last_seqs(self, room_ids: list[int]) -> dict[int, int]:
        """The last sequence number of each room."""

    async def close(self) -> None:
        """Let go of what the loader keeps open (its database connection)."""


@dataclass(eq=False)
class Subscription:
    connection: Connection
    delivered_seq: int = 0
    catching_up: bool = True
    held: list[tuple[int | None, str]] = field(default_factory=list)


@dataclass(eq=False)
class Room:
    room_id: int
    seq: int
    membership_version: int
    members: set[int]
    address: RoomAddress
    subscriptions: dict[Connection, Subscription] = field(default_factory=dict)
    waiting: dict[int, tuple[int, str]] = field(default_factory=dict)
    present: dict[int, dict[Connection, str]] = field(default_factory=dict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    behind_since: float | None = None


class Hub:
    """The fan-out of one process (one per event loop)."""

    def __init__(self, layer: Any, loader: Loader) -> None:
        self.layer = layer
        self.loader = loader
        self.channel: str | None = None
        self.rooms: dict[int, Room] = {}
        self.connections: dict[int, set[Connection]] = {}
        self.layer_groups: set[str] = set()
        self.tasks: list[asyncio.Task[None]] = []
        self.started = asyncio.Lock()
        self.rejoin_due = False

    # -- life ---------------------------------------------------------------------------------

    async def start(self) -> None:
        async with self.started:
            if self.channel is None:
                self.channel = await self.layer.new_channel(PROCESS_CHANNEL_PREFIX)
                self.tasks = [
                    asyncio.create_task(self._listen(), name="hub-listen"),
                    asyncio.create_task(self._watch(), name="hub-watch"),
                ]

    async def stop(self) -> None:
        """Stop listening (a blocked Redis read may take a moment to notice; it is not awaited
        for longer than half a second), and close the loader's database connection."""
        for task in self.tasks:
            task.cancel()
        if self.tasks:
            await asyncio.wait(self.tasks, timeout=0.5)
        self.tasks = []
        await self.loader.close()

    async def _join(self, name: str) -> None:
        if name not in self.layer_groups:
            self.layer_groups.add(name)
            await self._add_to(name)

    async def _add_to(self, name: str) -> None:
        """Join a layer group, once more if the first call fails (the pool then drops a
        connection that died with a restarted Redis). If it still fails, the safety net joins
        every group again at its next round; the socket that asked carries on meanwhile."""
        for attempt in (1, 2):
            try:
                await self.layer.group_add(name, self.channel)
                return
            except Exception:
                if attempt == 2:
                    logger.warning("Could not join %s; trying again soon", name, exc_info=True)
                    self.rejoin_due = True

    async def _leave(self, name: str) -> None:
        if name in self.layer_groups:
            self.layer_groups.discard(name)
            with contextlib.suppress(Exception):
                await self.layer.group_discard(name, self.channel)

    async def _listen(self) -> None:
        """Read the process's channel for ever; when the layer fails, join again and catch up."""
        failures = 0
        while True:
            try:
                event = await self.layer.receive(self.channel)
            except asyncio.CancelledError:
                raise
            except Exception:
                delay = RETRY_DELAYS_SECONDS[min(failures, len(RETRY_DELAYS_SECONDS) - 1)]
                logger.warning(
                    "The channel layer failed; trying again in %.1f s", delay, exc_info=True
                )
                failures += 1
                await asyncio.sleep(delay)
                await self._recover()
                continue
            if failures:
                failures = 0
            try:
                await self.dispatch(event)
            except Exception:
                logger.exception("Could not deliver an event")

    async def _recover(self) -> None:
        """Join every group again (a restarted Redis forgot them), fill what was missed, and
        tell every room again who is here (a restarted Redis forgot that too)."""
        try:
            for name in list(self.layer_groups):
                await self.layer.group_add(name, self.channel)
        except Exception:
            logger.warning("The channel layer is still unavailable", exc_info=True)
            self.rejoin_due = True
            return
        await self.sync(force=True)
        await presence.restore(self)

    async def _watch(self) -> None:
        """The safety net: compare the rooms with the database, and renew group memberships
        before the layer lets them expire."""
        last_rejoin = time.monotonic()
        while True:
            await asyncio.sleep(SYNC_INTERVAL_SECONDS)
            try:
                if self.rejoin_due:
                    self.rejoin_due = False
                    await self._recover()
                await self.sync()
                if time.monotonic() - last_rejoin > REJOIN_INTERVAL_SECONDS:
                    last_rejoin = time.monotonic()
                    for name in list(self.layer_groups):
                        await self.layer.group_add(name, self.channel)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("The hub's safety net failed this round", exc_info=True)

    async def sync(self, *, force: bool = False) -> None:
        """Fill the rooms that the database shows behind: at once with ``force``, otherwise
        when they were behind at the previous round too (a message in flight is not lost)."""
        if not self.rooms:
            return
        last_seqs = await self.loader.last_seqs(list(self.rooms))
        now = time.monotonic()
        for room_id, last_seq in last_seqs.items():
            room = self.rooms.get(room_id)
            if room is None or last_seq <= room.seq:
                if room is not None:
                    room.behind_since = None
                continue
            if force or (
                room.behind_since is not None and now - room.behind_since >= SYNC_INTERVAL_SECONDS
            ):
                async with room.lock:
                    await self._fill(room, last_seq)
                    await self._release(room)
                room.behind_since = None
            elif room.behind_since is None:
                room.behind_since = now

    # -- sockets ------------------------------------------------------------------------------

    async def connect(self, connection: Connection) -> None:
        await self.start()
        mine = self.connections.setdefault(connection.user_id, set())
        mine.add(connection)
        await self._join(user_group(connection.user_id))

    async def disconnect(self, connection: Connection) -> None:
        for room_id in [g for g, room in self.rooms.items() if connection in room.subscriptions]:
            await self.unsubscribe(connection, room_id)
        mine = self.connections.get(connection.user_id, set())
        mine.discard(connection)
        if not mine:
            self.connections.pop(connection.user_id, None)
            await self._leave(user_group(connection.user_id))

    def subscribed(self, connection: Connection) -> list[int]:
        return [room_id for room_id, room in self.rooms.items() if connection in room.subscriptions]

    async def _room(self, room_id: int) -> Room:
        room = self.rooms.get(room_id)
        if room is None:
            await self._join(room_group(room_id))  # before reading: nothing slips between
            state = await self.loader.room_state(room_id)
            room = self.rooms.setdefault(
                room_id,
                Room(room_id, state.seq, state.membership_version, state.members, state.address),
            )
        return room

    async def subscribe(
        self, connection: Connection, room_id: int, after_id: int | None, changed_after: str | None
    ) -> RoomAddress | None:
        """Send the socket what it missed after ``after_id`` (nothing with ``None``), then the
        live events of the room; returns the room's address, or ``None`` when the person is no
        member after all.

        The caller checked membership a moment ago; it is checked again against the database
        once the subscription is in place, so that a removal committed in between (whose event
        found no subscription to end) still ends it before anything is sent.
        """
        room = await self._room(room_id)
        room.members.add(connection.user_id)  # as the caller found; confirmed below
        async with room.lock:
            subscription = room.subscriptions.get(connection) or Subscription(connection)
            subscription.catching_up, subscription.held = True, []
            room.subscriptions[connection] = subscription
        frames: list[tuple[int | None, str]] = []
        if after_id is None:
            last_seq = (await self.loader.room_state(room_id)).seq
        else:
            last_seq, frames = await self.loader.catch_up(room_id, after_id, changed_after)
        version, members = await self.loader.members(room_id)
        async with room.lock:
            if version >= room.membership_version:
                room.membership_version, room.members = version, members
            if connection.user_id not in room.members:
                room.subscriptions.pop(connection, None)
                await self._close_if_empty(room)
                return None
            for seq, text in frames:
                await connection.send_text(text)
                if seq is not None:
                    subscription.delivered_seq = max(subscription.delivered_seq, seq)
            subscription.delivered_seq = max(subscription.delivered_seq, last_seq)
            for seq, text in subscription.held:
                if seq is None or seq > subscription.delivered_seq:
                    await connection.send_text(text)
                    subscription.delivered_seq = max(subscription.delivered_seq, seq or 0)
            subscription.catching_up, subscription.held = False, []
        await presence.arrive(self, room, connection)
        return room.address

    async def send_to_room(self, room_id: int, text: str) -> None:
        """Hand a frame to every process with sockets in the room (typing, say): at most once,
        not kept, delivered to the members subscribed now; skipped while the layer is down."""
        try:
            await self.layer.group_send(
                room_group(room_id),
                {
                    "type": "hub.event",
                    "to": "room",
                    "room": room_id,
                    "kind": "change",
                    "text": text,
                },
            )
        except Exception:
            logger.warning("Could not send to room %s", room_id, exc_info=True)

    async def unsubscribe(self, connection: Connection, room_id: int) -> None:
        room = self.rooms.get(room_id)
        if room is None or connection not in room.subscriptions:
            return
        del room.subscriptions[connection]
        await presence.depart(self, room, connection)
        await self._close_if_empty(room)

    async def _close_if_empty(self, room: Room) -> None:
        """Other sockets of the room may have left while this one told the room: the first to
        find it empty closes it."""
        if not room.subscriptions and self.rooms.get(room.room_id) is room:
            del self.rooms[room.room_id]
            await self._leave(room_group(room.room_id))

    # -- events -------------------------------------------------------------------------------

    async def dispatch(self, event: dict[str, Any]) -> None:
        if event.get("to") == "room":
            room = self.rooms.get(event["room"])
            if room is not None:
                await self._room_event(room, event)
        elif event.get("to") == "user":
            await self._user_event(event)

    async def _room_event(self, room: Room, event: dict[str, Any]) -> None:
        async with room.lock:
            version = event.get("membership_version", 0)
            if version > room.membership_version:
                room.membership_version, room.members = await self.loader.members(room.room_id)
            if event["kind"] == "message":
                if event["seq"] <= room.seq:
                    return  # already delivered (a duplicate, or read from the database)
                room.waiting[event["seq"]] = (version, event["text"])
                if event["seq"] > room.seq + 1:
                    await self._fill(room, event["seq"] - 1)
                await self._release(room)
            elif event["kind"] == "presence":
                await presence.relay(self, room, event)
            else:
                await self._deliver(room, None, event["text"])

    async def _fill(self, room: Room, last_seq: int) -> None:
        """Read the messages missing before ``last_seq`` from the database."""
        missing = [seq for seq in range(room.seq + 1, last_seq + 1) if seq not in room.waiting]
        if not missing:
            return
        for seq, version, text in await self.loader.messages(room.room_id, missing[0], missing[-1]):
            room.waiting.setdefault(seq, (version, text))
            if version > room.membership_version:
                room.membership_version, room.members = await self.loader.members(room.room_id)

    async def _release(self, room: Room) -> None:
        """Deliver the waiting messages that now follow without a gap."""
        while room.seq + 1 in room.waiting:
            room.seq += 1
            _version, text = room.waiting.pop(room.seq)
            await self._deliver(room, room.seq, text)

    async def _deliver(self, room: Room, seq: int | None, text: str) -> None:
        for connection, subscription in list(room.subscriptions.items()):
            if connection.user_id not in room.members:
                await self._drop(room, connection)
            elif subscription.catching_up:
                subscription.held.append((seq, text))
            elif seq is None or seq > subscription.delivered_seq:
                await connection.send_text(text)
                if seq is not None:
                    subscription.delivered_seq = seq

    async def _drop(self, room: Room, connection: Connection) -> None:
        """The person is no longer a member: their socket leaves the room at once."""
        room.subscriptions.pop(connection, None)
        await connection.send_text(encode({"type": "room.removed", **room.address}))
        await presence.depart(self, room, connection)

    async def _user_event(self, event: dict[str, Any]) -> None:
        connections = list(self.connections.get(event["user"], ()))
        kind = event["kind"]
        if kind == "frame":
            for connection in connections:
                await connection.send_text(event["text"])
        elif kind == "room_left":
            room = self.rooms.get(event["room"])
            if room is not None:
                async with room.lock:
                    room.members.discard(event["user"])
                    for connection in connections:
                        if connection in room.subscriptions:
                            await self._drop(room, connection)
        elif kind == "session_ended":
            for connection in connections:
                if connection.session_key == event["session_key"]:
                    await connection.close_with(4401)
        elif kind == "deactivated":
            for connection in connections:
                await connection.close_with(4403)
        elif kind == "token_revoked":
            for connection in connections:
                if connection.token_digest == event["token"]:
                    await connection.close_with(4401)
        elif kind == "recheck":
            for connection in connections:
                await connection.recheck()


_hubs: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Hub]" = weakref.WeakKeyDictionary()


def running_hub() -> Hub | None:
    """The hub of the running event loop, if it has one."""
    return _hubs.get(asyncio.get_running_loop())


def hub_for_this_loop(loader: Loader) -> Hub:
    """The process's hub (one per event loop: daphne runs one; each test has its own)."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = _hubs[loop] = Hub(get_channel_layer(), loader)
    return hub
