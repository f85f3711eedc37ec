"""The timetable of an exchange week: hard rules, clashes, errors, and the optimum against a
brute force on small instances."""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import DuplicateIdError, TimetableInputError
from matching.timetable import Room, Slot, Talk, Timetable, overlapping, plan_timetable

MONDAY = datetime(2027, 5, 10, 1, tzinfo=UTC)  # 9:00 in Beijing


def slot(name: str, hours_from_nine: float, length: float = 1.5) -> Slot:
    start = MONDAY + timedelta(hours=hours_from_nine)
    return Slot(name, start, start + timedelta(hours=length))


AM, PM = slot("AM", 0), slot("PM", 5)
HALL, LAB = Room("Hall", 80), Room("Lab", 20)


def test_people_who_want_two_talks_get_them_at_different_times() -> None:
    talks = [Talk("GIS", expected=10), Talk("SQL", expected=10)]
    plan = plan_timetable(talks, [HALL, LAB], [AM, PM], {"ann": ["GIS", "SQL"]})

    assert plan.placements["GIS"][0] != plan.placements["SQL"][0]
    assert (plan.clashes, plan.optimal, plan.bound, plan.explanations) == (0, True, 0, ())


def test_a_clash_no_timetable_avoids_is_counted_and_explained() -> None:
    # One slot, two rooms: Ann and Bo both want both talks.
    talks = [Talk("GIS"), Talk("SQL")]
    plan = plan_timetable(talks, [HALL, LAB], [AM], {"ann": ["GIS", "SQL"], "bo": ["SQL", "GIS"]})

    assert (plan.clashes, plan.optimal, plan.bound) == (2, True, 2)
    assert [(c.person, c.talks, c.slots) for c in plan.explanations] == [
        ("ann", ("GIS", "SQL"), ("AM", "AM")),
        ("bo", ("GIS", "SQL"), ("AM", "AM")),
    ]


def test_overlapping_slots_clash_and_back_to_back_ones_do_not() -> None:
    early, late, after = slot("A", 0, 1.5), slot("B", 1, 1.5), slot("C", 1.5, 1)
    assert overlapping(early, late)
    assert not overlapping(early, after)
    # Two rooms, three slots, one talk per room-time: the wanted pair goes to A and C.
    talks = [Talk("GIS", unavailable=["B"]), Talk("SQL", unavailable=["B"])]
    plan = plan_timetable(talks, [HALL], [early, late, after], {"ann": ["GIS", "SQL"]})

    assert sorted(place[0] for place in plan.placements.values()) == ["A", "C"]
    assert plan.clashes == 0


def test_a_room_too_small_or_unavailable_is_never_used() -> None:
    talks = [Talk("Keynote", expected=50), Talk("Lab work", expected=15)]
    rooms = [Room("Hall", 80, unavailable=["AM"]), LAB]

    plan = plan_timetable(talks, rooms, [AM, PM], {})

    assert plan.placements["Keynote"] == ("PM", "Hall")
    assert plan.placements["Lab work"][1] in {"Hall", "Lab"}


def test_a_speaker_gives_one_talk_at_a_time() -> None:
    talks = [Talk("GIS", speakers=["Lin"]), Talk("Cloud", speakers=["Lin", "Wu"])]
    plan = plan_timetable(talks, [HALL, LAB], [AM, PM], {})

    assert plan.placements["GIS"][0] != plan.placements["Cloud"][0]


def test_a_fixed_talk_keeps_its_place() -> None:
    talks = [Talk("Opening", fixed=("AM", "Lab")), Talk("GIS")]
    plan = plan_timetable(talks, [HALL, LAB], [AM], {"ann": ["Opening", "GIS"]})

    assert plan.placements["Opening"] == ("AM", "Lab")
    assert plan.placements["GIS"] == ("AM", "Hall")
    assert plan.clashes == 1


