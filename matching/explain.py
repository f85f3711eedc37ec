"""Why each proposal, why not the others, why a seat stays empty, and who moves where.

Everything here is computed from the optimal proposal and the eligible pairs, never by
solving again:

* an assignment's explanation is its :class:`~matching.fit.Fit` (parts and, per
  requirement, the level and provenance that met it) plus up to ``Policy.runner_ups``
  runner-ups;
* a runner-up's *loss* is what the best **simple exchange** that seats them would cost
  the total: the runner-up takes the seat and the holder either steps down, takes a
  vacant seat they are eligible for, or swaps into the runner-up's own seat; when the
  runner-up's department is at its release cap, its weakest proposed person is withdrawn
  to make room. Because the proposal is optimal no exchange can raise the total, so every
  loss is at least 0; a loss of 0 means an equally good proposal exists and the
  tie-break decided. A full re-optimisation could lose less than the best simple
  exchange, never more than it;
* an unfilled seat's reasons come from its eligible people (none; all proposed
  elsewhere; blocked by a release cap: a free eligible person from a department with
  room cannot exist next to an empty seat, or the proposal would not be optimal) and its
  smallest fix is, in this order: raise one release cap by 1, else one more person
  meeting the rule that excludes the most otherwise-eligible people, else one more
  person with the need's whole profile;
* the fairness summary counts proposals per department (out and in, beside the release
  cap and the seats asked) and per tier (beside the people eligible for something).

With :math:`K` proposals, :math:`R` runner-ups per seat and :math:`d` eligible needs per
person, explanations cost :math:`O(E \\log E + K R d)` on top of the solve.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from matching.fit import Fit, IntArray, SkillMatch, make_fit
from matching.index import Prepared
from matching.model import Need, Person

__all__ = [
    "Assignment",
    "DepartmentBalance",
    "Explanation",
    "Fairness",
    "Fix",
    "Reason",
    "RunnerUp",
    "TierBalance",
    "Unfilled",
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
    reason : str
        ``"lower_fit"`` (free, but fits less), ``"placed_elsewhere"`` (proposed for
        ``placed_in``), ``"release_cap"`` (free, but their department has reached its
        release cap) or ``"tie_break"`` (seating them would leave the total unchanged; the
        documented tie-break decided).
    placed_in : Need or None
        The need they are proposed for, if any.
    loss : float or None
        How much the total fit would drop with the best simple exchange that seats them;
        ``None`` when no exchange can (a release cap of 0).
    message : str
        The same, in one sentence.
    """

    person: Person
    fit: Fit
    reason: str
    placed_in: Need | None
    loss: float | None
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

    ``code`` is ``"no_eligible"``, ``"placed_elsewhere"`` or ``"release_cap"``; ``people``
    lists the eligible people concerned (ids, best fit first); ``departments`` the
    departments whose cap is reached.
    """

    code: str
    message: str
    people: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Fix:
    """The smallest change that would let a seat be filled.

    ``kind`` is ``"release_cap"`` (raise ``department``'s cap by 1), ``"skill"`` (one more
    person with ``skill`` at ``level`` or above), ``"clearance"``, ``"tier"``,
    ``"availability"``, ``"department"`` (one more such person from another department)
    or ``"person"`` (one more person with the need's whole profile). ``candidates`` is
    how many people miss only this rule (for ``"release_cap"``: how many eligible people
    the raise would free).
    """

    kind: str
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

    def __init__(self, prepared: Prepared, chosen: IntArray) -> None:
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
        self._weakest: dict[int, list[tuple[int, int, int]]] = {}

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

    def weakest(self, department: int, excluding: int) -> tuple[int, int] | None:
        """``(fit, person)`` of the lowest-fit proposed person of a department, but one."""
        ranked = self._weakest.get(department)
        if ranked is None:
            members = self.chosen[
                self.person_department[self.pairs.person[self.chosen]] == department
            ]
            ranked = sorted(
                (int(self.pairs.fit[c]), int(self.pairs.person[c]), int(c)) for c in members
            )
            self._weakest[department] = ranked
        for fit, person, _ in ranked:
            if person != excluding:
                return fit, person
        return None

    def best_vacancy(self, person: int, excluding: int) -> tuple[int, int] | None:
        """``(fit, need)`` of the person's best eligible need with an empty seat."""
        pairs = self.pairs
        start, stop = int(pairs.person_start[person]), int(pairs.person_start[person + 1])
        needs = pairs.need[start:stop]
        open_seat = (self.filled[needs] < self.headcount[needs]) & (needs != excluding)
        if not open_seat.any():
            return None
        fits = np.where(open_seat, pairs.fit[start:stop], -1)
        best = int(np.argmax(fits))
        return int(fits[best]), int(needs[best])

    def person_id(self, person: int) -> str:
        return self.prepared.people[person].id

    def need_id(self, need: int) -> str:
        return self.prepared.needs[need].id

    def department_id(self, department: int) -> str:
        return self.prepared.departments[department].id


class RunnerUpJudge:
    """Why a runner-up ``q`` did not get the seat that ``p`` holds in need ``n``."""

    def __init__(self, outcome: Outcome) -> None:
        self.outcome = outcome

    def options(self, holder: int, challenger: int) -> list[tuple[int, str]]:
        """Total change of each simple exchange seating the challenger, with its story."""
        o, pairs = self.outcome, self.outcome.pairs
        p, q = int(pairs.person[holder]), int(pairs.person[challenger])
        need = int(pairs.need[holder])
        base = int(pairs.fit[challenger]) - int(pairs.fit[holder])
        held = int(o.assignment[q])
        vacancy = o.best_vacancy(p, need)
        p_name = o.person_id(p)
        stories: list[tuple[int, str]] = []
        if held >= 0:
            old = int(pairs.fit[held])
            old_need = int(pairs.need[held])
            stories.append((base - old, f"{p_name} steps down"))
            if vacancy is not None:
                stories.append(
                    (base - old + vacancy[0], f"{p_name} moves to {o.need_id(vacancy[1])}")
                )
            swap = pairs.fit_of(p, old_need)
            if swap is not None:
                stories.append(
                    (base - old + swap, f"{p_name} takes their seat at {o.need_id(old_need)}")
                )
            return stories
        q_department = int(o.person_department[q])
        same_department = q_department == int(o.person_department[p])
        room = not o.at_cap(q_department)
        if room or same_department:
            stories.append((base, f"{p_name} steps down"))
        else:
            withdrawn = o.weakest(q_department, excluding=p)
            if withdrawn is not None:
                stories.append(
                    (
                        base - withdrawn[0],
                        f"{p_name} steps down and {o.person_id(withdrawn[1])} is withdrawn "
                        f"to respect the release cap of {o.department_id(q_department)}",
                    )
                )
        if vacancy is not None:
            moved = f"{p_name} moves to {o.need_id(vacancy[1])}"
            if room:
                stories.append((base + vacancy[0], moved))
            else:
                withdrawn = o.weakest(q_department, excluding=p)
                if withdrawn is not None:
                    stories.append(
                        (
                            base + vacancy[0] - withdrawn[0],
                            f"{moved} and {o.person_id(withdrawn[1])} is withdrawn to respect "
                            f"the release cap of {o.department_id(q_department)}",
                        )
                    )
        return stories

    def judge(self, holder: int, challenger: int) -> RunnerUp:
        o, pairs = self.outcome, self.outcome.pairs
        q = int(pairs.person[challenger])
        q_name = o.person_id(q)
        held = int(o.assignment[q])
        q_department = int(o.person_department[q])
        stories = self.options(holder, challenger)
        best = max(stories, default=None, key=lambda story: story[0])
        loss = None if best is None else -best[0]
        story = "" if best is None else f"({best[1]})"
        here = _points(int(pairs.fit[challenger]))
        placed_in = None if held < 0 else o.prepared.needs[int(pairs.need[held])]
        if loss is None:
            department = o.department_id(q_department)
            cap = int(o.release_cap[q_department])
            reason = "release_cap"
            message = (
                f"{q_name} (fit {here}) cannot be released: {department} has a release cap "
                f"of {cap} and no proposal from it to withdraw"
            )
        else:
            if loss == 0:
                reason = "tie_break"
                message = (
                    f"{q_name} (fit {here}) ties: seating them {story} leaves the total "
                    "unchanged, and the tie-break rule decided"
                )
            elif held >= 0:
                reason = "placed_elsewhere"
                message = (
                    f"{q_name} (fit {here}) is proposed for {o.need_id(int(pairs.need[held]))} "
                    f"(fit {_points(int(pairs.fit[held]))}); moving them here {story} would "
                    f"lower the total by {_points(loss)}"
                )
            elif o.at_cap(q_department) and q_department != int(
                o.person_department[int(pairs.person[holder])]
            ):
                reason = "release_cap"
                message = (
                    f"{q_name} (fit {here}) cannot be released as things stand: "
                    f"{o.department_id(q_department)} has reached its release cap "
                    f"({int(o.out[q_department])} of {int(o.release_cap[q_department])}); "
                    f"making room {story} would lower the total by {_points(loss)}"
                )
            else:
                reason = "lower_fit"
                message = (
                    f"{q_name} fits less (fit {here} against {_points(int(pairs.fit[holder]))}); "
                    f"proposing them instead {story} would lower the total by {_points(loss)}"
                )
        return RunnerUp(
            person=o.prepared.people[q],
            fit=o.fit(challenger),
            reason=reason,
            placed_in=placed_in,
            loss=None if loss is None else loss / 100,
            message=message,
        )


def explain_assignment(outcome: Outcome, judge: RunnerUpJudge, position: int) -> Explanation:
    """The explanation of one proposed pair."""
    pairs = outcome.pairs
    need = int(pairs.need[position])
    person = int(pairs.person[position])
    fit = outcome.fit(position)
    runner_ups: list[RunnerUp] = []
    limit = outcome.prepared.policy.runner_ups
    for challenger in outcome.candidates(need).tolist():
        if len(runner_ups) >= limit:
            break
        if int(outcome.assignment[pairs.person[challenger]]) == challenger:
            continue  # holds a seat of this need too
        runner_ups.append(judge.judge(position, challenger))
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
