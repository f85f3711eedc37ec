"""What the matcher takes in: people, their evidence, needs, departments and the policy.

All inputs are frozen dataclasses; the matcher never changes them (nor the mappings and
sequences they hold). :func:`validate` checks a whole input set and raises the
:class:`~matching.exceptions.MatchingError` subclass that names the first offending item,
in id order, so the same input always reports the same error.

Examples
--------
>>> from datetime import date
>>> gis = Evidence(level=4, provenance="evidenced")
>>> ana = Person("P-1", "D-1", "specialist", clearance=1, skills={"GIS": gis},
...              available_from=None, available_to=None)
>>> need = Need("N-1", "D-2", [Requirement("GIS", 3)], headcount=1,
...             start=date(2026, 3, 1), end=date(2026, 6, 30))
>>> people, needs, departments = validate([ana], [need], [Department("D-1", 1),
...                                                       Department("D-2", 0)])
>>> [person.id for person in people], [d.id for d in departments]
(['P-1'], ['D-1', 'D-2'])
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import Final

from matching.exceptions import (
    DuplicateIdError,
    InvalidDepartmentError,
    InvalidEvidenceError,
    InvalidNeedError,
    InvalidPersonError,
    InvalidPolicyError,
    InvalidRequirementError,
    UnknownDepartmentError,
)

__all__ = [
    "MAX_LEVEL",
    "MIN_LEVEL",
    "PROVENANCES",
    "Department",
    "Evidence",
    "Floor",
    "Need",
    "Person",
    "Policy",
    "Requirement",
    "validate",
]

MIN_LEVEL: Final = 1
MAX_LEVEL: Final = 5
#: The provenances of a skill, from the weakest evidence to the strongest.
PROVENANCES: Final = ("self", "manager_verified", "evidenced")
TIER_RULES: Final = ("hard", "soft")
TIE_BREAKS: Final = ("lottery", "id")


@dataclass(frozen=True, slots=True)
class Evidence:
    """A person's level in one skill and how that level is known.

    Parameters
    ----------
    level : int
        1 (beginner) to 5 (expert).
    provenance : str
        ``"self"`` (self-declared), ``"manager_verified"`` or ``"evidenced"`` (by attended
        sessions or completed secondments).

    Examples
    --------
    >>> Evidence(3, "manager_verified")
    Evidence(level=3, provenance='manager_verified')
    """

    level: int
    provenance: str


@dataclass(frozen=True, slots=True)
class Person:
    """A member of staff who opted in to secondment.

    Parameters
    ----------
    id : str
        Unique among the people of one run.
    department : str
        The id of the person's home department; never seconded inside it.
    tier : str
        ``"leader"``, ``"general"``, ``"specialist"`` or any tier name the needs use.
    clearance : int
        Security clearance level, 0 or more.
    skills : Mapping[str, Evidence]
        Skill name to evidence.
    available_from, available_to : date or None
        The window the person can be away; ``None`` leaves that side open.
    preferred_departments : Sequence[str]
        Departments the person would like to go to (empty: no stated preference).
    interested_needs : Sequence[str]
        Needs the person said they are interested in; for each of them the person counts
        as preferring its department (the whole preference part of the fit).

    Examples
    --------
    >>> person = Person("P-1", "D-1", "general", 0, {"GIS": Evidence(2, "self")}, None, None)
    >>> person.preferred_departments
    ()
    """

    id: str
    department: str
    tier: str
    clearance: int
    skills: Mapping[str, Evidence] = field(hash=False)
    available_from: date | None
    available_to: date | None
    preferred_departments: Sequence[str] = field(default=(), hash=False)
    interested_needs: Sequence[str] = field(default=(), hash=False)


@dataclass(frozen=True, slots=True)
class Requirement:
    """One skill a need asks for.

    Parameters
    ----------
    skill : str
        Skill name, as in :attr:`Person.skills`.
    min_level : int
        Lowest acceptable level, 1-5.
    weight : float
        Relative importance among the need's requirements of the same kind (> 0).
    must : bool
        ``True``: a hard rule (below ``min_level`` the person is not eligible).
        ``False``: a nice-to-have that only adds to the fit.

    Examples
    --------
    >>> Requirement("Python", 3, weight=2.0)
    Requirement(skill='Python', min_level=3, weight=2.0, must=True)
    """

    skill: str
    min_level: int
    weight: float = 1.0
    must: bool = True


@dataclass(frozen=True, slots=True)
class Need:
    """A talent need filed by a department: seats to fill for a period.

    Parameters
    ----------
    id : str
        Unique among the needs of one run.
    department : str
        The id of the department that asks (nobody from it is proposed).
    requirements : Sequence[Requirement]
        At least one; each skill at most once.
    headcount : int
        Seats, 1 or more.
    start, end : date
        The period; ``end`` is not before ``start``.
    tier : str or None
        When given, only people of this tier are eligible (see ``Policy.tier_rule``).
    clearance : int
        Lowest clearance accepted, 0 or more.

    Examples
    --------
    >>> from datetime import date
    >>> need = Need("N-1", "D-2", [Requirement("GIS", 3)], 2, date(2026, 1, 5), date(2026, 4, 3))
    >>> need.tier is None, need.clearance
    (True, 0)
    """

    id: str
    department: str
    requirements: Sequence[Requirement] = field(hash=False)
    headcount: int
    start: date
    end: date
    tier: str | None = None
    clearance: int = 0


@dataclass(frozen=True, slots=True)
class Floor:
    """A critical-skill floor: how many holders of a skill a department may still release.

    The department must keep some people holding ``skill`` at ``min_level`` or above at
    home; of its people in the run who hold it so, at most ``may_release`` are proposed.
    (The caller derives ``may_release`` from the department's whole staff, those already
    seconded out and the number to keep.)

    Parameters
    ----------
    skill : str
        Skill name, as in :attr:`Person.skills`.
    min_level : int
        1-5: holders at this level or above count.
    may_release : int
        0 or more.

    Examples
    --------
    >>> Floor("GIS", min_level=4, may_release=1)
    Floor(skill='GIS', min_level=4, may_release=1)
    """

    skill: str
    min_level: int
    may_release: int


@dataclass(frozen=True, slots=True)
class Department:
    """A department, how many more of its people may be seconded out now, and its floors.

    Parameters
    ----------
    id : str
        Unique among the departments of one run.
    release_cap : int
        How many of its people may be proposed, 0 or more.
    floors : Sequence[Floor]
        Critical-skill floors (at most one per skill and level); floors may overlap (one
        person can count in several).

    Examples
    --------
    >>> Department("D-12", release_cap=3)
    Department(id='D-12', release_cap=3, floors=())
    >>> Department("D-12", 3, [Floor("GIS", 4, may_release=1)]).floors[0].may_release
    1
    """

    id: str
    release_cap: int
    floors: Sequence[Floor] = field(default=(), hash=False)


def _default_provenance_factors() -> Mapping[str, float]:
    return MappingProxyType({"self": 0.6, "manager_verified": 0.85, "evidenced": 1.0})


@dataclass(frozen=True, slots=True)
class Policy:
    """The weights of the fit, the provenance factors and the options of a run.

    The formula these values feed is in :mod:`matching.fit`.

    Parameters
    ----------
    requirement_weight : float
        Points for the coverage of the must-have requirements (default 60).
    nice_to_have_weight : float
        Points for the coverage of the nice-to-have skills (default 20). When a need has
        only one of the two kinds, that kind gets both weights.
    preference_weight : float
        Points for the person's preference for the need's department (default 10).
    tier_weight : float
        Points for a tier match (default 10).
    at_minimum : float
        Share of a requirement's credit earned exactly at its minimum level, in (0, 1].
    level_decay : float
        Each level above the minimum adds this fraction of what the previous level added
        (diminishing return), in [0, 1).
    provenance_factors : Mapping[str, float]
        Multiplier of a skill's credit by provenance, in (0, 1], non-decreasing from
        ``"self"`` to ``"manager_verified"`` to ``"evidenced"``.
    no_preference_share : float
        Share of the preference points for a person who stated no preference, in [0, 1].
    tier_rule : str
        ``"hard"`` (default): a need's tier is a rule. ``"soft"``: any tier is eligible and
        a mismatch only loses the tier points.
    tie_break : str
        ``"lottery"`` (default) or ``"id"``; see :func:`matching.propose`.
    runner_ups : int
        Runner-ups explained per seat, 0 or more (default 3).

    Examples
    --------
    >>> policy = Policy(preference_weight=20)
    >>> policy.requirement_weight, policy.provenance_factors["self"]
    (60.0, 0.6)
    """

    requirement_weight: float = 60.0
    nice_to_have_weight: float = 20.0
    preference_weight: float = 10.0
    tier_weight: float = 10.0
    at_minimum: float = 0.6
    level_decay: float = 0.5
    provenance_factors: Mapping[str, float] = field(
        default_factory=_default_provenance_factors, hash=False
    )
    no_preference_share: float = 0.5
    tier_rule: str = "hard"
    tie_break: str = "lottery"
    runner_ups: int = 3


DEFAULT_POLICY: Final = Policy()


# --- validation ------------------------------------------------------------------------------


def _as_int(value: object) -> int | None:
    """``value`` if it is a whole number (``bool`` excluded), else ``None``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def _as_real(value: object) -> float | None:
    """``value`` as a float if it is a finite number (``bool`` excluded), else ``None``."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _is_day(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _is_name(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _order_key(item: object) -> tuple[int, str]:
    """Sort key that puts items in id order and tolerates malformed items (checked later)."""
    identifier = getattr(item, "id", None)
    if isinstance(identifier, str):
        return (0, identifier)
    return (1, repr(item))


def _check_evidence(person_id: str, skill: object, evidence: object) -> None:
    def fail(message: str) -> InvalidEvidenceError:
        return InvalidEvidenceError(
            f"person {person_id!r}: {message}", item=person_id, field="skills"
        )

    if not _is_name(skill):
        raise fail(f"a skill has an invalid name {skill!r}")
    if not isinstance(evidence, Evidence):
        raise fail(f"skill {skill!r} must be an Evidence, not {evidence!r}")
    level = _as_int(evidence.level)
    if level is None or not MIN_LEVEL <= level <= MAX_LEVEL:
        raise fail(
            f"skill {skill!r} has level {evidence.level!r}; "
            f"levels run from {MIN_LEVEL} to {MAX_LEVEL}"
        )
    if evidence.provenance not in PROVENANCES:
        raise fail(
            f"skill {skill!r} has provenance {evidence.provenance!r}; "
            f"expected one of {', '.join(PROVENANCES)}"
        )


def _check_person(person: object) -> Person:
    """Check one person on its own (not against the departments); return it typed."""
    if not isinstance(person, Person):
        raise InvalidPersonError(f"expected a Person, got {person!r}")
    if not _is_name(person.id):
        raise InvalidPersonError(
            f"a person has an invalid id {person.id!r}: ids are non-empty strings", field="id"
        )
    pid = person.id

    def fail(message: str, attribute: str) -> InvalidPersonError:
        return InvalidPersonError(f"person {pid!r} {message}", item=pid, field=attribute)

    if not _is_name(person.department):
        raise fail(f"has an invalid department {person.department!r}", "department")
    if not _is_name(person.tier):
        raise fail(f"has an invalid tier {person.tier!r}", "tier")
    clearance = _as_int(person.clearance)
    if clearance is None or clearance < 0:
        raise fail(f"has clearance {person.clearance!r}; expected a whole number >= 0", "clearance")
    skills: object = person.skills
    if not isinstance(skills, Mapping):
        raise fail("has skills that are not a mapping of skill name to Evidence", "skills")
    for skill, evidence in skills.items():
        _check_evidence(pid, skill, evidence)
    for side in ("available_from", "available_to"):
        value: object = getattr(person, side)
        if value is not None and not _is_day(value):
            raise fail(f"has {side} {value!r}; expected a date or None", side)
    if (
        person.available_from is not None
        and person.available_to is not None
        and person.available_to < person.available_from
    ):
        raise fail(
            f"is available until {person.available_to} but only from {person.available_from}",
            "available_to",
        )
    preferred: object = person.preferred_departments
    if isinstance(preferred, str) or not isinstance(preferred, Sequence):
        raise fail(
            "has preferred_departments that are not a sequence of ids", "preferred_departments"
        )
    for value in preferred:
        if not _is_name(value):
            raise fail(f"prefers an invalid department {value!r}", "preferred_departments")
    interested: object = person.interested_needs
    if isinstance(interested, str) or not isinstance(interested, Sequence):
        raise fail("has interested_needs that are not a sequence of ids", "interested_needs")
    for value in interested:
        if not _is_name(value):
            raise fail(f"is interested in an invalid need {value!r}", "interested_needs")
    return person


def _check_requirement(need_id: str, requirement: object) -> Requirement:
    def fail(message: str) -> InvalidRequirementError:
        return InvalidRequirementError(
            f"need {need_id!r}: {message}", item=need_id, field="requirements"
        )

    if not isinstance(requirement, Requirement):
        raise fail(f"expected a Requirement, got {requirement!r}")
    skill = requirement.skill
    if not _is_name(skill):
        raise fail(f"a requirement has an invalid skill {skill!r}")
    level = _as_int(requirement.min_level)
    if level is None or not MIN_LEVEL <= level <= MAX_LEVEL:
        raise fail(
            f"requirement {skill!r} has min_level {requirement.min_level!r}; "
            f"levels run from {MIN_LEVEL} to {MAX_LEVEL}"
        )
    weight = _as_real(requirement.weight)
    if weight is None or weight <= 0:
        raise fail(
            f"requirement {skill!r} has weight {requirement.weight!r}; "
            "weights are finite numbers > 0"
        )
    if not isinstance(requirement.must, bool):
        raise fail(f"requirement {skill!r} has must={requirement.must!r}; expected True or False")
    return requirement


def _check_need(need: object) -> Need:
    """Check one need on its own (not against the departments); return it typed."""
    if not isinstance(need, Need):
        raise InvalidNeedError(f"expected a Need, got {need!r}")
    if not _is_name(need.id):
        raise InvalidNeedError(
            f"a need has an invalid id {need.id!r}: ids are non-empty strings", field="id"
        )
    nid = need.id

    def fail(message: str, attribute: str) -> InvalidNeedError:
        return InvalidNeedError(f"need {nid!r} {message}", item=nid, field=attribute)

    if not _is_name(need.department):
        raise fail(f"has an invalid department {need.department!r}", "department")
    requirements: object = need.requirements
    if isinstance(requirements, str) or not isinstance(requirements, Sequence):
        raise fail("has requirements that are not a sequence of Requirement", "requirements")
    if not requirements:
        raise fail(
            "has no requirements; the matcher needs at least one skill to judge a fit",
            "requirements",
        )
    seen: set[str] = set()
    for requirement in requirements:
        skill = _check_requirement(nid, requirement).skill
        if skill in seen:
            raise InvalidRequirementError(
                f"need {nid!r} lists skill {skill!r} more than once",
                item=nid,
                field="requirements",
            )
        seen.add(skill)
    headcount = _as_int(need.headcount)
    if headcount is None or headcount < 1:
        raise fail(f"has headcount {need.headcount!r}; a need has at least one seat", "headcount")
    for side in ("start", "end"):
        if not _is_day(getattr(need, side)):
            raise fail(f"has {side} {getattr(need, side)!r}; expected a date", side)
    if need.end < need.start:
        raise fail(f"ends on {need.end}, before it starts on {need.start}", "end")
    if need.tier is not None and not _is_name(need.tier):
        raise fail(f"has an invalid tier {need.tier!r}", "tier")
    clearance = _as_int(need.clearance)
    if clearance is None or clearance < 0:
        raise fail(f"has clearance {need.clearance!r}; expected a whole number >= 0", "clearance")
    return need


def _check_department(department: object) -> Department:
    if not isinstance(department, Department):
        raise InvalidDepartmentError(f"expected a Department, got {department!r}")
    if not _is_name(department.id):
        raise InvalidDepartmentError(
            f"a department has an invalid id {department.id!r}: ids are non-empty strings",
            field="id",
        )
    cap = _as_int(department.release_cap)
    if cap is None or cap < 0:
        raise InvalidDepartmentError(
            f"department {department.id!r} has release_cap {department.release_cap!r}; "
            "expected a whole number >= 0",
            item=department.id,
            field="release_cap",
        )
    _check_floors(department.id, department.floors)
    return department


def _check_floors(department_id: str, floors: object) -> None:
    def fail(message: str) -> InvalidDepartmentError:
        return InvalidDepartmentError(
            f"department {department_id!r}: {message}", item=department_id, field="floors"
        )

    if isinstance(floors, str) or not isinstance(floors, Sequence):
        raise fail("has floors that are not a sequence of Floor")
    seen: set[tuple[str, int]] = set()
    for floor in floors:
        if not isinstance(floor, Floor):
            raise fail(f"expected a Floor, got {floor!r}")
        if not _is_name(floor.skill):
            raise fail(f"a floor has an invalid skill {floor.skill!r}")
        level = _as_int(floor.min_level)
        if level is None or not MIN_LEVEL <= level <= MAX_LEVEL:
            raise fail(
                f"the floor on {floor.skill!r} has min_level {floor.min_level!r}; "
                f"levels run from {MIN_LEVEL} to {MAX_LEVEL}"
            )
        may_release = _as_int(floor.may_release)
        if may_release is None or may_release < 0:
            raise fail(
                f"the floor on {floor.skill!r} has may_release {floor.may_release!r}; "
                "expected a whole number >= 0"
            )
        if (floor.skill, level) in seen:
            raise fail(f"has two floors on {floor.skill!r} at level {level}")
        seen.add((floor.skill, level))


def check_policy(policy: object) -> Policy:
    """Check a policy's values; return it typed."""
    if not isinstance(policy, Policy):
        raise InvalidPolicyError(f"expected a Policy, got {policy!r}")

    def fail(name: str, value: object, expected: str) -> InvalidPolicyError:
        return InvalidPolicyError(f"policy {name} is {value!r}; expected {expected}", field=name)

    for name in ("requirement_weight", "nice_to_have_weight", "preference_weight", "tier_weight"):
        weight = _as_real(getattr(policy, name))
        if weight is None or weight < 0:
            raise fail(name, getattr(policy, name), "a finite number >= 0")
    if policy.requirement_weight + policy.nice_to_have_weight <= 0:
        raise fail(
            "requirement_weight + nice_to_have_weight",
            policy.requirement_weight + policy.nice_to_have_weight,
            "a sum > 0 (skills must count)",
        )
    at_minimum = _as_real(policy.at_minimum)
    if at_minimum is None or not 0 < at_minimum <= 1:
        raise fail("at_minimum", policy.at_minimum, "a number in (0, 1]")
    decay = _as_real(policy.level_decay)
    if decay is None or not 0 <= decay < 1:
        raise fail("level_decay", policy.level_decay, "a number in [0, 1)")
    share = _as_real(policy.no_preference_share)
    if share is None or not 0 <= share <= 1:
        raise fail("no_preference_share", policy.no_preference_share, "a number in [0, 1]")
    _check_provenance_factors(policy.provenance_factors)
    if policy.tier_rule not in TIER_RULES:
        raise fail("tier_rule", policy.tier_rule, " or ".join(map(repr, TIER_RULES)))
    if policy.tie_break not in TIE_BREAKS:
        raise fail("tie_break", policy.tie_break, " or ".join(map(repr, TIE_BREAKS)))
    runner_ups = _as_int(policy.runner_ups)
    if runner_ups is None or runner_ups < 0:
        raise fail("runner_ups", policy.runner_ups, "a whole number >= 0")
    return policy


