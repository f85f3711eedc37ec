"""Benchmark of the chat's fan-out: Talentbridge's ``/ws/`` beside a bare Channels consumer.

Usage (from the project root)::

    .venv/bin/python bench/chat.py                       # everything, both layers
    .venv/bin/python bench/chat.py --layers redis --scenarios b --burst-messages 200

It starts everything itself: a database of its own (SQLite in a temporary directory, or, when
``DATABASE_URL`` names a PostgreSQL server, a database ``talentbridge_bench_chat`` beside the one
it names) holding the rooms' members with API tokens; for the Redis layer a ``redis-server`` of
its own on a free port; and daphne serving ``bench.chat_asgi``: Talentbridge's chat at ``/ws/``
and the Channels tutorial's ``ChatConsumer`` at ``/bare/<room>/``, in one process on one
channel layer, with two plain in-process broadcasts beside them as baselines. Scenarios:

* (a) ``--rooms`` rooms of ``--members`` members; one member of each room sends ``--rate``
  messages a second for ``--duration`` seconds, the rooms' sends evenly interleaved;
* (b) one room of ``--burst-members`` members; one of them sends ``--burst-messages`` messages
  as fast as it can (without waiting for any answer);
* (c) the sockets of (a), opened, authenticated (Talentbridge: ``auth``, then ``subscribe`` to
  the room; the tutorial's consumer joins its room's group on connect) and held idle: daphne's
  resident memory after minus before, per socket. Each system is measured in a daphne process
  started for it (a process that held sockets before keeps some of their memory).

Every member's socket receives every message, the sender's included. Latency runs from the
moment the sender sends (a wall-clock time stamp in the message) to the moment a member's
socket hands the frame to the client; deliveries per second are the deliveries expected divided
by the time from the first send to the last socket's last message. Every delivery is checked:
none lost and, for Talentbridge, each socket receives each message exactly once and in ``seq``
order. The script exits with status 1 if Talentbridge loses, repeats or reorders anything.

The receiving sockets live in ``--client-processes`` processes of their own, the senders in the
script's. The baselines of (b) are measured with the same clients: ``raw, burst`` writes every
frame to every socket of the room as it arrives (frames queued for a socket leave in one write:
the ceiling of what daphne and these clients can move together), and ``raw, frame by frame``
lets the event loop turn after each frame, so that each frame leaves in writes of its own, as
happens when messages arrive one at a time (the ceiling for a fan-out of one message at a time).
"""

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import os
import platform
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import websockets
from websockets.typing import Origin

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.servers import Daphne, RedisServer, manage, server_environment

TALENTBRIDGE, BARE, RAW, PACED = "talentbridge", "bare", "raw", "paced"
SYSTEM_NAMES = {
    TALENTBRIDGE: "Talentbridge /ws/",
    BARE: "bare Channels consumer",
    RAW: "raw, burst (ceiling)",
    PACED: "raw, frame by frame",
}
# The frames that count as deliveries (Talentbridge's sender also gets acks, everyone presence).
DELIVERY_PREFIX = {
    TALENTBRIDGE: '{"type":"message.new"',
    BARE: '{"message"',
    RAW: '{"message"',
    PACED: '{"message"',
}
OPEN_CONCURRENCY = 50
SETTLE_SECONDS = 0.5
QUIET_SECONDS = 12.0  # Talentbridge's safety net fills a gap within two of its 5-second rounds
MIB = 2**20

SETUP_SCRIPT = """
import json
from django.contrib.auth.hashers import make_password
from rest_framework.authtoken.models import Token
from apps.accounts.models import User
from apps.chat.models import Room, RoomMember

rooms, members, burst = {rooms}, {members}, {burst}
password = make_password(None)
people = User.objects.bulk_create(
    User(username=f"bench{{n}}", employee_number=f"B{{n:05d}}", display_name=f"Bench {{n}}",
         password=password)
    for n in range(max(rooms * members, burst))
)
made = Room.objects.bulk_create(
    Room(kind="bench", title=f"bench room {{n}}") for n in range(rooms + 1)
)
rosters = [people[n * members:(n + 1) * members] for n in range(rooms)] + [people[:burst]]
RoomMember.objects.bulk_create(
    RoomMember(room=room, user=person, is_moderator=index == 0)
    for room, roster in zip(made, rosters)
    for index, person in enumerate(roster)
)
tokens = Token.objects.bulk_create(Token(key=Token.generate_key(), user=p) for p in people)
print(json.dumps({{"tokens": [t.key for t in tokens], "rooms": [r.pk for r in made]}}))
"""


