"""Timetables for exchange weeks: talks placed in slots and rooms with the fewest clashes.

A *clash* is a person wanting two talks that take place at the same time: the number of
clashes of a timetable is, summed over people, the pairs of their wanted talks placed in
overlapping slots (slots overlap when their times intersect; the same slot overlaps itself).
:func:`plan_timetable` places as many talks as the hard rules allow and, among those
timetables, finds one with the fewest clashes:

- a talk takes one slot in one room; a room holds one talk at a time;
- a room is big enough (``capacity >= expected``) and available in the slot; the talk (its
  speakers) is available in the slot;
- a speaker gives one talk at a time;
- a fixed talk keeps its slot and room.

**The model.** networkx builds the conflict graph: talks linked by the people who want both
(the edge's weight) and by a shared speaker. The times are an interval graph, whose maximal
cliques are the sets of slots in progress at each slot's start: two slots overlap exactly when
some clique holds both. OR-Tools CP-SAT solves. When no two slots overlap (a week's grid), a
variable says whether a talk takes a slot, and a slot has rooms enough when, for every audience
size, no more talks of that size or larger take it than it has rooms that big and free (the
rooms a talk may use are nested by capacity, so this is Hall's condition, exact); rooms are
then handed out largest to largest. When slots overlap, a variable per talk, slot and room,
and a room holds one talk per clique. Either way: per speaker edge and clique at most one of
the two talks, and per interest edge ``(i, j)`` a boolean ``z[i, j]`` forced to 1 when both
talks are in one clique. First the number of talks placed is maximised; then, with that
number kept, the weighted sum of ``z``, the clashes, is minimised. On a grid the search starts
from a timetable made greedily (the talks most wanted first, each where it adds the fewest
clashes) and improved by moving one talk or swapping two while that removes clashes. The
second phase's proven lower bound is :attr:`Timetable.bound`; when both phases are proven
optimal, :attr:`Timetable.optimal` is true.

**Determinism.** Every input is sorted by id before the model is built and CP-SAT runs on one
worker with a fixed seed: the same input, in any order, gives the same timetable when the
solver proves it optimal, or when it finds nothing better than its starting point. A run
stopped by ``time_limit`` keeps the best timetable found by then, which on a slower machine may
be another.

Examples
--------
>>> from datetime import datetime
>>> slots = [Slot("AM", datetime(2027, 5, 10, 9), datetime(2027, 5, 10, 10, 30)),
...          Slot("PM", datetime(2027, 5, 10, 14), datetime(2027, 5, 10, 15, 30))]
>>> rooms = [Room("Hall", 80), Room("Lab", 20)]
>>> talks = [Talk("GIS", speakers=["Lin"], expected=50), Talk("SQL", expected=15),
...          Talk("Cloud", speakers=["Lin"], expected=30)]
>>> plan = plan_timetable(talks, rooms, slots, {"ann": ["GIS", "SQL"], "bo": ["GIS", "SQL"]})
>>> plan.clashes, plan.optimal, plan.bound, plan.unplaced
(0, True, 0, ())
>>> plan.placements["GIS"][0] != plan.placements["Cloud"][0]   # Lin gives one talk at a time
True
>>> plan.placements["GIS"][0] != plan.placements["SQL"][0]     # Ann and Bo want both
True
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations
from typing import Any, Literal

import networkx as nx

from matching.exceptions import (
    DuplicateIdError,
    SolverError,
    SolverUnavailableError,
    TimetableInputError,
)

#: Why a talk has no place: no room holds its expected audience (``too_large``); no slot has
#: the talk and a big enough room both available (``unavailable``); it fits alone, but every
#: place it could take is taken, or its speaker is busy, in a timetable with the most talks
#: placed (``crowded``).
UnplacedReason = Literal["too_large", "unavailable", "crowded"]

#: CP-SAT's seed: fixed, for the same answer every time.
_SEED = 20270510


@dataclass(frozen=True)
class Slot:
    """A time a talk can take, from ``start`` to ``end``."""

    id: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Room:
    """A room seating ``capacity`` people, not available in the slots ``unavailable``."""

    id: str
    capacity: int
    unavailable: Sequence[str] = field(default=(), hash=False)


@dataclass(frozen=True)
class Talk:
    """A session to place: its ``speakers`` (each gives one talk at a time), the audience
    ``expected``, the slots its speakers cannot make (``unavailable``) and, when it is
    ``fixed``, the (slot, room) it keeps."""

    id: str
    speakers: Sequence[str] = field(default=(), hash=False)
    expected: int = 0
    unavailable: Sequence[str] = field(default=(), hash=False)
    fixed: tuple[str, str] | None = None


@dataclass(frozen=True)
class Unplaced:
    talk: str
    reason: UnplacedReason


@dataclass(frozen=True)
class Clash:
    """``person`` wants both ``talks``, placed at the same time (in ``slots``, in order)."""

    person: str
    talks: tuple[str, str]
    slots: tuple[str, str]


@dataclass(frozen=True)
class Timetable:
    """The plan: ``placements`` (talk id to (slot id, room id)); ``clashes``, summed over
    people; ``bound``, a proven lower bound on the clashes of any timetable placing as many
    talks; ``optimal``, when both are proven; the talks left ``unplaced``, each with its
    reason; and every remaining clash, person by person."""

    placements: dict[str, tuple[str, str]]
    clashes: int
    optimal: bool
    bound: int
    unplaced: tuple[Unplaced, ...]
    explanations: tuple[Clash, ...]


def overlapping(first: Slot, second: Slot) -> bool:
    """Whether two slots take place, in part, at the same time."""
    return first.start < second.end and second.start < first.end


def count_clashes(
    placements: Mapping[str, tuple[str, str]],
    slots: Sequence[Slot],
    interest: Mapping[str, Sequence[str]],
) -> list[Clash]:
    """Every clash of ``placements``: each person's pairs of wanted talks placed at the same
    time (a talk wanted twice counts once)."""
    by_id = {slot.id: slot for slot in slots}
    found = []
    for person in sorted(interest):
        wanted = sorted({talk for talk in interest[person] if talk in placements})
        for first, second in combinations(wanted, 2):
            first_slot, second_slot = placements[first][0], placements[second][0]
            if overlapping(by_id[first_slot], by_id[second_slot]):
                found.append(Clash(person, (first, second), (first_slot, second_slot)))
    return found


def conflict_graph(talks: Sequence[Talk], interest: Mapping[str, Sequence[str]]) -> nx.Graph:
    """Talks linked by interest (``weight``: the people who want both) and by a shared
    speaker (``speaker``: true)."""
    graph = nx.Graph()
    graph.add_nodes_from(talk.id for talk in talks)
    for wanted in interest.values():
        for first, second in combinations(sorted(set(wanted)), 2):
            weight = graph.get_edge_data(first, second, {}).get("weight", 0)
            graph.add_edge(first, second, weight=weight + 1)
    by_speaker: defaultdict[str, list[str]] = defaultdict(list)
    for talk in talks:
        for speaker in set(talk.speakers):
            by_speaker[speaker].append(talk.id)
    for given in by_speaker.values():
        for first, second in combinations(sorted(given), 2):
            graph.add_edge(first, second, speaker=True)
    return graph


def _cliques(slots: Sequence[Slot]) -> list[list[int]]:
    """The maximal sets of slots in progress at one time (positions in ``slots``): for each
    start, the slots running then; two slots overlap exactly when one set holds both."""
    cliques = {
        tuple(i for i, slot in enumerate(slots) if slot.start <= moment < slot.end)
        for moment in {slot.start for slot in slots}
    }
    maximal = [c for c in cliques if not any(set(c) < set(other) for other in cliques)]
    return [list(clique) for clique in sorted(maximal)]


def _check(
    talks: Sequence[Talk],
    rooms: Sequence[Room],
    slots: Sequence[Slot],
    interest: Mapping[str, Sequence[str]],
    time_limit: float,
) -> None:
    for kind, items in (("talk", talks), ("room", rooms), ("slot", slots)):
        seen: set[str] = set()
        for item in items:
            if not isinstance(item.id, str) or not item.id:
                raise TimetableInputError(f"a {kind} has an invalid id {item.id!r}", field="id")
            if item.id in seen:
                raise DuplicateIdError(f"{kind} {item.id!r} appears more than once", item=item.id)
            seen.add(item.id)
    slot_ids, room_ids, talk_ids = (
        {s.id for s in slots},
        {r.id for r in rooms},
        {t.id for t in talks},
    )
    for slot in slots:
        if not slot.start < slot.end:
            raise TimetableInputError(
                f"slot {slot.id!r} ends at {slot.end}, not after its start {slot.start}",
                item=slot.id,
                field="end",
            )
    for room in rooms:
        if (
            isinstance(room.capacity, bool)
            or not isinstance(room.capacity, int)
            or room.capacity < 0
        ):
            raise TimetableInputError(
                f"room {room.id!r} has capacity {room.capacity!r}; expected 0 or more",
                item=room.id,
                field="capacity",
            )
        _check_slots(room.id, "room", room.unavailable, slot_ids)
    for talk in talks:
        if (
            isinstance(talk.expected, bool)
            or not isinstance(talk.expected, int)
            or talk.expected < 0
        ):
            raise TimetableInputError(
                f"talk {talk.id!r} expects {talk.expected!r} people; expected 0 or more",
                item=talk.id,
                field="expected",
            )
        if isinstance(talk.speakers, str) or not all(
            isinstance(s, str) and s for s in talk.speakers
        ):
            raise TimetableInputError(
                f"talk {talk.id!r} has speakers that are not a sequence of names",
                item=talk.id,
                field="speakers",
            )
        _check_slots(talk.id, "talk", talk.unavailable, slot_ids)
        if talk.fixed is not None:
            fixed_slot, fixed_room = talk.fixed
            if fixed_slot not in slot_ids or fixed_room not in room_ids:
                raise TimetableInputError(
                    f"talk {talk.id!r} is fixed to unknown slot or room {talk.fixed!r}",
                    item=talk.id,
                    field="fixed",
                )
    for person, wanted in interest.items():
        _check_ids(wanted, talk_ids, item=person, field="interest", what=f"person {person!r} wants")
    if not time_limit > 0:
        raise TimetableInputError(f"time_limit is {time_limit!r}; expected more than 0")


def _check_slots(item: str, kind: str, given: Sequence[str], slot_ids: set[str]) -> None:
    _check_ids(
        given, slot_ids, item=item, field="unavailable", what=f"{kind} {item!r} is unavailable in"
    )


def _check_ids(given: object, known: set[str], *, item: str, field: str, what: str) -> None:
    """``given`` is a sequence of ids, each of ``known``; ``what`` begins the message."""
    if isinstance(given, str) or not isinstance(given, Sequence):
        raise TimetableInputError(
            f"{what} {given!r}; expected a sequence of ids", item=item, field=field
        )
    unknown = sorted(set(given) - known)
    if unknown:
        raise TimetableInputError(f"{what} unknown {unknown[0]!r}", item=item, field=field)


class _Model:
    """The CP-SAT model of one timetable (see the module's docstring)."""

    def __init__(
        self, talks: Sequence[Talk], rooms: Sequence[Room], slots: Sequence[Slot], graph: nx.Graph
    ) -> None:
        from ortools.sat.python import cp_model

        self.cp_model = cp_model
        self.talks, self.rooms, self.slots = talks, rooms, slots
        self.model = cp_model.CpModel()
        self.cliques = [set(clique) for clique in _cliques(slots)]
        self.by_rooms = all(len(clique) == 1 for clique in self.cliques)
        # timing[t]: (slot, variable) for each slot talk t may take: 1 when it takes it.
        self.timing: list[list[tuple[int, Any]]] = []
        if self.by_rooms:
            self._slots_then_rooms()
        else:
            self._places()
        self.placed = [sum(y for _, y in timing) for timing in self.timing]
        # in_clique[t][c]: talk t takes a slot of clique c (0 or 1: a talk takes one slot).
        in_clique = [
            [sum(y for s, y in timing if s in clique) for clique in self.cliques]
            for timing in self.timing
        ]
        position = {talk.id: t for t, talk in enumerate(talks)}
        self.weights: list[tuple[int, Any]] = []
        for first, second, data in sorted(graph.edges(data=True)):
            i, j = sorted((position[first], position[second]))
            if data.get("speaker"):
                for c in range(len(self.cliques)):
                    self.model.add(in_clique[i][c] + in_clique[j][c] <= 1)
            elif data.get("weight", 0) > 0:
                together = self.model.new_bool_var(f"z_{i}_{j}")
                for c in range(len(self.cliques)):
                    self.model.add(together >= in_clique[i][c] + in_clique[j][c] - 1)
                self.weights.append((data["weight"], together))

    def _fixed_place(self, talk: Talk, fixed: tuple[str, str]) -> tuple[int, int]:
        """The (slot, room) positions of ``fixed``, the place ``talk`` keeps, where the hard
        rules allow it."""
        slot, room = fixed
        s = next(i for i, item in enumerate(self.slots) if item.id == slot)
        r = next(i for i, item in enumerate(self.rooms) if item.id == room)
        if not _allowed(talk, self.slots[s], self.rooms[r]):
            raise TimetableInputError(
                f"talk {talk.id!r} is fixed to {talk.fixed!r}, where a hard rule forbids it"
                " (the room's capacity or availability, or the talk's)",
                item=talk.id,
                field="fixed",
            )
        return s, r

    def _places(self) -> None:
        """Slots that overlap: a variable per talk, slot and room; a room holds one talk per
        clique of slots."""
        self.places: list[list[tuple[int, int, Any]]] = []
        by_place: defaultdict[tuple[int, int], list[Any]] = defaultdict(list)
        for t, talk in enumerate(self.talks):
            options = [
                (s, r, self.model.new_bool_var(f"x_{t}_{s}_{r}"))
                for s, slot in enumerate(self.slots)
                for r, room in enumerate(self.rooms)
                if _allowed(talk, slot, room)
            ]
            self.model.add_at_most_one(x for _, _, x in options)
            if talk.fixed is not None:
                fixed = self._fixed_place(talk, talk.fixed)
                self.model.add(sum(x for s, r, x in options if (s, r) == fixed) == 1)
            for s, r, x in options:
                by_place[s, r].append(x)
            self.places.append(options)
            timing: defaultdict[int, list[Any]] = defaultdict(list)
            for s, _, x in options:
                timing[s].append(x)
            self.timing.append([(s, sum(xs)) for s, xs in sorted(timing.items())])
        for clique in self.cliques:
            for r in range(len(self.rooms)):
                self.model.add_at_most_one(x for s in clique for x in by_place[s, r])

    def _slots_then_rooms(self) -> None:
        """Slots apart in time: a variable per talk and slot, and per slot enough rooms. A
        talk may use the rooms of its slot that are big enough, and these sets are nested (by
        capacity), so rooms can be found for a slot's talks exactly when, for every audience
        size, no more talks of that size or more take the slot than it has rooms that big
        (Hall's condition); :meth:`placements` then hands the largest rooms to the largest
        talks."""
        fixed = [self._fixed_place(talk, talk.fixed) for talk in self.talks if talk.fixed]
        self.reserved = set(fixed)
        if len(self.reserved) < len(fixed):
            raise TimetableInputError(
                "the fixed talks break a hard rule together (a room or a speaker twice at once)",
                field="fixed",
            )
        for t, talk in enumerate(self.talks):
            if talk.fixed is not None:
                fixed_slot, _ = self._fixed_place(talk, talk.fixed)
                kept = self.model.new_bool_var(f"y_{t}_{fixed_slot}")
                self.model.add(kept == 1)
                self.timing.append([(fixed_slot, kept)])
                continue
            timing = [
                (s, self.model.new_bool_var(f"y_{t}_{s}"))
                for s, slot in enumerate(self.slots)
                if any(
                    _allowed(talk, slot, room) and (s, r) not in self.reserved
                    for r, room in enumerate(self.rooms)
                )
            ]
            self.model.add_at_most_one(y for _, y in timing)
            self.timing.append(timing)
        for s, slot in enumerate(self.slots):
            free = [
                room.capacity
                for r, room in enumerate(self.rooms)
                if slot.id not in room.unavailable and (s, r) not in self.reserved
            ]
            loose = [
                (talk.expected, y)
                for talk, timing in zip(self.talks, self.timing, strict=True)
                if talk.fixed is None
                for taken, y in timing
                if taken == s
            ]
            for size in sorted({expected for expected, _ in loose}):
                self.model.add(
                    sum(y for expected, y in loose if expected >= size)
                    <= sum(capacity >= size for capacity in free)
                )

    def prepare_search(self, graph: nx.Graph) -> None:
        """Slots apart in time: the weights and speaker links of the talks by position, for
        :meth:`greedy` and :meth:`improve`."""
        position = {talk.id: t for t, talk in enumerate(self.talks)}
        self.weight: list[dict[int, int]] = [{} for _ in self.talks]
        self.apart: list[set[int]] = [set() for _ in self.talks]  # a speaker in common
        for first, second, data in graph.edges(data=True):
            i, j = position[first], position[second]
            if data.get("speaker"):
                self.apart[i].add(j)
                self.apart[j].add(i)
            elif data.get("weight", 0) > 0:
                self.weight[i][j] = self.weight[j][i] = data["weight"]

    def _cost(self, chosen: Mapping[int, int], t: int, s: int) -> int:
        """The clashes talk ``t`` would have in slot ``s`` with the others of ``chosen``."""
        return sum(w for o, w in self.weight[t].items() if chosen.get(o) == s)

    def _fits(self, taking: Mapping[int, set[int]], t: int, s: int, leaving: int = -1) -> bool:
        others = taking.get(s, set()) - {t, leaving}
        return not (self.apart[t] & others) and self._rooms_enough(s, [*others, t])

    def greedy(self) -> dict[int, int]:
        """A timetable (talk position to slot position) made greedily: the talks most wanted
        together first, each in the slot where it adds the fewest clashes."""
        chosen: dict[int, int] = {}
        taking: defaultdict[int, set[int]] = defaultdict(set)
        order = sorted(range(len(self.talks)), key=lambda t: (-sum(self.weight[t].values()), t))
        for t in order:
            options = [
                (self._cost(chosen, t, s), len(taking[s]), s)
                for s, _ in self.timing[t]
                if self._fits(taking, t, s)
            ]
            if options:
                chosen[t] = min(options)[2]
                taking[chosen[t]].add(t)
        return chosen

    def improve(self, chosen: dict[int, int]) -> dict[int, int]:
        """``chosen`` with one talk moved, or two swapped, while that removes clashes (the
        same talks placed; fixed ones stay)."""
        taking: defaultdict[int, set[int]] = defaultdict(set)
        for t, s in chosen.items():
            taking[s].add(t)
        allowed = [{s for s, _ in timing} for timing in self.timing]
        movable = sorted(t for t in chosen if self.talks[t].fixed is None)
        improved = True
        while improved:
            improved = False
            for t in movable:
                here = chosen[t]
                better = next(
                    (
                        s
                        for s in sorted(allowed[t] - {here})
                        if self._cost(chosen, t, s) < self._cost(chosen, t, here)
                        and self._fits(taking, t, s)
                    ),
                    None,
                )
                if better is None:
                    better_swap = next(
                        (
                            o
                            for o in movable
                            if o > t
                            and chosen[o] != here
                            and here in allowed[o]
                            and chosen[o] in allowed[t]
                            and self._swap_gain(chosen, t, o) > 0
                            and self._fits(taking, t, chosen[o], leaving=o)
                            and self._fits(taking, o, here, leaving=t)
                        ),
                        None,
                    )
                    if better_swap is None:
                        continue
                    there = chosen[better_swap]
                    taking[here] ^= {t, better_swap}
                    taking[there] ^= {t, better_swap}
                    chosen[t], chosen[better_swap] = there, here
                else:
                    taking[here].discard(t)
                    taking[better].add(t)
                    chosen[t] = better
                improved = True
        return chosen

    def _swap_gain(self, chosen: Mapping[int, int], t: int, o: int) -> int:
        """The clashes saved by swapping the slots of talks ``t`` and ``o`` (the pair itself
        is apart before and after)."""
        here, there = chosen[t], chosen[o]
        before = self._cost(chosen, t, here) + self._cost(chosen, o, there)
        after = (
            self._cost(chosen, t, there)
            + self._cost(chosen, o, here)
            - 2 * self.weight[t].get(o, 0)
        )
        return before - after

    def hint_slots(self, chosen: Mapping[int, int]) -> None:
        """Start the next search from the timetable ``chosen`` (talk to slot positions)."""
        self.model.clear_hints()  # type: ignore[no-untyped-call]
        for t, timing in enumerate(self.timing):
            for s, y in timing:
                self.model.add_hint(y, chosen.get(t) == s)

    def slots_of(self, solver: Any) -> dict[int, int]:
        """Talk position to slot position in ``solver``'s timetable."""
        return {
            t: s
            for t, timing in enumerate(self.timing)
            for s, y in timing
            if solver.boolean_value(y)
        }

    def _rooms_enough(self, s: int, talks: Sequence[int]) -> bool:
        """Whether slot ``s`` has rooms for ``talks`` (positions), fixed ones in theirs."""
        slot = self.slots[s]
        free = sorted(
            (
                room.capacity
                for r, room in enumerate(self.rooms)
                if slot.id not in room.unavailable and (s, r) not in self.reserved
            ),
            reverse=True,
        )
        loose = sorted(
            (self.talks[t].expected for t in talks if self.talks[t].fixed is None), reverse=True
        )
        return len(loose) <= len(free) and all(
            size <= capacity for size, capacity in zip(loose, free, strict=False)
        )

    def solve(self, objective: Any, *, maximise: bool, time_limit: float) -> tuple[Any, Any]:
        if maximise:
            self.model.maximize(objective)
        else:
            self.model.minimize(objective)
        solver = self.cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = time_limit
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = _SEED
        status = solver.solve(self.model)
        if status == self.cp_model.INFEASIBLE:
            raise TimetableInputError(
                "the fixed talks break a hard rule together (a room or a speaker twice at once)",
                field="fixed",
            )
        if status not in (self.cp_model.OPTIMAL, self.cp_model.FEASIBLE):
            raise SolverError(f"CP-SAT found no timetable within {time_limit:.1f} s")
        return solver, status

    def placements(self, solver: Any) -> dict[str, tuple[str, str]]:
        """Talk id to (slot id, room id) in ``solver``'s timetable."""
        if not self.by_rooms:
            return {
                self.talks[t].id: (self.slots[s].id, self.rooms[r].id)
                for t, options in enumerate(self.places)
                for s, r, x in options
                if solver.boolean_value(x)
            }
        found: dict[str, tuple[str, str]] = {}
        for s, slot in enumerate(self.slots):
            taking = [
                talk
                for talk, timing in zip(self.talks, self.timing, strict=True)
                for taken, y in timing
                if taken == s and solver.boolean_value(y)
            ]
            for talk in taking:
                if talk.fixed is not None:
                    found[talk.id] = talk.fixed
            free = sorted(
                (
                    room
                    for r, room in enumerate(self.rooms)
                    if slot.id not in room.unavailable and (s, r) not in self.reserved
                ),
                key=lambda room: (-room.capacity, room.id),
            )
            loose = sorted(
                (talk for talk in taking if talk.fixed is None),
                key=lambda talk: (-talk.expected, talk.id),
            )
            for talk, room in zip(loose, free, strict=False):
                found[talk.id] = (slot.id, room.id)
        return found


def _allowed(talk: Talk, slot: Slot, room: Room) -> bool:
    return (
        room.capacity >= talk.expected
        and slot.id not in room.unavailable
        and slot.id not in talk.unavailable
    )


def _why_unplaced(talk: Talk, rooms: Sequence[Room], slots: Sequence[Slot]) -> UnplacedReason:
    if not any(room.capacity >= talk.expected for room in rooms):
        return "too_large"
    if not any(_allowed(talk, slot, room) for slot in slots for room in rooms):
        return "unavailable"
    return "crowded"


def plan_timetable(
    talks: Sequence[Talk],
    rooms: Sequence[Room],
    slots: Sequence[Slot],
    interest: Mapping[str, Sequence[str]],
    *,
    time_limit: float = 10.0,
) -> Timetable:
    """Place as many talks as the hard rules allow, with the fewest clashes.

    Parameters
    ----------
    talks, rooms, slots : Sequence
        Each id unique among its kind.
    interest : Mapping[str, Sequence[str]]
        Person to the talks they want (their interest, or their registrations).
    time_limit : float
        Seconds for the search, shared by its two phases; the best timetable found by then is
        returned, with ``optimal`` false when it was not proven.

    Raises
    ------
    TimetableInputError
        An input is malformed or refers to an unknown id, or fixed talks break a hard rule.
    DuplicateIdError
        Two talks, rooms or slots share an id.
    SolverUnavailableError
        OR-Tools is not installed (the library's ``ortools`` extra).
    """
    _check(talks, rooms, slots, interest, time_limit)
    try:
        import ortools.sat.python.cp_model  # noqa: F401
    except ImportError as error:  # pragma: no cover - the project installs the extra
        raise SolverUnavailableError(
            "plan_timetable needs OR-Tools: install talentbridge-matching[ortools]"
        ) from error
    talks = sorted(talks, key=lambda talk: talk.id)
    rooms = sorted(rooms, key=lambda room: room.id)
    slots = sorted(slots, key=lambda slot: slot.id)
    interest = {person: sorted(set(interest[person])) for person in sorted(interest)}
    if not talks or not slots or not rooms:
        return Timetable(
            {}, 0, True, 0, tuple(Unplaced(t.id, _why_unplaced(t, rooms, slots)) for t in talks), ()
        )
    graph = conflict_graph(talks, interest)
    built = _Model(talks, rooms, slots, graph)
    start: dict[int, int] = {}
    if built.by_rooms:
        built.prepare_search(graph)
        start = built.improve(built.greedy())
        built.hint_slots(start)
    most, status = built.solve(sum(built.placed), maximise=True, time_limit=time_limit / 2)
    placed_count = round(most.objective_value)
    first_optimal = status == built.cp_model.OPTIMAL
    built.model.add(sum(built.placed) >= placed_count)
    if built.by_rooms and len(start) < placed_count:
        # The greedy start placed fewer: improve the first phase's timetable instead.
        built.hint_slots(built.improve(built.slots_of(most)))
    clashes = sum(weight * together for weight, together in built.weights)
    try:
        fewest, status = built.solve(clashes, maximise=False, time_limit=time_limit / 2)
        # The bound is on a sum of integers: any fraction CP-SAT proves rounds up.
        bound = math.ceil(fewest.best_objective_bound - 1e-6) if built.weights else 0
    except SolverError:
        # The second phase found no timetable in its time: the first phase's stands, with
        # nothing proven of its clashes.
        fewest, status, bound = most, None, 0
    placements = built.placements(fewest)
    remaining = count_clashes(placements, slots, interest)
    return Timetable(
        placements=placements,
        clashes=len(remaining),
        optimal=first_optimal and status == built.cp_model.OPTIMAL,
        bound=max(0, bound),
        unplaced=tuple(
            Unplaced(talk.id, _why_unplaced(talk, rooms, slots))
            for talk in talks
            if talk.id not in placements
        ),
        explanations=tuple(remaining),
    )
