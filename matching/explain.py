"""Why each proposal, why not the others, why a seat stays empty, and who moves where.

Everything here is computed from the optimal proposal and the eligible pairs; only a
runner-up whose best seating a critical-skill floor concerns costs a new solve
(:mod:`matching.losses`):

* an assignment's explanation is its :class:`~matching.fit.Fit` (parts and, per
  requirement, the level and provenance that met it) plus up to ``Policy.runner_ups``
  runner-ups;
* a runner-up's *loss* is exact: the optimal total minus the best total of any proposal,
  under every rule, that seats them in the need (:mod:`matching.losses`); its *moves* say
  how that proposal differs. Because the proposal is optimal every loss is at least 0; a
  loss of 0 means an equally good proposal exists and the tie-break decided;
* an unfilled seat's reasons come from its eligible people (none; all proposed
  elsewhere; blocked by a release cap or a critical-skill floor: a free eligible person
  whom neither holds cannot exist next to an empty seat, or the proposal would not be
  optimal) and its smallest fix is, in this order: raise one release cap by 1, else let
  one floor release one more holder, else one more person
  meeting the rule that excludes the most otherwise-eligible people, else one more
  person with the need's whole profile;
* the fairness summary counts proposals per department (out and in, beside the release
  cap and the seats asked) and per tier (beside the people eligible for something).

Apart from the runner-ups' losses (see :mod:`matching.losses` for their cost),
explanations cost :math:`O(E \\log E)` on top of the solve.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np

from matching.fit import Fit, IntArray, SkillMatch, make_fit
from matching.floors import FloorGroup
from matching.index import Prepared
from matching.losses import Move, Seating
from matching.model import Floor, Need, Person

__all__ = [
    "Assignment",
    "DepartmentBalance",
    "Explanation",
    "Fairness",
    "Fix",
    "FixKind",
    "Reason",
    "ReasonCode",
    "RunnerUp",
    "RunnerUpReason",
    "TierBalance",
    "Unfilled",
]

#: Why a runner-up did not get the seat (see :class:`RunnerUp`).
RunnerUpReason = Literal["lower_fit", "placed_elsewhere", "release_cap", "floor", "tie_break"]
#: Why seats of a need stay empty (see :class:`Reason`).
ReasonCode = Literal["no_eligible", "placed_elsewhere", "release_cap", "floor"]
#: The kind of change that would fill a seat (see :class:`Fix`).
FixKind = Literal[
    "release_cap", "floor", "skill", "clearance", "tier", "availability", "department", "person"
]

#: At most this many ids are quoted in a reason's message (all are in ``Reason.people``).
_QUOTED: Final = 3


@dataclass(frozen=True, slots=True)
class Assignment:
    """One proposed move: ``person`` to a seat of ``need``, with its fit."""

    person: Person
    need: Need
    fit: Fit


@dataclass(frozen=True, slots=True)
class RunnerUp:
    """An eligible person who did not get a seat of the need, and why.

    Attributes
    ----------
    person : Person
    fit : Fit
        Their fit for this need.
    reason : RunnerUpReason
        ``"lower_fit"`` (free, but fits less), ``"placed_elsewhere"`` (proposed for
        ``placed_in``), ``"release_cap"`` (free, but their department has reached its
        release cap), ``"floor"`` (free, but a critical-skill floor of their department
        keeps them at home: ``floor``) or ``"tie_break"`` (seating them would leave the
        total unchanged; the documented tie-break decided).
    placed_in : Need or None
        The need they are proposed for, if any.
    loss : float or None
        How much lower the total fit of the best proposal seating them here is (exact);
        ``None`` when no proposal can seat them (a release cap or a floor of 0).
    moves : tuple of Move
        How that best proposal differs from this one, the runner-up's own move last.
    floor : Floor or None
        The floor that keeps them at home, for the reason ``"floor"``.
    message : str
        The same, in one sentence.
    """

    person: Person
    fit: Fit
    reason: RunnerUpReason
    placed_in: Need | None
    loss: float | None
    moves: tuple[Move, ...]
    floor: Floor | None
    message: str


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why ``person`` is proposed for ``need``.

    Attributes
    ----------
    person, need : Person, Need
    fit : Fit
        The parts, and per requirement the level and provenance that met it.
    runner_ups : tuple of RunnerUp
        Best first (by fit, then the tie-break).
    summary : str
        One paragraph for a reviewer.
    """

    person: Person
    need: Need
    fit: Fit
    runner_ups: tuple[RunnerUp, ...]
    summary: str

    @property
    def requirements_met(self) -> tuple[SkillMatch, ...]:
        """The requirements the person meets (every must, and the nice-to-haves held)."""
        return tuple(skill for skill in self.fit.skills if skill.met)