def test_talks_without_a_place_say_why() -> None:
    talks = [
        Talk("Huge", expected=500),
        Talk("Never", unavailable=["AM", "PM"]),
        Talk("A"),
        Talk("B"),
        Talk("C"),
    ]
    plan = plan_timetable(talks, [HALL], [AM, PM], {})

    reasons = {unplaced.talk: unplaced.reason for unplaced in plan.unplaced}
    assert reasons.pop("Huge") == "too_large"
    assert reasons.pop("Never") == "unavailable"
    # Two places for three talks: the most talks placed, and one crowded out.
    assert list(reasons.values()) == ["crowded"]
    assert len(plan.placements) == 2


def test_the_same_input_in_any_order_gives_the_same_timetable() -> None:
    talks = [Talk(f"T{i}", speakers=[f"S{i % 3}"], expected=5 * i) for i in range(8)]
    rooms = [Room("R1", 40), Room("R2", 20), Room("R3", 10, unavailable=["S2"])]
    slots = [slot(f"S{i}", 2 * i) for i in range(4)]
    interest = {f"P{p}": [f"T{(p * k) % 8}" for k in (1, 2, 3)] for p in range(12)}
    first = plan_timetable(talks, rooms, slots, interest)
    shuffle = random.Random(7)
    for _ in range(3):
        shuffle.shuffle(talks)
        shuffle.shuffle(rooms)
        shuffle.shuffle(slots)
        reordered = dict(shuffle.sample(sorted(interest.items()), len(interest)))
        assert plan_timetable(talks, rooms, slots, reordered) == first


@pytest.mark.parametrize(
    ("talks", "rooms", "slots", "interest", "error", "message"),
    [
        ([Talk("A"), Talk("A")], [HALL], [AM], {}, DuplicateIdError, "talk 'A' appears more"),
        ([Talk("A")], [HALL, HALL], [AM], {}, DuplicateIdError, "room 'Hall' appears more"),
        ([Talk("A", expected=-1)], [HALL], [AM], {}, TimetableInputError, "expects -1 people"),
        ([Talk("A")], [Room("R", -3)], [AM], {}, TimetableInputError, "capacity -3"),
        (
            [Talk("A", unavailable=["XX"])],
            [HALL],
            [AM],
            {},
            TimetableInputError,
            "unavailable in unknown 'XX'",
        ),
        ([Talk("A", fixed=("AM", "Nowhere"))], [HALL], [AM], {}, TimetableInputError, "unknown"),
        ([Talk("A")], [HALL], [AM], {"ann": ["Z"]}, TimetableInputError, "unknown 'Z'"),
        ([Talk("A")], [HALL], [AM], {"ann": "A"}, TimetableInputError, "sequence of ids"),
        (
            [Talk("A")],
            [HALL],
            [Slot("X", MONDAY, MONDAY)],
            {},
            TimetableInputError,
            "not after its start",
        ),
        (
            [Talk("A", expected=90, fixed=("AM", "Hall"))],
            [HALL],
            [AM],
            {},
            TimetableInputError,
            "hard rule forbids",
        ),
        (
            [Talk("A", fixed=("AM", "Hall")), Talk("B", fixed=("AM", "Hall"))],
            [HALL],
            [AM],
            {},
            TimetableInputError,
            "break a hard rule together",
        ),
    ],
)
def test_every_input_error_names_the_item(talks, rooms, slots, interest, error, message) -> None:
    with pytest.raises(error, match=message):
        plan_timetable(talks, rooms, slots, interest)


def test_a_time_limit_must_be_positive() -> None:
    with pytest.raises(TimetableInputError, match="time_limit"):
        plan_timetable([Talk("A")], [HALL], [AM], {}, time_limit=0)


# --- against an independent formulation --------------------------------------------------


def breaks_a_hard_rule(
    placements: Mapping[str, tuple[str, str]],
    talks: Sequence[Talk],
    rooms: Sequence[Room],
    slots: Sequence[Slot],
) -> bool:
    by_talk = {talk.id: talk for talk in talks}
    by_room = {room.id: room for room in rooms}
    by_slot = {item.id: item for item in slots}
    for name, (slot_id, room_id) in placements.items():
        talk, room = by_talk[name], by_room[room_id]
        if room.capacity < talk.expected or slot_id in room.unavailable:
            return True
        if slot_id in talk.unavailable or (talk.fixed and talk.fixed != (slot_id, room_id)):
            return True
    for first, second in itertools.combinations(sorted(placements), 2):
        (slot_a, room_a), (slot_b, room_b) = placements[first], placements[second]
        if overlapping(by_slot[slot_a], by_slot[slot_b]) and (
            room_a == room_b or set(by_talk[first].speakers) & set(by_talk[second].speakers)
        ):
            return True
    return any(talk.fixed and talk.id not in placements for talk in talks)


