"""Benchmark of the exchange-week timetable, beside a timetable filled in order in the same run.

    .venv/bin/python bench/timetable.py [--talks 60] [--people 300] [--wanted 6] [--seed 1]
                                        [--time-limit 10]

A week of 5 days × 4 slots of 90 minutes and 5 rooms (120, 60, 40, 30 and 20 seats); talks
with one of 25 speakers and an expected audience of 15 to 90; each person wants ``--wanted``
talks drawn at random. Two timetables of the same week:

- *in order*: each talk, in id order, in the first slot and room that the hard rules allow,
  as one fills a grid without looking at who wants what;
- *planned*: :func:`matching.timetable.plan_timetable` with ``--time-limit``.

It prints the clashes of each, their ratio (planned / in order), the planner's proven lower
bound and its seconds.
"""

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matching.timetable import (
    Room,
    Slot,
    Talk,
    count_clashes,
    overlapping,
    plan_timetable,
)


def week(talk_count: int, people: int, wanted: int, seed: int):
    rng = random.Random(seed)
    monday = datetime(2027, 5, 10, 1, tzinfo=UTC)  # 9:00 in Beijing
    slots = [
        Slot(f"D{day}-{hour:02d}", start, start + timedelta(minutes=90))
        for day in range(5)
        for hour in (9, 11, 14, 16)
        for start in [monday + timedelta(days=day, hours=hour - 9)]
    ]
    rooms = [Room(f"R{i}", seats) for i, seats in enumerate((120, 60, 40, 30, 20))]
    talks = [
        Talk(
            f"T{i:03d}",
            speakers=[f"Speaker {rng.randrange(25)}"],
            expected=rng.choice((15, 25, 35, 50, 90)),
        )
        for i in range(talk_count)
    ]
    interest = {
        f"P{p:04d}": rng.sample([talk.id for talk in talks], min(wanted, talk_count))
        for p in range(people)
    }
    return talks, rooms, slots, interest


def in_order(talks, rooms, slots) -> dict[str, tuple[str, str]]:
    """Each talk in the first slot and room the hard rules allow, in id order."""
    placed: dict[str, tuple[str, str]] = {}
    by_slot = {slot.id: slot for slot in slots}
    speakers = {talk.id: set(talk.speakers) for talk in talks}
    for talk in talks:
        for slot in slots:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--talks", type=int, default=60)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--wanted", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=10.0)
    options = parser.parse_args()
    talks, rooms, slots, interest = week(
        options.talks, options.people, options.wanted, options.seed
    )
    ordered = in_order(talks, rooms, slots)
    naive = count_clashes(ordered, slots, interest)
    started = time.perf_counter()
    plan = plan_timetable(talks, rooms, slots, interest, time_limit=options.time_limit)
    seconds = time.perf_counter() - started
    print(
        f"{options.talks} talks, {len(slots)} slots, {len(rooms)} rooms, {options.people} people"
        f" wanting {options.wanted} each"
    )
    print(f"in order: {len(naive)} clashes ({len(ordered)} placed)")
    print(
        f"planned:  {plan.clashes} clashes ({len(plan.placements)} placed, "
        f"{len(plan.unplaced)} not), bound {plan.bound}, optimal {plan.optimal}, "
        f"{seconds:.1f} s"
    )
    print(f"ratio planned / in order: {plan.clashes / max(1, len(naive)):.2f}")


if __name__ == "__main__":
    main()