STARTED = time.monotonic()


def report(line: str) -> None:
    """Progress, on standard error (the tables go to standard output)."""
    elapsed = int(time.monotonic() - STARTED)
    print(f"[{elapsed // 60}:{elapsed % 60:02}] {line}", file=sys.stderr, flush=True)


# -- servers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Population:
    """Who is in which room: the rooms of (a) and (c), then the room of (b)."""

    tokens: list[str]
    rooms: list[int]
    members: int

    def room_tokens(self, room: int) -> list[str]:
        return self.tokens[room * self.members : (room + 1) * self.members]

    @property
    def burst_room(self) -> int:
        return self.rooms[-1]


def prepare_database(
    directory: Path, args: argparse.Namespace
) -> tuple[dict[str, str], Population]:
    """The servers' environment, on a migrated database of the bench's own holding the people
    and rooms of every scenario."""
    env = server_environment(
        directory,
        "talentbridge_bench_chat",
        TALENTBRIDGE_LOG_LEVEL="WARNING",
        # One sender sends hundreds of messages a minute here.
        TALENTBRIDGE_CHAT_MESSAGES_PER_MINUTE="1000000",
    )
    env.pop("REDIS_URL", None)
    script = SETUP_SCRIPT.format(rooms=args.rooms, members=args.members, burst=args.burst_members)
    data = json.loads(manage(env, "shell", "-c", script).strip().splitlines()[-1])
    return env, Population(data["tokens"], data["rooms"], args.members)


class MeasuredDaphne(Daphne):
    """A daphne process serving ``bench.chat_asgi``, with its memory and CPU time."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        super().__init__(env, log, "bench.chat_asgi:application")

    def rss(self) -> int:
        """The process's resident memory, in bytes."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("no VmRSS in /proc")

    def cpu_seconds(self) -> float:
        """User and system CPU time of the process so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def daphne(env: dict[str, str], log: Path) -> Iterator[MeasuredDaphne]:
    server = MeasuredDaphne(env, log)
    try:
        yield server
    finally:
        server.stop()


# -- clients ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SocketSpec:
    """One socket to open: which system, which room, as whom."""

    system: str
    room: str  # the room's id (Talentbridge), or the room's name in the path
    token: str = ""

    @property
    def path(self) -> str:
        return "/ws/" if self.system == TALENTBRIDGE else f"/{self.system}/{self.room}/"


class Recorder:
    """An open socket that keeps the frames of the current run, with their arrival times.

    The reading loop does as little as it can (a substring test and an append): the frames
    are decoded and checked after the run."""

    def __init__(self, spec: SocketSpec, connection: Any) -> None:
        self.spec, self.connection = spec, connection
        self.tag: str | None = None
        self.prefix = DELIVERY_PREFIX[spec.system]
        self.frames: list[tuple[float, str]] = []
        self.deliveries = 0
        self.last_frame_at = time.monotonic()
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        with contextlib.suppress(websockets.ConnectionClosed):
            async for text in self.connection:
                self.last_frame_at = time.monotonic()
                if self.tag is not None and self.tag in text:
                    self.frames.append((time.time(), text))
                    if text.startswith(self.prefix):
                        self.deliveries += 1

    def arm(self, tag: str) -> None:
        """Keep the frames of the run marked ``tag`` from now on."""
        self.tag, self.frames, self.deliveries = tag, [], 0

    async def send(self, text: str) -> None:
        await self.connection.send(text)

    async def close(self) -> None:
        await self.connection.close()
        self.reader.cancel()


async def _expect(connection: Any, frame_type: str) -> None:
    while True:
        frame = json.loads(await connection.recv())
        if frame["type"] == frame_type:
            return
        if frame["type"] == "error":
            raise RuntimeError(f"refused: {frame}")


async def open_socket(port: int, spec: SocketSpec) -> Recorder:
    """Connect; for Talentbridge, sign in with the token and follow the room (live only)."""
    connection = await websockets.connect(
        f"ws://127.0.0.1:{port}{spec.path}",
        origin=Origin(f"http://127.0.0.1:{port}"),
        proxy=None,
        open_timeout=60,
    )
    if spec.system == TALENTBRIDGE:
        async with asyncio.timeout(60):
            await connection.send(json.dumps({"type": "auth", "token": spec.token}))
            await _expect(connection, "ready")
            await connection.send(
                json.dumps({"type": "subscribe", "room": int(spec.room), "after": None})
            )
            await _expect(connection, "subscribed")
    return Recorder(spec, connection)


async def open_sockets(port: int, specs: Sequence[SocketSpec]) -> list[Recorder]:
    gate = asyncio.Semaphore(OPEN_CONCURRENCY)

    async def one(spec: SocketSpec) -> Recorder:
        async with gate:
            return await open_socket(port, spec)

    return list(await asyncio.gather(*(one(spec) for spec in specs)))


async def settle(sockets: Sequence[Recorder], quiet: float = SETTLE_SECONDS) -> None:
    """Wait until no frame has come for ``quiet`` seconds (sockets joining a Talentbridge room
    tell the room they are present)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        latest = max((s.last_frame_at for s in sockets), default=0.0)
        if time.monotonic() - latest >= quiet:
            return
        await asyncio.sleep(0.05)


