"""Small, explicit builders for matcher tests: every default is visible here.

A builder fills in what a test does not care about with values that never exclude anyone
(open availability, clearance 0, tier "general", no preference), so a test states only
what it is about.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from matching import Department, Evidence, Fit, Need, Person, Policy, Requirement, score

START = date(2026, 3, 2)
END = date(2026, 5, 29)


def person(
    pid: str,
    department: str = "D-1",
    skills: Mapping[str, tuple[int, str] | int] | None = None,
    *,
    tier: str = "general",
    clearance: int = 0,
    available_from: date | None = None,
    available_to: date | None = None,
    preferred: Sequence[str] = (),
    interested: Sequence[str] = (),
) -> Person:
    """A person; ``skills`` maps a skill to a level (self-declared) or ``(level, provenance)``."""
    evidence = {}
    for skill, value in (skills if skills is not None else {"GIS": 3}).items():
        level, provenance = (value, "self") if isinstance(value, int) else value
        evidence[skill] = Evidence(level, provenance)
    return Person(
        id=pid,
        department=department,
        tier=tier,
        clearance=clearance,
        skills=evidence,
        available_from=available_from,
        available_to=available_to,
        preferred_departments=tuple(preferred),
        interested_needs=tuple(interested),
    )


def need(
    nid: str,
    department: str = "D-9",
    requirements: Sequence[Requirement] | None = None,
    *,
    headcount: int = 1,
    start: date = START,
    end: date = END,
    tier: str | None = None,
    clearance: int = 0,
) -> Need:
    """A need; by default one seat asking for GIS >= 1."""
    return Need(
        id=nid,
        department=department,
        requirements=tuple(requirements) if requirements is not None else (Requirement("GIS", 1),),
        headcount=headcount,
        start=start,
        end=end,
        tier=tier,
        clearance=clearance,
    )


def departments(
    *ids: str, cap: int = 100, caps: Mapping[str, int] | None = None
) -> list[Department]:
    """Departments with a generous release cap unless ``caps`` says otherwise."""
    caps = caps or {}
    return [Department(d, caps.get(d, cap)) for d in ids]


def pairs_of(proposal) -> list[tuple[str, str]]:
    """The proposal as sorted (person id, need id) pairs."""
    return sorted((a.person.id, a.need.id) for a in proposal.assignments)


def fit_of(candidate: Person, the_need: Need, policy: Policy | None = None) -> Fit:
    """The fit of an eligible pair (fails the test if the pair is not eligible)."""
    result = score(candidate, the_need, policy or Policy())
    assert result is not None, f"{candidate.id} is not eligible for {the_need.id}"
    return result
