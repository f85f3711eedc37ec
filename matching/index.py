"""The skill index and the eligible pairs it yields, scored in bulk.

Eligible pairs are never found by scoring every (person, need) pair. For each need the
index gives the holders of its rarest must skill at or above the minimum level (for a need
made only of nice-to-haves, the holders of any of them), and only those candidates are
checked against the other rules and scored, all at once with NumPy.

With :math:`C_n` candidates for need :math:`n` and :math:`k_n` requirements, building the
pairs costs :math:`O(S \\log S + \\sum_n C_n k_n \\log P)` for :math:`S` skill entries and
:math:`P` people, plus a sort of the :math:`E` eligible pairs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

import numpy as np

from matching.exceptions import InvalidInputError
from matching.fit import (
    NO_PREFERENCE,
    NOT_HELD,
    PREFERS,
    PREFERS_OTHERS,
    BoolArray,
    IntArray,
    NeedPlan,
    Scorer,
    provenance_code,
)
from matching.model import DEFAULT_POLICY, Department, Need, Person, Policy, validate

__all__ = [
    "LOTTERY_BITS",
    "CandidateFinder",
    "Candidates",
    "Pairs",
    "PeopleTable",
    "Prepared",
    "SkillIndex",
    "eligible_pairs",
    "prepare",
]

#: Bits of the tie-break lottery number of a pair (numbers 0 .. 4095).
LOTTERY_BITS: Final = 12
_NO_DAY_BEFORE: Final = date.min.toordinal()
_NO_DAY_AFTER: Final = date.max.toordinal()
_GOLDEN: Final = np.uint64(0x9E3779B97F4A7C15)
_MIX1: Final = np.uint64(0xBF58476D1CE4E5B9)
_MIX2: Final = np.uint64(0x94D049BB133111EB)


def id_digest(kind: str, identifier: str) -> int:
    """64-bit BLAKE2b digest of ``"kind:identifier"``: a stable, order-free id hash."""
    data = f"{kind}:{identifier}".encode()
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def lottery(person_digest: IntArray, need_digest: IntArray) -> IntArray:
    """Lottery numbers (0 .. 2**LOTTERY_BITS - 1) of pairs, from the ids' digests.

    ``splitmix64(person XOR golden * need)``, top :data:`LOTTERY_BITS` bits; uint64
    arithmetic wraps the same way on every platform.
    """
    z = person_digest.astype(np.uint64) ^ (need_digest.astype(np.uint64) * _GOLDEN)
    z = (z ^ (z >> np.uint64(30))) * _MIX1
    z = (z ^ (z >> np.uint64(27))) * _MIX2
    z = z ^ (z >> np.uint64(31))
    numbers: IntArray = (z >> np.uint64(64 - LOTTERY_BITS)).astype(np.int64)
    return numbers


@dataclass(frozen=True, eq=False)
class PeopleTable:
    """Per-person attributes as arrays, indexed like the id-sorted people."""

    people: tuple[Person, ...]
    department: IntArray
    tier: IntArray
    clearance: IntArray
    available_from: IntArray
    available_to: IntArray
    has_preferences: BoolArray
    digest: IntArray

    @classmethod
    def of(
        cls, people: Sequence[Person], department_index: dict[str, int], tier_codes: dict[str, int]
    ) -> PeopleTable:
        count = len(people)
        return cls(
            people=tuple(people),
            department=np.fromiter(
                (department_index[p.department] for p in people), np.int64, count
            ),
            tier=np.fromiter((tier_codes[p.tier] for p in people), np.int64, count),
            clearance=np.fromiter((p.clearance for p in people), np.int64, count),
            available_from=np.fromiter(
                (
                    _NO_DAY_BEFORE if p.available_from is None else p.available_from.toordinal()
                    for p in people
                ),
                np.int64,
                count,
            ),
            available_to=np.fromiter(
                (
                    _NO_DAY_AFTER if p.available_to is None else p.available_to.toordinal()
                    for p in people
                ),
                np.int64,
                count,
            ),
            has_preferences=np.fromiter(
                (bool(p.preferred_departments) for p in people), np.bool_, count
            ),
            digest=np.array([id_digest("person", p.id) for p in people], dtype=np.uint64).astype(
                np.int64
            )
            if people
            else np.zeros(0, dtype=np.int64),
        )


@dataclass(frozen=True, eq=False)
class SkillHolders:
    """The people holding one skill."""

    people: IntArray  # person indices, ascending
    levels: IntArray  # aligned with people
    provenance: IntArray  # aligned with people
    by_level: IntArray  # person indices, highest level first (ties by index)
    levels_descending: IntArray  # aligned with by_level

    def at_least(self, level: int) -> IntArray:
        """Indices of the holders at ``level`` or above, ascending."""
        count = int(np.searchsorted(-self.levels_descending, -level, side="right"))
        found: IntArray = np.sort(self.by_level[:count])
        return found

    def count_at_least(self, level: int) -> int:
        return int(np.searchsorted(-self.levels_descending, -level, side="right"))

    def lookup(self, people: IntArray) -> tuple[IntArray, IntArray]:
        """Level and provenance code of each of ``people`` (0 and NOT_HELD when not held)."""
        position = np.searchsorted(self.people, people)
        position = np.minimum(position, len(self.people) - 1)
        held = self.people[position] == people
        levels: IntArray = np.where(held, self.levels[position], 0)
        provenance: IntArray = np.where(held, self.provenance[position], NOT_HELD)
        return levels, provenance


class SkillIndex:
    """Skill name to :class:`SkillHolders`, department to the people who prefer it, and need to
    the people interested in it."""

    def __init__(self, people: Sequence[Person], department_index: dict[str, int]) -> None:
        entries: dict[str, tuple[list[int], list[int], list[int]]] = {}
        preferring: dict[int, list[int]] = {}
        interested: dict[str, list[int]] = {}
        for index, person in enumerate(people):
            for need in set(person.interested_needs):
                interested.setdefault(need, []).append(index)
            for skill, evidence in person.skills.items():
                holders = entries.setdefault(skill, ([], [], []))
                holders[0].append(index)
                holders[1].append(evidence.level)
                holders[2].append(provenance_code(evidence.provenance))
            for department in set(person.preferred_departments):
                preferring.setdefault(department_index[department], []).append(index)
        self.holders: dict[str, SkillHolders] = {}
        for skill, (indices, levels, provenance) in entries.items():
            people_array = np.array(indices, dtype=np.int64)
            level_array = np.array(levels, dtype=np.int64)
            order = np.lexsort((people_array, -level_array))
            self.holders[skill] = SkillHolders(
                people=people_array,
                levels=level_array,
                provenance=np.array(provenance, dtype=np.int64),
                by_level=people_array[order],
                levels_descending=level_array[order],
            )
        self.preferring: dict[int, IntArray] = {
            department: np.array(indices, dtype=np.int64)
            for department, indices in preferring.items()
        }
        self.interested: dict[str, IntArray] = {
            need: np.array(indices, dtype=np.int64) for need, indices in interested.items()
        }

    def levels(self, skill: str, people: IntArray) -> tuple[IntArray, IntArray]:
        holders = self.holders.get(skill)
        if holders is None:
            return np.zeros(len(people), dtype=np.int64), np.full(len(people), NOT_HELD)
        return holders.lookup(people)

    def prefers(self, department: int, people: IntArray) -> BoolArray:
        """Which of ``people`` list ``department`` among their preferences."""
        return _among(self.preferring.get(department), people)

    def interested_in(self, need: str, people: IntArray) -> BoolArray:
        """Which of ``people`` said they are interested in ``need``."""
        return _among(self.interested.get(need), people)


def _among(members: IntArray | None, people: IntArray) -> BoolArray:
    """Which of ``people`` are in the sorted array ``members``."""
    if members is None or not len(people):
        return np.zeros(len(people), dtype=np.bool_)
    position = np.minimum(np.searchsorted(members, people), len(members) - 1)
    found: BoolArray = members[position] == people
    return found


@dataclass(frozen=True, eq=False)
class Candidates:
    """The eligible people of one need, with their levels and fit parts."""

    people: IntArray
    parts: IntArray  # shape (4, m), hundredths


@dataclass(frozen=True, eq=False)
class Pairs:
    """Every eligible (person, need) pair, sorted by person then need index.

    Attributes
    ----------
    person, need : IntArray
        Indices into the id-sorted people and needs.
    parts : IntArray
        Shape ``(4, E)``: must-have, nice-to-have, preference and tier, in hundredths.
    fit : IntArray
        Sum of the parts: the fit in hundredths.
    lottery : IntArray
        Tie-break numbers (all 0 with ``tie_break="id"``).
    person_start : IntArray
        ``person_start[p]:person_start[p + 1]`` are the pairs of person ``p``.
    """

    person: IntArray
    need: IntArray
    parts: IntArray
    fit: IntArray
    lottery: IntArray
    person_start: IntArray

    def __len__(self) -> int:
        return len(self.person)

    def fit_of(self, person: int, need: int) -> int | None:
        """Fit in hundredths of a pair, ``None`` when it is not eligible."""
        start, stop = int(self.person_start[person]), int(self.person_start[person + 1])
        position = start + int(np.searchsorted(self.need[start:stop], need))
        if position < stop and int(self.need[position]) == need:
            return int(self.fit[position])
        return None


class CandidateFinder:
    """Finds and scores the eligible people of a need through the index."""

    def __init__(
        self,
        table: PeopleTable,
        index: SkillIndex,
        scorer: Scorer,
        policy: Policy,
        department_index: dict[str, int],
        tier_codes: dict[str, int],
    ) -> None:
        self.table = table
        self.index = index
        self.scorer = scorer
        self.policy = policy
        self.department_index = department_index
        self.tier_codes = tier_codes

    def base(self, plan: NeedPlan) -> IntArray:
        """People holding the skills that admit them: the rarest must, else any nice-to-have."""
        holders = self.index.holders
        musts = [j for j, must in enumerate(plan.musts) if must]
        if musts:
            if any(plan.skills[j] not in holders for j in musts):
                return np.zeros(0, dtype=np.int64)
            rarest = min(
                musts, key=lambda j: holders[plan.skills[j]].count_at_least(plan.min_levels[j])
            )
            return holders[plan.skills[rarest]].at_least(plan.min_levels[rarest])
        found = [
            holders[skill].at_least(level)
            for skill, level in zip(plan.skills, plan.min_levels, strict=True)
            if skill in holders
        ]
        if not found:
            return np.zeros(0, dtype=np.int64)
        return np.unique(np.concatenate(found))

    def rule_mask(self, need: Need, people: IntArray, *, own_department: bool = True) -> BoolArray:
        """Which of ``people`` pass the rules that are not about skills."""
        table = self.table
        mask: BoolArray = (
            (table.clearance[people] >= need.clearance)
            & (table.available_from[people] <= need.start.toordinal())
            & (table.available_to[people] >= need.end.toordinal())
        )
        if own_department:
            mask &= table.department[people] != self.department_index[need.department]
        if self.policy.tier_rule == "hard" and need.tier is not None:
            mask &= table.tier[people] == self.tier_codes.get(need.tier, -1)
        return mask

    def skill_levels(self, plan: NeedPlan, people: IntArray) -> tuple[IntArray, IntArray]:
        """Levels and provenance codes, shape ``(k, m)``, of ``people`` in the need's skills."""
        count = len(plan.skills)
        levels = np.zeros((count, len(people)), dtype=np.int64)
        provenance = np.zeros((count, len(people)), dtype=np.int64)
        for j, skill in enumerate(plan.skills):
            levels[j], provenance[j] = self.index.levels(skill, people)
        return levels, provenance

    def candidates(self, need: Need, plan: NeedPlan) -> Candidates:
        """The eligible people of ``need`` and their fit parts."""
        people = self.base(plan)
        people = people[self.rule_mask(need, people)]
        levels, provenance = self.skill_levels(plan, people)
        keep = np.ones(len(people), dtype=np.bool_)
        for j, must in enumerate(plan.musts):
            if must:
                keep &= levels[j] >= plan.min_levels[j]
        people, levels, provenance = people[keep], levels[:, keep], provenance[:, keep]
        return Candidates(people=people, parts=self.parts(need, plan, people, levels, provenance))

    def parts(
        self,
        need: Need,
        plan: NeedPlan,
        people: IntArray,
        levels: IntArray,
        provenance: IntArray,
    ) -> IntArray:
        department = self.department_index[need.department]
        preference = np.where(
            self.index.interested_in(need.id, people),
            PREFERS,
            np.where(
                self.table.has_preferences[people],
                np.where(self.index.prefers(department, people), PREFERS, PREFERS_OTHERS),
                NO_PREFERENCE,
            ),
        ).astype(np.int64)
        if need.tier is None:
            tier_ok = np.ones(len(people), dtype=np.bool_)
        else:
            tier_ok = self.table.tier[people] == self.tier_codes.get(need.tier, -1)
        return self.scorer.parts(plan, levels, provenance, preference, tier_ok)


