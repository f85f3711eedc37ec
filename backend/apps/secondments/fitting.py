"""The open needs that fit a member of staff, as the matcher would score them.

A person sees the open needs of other departments they may read and hold at least one of
the required skills for: their fit when the matcher's hard rules let them be proposed, what
they meet and what they lack, what else stands in the way, and whether they said they are
interested. Scored with the matcher's own formula (:func:`matching.score`), so the number
shown is the number a run would use.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from apps.accounts.models import User
from apps.secondments.matcher_input import open_needs, people_in_pool
from apps.secondments.models import NeedInterest, NeedRequirement, NeedStatus, TalentNeed
from apps.secondments.selectors import needs_visible_to
from apps.skills.models import Skill, StaffSkill
from matching import Evidence, Fit, Need, Person, score

#: What keeps a person from being proposed for a need, besides a release cap or a floor.
Blocker = Literal["skills", "dates", "tier", "clearance"]


@dataclass(frozen=True)
class RequirementFit:
    skill: Skill
    must: bool
    min_level: int
    level: int | None
    provenance: str | None

    @property
    def met(self) -> bool:
        return self.level is not None and self.level >= self.min_level


@dataclass(frozen=True)
class NeedFit:
    need: TalentNeed
    fit: Fit | None
    requirements: list[RequirementFit]
    blockers: list[Blocker]
    interested: bool


def _as_candidate(user: User, today: date) -> Person:
    """The person as a run would see them; someone a run would not consider (not opted in,
    seconded, cooling off) with their skills alone, so that they still see what fits."""
    pooled = people_in_pool(today, only=[user.pk])
    if pooled:
        return pooled[0]
    skills = {
        code: Evidence(level, provenance)
        for code, level, provenance in StaffSkill.objects.filter(user=user).values_list(
            "skill__code", "level", "provenance"
        )
    }
    return Person(
        id=str(user.pk),
        department=str(user.department_id),
        tier=user.tier,
        clearance=user.clearance,
        skills=skills,
        available_from=None,
        available_to=None,
    )


def _blockers(person: Person, need: Need, requirements: Sequence[RequirementFit]) -> list[Blocker]:
    blockers: list[Blocker] = []
    if any(r.must and not r.met for r in requirements) or not any(r.met for r in requirements):
        blockers.append("skills")
    if (person.available_from is not None and person.available_from > need.start) or (
        person.available_to is not None and person.available_to < need.end
    ):
        blockers.append("dates")
    if need.tier is not None and person.tier != need.tier:
        blockers.append("tier")
    if person.clearance < need.clearance:
        blockers.append("clearance")
    return blockers


def needs_fitting(user: User, today: date) -> list[NeedFit]:
    """The open needs with seats left that ``user`` may read, of other departments, for which
    they hold at least one required skill: those they could be proposed for first, best fit
    first, then the others by the share of the requirements they meet."""
    visible = (
        needs_visible_to(user)
        .filter(status=NeedStatus.OPEN)
        .exclude(department=user.department_id)
        .values_list("pk", flat=True)
    )
    person = _as_candidate(user, today)
    held = {
        skill_id: (level, provenance)
        for skill_id, level, provenance in StaffSkill.objects.filter(user=user).values_list(
            "skill_id", "level", "provenance"
        )
    }
    requirements: dict[int, list[RequirementFit]] = {
        need_id: []
        for need_id in NeedRequirement.objects.filter(need__in=visible, skill_id__in=held)
        .values_list("need_id", flat=True)
        .distinct()
    }
    for requirement in (
        NeedRequirement.objects.filter(need__in=list(requirements))
        .select_related("skill")
        .order_by("-must", "skill__code")
    ):
        level, provenance = held.get(requirement.skill_id, (None, None))
        requirements[requirement.need_id].append(
            RequirementFit(
                requirement.skill, requirement.must, requirement.min_level, level, provenance
            )
        )
    needs = TalentNeed.objects.select_related("department").in_bulk(list(requirements))
    interested = set(
        NeedInterest.objects.filter(user=user, need__in=list(requirements)).values_list(
            "need_id", flat=True
        )
    )
    found = []
    for need in open_needs(only=list(requirements)):
        rows = requirements[int(need.id)]
        blockers = _blockers(person, need, rows)
        found.append(
            NeedFit(
                need=needs[int(need.id)],
                fit=None if blockers else score(person, need),
                requirements=rows,
                blockers=blockers,
                interested=int(need.id) in interested,
            )
        )
    found.sort(
        key=lambda item: (
            item.fit is None,
            -(item.fit.total if item.fit else 0),
            -sum(r.met for r in item.requirements) / len(item.requirements),
            item.need.start_date,
            item.need.pk,
        )
    )
    return found
