"""Random but realistic instances, for benchmarks, demonstrations and property tests.

Randomness comes only from the explicit ``seed``: the same arguments always give the same
instance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

import numpy as np

from matching.model import PROVENANCES, Department, Evidence, Need, Person, Requirement

__all__ = ["Instance", "random_instance"]

_COMMON_SKILLS: Final = (
    "project management",
    "data analysis",
    "cyber security",
    "cloud operations",
    "low-code",
    "AI applications",
)
_TIERS: Final = ("general", "leader", "specialist")
_TIER_SHARES: Final = (0.6, 0.1, 0.3)
_LEVEL_SHARES: Final = (0.1, 0.25, 0.3, 0.23, 0.12)
_PROVENANCE_SHARES: Final = (0.5, 0.3, 0.2)
#: Eligible needs per person, per need per specialist skill, outside one's own department
#: (measured on these shares: eligible ~ rate * needs / skills * (1 - 1 / departments)).
_ELIGIBILITY_RATE: Final = 2.03


@dataclass(frozen=True, slots=True)
class Instance:
    """People, needs and departments of one random instance."""

    people: tuple[Person, ...]
    needs: tuple[Need, ...]
    departments: tuple[Department, ...]


def _skill_names(count: int) -> list[str]:
    return [f"skill-{index:04d}" for index in range(count)]


def _departments(
    rng: np.random.Generator, people: int, count: int, binding_share: float
) -> tuple[np.ndarray, tuple[Department, ...]]:
    home = rng.integers(0, count, size=people)
    size = np.bincount(home, minlength=count)
    binding = np.zeros(count, dtype=np.bool_)
    if binding_share > 0:
        tight = max(1, round(count * binding_share))
        binding[rng.choice(count, size=min(tight, count), replace=False)] = True
    departments = tuple(
        Department(
            id=f"D-{d:03d}",
            release_cap=max(1, int(size[d]) // 25) if binding[d] else int(size[d]),
        )
        for d in range(count)
    )
    return home, departments


def _people(
    rng: np.random.Generator,
    home: np.ndarray,
    department_count: int,
    specialist: list[str],
    origin: date,
) -> tuple[Person, ...]:
    people = []
    for index, department in enumerate(home.tolist()):
        names = set(
            rng.choice(len(specialist), size=min(4, len(specialist)), replace=False).tolist()
        )
        skills = {specialist[n]: _evidence(rng) for n in sorted(names)}
        for common in _COMMON_SKILLS:
            if rng.random() < 0.3:
                skills[common] = _evidence(rng)
        open_ended = rng.random() < 0.6
        available_from = None if open_ended else origin - timedelta(days=int(rng.integers(0, 60)))
        available_to = None if open_ended else origin + timedelta(days=int(rng.integers(120, 420)))
        preferred: tuple[str, ...] = ()
        if rng.random() < 0.4:
            chosen = rng.choice(department_count, size=int(rng.integers(1, 4)), replace=True)
            preferred = tuple(sorted({f"D-{int(d):03d}" for d in chosen}))
        people.append(
            Person(
                id=f"P-{index:06d}",
                department=f"D-{department:03d}",
                tier=str(rng.choice(_TIERS, p=_TIER_SHARES)),
                clearance=int(rng.choice(4, p=(0.4, 0.3, 0.2, 0.1))),
                skills=skills,
                available_from=available_from,
                available_to=available_to,
                preferred_departments=preferred,
            )
        )
    return tuple(people)


def _evidence(rng: np.random.Generator) -> Evidence:
    return Evidence(
        level=int(rng.choice(5, p=_LEVEL_SHARES)) + 1,
        provenance=str(rng.choice(PROVENANCES, p=_PROVENANCE_SHARES)),
    )


def _needs(
    rng: np.random.Generator,
    count: int,
    department_count: int,
    specialist: list[str],
    origin: date,
) -> tuple[Need, ...]:
    needs = []
    for index in range(count):
        primary = specialist[int(rng.integers(0, len(specialist)))]
        requirements = [Requirement(primary, int(rng.choice((1, 2, 3), p=(0.3, 0.4, 0.3))), 2.0)]
        if rng.random() < 0.3:
            common = _COMMON_SKILLS[int(rng.integers(0, len(_COMMON_SKILLS)))]
            requirements.append(Requirement(common, int(rng.integers(1, 3))))
        taken = {r.skill for r in requirements}
        for _ in range(int(rng.integers(0, 3))):
            extra = (
                specialist[int(rng.integers(0, len(specialist)))]
                if rng.random() < 0.5
                else _COMMON_SKILLS[int(rng.integers(0, len(_COMMON_SKILLS)))]
            )
            if extra not in taken:
                taken.add(extra)
                requirements.append(
                    Requirement(extra, int(rng.integers(1, 4)), float(rng.integers(1, 3)), False)
                )
        start = origin + timedelta(days=int(rng.integers(0, 120)))
        named_tier = rng.random() < 0.2
        needs.append(
            Need(
                id=f"N-{index:06d}",
                department=f"D-{int(rng.integers(0, department_count)):03d}",
                requirements=tuple(requirements),
                headcount=int(rng.integers(1, 4)),
                start=start,
                end=start + timedelta(days=int(rng.integers(30, 150))),
                tier=str(rng.choice(_TIERS, p=_TIER_SHARES)) if named_tier else None,
                clearance=0 if rng.random() < 0.8 else int(rng.integers(1, 3)),
            )
        )
    return tuple(needs)


def random_instance(
    people: int,
    needs: int,
    *,
    seed: int,
    departments: int | None = None,
    eligible_per_person: float = 20.0,
    binding_cap_share: float = 0.2,
    origin: date = date(2026, 1, 5),
) -> Instance:
    """A random instance shaped like a city's secondment round.

    Parameters
    ----------
    people, needs : int
        How many of each.
    seed : int
        The only source of randomness.
    departments : int, optional
        Default: one per 200 people, at least 4.
    eligible_per_person : float
        Target average number of needs a person is eligible for (the skill vocabulary is
        sized to reach it; the result is close, not exact).
    binding_cap_share : float
        Share of departments (rounded, at least one when above 0) with a tight release cap
        (1 per 25 staff, at least 1); the others may release everyone.
    origin : date
        Needs start within 120 days after it.

    Returns
    -------
    Instance

    Notes
    -----
    People hold 4 specialist skills and each of six common skills with probability 0.3;
    levels 1-5 (mostly 2-4), provenance mostly self-declared. A need asks for one
    specialist skill (weight 2), sometimes a common one, and up to two nice-to-haves;
    headcounts are 1-3, a fifth of needs name a tier, a fifth ask for clearance.
    :math:`O(P + N)`.

    Examples
    --------
    >>> instance = random_instance(50, 20, seed=7)
    >>> len(instance.people), len(instance.needs), len(instance.departments)
    (50, 20, 4)
    >>> random_instance(50, 20, seed=7) == instance
    True
    """
    rng = np.random.default_rng(seed)
    department_count = departments if departments is not None else max(4, people // 200)
    outside = 1 - 1 / department_count
    specialist_count = max(8, round(needs * _ELIGIBILITY_RATE * outside / eligible_per_person))
    specialist = _skill_names(specialist_count)
    home, department_list = _departments(rng, people, department_count, binding_cap_share)
    return Instance(
        people=_people(rng, home, department_count, specialist, origin),
        needs=_needs(rng, needs, department_count, specialist, origin),
        departments=department_list,
    )
