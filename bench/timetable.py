"""Benchmark of the exchange-week timetable, beside two baselines in the same run.

    .venv/bin/python bench/timetable.py [--size realistic|large] [--seed 1] [--time-limit 10]

The issue's two weeks: *realistic*, 40 talks, 5 rooms, 10 slots and 600 people each wanting 3
to 8 talks; *large*, 150 talks, 12 rooms, 20 slots and 3,000 people. Slots of 90 minutes, four
a day; talks with one of a pool of speakers and an expected audience drawn within the rooms'
sizes; each person's talks drawn at random. Three timetables of the same week:

- *in order*: each talk, in id order, in the first slot and room that the hard rules allow,
  as one fills a grid without looking at who wants what;
- *colouring*: networkx's greedy colouring (largest first) of the conflict graph (talks linked
  by shared interest or a shared speaker), colour classes given slots in turn, each talk in the
  first slot and room from its class's slot on that the hard rules allow;
- *planned*: :func:`matching.timetable.plan_timetable` with ``--time-limit``.

It prints the clashes of each, the planner's ratio to each baseline, its proven lower bound,
the gap to it and its seconds.
"""

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import networkx as nx

from matching.timetable import (
    Room,
    Slot,
    Talk,
    conflict_graph,
    count_clashes,
    overlapping,
    plan_timetable,
)

# Each size: talks, slots, people, speakers, the rooms' seats, the audiences drawn.
SIZES = {
    "realistic": (40, 10, 600, 25, (120, 60, 40, 30, 20), (15, 25, 35, 50, 90)),
    "large": (
        150,
        20,
        3000,
        80,
        (200, 150, 120, 100, 80, 60, 50, 40, 40, 30, 30, 20),
        (15, 25, 35, 50, 80, 120, 180),
    ),
}


def week(size: str, seed: int):
    talk_count, slot_count, people, speakers, seats, audiences = SIZES[size]
    rng = random.Random(seed)
    monday = datetime(2027, 5, 10, 1, tzinfo=UTC)  # 9:00 in Beijing
    slots = [
        Slot(f"S{index:02d}", start, start + timedelta(minutes=90))
        for index in range(slot_count)
        for start in [monday + timedelta(days=index // 4, hours=(0, 2, 5, 7)[index % 4])]
    ]
    rooms = [Room(f"R{i:02d}", capacity) for i, capacity in enumerate(seats)]
    talks = [
        Talk(
            f"T{i:03d}",
            speakers=[f"Speaker {rng.randrange(speakers)}"],
            expected=rng.choice(audiences),
        )
        for i in range(talk_count)
    ]
    interest = {
        f"P{p:04d}": rng.sample([talk.id for talk in talks], rng.randint(3, 8))
        for p in range(people)
    }
    return talks, rooms, slots, interest


def first_fit(talks, rooms, slots, start_of) -> dict[str, tuple[str, str]]:
    """Each talk, in the order given, in the first slot from ``start_of(talk)`` on (round the
    week) and the first room that the hard rules allow."""
    placed: dict[str, tuple[str, str]] = {}
    by_slot = {slot.id: slot for slot in slots}
    speakers = {talk.id: set(talk.speakers) for talk in talks}
    for talk in talks:
        first = start_of(talk)
        for slot in slots[first:] + slots[:first]:
            at_once = [
                other for other, (taken, _) in placed.items() if overlapping(slot, by_slot[taken])
            ]
            if any(speakers[talk.id] & speakers[other] for other in at_once):
                continue
            busy = {placed[other][1] for other in at_once}
            room = next(
                (r for r in rooms if r.id not in busy and r.capacity >= talk.expected), None
            )
            if room is not None:
                placed[talk.id] = (slot.id, room.id)
                break
    return placed


def in_order(talks, rooms, slots) -> dict[str, tuple[str, str]]:
    """Each talk in the first slot and room the hard rules allow, in id order."""
    return first_fit(talks, rooms, slots, lambda talk: 0)


def by_colouring(talks, rooms, slots, interest) -> dict[str, tuple[str, str]]:
    """networkx's greedy colouring of the conflict graph: the talks of a colour share a slot
    (colours beyond the slots wrap round), placed first fit from there, colour by colour."""
    colours = nx.greedy_color(conflict_graph(talks, interest), strategy="largest_first")
    ordered = sorted(talks, key=lambda talk: (colours[talk.id], talk.id))
    return first_fit(ordered, rooms, slots, lambda talk: colours[talk.id] % len(slots))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="realistic")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=10.0)
    options = parser.parse_args()
    talks, rooms, slots, interest = week(options.size, options.seed)
    print(
        f"{options.size}: {len(talks)} talks, {len(rooms)} rooms, {len(slots)} slots, "
        f"{len(interest)} people wanting 3 to 8 each"
    )
    baselines = {}
    for name, placed in (
        ("in order", in_order(talks, rooms, slots)),
        ("colouring", by_colouring(talks, rooms, slots, interest)),
    ):
        baselines[name] = len(count_clashes(placed, slots, interest))
        print(f"{name}: {baselines[name]} clashes ({len(placed)} placed)")
    started = time.perf_counter()
    plan = plan_timetable(talks, rooms, slots, interest, time_limit=options.time_limit)
    seconds = time.perf_counter() - started
    gap = (plan.clashes - plan.bound) / max(1, plan.clashes)
    print(
        f"planned: {plan.clashes} clashes ({len(plan.placements)} placed, "
        f"{len(plan.unplaced)} not), bound {plan.bound}, gap {gap:.1%}, "
        f"optimal {plan.optimal}, {seconds:.1f} s"
    )
    for name, clashes in baselines.items():
        print(f"ratio planned / {name}: {plan.clashes / max(1, clashes):.2f}")


if __name__ == "__main__":
    main()
