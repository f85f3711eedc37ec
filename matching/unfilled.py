"""Empty seats: why they stay empty and the smallest change that would fill one.

See :mod:`matching.explain` for the reasoning; this module holds the search for
*near misses*: people who fail exactly one rule of a need nobody is eligible for.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from matching.exceptions import SolverError
from matching.explain import Fix, FixKind, Outcome, Reason, Unfilled, _points, _quote
from matching.fit import BoolArray, IntArray
from matching.model import Need

__all__ = ["unfilled_seats"]

#: Order of the fixes with as many candidates (the earlier, the smaller the change).
_FIX_ORDER: Final = (
    "release_cap",
    "floor",
    "skill",
    "clearance",
    "tier",
    "availability",
    "department",
)


def _profile(need: Need) -> str:
    musts = [r for r in need.requirements if r.must]
    if musts:
        text = " and ".join(f"{r.skill} >= {r.min_level}" for r in musts)
    else:
        text = "one of " + " or ".join(f"{r.skill} >= {r.min_level}" for r in need.requirements)
    extras = []
    if need.clearance:
        extras.append(f"clearance >= {need.clearance}")
    if need.tier is not None:
        extras.append(f"tier {need.tier!r}")
    extras.append(f"free from {need.start} to {need.end}")
    return f"{text} ({', '.join(extras)}), from outside {need.department}"


def _people(count: int, singular: str, plural: str) -> str:
    """``"1 person meets"`` or ``"3 people meet"``."""
    return f"1 person {singular}" if count == 1 else f"{count} people {plural}"


def _rule_fix_message(kind: FixKind, need: Need, count: int) -> str:
    if kind == "department":
        return (
            f"one more person from outside {need.department} meeting every rule "
            f"({_people(count, 'of', 'of')} {need.department} itself "
            f"{'does' if count == 1 else 'do'})"
        )
    if kind == "clearance":
        return (
            f"one more person with clearance >= {need.clearance} "
            f"({_people(count, 'meets', 'meet')} every other rule but "
            f"{'holds' if count == 1 else 'hold'} less)"
        )
    if kind == "tier":
        return (
            f"one more person of tier {need.tier!r} "
            f"({_people(count, 'of another tier meets', 'of other tiers meet')} every other rule)"
        )
    return (
        f"one more person free from {need.start} to {need.end} "
        f"({_people(count, 'meets', 'meet')} every other rule but "
        f"{'is' if count == 1 else 'are'} not free for the whole period)"
    )


def _person_fix(need: Need) -> Fix:
    return Fix(kind="person", message=f"one more person with {_profile(need)}")


def _rule_near_misses(outcome: Outcome, need_index: int) -> list[Fix]:
    """People holding the skills who fail exactly one of the other rules."""
    prepared = outcome.prepared
    finder, table = prepared.finder, prepared.finder.table
    need, plan = prepared.needs[need_index], prepared.plans[need_index]
    people = finder.base(plan)
    levels, _ = finder.skill_levels(plan, people)
    skilled = np.ones(len(people), dtype=np.bool_)
    for j, must in enumerate(plan.musts):
        if must:
            skilled &= levels[j] >= plan.min_levels[j]
    people = people[skilled]
    if not len(people):
        return []
    failing: dict[FixKind, BoolArray] = {
        "department": table.department[people] == prepared.department_index[need.department],
        "clearance": table.clearance[people] < need.clearance,
        "tier": np.zeros(len(people), dtype=np.bool_),
        "availability": (table.available_from[people] > need.start.toordinal())
        | (table.available_to[people] < need.end.toordinal()),
    }
    if prepared.policy.tier_rule == "hard" and need.tier is not None:
        failing["tier"] = table.tier[people] != finder.tier_codes.get(need.tier, -1)
    only_one = sum(mask.astype(np.int64) for mask in failing.values()) == 1
    fixes = []
    for kind, mask in failing.items():
        count = int((mask & only_one).sum())
        if count:
            fixes.append(
                Fix(kind=kind, message=_rule_fix_message(kind, need, count), candidates=count)
            )
    return fixes


def _skill_near_misses(outcome: Outcome, need_index: int) -> list[Fix]:
    """People meeting every rule and every other must who lack one must skill's level."""
    prepared = outcome.prepared
    finder = prepared.finder
    need, plan = prepared.needs[need_index], prepared.plans[need_index]
    musts = [j for j, must in enumerate(plan.musts) if must]
    holders = finder.index.holders
    fixes = []
    for j in musts:
        others = [i for i in musts if i != j]
        if any(plan.skills[i] not in holders for i in others):
            continue
        if others:
            rarest = min(
                others, key=lambda i: holders[plan.skills[i]].count_at_least(plan.min_levels[i])
            )
            pool: IntArray = holders[plan.skills[rarest]].at_least(plan.min_levels[rarest])
        else:
            pool = np.arange(len(prepared.people), dtype=np.int64)
        pool = pool[finder.rule_mask(need, pool)]
        levels, _ = finder.skill_levels(plan, pool)
        near = levels[j] < plan.min_levels[j]
        for i in others:
            near &= levels[i] >= plan.min_levels[i]
        count = int(near.sum())
        if not count:
            continue
        skill, level = plan.skills[j], plan.min_levels[j]
        closest = int(levels[j][near].max())
        verb = ("holds", "does not hold") if count == 1 else ("hold", "do not hold")
        held = f"{verb[0]} {skill} {closest}" if closest else f"{verb[1]} {skill}"
        fixes.append(
            Fix(
                kind="skill",
                message=f"one more person with {skill} >= {level} "
                f"({_people(count, 'meets', 'meet')} every other rule; the closest {held})",
                skill=skill,
                level=level,
                candidates=count,
            )
        )
    return fixes