def eligible_pairs(
    finder: CandidateFinder,
    needs: Sequence[Need],
    plans: Sequence[NeedPlan],
    *,
    use_lottery: bool,
) -> Pairs:
    """Every eligible pair with its fit, sorted by person then need."""
    person_parts: list[IntArray] = []
    need_parts: list[IntArray] = []
    fit_parts: list[IntArray] = []
    for n, (one_need, plan) in enumerate(zip(needs, plans, strict=True)):
        found = finder.candidates(one_need, plan)
        if len(found.people):
            person_parts.append(found.people)
            need_parts.append(np.full(len(found.people), n, dtype=np.int64))
            fit_parts.append(found.parts)
    people_count = len(finder.table.people)
    if not person_parts:
        empty = np.zeros(0, dtype=np.int64)
        return Pairs(
            person=empty,
            need=empty,
            parts=np.zeros((4, 0), dtype=np.int64),
            fit=empty,
            lottery=empty,
            person_start=np.zeros(people_count + 1, dtype=np.int64),
        )
    person = np.concatenate(person_parts)
    need = np.concatenate(need_parts)
    parts = np.concatenate(fit_parts, axis=1)
    order = np.lexsort((need, person))
    person, need, parts = person[order], need[order], parts[:, order]
    if use_lottery:
        need_digest = np.array([id_digest("need", n.id) for n in needs], dtype=np.uint64)
        numbers = lottery(finder.table.digest[person], need_digest[need].astype(np.int64))
    else:
        numbers = np.zeros(len(person), dtype=np.int64)
    person_start = np.searchsorted(person, np.arange(people_count + 1)).astype(np.int64)
    return Pairs(
        person=person,
        need=need,
        parts=parts,
        fit=parts.sum(axis=0),
        lottery=numbers,
        person_start=person_start,
    )


