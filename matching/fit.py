r"""The fit of a person for a need: a number from 0 to 100, and its parts.

Eligibility (hard rules, checked before any score)
--------------------------------------------------
A person is eligible for a need when all of these hold, otherwise :func:`score` returns
``None``:

* the person is not from the need's department;
* every *must* requirement is held at or above its ``min_level``;
* the person's clearance is at least the need's;
* the person's tier equals the need's tier, when the need names one (``Policy.tier_rule
  == "hard"``, the default);
* the person's availability covers the need's period (``available_from`` on or before
  ``start``, ``available_to`` on or after ``end``; ``None`` is open on that side);
* no evidence, no score: the person holds at least one of the need's skills at its minimum
  level. With a must requirement this follows from the rule above; for a need made only of
  nice-to-haves it means at least one of them. Nobody gets a low default score for skills
  they never declared.

Formula
-------
For a requirement :math:`r` with minimum :math:`m_r` and weight :math:`w_r`, a person who
holds the skill at level :math:`L` with provenance :math:`\pi` earns the credit

.. math::

    c_r = \begin{cases}
        \bigl(a + (1 - a)(1 - \delta^{\,L - m_r})\bigr) \cdot f_\pi & L \ge m_r \\
        0 & \text{otherwise (or skill not held)}
    \end{cases}

where :math:`a` is ``Policy.at_minimum`` (0.6: the share earned exactly at the minimum),
:math:`\delta` is ``Policy.level_decay`` (0.5: each level above the minimum adds half of what
the previous one added, so +1 level gives 0.8, +2 gives 0.9, +3 gives 0.95), and
:math:`f_\pi` is the provenance factor (``"self"`` 0.6, ``"manager_verified"`` 0.85,
``"evidenced"`` 1.0). A group of requirements (the musts :math:`M`, or the nice-to-haves
:math:`N`) is covered to

.. math::

    \operatorname{cov}(G) = \frac{\sum_{r \in G} w_r c_r}{\sum_{r \in G} w_r} \in [0, 1].

With the policy weights :math:`W_M, W_N, W_P, W_T` (60, 20, 10, 10) and
:math:`W = W_M + W_N + W_P + W_T`, the fit is the sum of four parts, each rounded to
hundredths:

.. math::

    \text{fit} = \frac{100}{W}\Bigl(\hat W_M \operatorname{cov}(M) + \hat W_N \operatorname{cov}(N)
                 + W_P\, p + W_T\, t\Bigr)

* *must_have* and *nice_to_have*: :math:`\hat W_M = W_M, \hat W_N = W_N` when the need has
  both kinds; a need with only one kind gives that kind :math:`W_M + W_N` (the skill points
  are shared by the kinds the need uses, so a need is not "easier" for lacking extras);
* *preference*: :math:`p = 1` if the person said they are interested in the need or its
  department is among their preferred departments, ``Policy.no_preference_share`` (0.5) if
  the person stated no preference, 0 if they prefer other departments;
* *tier*: :math:`t = 1` if the need names no tier or the person's tier matches, else 0
  (only possible with ``tier_rule="soft"``; under the default hard rule every eligible
  person matches, so the part is the same for all candidates of a need).

The total is the sum of the rounded parts, so it is exact in hundredths, and
:math:`\text{fit} \le 100` with equality only for a perfect candidate when
:math:`\delta = 0`. Eligible people score above 0 (every factor is positive; only a policy
with vanishing skill weights could round a fit down to 0.00).

The same code scores a single pair (:func:`score`) and every candidate of a need at once
(:func:`matching.propose`), so the two always agree to the hundredth.

References
----------
.. [1] The provenance scale follows ``docs/matching.md`` ("a verified or evidenced skill
   counts more than a self-declared one").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from matching.model import (
    DEFAULT_POLICY,
    MAX_LEVEL,
    MIN_LEVEL,
    PROVENANCES,
    Need,
    Person,
    Policy,
    _check_need,
    _check_person,
    check_policy,
)

__all__ = ["Fit", "SkillMatch", "score"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: Preference states, as indices into the share table.
PREFERS: Final = 0
NO_PREFERENCE: Final = 1
PREFERS_OTHERS: Final = 2
#: Provenance code of a skill the person does not hold (indexes the 0.0 factor).
NOT_HELD: Final = -1
PART_NAMES: Final = ("must_have", "nice_to_have", "preference", "tier")


@dataclass(frozen=True, slots=True)
class SkillMatch:
    """How one requirement of a need is met by one person.

    Attributes
    ----------
    skill : str
    must : bool
        Must-have (``True``) or nice-to-have.
    min_level : int
    weight : float
    level : int or None
        The person's level, ``None`` when they do not hold the skill.
    provenance : str or None
        How that level is known, ``None`` when they do not hold the skill.
    points : float
        Fit points this skill contributes (rounded to hundredths for display; the parts
        of :class:`Fit` are computed from the exact values).
    """

    skill: str
    must: bool
    min_level: int
    weight: float
    level: int | None
    provenance: str | None
    points: float

    @property
    def met(self) -> bool:
        """Whether the person holds the skill at or above the minimum level."""
        return self.level is not None and self.level >= self.min_level


@dataclass(frozen=True, slots=True)
class Fit:
    """A person's fit for a need: ``total`` (0-100) is the sum of the four parts.

    Attributes
    ----------
    total : float
        0-100, in hundredths.
    must_have, nice_to_have, preference, tier : float
        The parts (see :mod:`matching.fit` for the formula).
    skills : tuple of SkillMatch
        One entry per requirement of the need, in the need's order.

    Examples
    --------
    >>> from datetime import date
    >>> from matching import Evidence, Need, Person, Requirement
    >>> ana = Person("P-1", "D-1", "general", 0, {"GIS": Evidence(4, "evidenced")}, None, None)
    >>> need = Need("N-1", "D-2", [Requirement("GIS", 3)], 1, date(2026, 3, 2), date(2026, 5, 29))
    >>> fit = score(ana, need)
    >>> fit.total == fit.must_have + fit.nice_to_have + fit.preference + fit.tier
    True
    >>> [(s.skill, s.level, s.provenance, s.met) for s in fit.skills]
    [('GIS', 4, 'evidenced', True)]
    """

    total: float
    must_have: float
    nice_to_have: float
    preference: float
    tier: float
    skills: tuple[SkillMatch, ...]

    @property
    def parts(self) -> dict[str, float]:
        """The four parts by name, in a fixed order."""
        return {
            "must_have": self.must_have,
            "nice_to_have": self.nice_to_have,
            "preference": self.preference,
            "tier": self.tier,
        }


@dataclass(frozen=True, slots=True)
class NeedPlan:
    """A need's requirements, laid out once for scoring many candidates."""

    skills: tuple[str, ...]
    min_levels: tuple[int, ...]
    weights: tuple[float, ...]
    musts: tuple[bool, ...]
    must_weight_sum: float
    nice_weight_sum: float
    must_points: float
    nice_points: float

    @classmethod
    def of(cls, need: Need, scorer: Scorer) -> NeedPlan:
        requirements = tuple(need.requirements)
        musts = tuple(r.must for r in requirements)
        must_sum = sum(float(r.weight) for r in requirements if r.must)
        nice_sum = sum(float(r.weight) for r in requirements if not r.must)
        skill_points = scorer.requirement_points + scorer.nice_points
        if must_sum and nice_sum:
            must_points, nice_points = scorer.requirement_points, scorer.nice_points
        elif must_sum:
            must_points, nice_points = skill_points, 0.0
        else:
            must_points, nice_points = 0.0, skill_points
        return cls(
            skills=tuple(r.skill for r in requirements),
            min_levels=tuple(r.min_level for r in requirements),
            weights=tuple(float(r.weight) for r in requirements),
            musts=musts,
            must_weight_sum=must_sum,
            nice_weight_sum=nice_sum,
            must_points=must_points,
            nice_points=nice_points,
        )