def _ranked(fixes: list[Fix]) -> list[Fix]:
    return sorted(fixes, key=lambda fix: (-fix.candidates, _FIX_ORDER.index(fix.kind)))


def _eligible_reasons(outcome: Outcome, candidates: list[int]) -> tuple[list[Reason], list[Fix]]:
    """Reasons and fixes for a need whose other eligible people are all unavailable.

    ``candidates`` are pair positions, best first, of the eligible people not seated in
    the need.
    """
    pairs = outcome.pairs
    placed: list[tuple[str, str]] = []
    capped: dict[int, list[int]] = {}  # department -> positions, best first
    floored: dict[int, list[int]] = {}  # floor group -> positions, best first
    freed_by: dict[tuple[str, int], int] = {}  # one change -> its best candidate alone held by it
    for position in candidates:
        person = int(pairs.person[position])
        held = int(outcome.assignment[person])
        department = int(outcome.person_department[person])
        if held >= 0:
            placed.append((outcome.person_id(person), outcome.need_id(int(pairs.need[held]))))
            continue
        obstacles = [("cap", department)] if outcome.at_cap(department) else []
        obstacles += [("floor", index) for index in outcome.floors_holding(person)]
        if not obstacles:
            if int(pairs.fit[position]) == 0:
                continue  # seating them would add nothing
            raise SolverError(  # pragma: no cover - seating them would raise the total
                "internal error: a free eligible person next to an empty seat"
            )
        kind, key = obstacles[0]
        (capped if kind == "cap" else floored).setdefault(key, []).append(position)
        if len(obstacles) == 1:
            freed_by.setdefault(obstacles[0], position)
    reasons: list[Reason] = []
    if placed:
        quoted = _quote([f"{person} at {need}" for person, need in placed])
        verb = "person is" if len(placed) == 1 else "people are"
        reasons.append(
            Reason(
                code="placed_elsewhere",
                message=f"{len(placed)} eligible {verb} proposed for other needs, where they "
                f"add more to the total ({quoted})",
                people=tuple(person for person, _ in placed),
            )
        )
    fixes: list[Fix] = []
    if capped:
        # dict order is the order of the best blocked candidate of each department
        departments = list(capped)
        names = [
            f"{outcome.department_id(d)}: {int(outcome.out[d])} of {int(outcome.release_cap[d])}"
            for d in sorted(departments, key=outcome.department_id)
        ]
        blocked = {p for positions in capped.values() for p in positions}
        people = [int(pairs.person[p]) for p in candidates if p in blocked]
        noun = "person" if len(people) == 1 else "people"
        reasons.append(
            Reason(
                code="release_cap",
                message=f"{len(people)} eligible {noun} cannot be released: their department "
                f"has reached its release cap ({'; '.join(names)})",
                people=tuple(outcome.person_id(p) for p in people),
                departments=tuple(sorted(outcome.department_id(d) for d in departments)),
            )
        )
        for department in departments:
            best = freed_by.get(("cap", department))
            if best is None:
                continue  # each of its candidates is held by a floor too
            name = outcome.department_id(department)
            fixes.append(
                Fix(
                    kind="release_cap",
                    message=f"raise the release cap of {name} by 1 "
                    f"({outcome.person_id(int(pairs.person[best]))}, fit "
                    f"{_points(int(pairs.fit[best]))}, could then fill it)",
                    department=name,
                    candidates=len(capped[department]),
                )
            )
    for index, positions in floored.items():
        group = outcome.groups[index]
        floor, name = group.floor, outcome.department_id(group.department)
        held_home = [outcome.person_id(int(pairs.person[p])) for p in positions]
        noun = "person is" if len(held_home) == 1 else "people are"
        reasons.append(
            Reason(
                code="floor",
                message=f"{len(held_home)} eligible {noun} kept at home by a critical-skill floor: "
                f"{name} may release at most {floor.may_release} of its holders of "
                f"{floor.skill} >= {floor.min_level}, and does ({_quote(held_home)})",
                people=tuple(held_home),
                departments=(name,),
                skill=floor.skill,
                level=floor.min_level,
            )
        )
        best = freed_by.get(("floor", index))
        if best is None:
            continue  # each of its candidates is held by another obstacle too
        fixes.append(
            Fix(
                kind="floor",
                message=f"let {name} release one more holder of {floor.skill} >= "
                f"{floor.min_level} ({outcome.person_id(int(pairs.person[best]))}, fit "
                f"{_points(int(pairs.fit[best]))}, could then fill it)",
                department=name,
                skill=floor.skill,
                level=floor.min_level,
                candidates=len(positions),
            )
        )
    return reasons, fixes


