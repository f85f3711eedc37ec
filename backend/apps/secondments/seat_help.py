"""Who could fill an empty seat later: the people in the pool one level short of being
eligible, and the skills the need asks, for the study groups that teach them.

A page of a run's empty seats reads this once for all its needs, in a constant number of
queries.
"""

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date

from apps.accounts.models import User
from apps.secondments.matcher_input import open_needs, people_in_pool
from apps.skills.models import Skill, StaffSkill
from matching import Evidence, Policy, score

#: How many people one level short are named for one need.
PEOPLE_PER_NEED = 5


@dataclass(frozen=True)
class OneLevelShort:
    """``person`` holds ``skill`` at ``level``; at ``level + 1`` they would be eligible."""

    person: User
    skill: Skill
    level: int


@dataclass(frozen=True)
class SeatHelp:
    asked: list[str]  # the need's skill codes, must-haves first
    one_level_short: list[OneLevelShort]


def seat_help(need_ids: Collection[int], policy: Policy, today: date) -> dict[int, SeatHelp]:
    """For each of ``need_ids`` still open: the skills it asks, and the people who would be
    eligible with one more level of one must-have skill under ``policy`` (best fit first, at
    most ``PEOPLE_PER_NEED``). Needs no longer open are left out."""
    needs = open_needs(only=need_ids)
    skill_codes = {r.skill for need in needs for r in need.requirements}
    skills = Skill.objects.in_bulk(skill_codes, field_name="code")
    musts = [r for need in needs for r in need.requirements if r.must and r.min_level > 1]
    candidates = set(
        StaffSkill.objects.filter(
            user__secondment_availability__isnull=False,
            user__is_active=True,
            skill__code__in={r.skill for r in musts},
            level__in={r.min_level - 1 for r in musts},
        ).values_list("user_id", flat=True)
    )
    people = people_in_pool(today, only=candidates)
    users = User.objects.select_related("department").in_bulk([int(p.id) for p in people])
    found: dict[int, SeatHelp] = {}
    for need in needs:
        short: list[tuple[float, OneLevelShort]] = []
        for person in people:
            if score(person, need, policy) is not None:
                continue
            for requirement in need.requirements:
                held = person.skills.get(requirement.skill)
                if not requirement.must or held is None or held.level != requirement.min_level - 1:
                    continue
                raised = {
                    **person.skills,
                    requirement.skill: Evidence(held.level + 1, held.provenance),
                }
                fit = score(replace(person, skills=raised), need, policy)
                if fit is not None:
                    short.append(
                        (
                            fit.total,
                            OneLevelShort(
                                users[int(person.id)], skills[requirement.skill], held.level
                            ),
                        )
                    )
                    break
        short.sort(key=lambda entry: (-entry[0], entry[1].person.pk))
        found[int(need.id)] = SeatHelp(
            asked=[r.skill for r in sorted(need.requirements, key=lambda r: not r.must)],
            one_level_short=[entry for _fit, entry in short[:PEOPLE_PER_NEED]],
        )
    return found