class Scorer:
    """The fit formula for one policy, vectorised over the candidates of a need."""

    def __init__(self, policy: Policy) -> None:
        a, decay = float(policy.at_minimum), float(policy.level_decay)
        steps = MAX_LEVEL - MIN_LEVEL + 1
        # Index k holds the credit k levels above the minimum; the last entry (index -1)
        # is the credit of a skill below the minimum or not held.
        self.credit: FloatArray = np.array(
            [a + (1.0 - a) * (1.0 - decay**k) for k in range(steps)] + [0.0]
        )
        self.factor: FloatArray = np.array(
            [float(policy.provenance_factors[p]) for p in PROVENANCES] + [0.0]
        )
        self.credit_values: list[float] = self.credit.tolist()
        self.factor_values: list[float] = self.factor.tolist()
        total = (
            policy.requirement_weight
            + policy.nice_to_have_weight
            + policy.preference_weight
            + policy.tier_weight
        )
        scale = 100.0 / float(total)
        self.requirement_points = scale * float(policy.requirement_weight)
        self.nice_points = scale * float(policy.nice_to_have_weight)
        self.preference_points = scale * float(policy.preference_weight)
        self.tier_points = scale * float(policy.tier_weight)
        self.preference_share: FloatArray = np.array([1.0, float(policy.no_preference_share), 0.0])

    def contributions(
        self, plan: NeedPlan, index: int, levels: IntArray, provenance: IntArray
    ) -> FloatArray:
        """Weighted credit of requirement ``index`` for each candidate (before normalising)."""
        above = levels - plan.min_levels[index]
        step = np.where(above >= 0, above, -1)
        weighted: FloatArray = plan.weights[index] * self.credit[step]
        return weighted * self.factor[provenance]

    def parts(
        self,
        plan: NeedPlan,
        levels: IntArray,
        provenance: IntArray,
        preference: IntArray,
        tier_ok: BoolArray,
    ) -> IntArray:
        """The four parts in hundredths, shape ``(4, m)`` for ``m`` candidates.

        ``levels`` and ``provenance`` have shape ``(k, m)`` for the ``k`` requirements
        (level 0 and provenance :data:`NOT_HELD` for a skill not held).
        """
        count = levels.shape[1]
        must: FloatArray = np.zeros(count)
        nice: FloatArray = np.zeros(count)
        for index, is_must in enumerate(plan.musts):
            value = self.contributions(plan, index, levels[index], provenance[index])
            if is_must:
                must = must + value
            else:
                nice = nice + value
        result: IntArray = np.zeros((4, count), dtype=np.int64)
        if plan.must_weight_sum:
            result[0] = np.rint((must / plan.must_weight_sum) * plan.must_points * 100.0)
        if plan.nice_weight_sum:
            result[1] = np.rint((nice / plan.nice_weight_sum) * plan.nice_points * 100.0)
        result[2] = np.rint(self.preference_share[preference] * self.preference_points * 100.0)
        result[3] = np.rint(np.where(tier_ok, self.tier_points, 0.0) * 100.0)
        return result

    def skill_points(self, plan: NeedPlan, index: int, level: int, provenance: int) -> float:
        """Display points of one requirement for one person, rounded to hundredths.

        Same arithmetic as :meth:`contributions`, on Python floats (one pair at a time).
        """
        above = level - plan.min_levels[index]
        credit = self.credit_values[above] if above >= 0 else 0.0
        value = (plan.weights[index] * credit) * self.factor_values[provenance]
        if plan.musts[index]:
            points = value / plan.must_weight_sum * plan.must_points
        else:
            points = value / plan.nice_weight_sum * plan.nice_points
        return round(points, 2)