def without_forbidden(
    pairs: Pairs,
    people: Sequence[Person],
    needs: Sequence[Need],
    forbidden: Collection[tuple[str, str]],
) -> Pairs:
    """``pairs`` less the (person id, need id) pairs of ``forbidden``; a pair naming a person
    or a need not given raises :class:`InvalidInputError`. :math:`O(E + F)`."""
    if not forbidden:
        return pairs
    person_index = {person.id: p for p, person in enumerate(people)}
    need_index = {need.id: n for n, need in enumerate(needs)}
    banned = []
    for person_id, need_id in forbidden:
        if person_id not in person_index:
            raise InvalidInputError(
                f"forbidden pair ({person_id}, {need_id}): no person {person_id!r} was given",
                item=person_id,
                field="forbidden",
            )
        if need_id not in need_index:
            raise InvalidInputError(
                f"forbidden pair ({person_id}, {need_id}): no need {need_id!r} was given",
                item=need_id,
                field="forbidden",
            )
        banned.append(person_index[person_id] * len(needs) + need_index[need_id])
    keep = ~np.isin(pairs.person * len(needs) + pairs.need, np.array(banned, dtype=np.int64))
    person = pairs.person[keep]
    return Pairs(
        person=person,
        need=pairs.need[keep],
        parts=pairs.parts[:, keep],
        fit=pairs.fit[keep],
        lottery=pairs.lottery[keep],
        person_start=np.searchsorted(person, np.arange(len(people) + 1)).astype(np.int64),
    )