async def wait_for_deliveries(sockets: Sequence[Recorder], expected: int, quiet: float) -> None:
    """Until each socket has ``expected`` deliveries, or none has come for ``quiet`` seconds."""
    seen, last_progress = -1, time.monotonic()
    while True:
        counts = [s.deliveries for s in sockets]
        if all(count >= expected for count in counts):
            await asyncio.sleep(0.3)  # a repeated delivery would come now
            return
        if sum(counts) != seen:
            seen, last_progress = sum(counts), time.monotonic()
        elif time.monotonic() - last_progress > quiet:
            return
        await asyncio.sleep(0.02)


@dataclass
class Tally:
    """What a set of sockets received in one run."""

    expected: int = 0
    received: int = 0  # distinct messages delivered
    repeated: int = 0
    faulty: int = 0  # sockets that did not get each message exactly once and in order
    latencies: list[float] = field(default_factory=list)
    last_at: float = 0.0  # when the last message reached the last socket

    def add(self, other: "Tally") -> None:
        self.expected += other.expected
        self.received += other.received
        self.repeated += other.repeated
        self.faulty += other.faulty
        self.latencies += other.latencies
        self.last_at = max(self.last_at, other.last_at)


def tally(sockets: Sequence[Recorder], expected: int) -> Tally:
    """Check each socket's deliveries: messages 0 to ``expected - 1`` of its room, each once and
    in order (for Talentbridge, with ``seq`` numbers following on without a gap)."""
    result = Tally()
    for recorder in sockets:
        numbers: list[int] = []
        seqs: list[int] = []
        first_seen: dict[int, float] = {}
        for arrived, text in recorder.frames:
            frame = json.loads(text)
            if recorder.spec.system == TALENTBRIDGE:
                if frame.get("type") != "message.new":
                    continue
                body = frame["message"]["body"]
                seqs.append(frame["message"]["seq"])
            else:
                body = frame["message"]
            _tag, number_text, stamp = body.split()
            number = int(number_text)
            numbers.append(number)
            if number not in first_seen:
                first_seen[number] = arrived
                result.latencies.append(arrived - float(stamp))
        exact = numbers == list(range(expected))
        if seqs:
            exact = exact and seqs == list(range(seqs[0], seqs[0] + len(seqs)))
        result.expected += expected
        result.received += len(first_seen)
        result.repeated += len(numbers) - len(first_seen)
        result.faulty += not exact
        result.last_at = max([result.last_at, *first_seen.values()])
    return result


def message_text(spec: SocketSpec, tag: str, number: int) -> str:
    """Message ``number`` of a run, stamped with the time it is sent."""
    body = f"{tag} {number} {time.time():.6f}"
    if spec.system == TALENTBRIDGE:
        frame = {
            "type": "message.send",
            "room": int(spec.room),
            "body": body,
            "client_id": str(uuid.uuid4()),
        }
        return json.dumps(frame)
    return json.dumps({"message": body})


def client_worker(pipe: Connection) -> None:
    """A process of receiving sockets, driven by the script's commands."""
    asyncio.run(_serve(pipe))