def unfilled_seats(outcome: Outcome, *, explain: bool) -> tuple[Unfilled, ...]:
    """Every need with empty seats, in id order, with reasons and (``explain``) fixes."""
    entries = []
    prepared = outcome.prepared
    for need_index in np.flatnonzero(outcome.filled < outcome.headcount).tolist():
        need = prepared.needs[need_index]
        seats = int(outcome.headcount[need_index] - outcome.filled[need_index])
        candidates = [
            int(position)
            for position in outcome.candidates(need_index)
            if int(outcome.assignment[outcome.pairs.person[position]]) != position
        ]
        if not candidates:
            held = len(outcome.candidates(need_index))
            if not held:
                message = "nobody meets every rule of this need"
            elif held == 1:
                message = "nobody else meets every rule of this need (the one who does is proposed)"
            else:
                message = (
                    f"nobody else meets every rule of this need (all {held} who do are proposed)"
                )
            reasons = [Reason(code="no_eligible", message=message)]
            fixes = (
                _ranked(
                    _skill_near_misses(outcome, need_index) + _rule_near_misses(outcome, need_index)
                )
                if explain
                else []
            )
        else:
            reasons, fixes = _eligible_reasons(outcome, candidates)
        if explain:
            fixes.append(_person_fix(need))
            fix, others = fixes[0], tuple(fixes[1:])
        else:
            fix, others = None, ()
        entries.append(
            Unfilled(need=need, seats=seats, reasons=tuple(reasons), fix=fix, other_fixes=others)
        )
    return tuple(entries)