def clashes_of(
    placements: Mapping[str, tuple[str, str]],
    slots: Sequence[Slot],
    interest: Mapping[str, Sequence[str]],
) -> int:
    by_slot = {item.id: item for item in slots}
    return sum(
        overlapping(by_slot[placements[a][0]], by_slot[placements[b][0]])
        for wanted in interest.values()
        for a, b in itertools.combinations(sorted(set(wanted)), 2)
        if a in placements and b in placements
    )


def brute_force(talks, rooms, slots, interest) -> tuple[int, int] | None:
    """The most talks placed, then the fewest clashes, over every assignment (None: a fixed
    talk breaks a hard rule, and nothing is feasible)."""
    options = [None, *itertools.product([s.id for s in slots], [r.id for r in rooms])]
    best: tuple[int, int] | None = None
    for choice in itertools.product(options, repeat=len(talks)):
        placements = {t.id: place for t, place in zip(talks, choice, strict=True) if place}
        if breaks_a_hard_rule(placements, talks, rooms, slots):
            continue
        key = (-len(placements), clashes_of(placements, slots, interest))
        best = key if best is None or key < best else best
    return None if best is None else (-best[0], best[1])


@st.composite
def small_weeks(draw):
    slots = [
        slot(f"S{i}", start, length)
        for i, (start, length) in enumerate(
            draw(
                st.lists(
                    st.tuples(st.sampled_from((0, 1, 2, 5)), st.sampled_from((1, 1.5, 3))),
                    min_size=1,
                    max_size=3,
                )
            )
        )
    ]
    slot_ids = [s.id for s in slots]
    rooms = [
        Room(
            f"R{i}",
            draw(st.sampled_from((10, 30, 60))),
            draw(st.lists(st.sampled_from(slot_ids), max_size=1, unique=True)),
        )
        for i in range(draw(st.integers(1, 2)))
    ]
    talks = [
        Talk(
            f"T{i}",
            speakers=draw(st.lists(st.sampled_from(("Lin", "Wu", "Zhao")), max_size=1)),
            expected=draw(st.sampled_from((0, 20, 50))),
            unavailable=draw(st.lists(st.sampled_from(slot_ids), max_size=1, unique=True)),
        )
        for i in range(draw(st.integers(1, 4)))
    ]
    if draw(st.booleans()):
        talks[0] = Talk(
            "T0",
            speakers=talks[0].speakers,
            expected=talks[0].expected,
            unavailable=talks[0].unavailable,
            fixed=(draw(st.sampled_from(slot_ids)), rooms[0].id),
        )
    talk_ids = [t.id for t in talks]
    interest = {
        f"P{p}": draw(st.lists(st.sampled_from(talk_ids), max_size=3, unique=True))
        for p in range(draw(st.integers(0, 5)))
    }
    return talks, rooms, slots, interest


@settings(max_examples=120, deadline=None)
@given(week=small_weeks())
def test_the_timetable_is_optimal_and_keeps_every_hard_rule(week) -> None:
    talks, rooms, slots, interest = week
    best = brute_force(talks, rooms, slots, interest)
    if best is None:
        with pytest.raises(TimetableInputError, match="fixed"):
            plan_timetable(talks, rooms, slots, interest)
        return

    plan: Timetable = plan_timetable(talks, rooms, slots, interest)

    assert not breaks_a_hard_rule(plan.placements, talks, rooms, slots)
    assert plan.clashes == clashes_of(plan.placements, slots, interest) == len(plan.explanations)
    assert (len(plan.placements), plan.clashes) == best
    assert plan.optimal
    assert plan.bound == plan.clashes
    assert {u.talk for u in plan.unplaced} == {t.id for t in talks} - set(plan.placements)