async def _serve(pipe: Connection) -> None:
    sockets: list[Recorder] = []
    while True:
        command, argument = await asyncio.to_thread(pipe.recv)
        reply: Any = None
        if command == "open":
            port, specs = argument
            sockets += await open_sockets(port, specs)
        elif command == "settle":
            await settle(sockets)
        elif command == "arm":
            for recorder in sockets:
                recorder.arm(argument)
        elif command == "collect":
            expected, quiet = argument
            await wait_for_deliveries(sockets, expected, quiet)
            reply = tally(sockets, expected)
        elif command == "close":
            await asyncio.gather(*(recorder.close() for recorder in sockets))
            sockets = []
        elif command == "exit":
            pipe.send(None)
            return
        pipe.send(reply)


class ClientPool:
    """The processes holding the receiving sockets."""

    def __init__(self, processes: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.pipes: list[Connection] = []
        self.workers: list[Any] = []
        for _ in range(processes):
            mine, theirs = context.Pipe()
            worker = context.Process(target=client_worker, args=(theirs,), daemon=True)
            worker.start()
            self.pipes.append(mine)
            self.workers.append(worker)

    def _call(self, command: str, arguments: Sequence[Any]) -> list[Any]:
        for pipe, argument in zip(self.pipes, arguments, strict=True):
            pipe.send((command, argument))
        return [pipe.recv() for pipe in self.pipes]

    async def call(self, command: str, argument: Any = None) -> list[Any]:
        """The same command to every process; their answers."""
        return await asyncio.to_thread(self._call, command, [argument] * len(self.pipes))

    async def open(self, port: int, specs: Sequence[SocketSpec]) -> None:
        """Open the sockets, shared out between the processes."""
        shares = [(port, list(specs[n :: len(self.pipes)])) for n in range(len(self.pipes))]
        await asyncio.to_thread(self._call, "open", shares)

    def stop(self) -> None:
        self._call("exit", [None] * len(self.pipes))
        for worker in self.workers:
            worker.join(timeout=10)


# -- scenarios --------------------------------------------------------------------------------


@dataclass
class Outcome:
    layer: str
    scenario: str
    system: str
    sockets: int
    messages: int
    tally: Tally
    seconds: float  # from the first send to the last delivery
    server_cpu: float  # daphne's CPU time meanwhile, in seconds

    @property
    def deliveries_per_second(self) -> float:
        return self.tally.expected / self.seconds if self.seconds > 0 else 0.0

    @property
    def lost(self) -> int:
        return self.tally.expected - self.tally.received

    @property
    def faithful(self) -> bool:
        return self.lost == 0 and self.tally.repeated == 0 and self.tally.faulty == 0

    def percentile_ms(self, fraction: float) -> float:
        ordered = sorted(self.tally.latencies)
        if not ordered:
            return float("nan")
        return 1000 * ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@dataclass
class Memory:
    layer: str
    system: str
    sockets: int
    before: int
    after: int

    @property
    def per_socket(self) -> float:
        return (self.after - self.before) / self.sockets


class Bench:
    """The scenarios of one channel layer."""

    def __init__(
        self, args: argparse.Namespace, layer: str, population: Population, pool: ClientPool
    ) -> None:
        self.args, self.layer, self.population, self.pool = args, layer, population, pool
        self.runs = 0

    def _tag(self) -> str:
        self.runs += 1
        return f"{self.layer}{self.runs}x{uuid.uuid4().hex[:6]}"

    async def open_rooms(self, server: MeasuredDaphne, system: str, rooms: int) -> list[Recorder]:
        """Open every socket of the first ``rooms`` rooms of (a): the receivers in the client
        processes, the senders (the first member of each room) here. Returns the senders."""
        specs = [
            [
                SocketSpec(
                    system,
                    str(self.population.rooms[n]) if system == TALENTBRIDGE else f"room{n}",
                    token,
                )
                for token in self.population.room_tokens(n)
            ]
            for n in range(rooms)
        ]
        await self.pool.open(server.port, [spec for room in specs for spec in room[1:]])
        senders = await open_sockets(server.port, [room[0] for room in specs])
        await self.pool.call("settle")
        await settle(senders)
        return senders

    async def close(self, senders: Sequence[Recorder]) -> None:
        await self.pool.call("close")
        await asyncio.gather(*(sender.close() for sender in senders))
        await asyncio.sleep(SETTLE_SECONDS)

    async def idle_memory(
        self, server: MeasuredDaphne, system: str
    ) -> tuple[Memory, list[Recorder]]:
        """(c): daphne's memory before and after the sockets of (a) are opened; they stay
        open. A few sockets come and go first, so that what the first one loads or caches
        (modules, the hub, database and cache connections) is not counted per socket."""
        await self.close(await self.open_rooms(server, system, 2))
        await asyncio.sleep(1)
        before = server.rss()
        senders = await self.open_rooms(server, system, self.args.rooms)
        await asyncio.sleep(1)
        sockets = self.args.rooms * self.args.members
        return Memory(self.layer, system, sockets, before, server.rss()), senders

    async def steady(
        self, server: MeasuredDaphne, system: str, senders: Sequence[Recorder]
    ) -> Outcome:
        """(a): each room's sender sends ``--rate`` messages a second; the rooms take turns."""
        args = self.args
        per_room = max(1, round(args.rate * args.duration))
        interval = 1 / (args.rate * len(senders))
        tag = self._tag()
        await self.pool.call("arm", tag)
        for sender in senders:
            sender.arm(tag)
        report(f"  (a) {SYSTEM_NAMES[system]}: sending")
        cpu = server.cpu_seconds()
        started, clock = time.time(), time.monotonic()
        for index in range(per_room * len(senders)):
            sender = senders[index % len(senders)]
            delay = clock + index * interval - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            await sender.send(message_text(sender.spec, tag, index // len(senders)))
        return await self._outcome(server, "a", system, senders, per_room, started, cpu)

    async def burst(self, server: MeasuredDaphne, system: str) -> Outcome:
        """(b): one sender, ``--burst-messages`` messages as fast as it can, to one room."""
        args = self.args
        room = str(self.population.burst_room) if system == TALENTBRIDGE else "burst"
        tokens = self.population.tokens[: args.burst_members]
        specs = [SocketSpec(system, room, token) for token in tokens]
        await self.pool.open(server.port, specs[1:])
        (sender,) = await open_sockets(server.port, specs[:1])
        await self.pool.call("settle")
        await settle([sender])
        tag = self._tag()
        await self.pool.call("arm", tag)
        sender.arm(tag)
        report(f"  (b) {SYSTEM_NAMES[system]}: sending")
        cpu = server.cpu_seconds()
        started = time.time()
        for number in range(args.burst_messages):
            await sender.send(message_text(sender.spec, tag, number))
        outcome = await self._outcome(
            server, "b", system, [sender], args.burst_messages, started, cpu
        )
        await self.close([sender])
        return outcome

    async def _outcome(
        self,
        server: MeasuredDaphne,
        scenario: str,
        system: str,
        senders: Sequence[Recorder],
        messages: int,
        started: float,
        cpu: float,
    ) -> Outcome:
        waiting_here = asyncio.create_task(wait_for_deliveries(senders, messages, self.args.quiet))
        total = Tally()
        for part in await self.pool.call("collect", (messages, self.args.quiet)):
            total.add(part)
        await waiting_here
        total.add(tally(senders, messages))
        return Outcome(
            layer=self.layer,
            scenario=scenario,
            system=system,
            sockets=total.expected // messages,
            messages=messages,
            tally=total,
            seconds=total.last_at - started,
            server_cpu=server.cpu_seconds() - cpu,
        )


async def bench_layer(
    args: argparse.Namespace, layer: str, env: dict[str, str], population: Population, logs: Path
) -> tuple[list[Outcome], list[Memory]]:
    """Every scenario on one layer: (a) and (b) of all systems in one daphne process, which
    first measures (c) for Talentbridge; (c) for the bare consumer in a second, fresh one."""
    outcomes: list[Outcome] = []
    memories: list[Memory] = []
    pool = ClientPool(args.client_processes)
    log = logs / f"daphne-{layer}.log"

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        report(
            f"  ({outcome.scenario}) {SYSTEM_NAMES[outcome.system]}: "
            f"{outcome.deliveries_per_second:,.0f} deliveries/s, "
            f"p99 {outcome.percentile_ms(0.99):,.1f} ms, lost {outcome.lost:,}"
        )

    def measured(memory: Memory) -> None:
        memories.append(memory)
        report(f"  (c) {SYSTEM_NAMES[memory.system]}: {memory.per_socket / 1024:.1f} KiB a socket")

    try:
        with daphne(env, log) as server:
            bench = Bench(args, layer, population, pool)
            for system in [s for s in (TALENTBRIDGE, BARE) if s in args.systems]:
                senders: list[Recorder] = []
                if "c" in args.scenarios and system == TALENTBRIDGE:
                    memory, senders = await bench.idle_memory(server, system)
                    measured(memory)
                elif "a" in args.scenarios:
                    senders = await bench.open_rooms(server, system, args.rooms)
                if "a" in args.scenarios:
                    done(await bench.steady(server, system, senders))
                if senders:
                    await bench.close(senders)
                if "b" in args.scenarios:
                    done(await bench.burst(server, system))
            if "b" in args.scenarios:
                for system in [s for s in (PACED, RAW) if s in args.systems]:
                    done(await bench.burst(server, system))
        if "c" in args.scenarios and BARE in args.systems:
            with daphne(env, log) as fresh:
                memory, senders = await Bench(args, layer, population, pool).idle_memory(
                    fresh, BARE
                )
                measured(memory)
                await Bench(args, layer, population, pool).close(senders)
    finally:
        pool.stop()
    return outcomes, memories


# -- results ----------------------------------------------------------------------------------

SCENARIO_NAMES = {"a": "(a) steady", "b": "(b) burst"}


def print_results(
    args: argparse.Namespace, database: str, outcomes: list[Outcome], memories: list[Memory]
) -> None:
    print(
        f"Chat fan-out, one daphne process; {database}; Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs; receiving sockets in {args.client_processes} client "
        f"process(es)\n(a) {args.rooms} rooms x {args.members} members, {args.rate:g} "
        f"message(s)/s per room for {args.duration:g} s; (b) 1 room x {args.burst_members} "
        f"members, {args.burst_messages} messages in a burst; (c) "
        f"{args.rooms * args.members:,} idle sockets\n"
    )
    if outcomes:
        print(
            "| layer | scenario | system | sockets | messages | deliveries expected / received "
            "| lost | repeated | sockets not exactly once in order | deliveries/s | p50 ms "
            "| p99 ms | daphne CPU s |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for o in outcomes:
            print(
                f"| {o.layer} | {SCENARIO_NAMES[o.scenario]} | {SYSTEM_NAMES[o.system]} "
                f"| {o.sockets:,} | {o.messages:,} | {o.tally.expected:,} / {o.tally.received:,} "
                f"| {o.lost:,} | {o.tally.repeated:,} | {o.tally.faulty:,} "
                f"| {o.deliveries_per_second:,.0f} | {o.percentile_ms(0.5):,.1f} "
                f"| {o.percentile_ms(0.99):,.1f} | {o.server_cpu:.1f} |"
            )
    if memories:
        print(
            "\n| layer | (c) idle sockets | sockets | daphne RSS before, MiB | after, MiB "
            "| per socket, KiB |"
        )
        print("|---|---|---|---|---|---|")
        for m in memories:
            print(
                f"| {m.layer} | {SYSTEM_NAMES[m.system]} | {m.sockets:,} | {m.before / MIB:.1f} "
                f"| {m.after / MIB:.1f} | {m.per_socket / 1024:.1f} |"
            )
    print_targets(outcomes)
    print_limits(outcomes)


def print_targets(outcomes: list[Outcome]) -> None:
    found = {(o.layer, o.scenario, o.system): o for o in outcomes}
    print("\n| target | layer | measured | |")
    print("|---|---|---|---|")
    for layer in dict.fromkeys(o.layer for o in outcomes):
        mine, bare = found.get((layer, "b", TALENTBRIDGE)), found.get((layer, "b", BARE))
        if mine and bare and bare.deliveries_per_second:
            ratio = mine.deliveries_per_second / bare.deliveries_per_second
            print(
                f"| (b) at least 3x the bare consumer's deliveries/s | {layer} | {ratio:.1f}x "
                f"| {'met' if ratio >= 3 else 'missed'} |"
            )
        steady = found.get((layer, "a", TALENTBRIDGE))
        if steady:
            p99 = steady.percentile_ms(0.99)
            print(
                f"| (a) p99 under 100 ms | {layer} | {p99:.1f} ms "
                f"| {'met' if p99 < 100 else 'missed'} |"
            )
    runs = [o for o in outcomes if o.system == TALENTBRIDGE]
    if runs:
        print(
            f"| Talentbridge: nothing lost; each message once, in seq order | all "
            f"| {sum(o.lost for o in runs):,} lost, {sum(o.tally.repeated for o in runs):,} "
            f"repeated, {sum(o.tally.faulty for o in runs):,} sockets out of order "
            f"| {'met' if all(o.faithful for o in runs) else 'missed'} |"
        )


def print_limits(outcomes: list[Outcome]) -> None:
    """What bounds the figures of (b), from the baselines measured in the same run."""
    found = {(o.layer, o.scenario, o.system): o for o in outcomes}
    lines = []
    for layer in dict.fromkeys(o.layer for o in outcomes):
        mine = found.get((layer, "b", TALENTBRIDGE))
        raw, paced = found.get((layer, "b", RAW)), found.get((layer, "b", PACED))
        if mine and raw and paced:
            headroom = raw.deliveries_per_second / mine.deliveries_per_second
            share = mine.deliveries_per_second / paced.deliveries_per_second
            lines.append(
                f"- {layer}: the clients took {raw.deliveries_per_second:,.0f} deliveries/s from "
                f"daphne's raw burst, {headroom:.1f}x what Talentbridge reached: they are not the "
                f"bound. Writing one frame at a time to every socket, daphne itself reaches "
                f"{paced.deliveries_per_second:,.0f}/s; Talentbridge, which also stores each "
                f"message before sending it, reaches {share:.0%} of that."
            )
    if lines:
        print("\nWhat limits (b):\n" + "\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--layers", default="memory,redis", help="memory, redis, or both")
    parser.add_argument("--scenarios", default="abc", help="any of a, b and c")
    parser.add_argument(
        "--systems",
        default=",".join(SYSTEM_NAMES),
        help="talentbridge, bare, and for (b) the baselines paced and raw",
    )
    parser.add_argument("--rooms", type=int, default=100, help="(a), (c): rooms")
    parser.add_argument("--members", type=int, default=20, help="(a), (c): members a room")
    parser.add_argument("--rate", type=float, default=1.0, help="(a): messages/s a room")
    parser.add_argument("--duration", type=float, default=10.0, help="(a): seconds")
    parser.add_argument("--burst-members", type=int, default=500, help="(b): members")
    parser.add_argument("--burst-messages", type=int, default=60, help="(b): messages")
    parser.add_argument("--client-processes", type=int, default=1)
    parser.add_argument(
        "--quiet",
        type=float,
        default=QUIET_SECONDS,
        help="seconds without a delivery after which the missing ones count as lost",
    )
    parser.add_argument(
        "--workdir", type=Path, help="keep the database and daphne's logs here (default: removed)"
    )
    args = parser.parse_args(argv)
    layers = [layer.strip() for layer in args.layers.split(",") if layer.strip()]
    systems = {system.strip() for system in args.systems.split(",")}
    if not set(layers) <= {"memory", "redis"} or not set(args.scenarios) <= set("abc"):
        parser.error("layers are memory and redis; scenarios a, b and c")
    if not systems <= set(SYSTEM_NAMES):
        parser.error(f"systems are {', '.join(SYSTEM_NAMES)}")
    args.systems = systems

    outcomes: list[Outcome] = []
    memories: list[Memory] = []
    with contextlib.ExitStack() as stack:
        if args.workdir is None:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-chat-")))
        else:
            workdir = args.workdir
            workdir.mkdir(parents=True, exist_ok=True)
        report(f"Preparing a database in {workdir} ...")
        env, population = prepare_database(workdir, args)
        database = "PostgreSQL" if env.get("DATABASE_URL") else "SQLite"
        for layer in layers:
            report(f"Layer {layer}:")
            redis = RedisServer(workdir) if layer == "redis" else None
            if redis:
                redis.start()
            layer_env = {**env, "REDIS_URL": redis.url} if redis else env
            try:
                found, held = asyncio.run(bench_layer(args, layer, layer_env, population, workdir))
            finally:
                if redis:
                    redis.stop()
            outcomes += found
            memories += held
    print_results(args, database, outcomes, memories)
    return 0 if all(o.faithful for o in outcomes if o.system == TALENTBRIDGE) else 1


if __name__ == "__main__":
    sys.exit(main())
