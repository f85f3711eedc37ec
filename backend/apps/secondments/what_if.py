"""What if: the matcher again on today's input with a few changes, beside the same input as it
is, and the difference between the two proposals. Nothing is stored.

The changes: a department's release cap, a need's seats, the run's weights, a pair forbidden
(the library never proposes it), a pair pinned (the person is seated there first: they leave
the pool, the need loses a seat, their department's cap and the floors they count for lose
one, and the matcher places everyone else around them).
"""

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from apps.core.errors import field_error
from apps.secondments.matcher_input import MatcherInput, matcher_input
from apps.secondments.models import MatchRun
from apps.secondments.runs import input_hash
from matching import Department, Need, Person, Policy, Proposal, propose, score


@dataclass(frozen=True)
class Changes:
    """What to change, by primary key: release caps (people a department may lend now),
    seats (still open), weights and options over the run's policy, pairs (person, need)."""

    release_caps: Mapping[int, int]
    headcounts: Mapping[int, int]
    policy: Mapping[str, Any]
    pins: Sequence[tuple[int, int]]
    forbidden: Sequence[tuple[int, int]]


@dataclass(frozen=True)
class Seat:
    """A person proposed for a need, with the fit."""

    person: int
    need: int
    fit: float


@dataclass(frozen=True)
class Moved:
    person: int
    from_need: int
    to_need: int
    fit_before: float
    fit_after: float


@dataclass(frozen=True)
class WhatIf:
    total_fit_before: float
    total_fit_after: float
    seats_filled_before: int
    seats_filled_after: int
    added: list[Seat]
    removed: list[Seat]
    moved: list[Moved]
    unchanged: int
    pinned: list[Seat]
    changed_since_run: bool
    seconds: float


def what_if(run: MatchRun, changes: Changes, today: date) -> WhatIf:
    """The proposal of ``run``'s scope and policy today, and the proposal with ``changes``.
    A change naming what the input does not hold, or a pin the rules refuse, raises a
    ``ValidationError`` on its field."""
    started = time.perf_counter()
    given = matcher_input(today, run.scope.get("departments"))
    policy = Policy(**run.policy)
    before = propose(given.people, given.needs, given.departments, policy=policy, explain=False)
    changed_policy = Policy(**{**run.policy, **changes.policy})
    people, needs, departments, pinned = _apply(given, changes, changed_policy)
    # A pair of someone no longer in the pool, or of a need without seats, is never proposed
    # anyway: forbidding it changes nothing.
    given_people, given_needs = {person.id for person in people}, {need.id for need in needs}
    after = propose(
        people,
        needs,
        departments,
        policy=changed_policy,
        explain=False,
        forbidden={
            (str(person), str(need))
            for person, need in changes.forbidden
            if str(person) in given_people and str(need) in given_needs
        },
    )
    was, now = _seats(before), {**_seats(after), **{seat.person: seat for seat in pinned}}
    return WhatIf(
        total_fit_before=before.total_fit,
        total_fit_after=round(after.total_fit + sum(seat.fit for seat in pinned), 2),
        seats_filled_before=len(was),
        seats_filled_after=len(now),
        added=[seat for person, seat in now.items() if person not in was],
        removed=[seat for person, seat in was.items() if person not in now],
        moved=[
            Moved(person, was[person].need, seat.need, was[person].fit, seat.fit)
            for person, seat in now.items()
            if person in was and was[person].need != seat.need
        ],
        unchanged=sum(
            1 for person, seat in now.items() if person in was and was[person].need == seat.need
        ),
        pinned=pinned,
        changed_since_run=input_hash(given, policy) != run.input_hash,
        seconds=time.perf_counter() - started,
    )


def _seats(proposal: Proposal) -> dict[int, Seat]:
    return {
        int(a.person.id): Seat(int(a.person.id), int(a.need.id), a.fit.total)
        for a in proposal.assignments
    }


def _apply(
    given: MatcherInput, changes: Changes, policy: Policy
) -> tuple[list[Person], list[Need], list[Department], list[Seat]]:
    departments = {department.id: department for department in given.departments}
    needs = {need.id: need for need in given.needs}
    people = {person.id: person for person in given.people}
    for department_id, cap in changes.release_caps.items():
        if str(department_id) not in departments:
            raise field_error(
                "release_caps", _("No department %(id)s.") % {"id": department_id}, "unknown"
            )
        departments[str(department_id)] = replace(departments[str(department_id)], release_cap=cap)
    for need_id, seats in changes.headcounts.items():
        if str(need_id) not in needs:
            raise field_error(
                "headcounts",
                _("Need %(id)s is not open with seats left in this run's scope.") % {"id": need_id},
                "unknown",
            )
        needs[str(need_id)] = replace(needs[str(need_id)], headcount=seats)
    pinned = [_pin(people, needs, departments, policy, pair) for pair in changes.pins]
    return (
        list(people.values()),
        [need for need in needs.values() if need.headcount > 0],
        list(departments.values()),
        pinned,
    )


def _pin(
    people: dict[str, Person],
    needs: dict[str, Need],
    departments: dict[str, Department],
    policy: Policy,
    pair: tuple[int, int],
) -> Seat:
    """Seat the pair first: take the person, a seat, a place under the cap and under each floor
    the person counts for out of what the matcher is given."""
    person_id, need_id = str(pair[0]), str(pair[1])
    person, need = people.get(person_id), needs.get(need_id)
    if person is None or need is None:
        raise field_error(
            "pins",
            _("Person %(person)s or need %(need)s is not in this run's pool (or pinned twice).")
            % {"person": person_id, "need": need_id},
            "unknown",
        )
    fit = score(person, need, policy)
    if fit is None:
        raise field_error(
            "pins",
            _("Person %(person)s is not eligible for need %(need)s.")
            % {"person": person_id, "need": need_id},
            "not_eligible",
        )
    if need.headcount < 1:
        raise field_error(
            "pins", _("Need %(need)s has no seat left.") % {"need": need_id}, "no_seat"
        )
    department = departments[person.department]
    if department.release_cap < 1:
        raise field_error(
            "pins",
            _("Person %(person)s's department may lend no one more.") % {"person": person_id},
            "release_cap",
        )
    floors = []
    for floor in department.floors:
        held = person.skills.get(floor.skill)
        counts = held is not None and held.level >= floor.min_level
        if counts and floor.may_release < 1:
            raise field_error(
                "pins",
                _("Person %(person)s is kept at home by a critical-skill floor.")
                % {"person": person_id},
                "floor",
            )
        floors.append(replace(floor, may_release=floor.may_release - 1) if counts else floor)
    departments[person.department] = replace(
        department, release_cap=department.release_cap - 1, floors=floors
    )
    needs[need_id] = replace(need, headcount=need.headcount - 1)
    del people[person_id]
    return Seat(int(person_id), int(need_id), fit.total)