def provenance_code(provenance: str) -> int:
    """Index of a provenance in :data:`~matching.model.PROVENANCES`."""
    return PROVENANCES.index(provenance)


def preference_state(person: Person, need: Need) -> int:
    """:data:`PREFERS`, :data:`NO_PREFERENCE` or :data:`PREFERS_OTHERS`; interest in the need
    itself counts as preferring its department."""
    if need.id in person.interested_needs:
        return PREFERS
    if not person.preferred_departments:
        return NO_PREFERENCE
    return PREFERS if need.department in person.preferred_departments else PREFERS_OTHERS


def eligible(person: Person, need: Need, policy: Policy) -> bool:
    """The hard rules of one pair (release caps aside); see the module docstring."""
    if person.department == need.department or person.clearance < need.clearance:
        return False
    if policy.tier_rule == "hard" and need.tier is not None and person.tier != need.tier:
        return False
    if person.available_from is not None and person.available_from > need.start:
        return False
    if person.available_to is not None and person.available_to < need.end:
        return False
    any_met = False
    for requirement in need.requirements:
        evidence = person.skills.get(requirement.skill)
        met = evidence is not None and evidence.level >= requirement.min_level
        if requirement.must and not met:
            return False
        any_met = any_met or met
    return any_met


def make_fit(
    scorer: Scorer, plan: NeedPlan, person: Person, parts: Sequence[int] | IntArray
) -> Fit:
    """Build a :class:`Fit` from the parts in hundredths, adding the per-skill detail."""
    details = []
    for index, skill in enumerate(plan.skills):
        evidence = person.skills.get(skill)
        if evidence is None:
            level, provenance, points = None, None, 0.0
        else:
            level, provenance = evidence.level, evidence.provenance
            points = scorer.skill_points(plan, index, level, provenance_code(provenance))
        details.append(
            SkillMatch(
                skill=skill,
                must=plan.musts[index],
                min_level=plan.min_levels[index],
                weight=plan.weights[index],
                level=level,
                provenance=provenance,
                points=points,
            )
        )
    values = [int(part) for part in parts]
    return Fit(
        total=sum(values) / 100,
        must_have=values[0] / 100,
        nice_to_have=values[1] / 100,
        preference=values[2] / 100,
        tier=values[3] / 100,
        skills=tuple(details),
    )