def _check_provenance_factors(factors: object) -> None:
    if not isinstance(factors, Mapping) or set(factors) != set(PROVENANCES):
        raise InvalidPolicyError(
            f"policy provenance_factors is {factors!r}; expected a factor for each of "
            f"{', '.join(PROVENANCES)}",
            field="provenance_factors",
        )
    previous = 0.0
    for provenance in PROVENANCES:
        factor = _as_real(factors[provenance])
        if factor is None or not 0 < factor <= 1:
            raise InvalidPolicyError(
                f"policy provenance factor of {provenance!r} is {factors[provenance]!r}; "
                "expected a number in (0, 1]",
                field="provenance_factors",
            )
        if factor < previous:
            raise InvalidPolicyError(
                f"policy provenance factor of {provenance!r} is {factor!r}, below that of a "
                "weaker provenance; stronger evidence must count at least as much",
                field="provenance_factors",
            )
        previous = factor


def _first_duplicate(ids: Sequence[str]) -> str | None:
    """The first id equal to its predecessor in an id-sorted sequence, if any."""
    for previous, current in itertools.pairwise(ids):
        if previous == current:
            return current
    return None


def validate(
    people: Iterable[Person],
    needs: Iterable[Need],
    departments: Iterable[Department],
    *,
    policy: Policy = DEFAULT_POLICY,
) -> tuple[tuple[Person, ...], tuple[Need, ...], tuple[Department, ...]]:
    """Check a whole input set and return it sorted by id.

    Items are checked in id order (departments, then people, then needs), so with several
    errors the same one is reported whatever the order of the lists.

    Parameters
    ----------
    people, needs, departments : iterables
        The inputs of :func:`matching.propose`.
    policy : Policy
        Checked too.

    Returns
    -------
    tuple
        ``(people, needs, departments)``, each a tuple sorted by id (the same objects).

    Raises
    ------
    MatchingError
        The subclass that names the first offending item: :class:`DuplicateIdError`,
        :class:`UnknownDepartmentError`, :class:`InvalidPersonError`, ...

    Notes
    -----
    Runs in :math:`O(S + R + (P + N + D) \\log(P + N + D))` for :math:`S` skill entries and
    :math:`R` requirements.

    Examples
    --------
    >>> validate([], [], [Department("D-1", -1)])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    matching.exceptions.InvalidDepartmentError: department 'D-1' has release_cap -1; ...
    """
    check_policy(policy)
    department_list = [_check_department(d) for d in sorted(departments, key=_order_key)]
    people_list = [_check_person(p) for p in sorted(people, key=_order_key)]
    need_list = [_check_need(n) for n in sorted(needs, key=_order_key)]
    for kind, items in (
        ("department", department_list),
        ("person", people_list),
        ("need", need_list),
    ):
        duplicate = _first_duplicate([item.id for item in items])
        if duplicate is not None:
            raise DuplicateIdError(f"{kind} {duplicate!r} appears more than once", item=duplicate)
    known = {d.id for d in department_list}
    for person in people_list:
        if person.department not in known:
            raise UnknownDepartmentError(
                f"person {person.id!r} belongs to unknown department {person.department!r}",
                item=person.id,
                field="department",
            )
        for preferred in person.preferred_departments:
            if preferred not in known:
                raise UnknownDepartmentError(
                    f"person {person.id!r} prefers unknown department {preferred!r}",
                    item=person.id,
                    field="preferred_departments",
                )
    for need in need_list:
        if need.department not in known:
            raise UnknownDepartmentError(
                f"need {need.id!r} belongs to unknown department {need.department!r}",
                item=need.id,
                field="department",
            )
    return tuple(people_list), tuple(need_list), tuple(department_list)