def department_codes(departments: Sequence[Department]) -> dict[str, int]:
    """Department id to its index in the id-sorted departments."""
    return {department.id: index for index, department in enumerate(departments)}


def tier_codes(people: Sequence[Person], needs: Sequence[Need]) -> dict[str, int]:
    """Tier name to a code, sorted by name so the codes do not depend on input order."""
    tiers = {p.tier for p in people} | {n.tier for n in needs if n.tier is not None}
    return {tier: code for code, tier in enumerate(sorted(tiers))}


@dataclass(frozen=True, eq=False)
class Prepared:
    """Validated, id-sorted inputs with their index and eligible pairs."""

    people: tuple[Person, ...]
    needs: tuple[Need, ...]
    departments: tuple[Department, ...]
    policy: Policy
    scorer: Scorer
    plans: tuple[NeedPlan, ...]
    finder: CandidateFinder
    pairs: Pairs
    department_index: dict[str, int]


def prepare(
    people: Iterable[Person],
    needs: Iterable[Need],
    departments: Iterable[Department],
    *,
    policy: Policy = DEFAULT_POLICY,
    forbidden: Collection[tuple[str, str]] = (),
) -> Prepared:
    """Validate the inputs, index the skills and find every eligible pair with its fit, less
    the ``forbidden`` (person id, need id) pairs."""
    people_sorted, needs_sorted, departments_sorted = validate(
        people, needs, departments, policy=policy
    )
    department_index = department_codes(departments_sorted)
    tiers = tier_codes(people_sorted, needs_sorted)
    scorer = Scorer(policy)
    plans = tuple(NeedPlan.of(need, scorer) for need in needs_sorted)
    table = PeopleTable.of(people_sorted, department_index, tiers)
    index = SkillIndex(people_sorted, department_index)
    finder = CandidateFinder(table, index, scorer, policy, department_index, tiers)
    pairs = without_forbidden(
        eligible_pairs(finder, needs_sorted, plans, use_lottery=policy.tie_break == "lottery"),
        people_sorted,
        needs_sorted,
        forbidden,
    )
    return Prepared(
        people=people_sorted,
        needs=needs_sorted,
        departments=departments_sorted,
        policy=policy,
        scorer=scorer,
        plans=plans,
        finder=finder,
        pairs=pairs,
        department_index=department_index,
    )