def pair_parts(scorer: Scorer, plan: NeedPlan, person: Person, need: Need) -> IntArray:
    """The four parts of one pair in hundredths, through the vectorised formula."""
    levels = np.zeros((len(plan.skills), 1), dtype=np.int64)
    provenance = np.full((len(plan.skills), 1), NOT_HELD, dtype=np.int64)
    for index, skill in enumerate(plan.skills):
        evidence = person.skills.get(skill)
        if evidence is not None:
            levels[index, 0] = evidence.level
            provenance[index, 0] = provenance_code(evidence.provenance)
    preference = np.array([preference_state(person, need)], dtype=np.int64)
    tier_ok = np.array([need.tier is None or person.tier == need.tier])
    parts: IntArray = scorer.parts(plan, levels, provenance, preference, tier_ok)[:, 0]
    return parts


def score(person: Person, need: Need, policy: Policy = DEFAULT_POLICY) -> Fit | None:
    """Score one person for one need.

    Parameters
    ----------
    person : Person
    need : Need
    policy : Policy, optional
        Weights and options; :class:`Policy()` by default.

    Returns
    -------
    Fit or None
        ``None`` when a hard rule excludes the pair (own department, a must requirement
        below its minimum, clearance, tier, availability, or no relevant evidence at all);
        release caps are not a property of one pair and are left to :func:`propose`.

    Raises
    ------
    MatchingError
        When the person, the need or the policy is malformed (the message names it).

    Notes
    -----
    :math:`O(k)` for a need of :math:`k` requirements. The formula is in the docstring of
    :mod:`matching.fit`.

    Examples
    --------
    >>> from datetime import date
    >>> from matching import Evidence, Need, Person, Requirement
    >>> need = Need("N-1", "D-2", [Requirement("GIS", 3), Requirement("SQL", 2, must=False)],
    ...             headcount=1, start=date(2026, 3, 2), end=date(2026, 5, 29))
    >>> ana = Person("P-1", "D-1", "general", 0,
    ...              {"GIS": Evidence(3, "evidenced"), "SQL": Evidence(4, "self")},
    ...              available_from=None, available_to=None, preferred_departments=["D-2"])
    >>> fit = score(ana, need)
    >>> fit.total, fit.must_have, fit.nice_to_have, fit.preference, fit.tier
    (66.8, 36.0, 10.8, 10.0, 10.0)

    Self-declared evidence counts less than evidenced skill at the same level:

    >>> ben = Person("P-2", "D-1", "general", 0, {"GIS": Evidence(3, "self")}, None, None)
    >>> score(ben, need).must_have
    21.6

    Not eligible: below the minimum, or from the need's own department.

    >>> score(Person("P-3", "D-1", "general", 0, {"GIS": Evidence(2, "evidenced")}, None, None),
    ...       need) is None
    True
    >>> score(Person("P-4", "D-2", "general", 0, {"GIS": Evidence(5, "evidenced")}, None, None),
    ...       need) is None
    True
    """
    check_policy(policy)
    _check_person(person)
    _check_need(need)
    if not eligible(person, need, policy):
        return None
    scorer = Scorer(policy)
    plan = NeedPlan.of(need, scorer)
    return make_fit(scorer, plan, person, pair_parts(scorer, plan, person, need))