@dataclass(frozen=True, slots=True)
class Reason:
    """Why some seats of a need stay empty.

    ``code`` is ``"no_eligible"``, ``"placed_elsewhere"``, ``"release_cap"`` or
    ``"floor"``; ``people`` lists the eligible people concerned (ids, best fit first);
    ``departments`` the departments whose cap is reached, or the one department whose
    floor on ``skill`` at ``level`` keeps them at home.
    """

    code: ReasonCode
    message: str
    people: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    skill: str | None = None
    level: int | None = None


@dataclass(frozen=True, slots=True)
class Fix:
    """The smallest change that would let a seat be filled.

    ``kind`` is ``"release_cap"`` (raise ``department``'s cap by 1), ``"floor"`` (let
    ``department`` release one more holder of ``skill`` at ``level``), ``"skill"`` (one
    more person with ``skill`` at ``level`` or above), ``"clearance"``, ``"tier"``,
    ``"availability"``, ``"department"`` (one more such person from another department)
    or ``"person"`` (one more person with the need's whole profile). ``candidates`` is
    how many people miss only this rule (for ``"release_cap"`` and ``"floor"``: how many
    eligible people the change would free).
    """

    kind: FixKind
    message: str
    department: str | None = None
    skill: str | None = None
    level: int | None = None
    candidates: int = 0


@dataclass(frozen=True, slots=True)
class Unfilled:
    """Seats of a need left empty, why, and what would fill one.

    ``fix`` is ``None`` when the proposal was made with ``explain=False``.
    """

    need: Need
    seats: int
    reasons: tuple[Reason, ...]
    fix: Fix | None
    other_fixes: tuple[Fix, ...] = ()


@dataclass(frozen=True, slots=True)
class DepartmentBalance:
    """Proposals out of and into one department."""

    department: str
    release_cap: int
    proposed_out: int
    proposed_in: int
    seats_requested: int
    seats_filled: int

    @property
    def cap_reached(self) -> bool:
        return self.proposed_out >= self.release_cap


@dataclass(frozen=True, slots=True)
class TierBalance:
    """Proposals per tier, beside the people of that tier eligible for at least one need."""

    tier: str
    candidates: int
    proposed: int


@dataclass(frozen=True, slots=True)
class Fairness:
    """Proposals per department (out and in) and per tier, in id / name order."""

    departments: tuple[DepartmentBalance, ...]
    tiers: tuple[TierBalance, ...]


def _points(hundredths: int) -> str:
    return f"{hundredths / 100:.2f}"


def _fit_text(fit: Fit) -> str:
    return (
        f"fit {fit.total:.2f} = must-have {fit.must_have:.2f} + nice-to-have "
        f"{fit.nice_to_have:.2f} + preference {fit.preference:.2f} + tier {fit.tier:.2f}"
    )


_PROVENANCE_WORDS: Final = {
    "self": "self-declared",
    "manager_verified": "manager-verified",
    "evidenced": "evidenced",
}


def _skill_text(skill: SkillMatch) -> str:
    provenance = _PROVENANCE_WORDS.get(skill.provenance or "", skill.provenance)
    needed = "needs" if skill.must else "nice to have from"
    return f"{skill.skill} at level {skill.level}, {provenance} ({needed} {skill.min_level})"


def _quote(ids: list[str]) -> str:
    shown = ", ".join(ids[:_QUOTED])
    return shown + (f" and {len(ids) - _QUOTED} more" if len(ids) > _QUOTED else "")


