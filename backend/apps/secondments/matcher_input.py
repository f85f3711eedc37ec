"""From the database to the matcher: the one place that builds ``matching``'s inputs.

Who and what a run considers:

- **people**: active staff with a department who opted in (a ``SecondmentAvailability``),
  without a secondment going ahead (planned, confirmed, approved or active) and not within
  the cooling-off period after one that ended (``settings.SECONDMENT_COOLING_OFF_DAYS``);
  their skills with level and provenance, availability window, preferred departments and
  the open needs they said they are interested in;
- **needs**: open talent needs with seats left, a seat being taken by every secondment to the
  need that is going ahead or completed;
- **departments**: every department, with its release cap (its share of its active staff)
  minus the people it has out now (secondments going ahead), and its critical-skill floors:
  of the holders of the skill at the level among its active staff, those not out now beyond
  the number to keep at home may be released.

Ids given to the matcher are primary keys as strings; skills are skill codes.
"""

from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Q

from apps.organisation.models import CriticalSkillFloor, Department
from apps.secondments.models import (
    GOING_AHEAD,
    TAKING_A_SEAT,
    NeedInterest,
    NeedRequirement,
    NeedStatus,
    Secondment,
    SecondmentAvailability,
    SecondmentStatus,
    TalentNeed,
)
from apps.secondments.selectors import holders_at_home, lent_out_now
from apps.skills.models import StaffSkill
from matching import Department as MatcherDepartment
from matching import Evidence, Floor, Need, Person, Requirement


@dataclass(frozen=True)
class MatcherInput:
    """What :func:`matching.propose` takes, built from the database."""

    people: tuple[Person, ...]
    needs: tuple[Need, ...]
    departments: tuple[MatcherDepartment, ...]


def _unavailable_people(today: date) -> set[int]:
    """People with a secondment going ahead, or one that ended within the cooling-off period."""
    cooling_since = today - timedelta(days=settings.SECONDMENT_COOLING_OFF_DAYS)
    return set(
        Secondment.objects.filter(
            Q(status__in=GOING_AHEAD)
            | Q(status=SecondmentStatus.COMPLETED, end_date__gte=cooling_since)
        ).values_list("person_id", flat=True)
    )


def people_in_pool(today: date, only: Collection[int] | None = None) -> tuple[Person, ...]:
    """The people a run considers on ``today`` (of the user ids ``only``, if given)."""
    unavailable = _unavailable_people(today)
    opted_in = SecondmentAvailability.objects.filter(
        user__is_active=True, user__department__isnull=False
    )
    if only is not None:
        opted_in = opted_in.filter(user__in=only)
    # Rows, not model instances: a run reads every person who opted in.
    preferred: dict[int, list[str]] = defaultdict(list)
    for user_id, department_id in (
        SecondmentAvailability.preferred_departments.through.objects.filter(
            secondmentavailability__in=opted_in
        )
        .order_by("department__code")
        .values_list("secondmentavailability__user_id", "department_id")
    ):
        preferred[user_id].append(str(department_id))
    interested: dict[int, list[str]] = defaultdict(list)
    for user_id, need_id in (
        NeedInterest.objects.filter(user__secondment_availability__in=opted_in)
        .filter(need__status=NeedStatus.OPEN)
        .order_by("need_id")
        .values_list("user_id", "need_id")
    ):
        interested[user_id].append(str(need_id))
    skills: dict[int, dict[str, Evidence]] = defaultdict(dict)
    for user_id, code, level, provenance in StaffSkill.objects.filter(
        user__secondment_availability__in=opted_in
    ).values_list("user_id", "skill__code", "level", "provenance"):
        skills[user_id][code] = Evidence(level, provenance)
    return tuple(
        Person(
            id=str(user_id),
            department=str(department_id),
            tier=tier,
            clearance=clearance,
            skills=skills[user_id],
            available_from=available_from,
            available_to=available_to,
            preferred_departments=tuple(preferred[user_id]),
            interested_needs=tuple(interested[user_id]),
        )
        for user_id, department_id, tier, clearance, available_from, available_to in (
            opted_in.order_by("user_id").values_list(
                "user_id",
                "user__department_id",
                "user__tier",
                "user__clearance",
                "available_from",
                "available_to",
            )
        )
        if user_id not in unavailable
    )


def open_needs(
    departments: Collection[int] | None = None, only: Collection[int] | None = None
) -> tuple[Need, ...]:
    """The needs a run considers (of ``departments``, of the need ids ``only``, if given)."""
    queryset = TalentNeed.objects.filter(status=NeedStatus.OPEN)
    if departments is not None:
        queryset = queryset.filter(department__in=departments)
    if only is not None:
        queryset = queryset.filter(pk__in=only)
    needs = queryset.annotate(
        taken=Count("secondments", filter=Q(secondments__status__in=TAKING_A_SEAT))
    ).order_by("pk")
    requirements: dict[int, list[Requirement]] = defaultdict(list)
    for requirement in NeedRequirement.objects.filter(need__in=needs).select_related("skill"):
        requirements[requirement.need_id].append(
            Requirement(
                requirement.skill.code,
                requirement.min_level,
                weight=float(requirement.weight),
                must=requirement.must,
            )
        )
    return tuple(
        Need(
            id=str(need.pk),
            department=str(need.department_id),
            requirements=requirements[need.pk],
            headcount=need.headcount - need.taken,
            start=need.start_date,
            end=need.end_date,
            tier=need.tier or None,
            clearance=need.clearance,
        )
        for need in needs
        if need.headcount > need.taken and requirements[need.pk]
    )


def _departments() -> tuple[MatcherDepartment, ...]:
    departments = Department.objects.annotate(
        staff=Count("members", filter=Q(members__is_active=True))
    ).order_by("pk")
    out = Counter(lent_out_now().values())
    floor_rows = list(CriticalSkillFloor.objects.select_related("skill"))
    at_home = holders_at_home(floor_rows)
    floors: dict[int, list[Floor]] = defaultdict(list)
    for floor in floor_rows:
        floors[floor.department_id].append(
            Floor(floor.skill.code, floor.min_level, max(0, at_home[floor.pk] - floor.min_people))
        )
    return tuple(
        MatcherDepartment(
            id=str(department.pk),
            release_cap=max(0, department.release_cap(department.staff) - out[department.pk]),
            floors=floors[department.pk],
        )
        for department in departments
    )


def matcher_input(today: date, need_departments: Collection[int] | None = None) -> MatcherInput:
    """The matcher's inputs as the database holds them on ``today``; with
    ``need_departments``, only the needs of those departments."""
    return MatcherInput(
        people=people_in_pool(today),
        needs=open_needs(need_departments),
        departments=_departments(),
    )