class Outcome:
    """The optimal proposal seen from every side, for explanations and summaries."""

    def __init__(
        self, prepared: Prepared, chosen: IntArray, groups: tuple[FloorGroup, ...]
    ) -> None:
        pairs = prepared.pairs
        self.prepared = prepared
        self.pairs = pairs
        self.chosen = chosen  # pair positions of the proposal
        people, needs = prepared.people, prepared.needs
        self.person_department = prepared.finder.table.department
        self.assignment: IntArray = np.full(len(people), -1, dtype=np.int64)
        self.assignment[pairs.person[chosen]] = chosen
        self.headcount = np.array([n.headcount for n in needs], dtype=np.int64)
        self.filled = np.bincount(pairs.need[chosen], minlength=len(needs))
        self.release_cap = np.array([d.release_cap for d in prepared.departments], dtype=np.int64)
        self.out = np.bincount(
            self.person_department[pairs.person[chosen]], minlength=len(prepared.departments)
        )
        self.by_need = np.lexsort((pairs.person, -pairs.lottery, -pairs.fit, pairs.need))
        self.need_start = np.searchsorted(pairs.need[self.by_need], np.arange(len(needs) + 1))
        self._fits: dict[int, Fit] = {}
        self.groups = groups
        proposed = self.assignment >= 0
        self.floor_out = [int(proposed[group.members].sum()) for group in groups]

    # --- lookups ----------------------------------------------------------------------------

    def fit(self, position: int) -> Fit:
        """The :class:`Fit` of a pair (cached)."""
        found = self._fits.get(position)
        if found is None:
            prepared, pairs = self.prepared, self.pairs
            need = int(pairs.need[position])
            found = make_fit(
                prepared.scorer,
                prepared.plans[need],
                prepared.people[int(pairs.person[position])],
                pairs.parts[:, position],
            )
            self._fits[position] = found
        return found

    def candidates(self, need: int) -> IntArray:
        """Pair positions of a need's eligible people, best fit first (then tie-break)."""
        found: IntArray = self.by_need[self.need_start[need] : self.need_start[need + 1]]
        return found

    def at_cap(self, department: int) -> bool:
        return bool(self.out[department] >= self.release_cap[department])

    def floors_holding(self, person: int) -> list[int]:
        """The floors (indices into ``groups``) that keep ``person`` at home: they count in
        them and they are full."""
        return [
            index
            for index, (group, out) in enumerate(zip(self.groups, self.floor_out, strict=True))
            if out >= group.floor.may_release and group.holds(person)
        ]

    def floor_holding(self, person: int) -> FloorGroup | None:
        """The first floor that keeps ``person`` at home, if any."""
        found = self.floors_holding(person)
        return self.groups[found[0]] if found else None

    def person_id(self, person: int) -> str:
        return self.prepared.people[person].id

    def need_id(self, need: int) -> str:
        return self.prepared.needs[need].id

    def department_id(self, department: int) -> str:
        return self.prepared.departments[department].id


def runner_up_positions(outcome: Outcome, need: int) -> list[int]:
    """Pair positions of a need's runner-ups: its best eligible people not seated in it."""
    found: list[int] = []
    limit = outcome.prepared.policy.runner_ups
    for challenger in outcome.candidates(need).tolist():
        if len(found) >= limit:
            break
        if int(outcome.assignment[outcome.pairs.person[challenger]]) != challenger:
            found.append(challenger)
    return found


def _move_text(move: Move) -> str:
    if move.to_need is None:
        return f"{move.person} steps down from {move.from_need}"
    if move.from_need is None:
        return f"{move.person} joins {move.to_need}"
    return f"{move.person} moves from {move.from_need} to {move.to_need}"


def _floor_text(department: str, floor: Floor) -> str:
    return (
        f"{department} keeps its holders of {floor.skill} >= {floor.min_level} at home "
        f"(at most {floor.may_release} may go)"
    )


def judge(outcome: Outcome, holder: int, challenger: int, seating: Seating) -> RunnerUp:
    """Why the runner-up at pair ``challenger`` did not get the seat ``holder`` holds."""
    o, pairs = outcome, outcome.pairs
    q = int(pairs.person[challenger])
    q_name = o.person_id(q)
    held = int(o.assignment[q])
    q_department = int(o.person_department[q])
    department = o.department_id(q_department)
    here = _points(int(pairs.fit[challenger]))
    placed_in = None if held < 0 else o.prepared.needs[int(pairs.need[held])]
    loss = seating.loss
    others = [_move_text(m) for m in seating.moves if m.person != q_name]
    story = f"({'; '.join(others)})" if others else ""
    floor = o.floor_holding(q)
    reason: RunnerUpReason
    if loss is None:
        if int(o.release_cap[q_department]) == 0:
            reason = "release_cap"
            message = (
                f"{q_name} (fit {here}) cannot be released: {department} has a release cap of 0"
            )
        else:
            reason = "floor"
            held_by = floor.floor if floor is not None else None
            message = f"{q_name} (fit {here}) cannot be released: " + (
                _floor_text(department, held_by) if held_by else "a floor keeps them at home"
            )
    elif loss == 0:
        reason = "tie_break"
        message = (
            f"{q_name} (fit {here}) ties: seating them {story} leaves the total unchanged, "
            "and the tie-break rule decided"
        )
    elif held >= 0:
        reason = "placed_elsewhere"
        message = (
            f"{q_name} (fit {here}) is proposed for {o.need_id(int(pairs.need[held]))} "
            f"(fit {_points(int(pairs.fit[held]))}); seating them here {story} would "
            f"lower the total by {_points(loss)}"
        )
    elif o.at_cap(q_department) and not (
        # Replacing a holder from their own department in a full need frees the cap.
        int(o.person_department[int(pairs.person[holder])]) == q_department
        and int(o.filled[int(pairs.need[holder])]) == int(o.headcount[int(pairs.need[holder])])
    ):
        reason = "release_cap"
        message = (
            f"{q_name} (fit {here}) cannot be released as things stand: {department} has "
            f"reached its release cap ({int(o.out[q_department])} of "
            f"{int(o.release_cap[q_department])}); seating them here {story} would "
            f"lower the total by {_points(loss)}"
        )
    elif floor is not None:
        reason = "floor"
        message = (
            f"{q_name} (fit {here}) stays at home as things stand: "
            f"{_floor_text(department, floor.floor)}; seating them here {story} "
            f"would lower the total by {_points(loss)}"
        )
    else:
        reason = "lower_fit"
        message = (
            f"{q_name} fits less (fit {here} against {_points(int(pairs.fit[holder]))}); "
            f"seating them here {story} would lower the total by {_points(loss)}"
        )
    return RunnerUp(
        person=o.prepared.people[q],
        fit=o.fit(challenger),
        reason=reason,
        placed_in=placed_in,
        loss=None if loss is None else loss / 100,
        moves=seating.moves,
        floor=None if reason != "floor" or floor is None else floor.floor,
        message=" ".join(message.split()),
    )


def explain_assignment(
    outcome: Outcome, found: Mapping[int, Seating], position: int
) -> Explanation:
    """The explanation of one proposed pair, from the seatings of its runner-ups."""
    pairs = outcome.pairs
    need = int(pairs.need[position])
    person = int(pairs.person[position])
    fit = outcome.fit(position)
    runner_ups = [
        judge(outcome, position, challenger, found[challenger])
        for challenger in runner_up_positions(outcome, need)
    ]
    met = "; ".join(_skill_text(skill) for skill in fit.skills if skill.met)
    summary = (
        f"{outcome.person_id(person)} is proposed for {outcome.need_id(need)} "
        f"({_fit_text(fit)}). Meets {met}."
    )
    if runner_ups:
        summary += f" Runner-ups: {'; '.join(r.message for r in runner_ups)}."
    else:
        summary += " Nobody else is eligible for this seat."
    return Explanation(
        person=outcome.prepared.people[person],
        need=outcome.prepared.needs[need],
        fit=fit,
        runner_ups=tuple(runner_ups),
        summary=summary,
    )


def fairness(outcome: Outcome) -> Fairness:
    """The per-department and per-tier summary of a proposal."""
    prepared, pairs = outcome.prepared, outcome.pairs
    need_department = np.array(
        [prepared.department_index[n.department] for n in prepared.needs], dtype=np.int64
    )
    department_count = len(prepared.departments)
    proposed_in = np.bincount(
        need_department[pairs.need[outcome.chosen]], minlength=department_count
    )
    requested = np.bincount(need_department, weights=outcome.headcount, minlength=department_count)
    filled = np.bincount(need_department, weights=outcome.filled, minlength=department_count)
    departments = tuple(
        DepartmentBalance(
            department=department.id,
            release_cap=department.release_cap,
            proposed_out=int(outcome.out[d]),
            proposed_in=int(proposed_in[d]),
            seats_requested=int(requested[d]),
            seats_filled=int(filled[d]),
        )
        for d, department in enumerate(prepared.departments)
    )
    candidates: dict[str, int] = {}
    proposed: dict[str, int] = {}
    has_pair = np.diff(pairs.person_start) > 0
    for index, person in enumerate(prepared.people):
        candidates[person.tier] = candidates.get(person.tier, 0) + int(has_pair[index])
        proposed[person.tier] = proposed.get(person.tier, 0) + int(outcome.assignment[index] >= 0)
    tiers = tuple(
        TierBalance(tier=tier, candidates=candidates[tier], proposed=proposed[tier])
        for tier in sorted(candidates)
    )
    return Fairness(departments=departments, tiers=tiers)
