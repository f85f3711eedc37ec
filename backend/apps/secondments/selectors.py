"""Reading talent needs, availability, match runs and secondments, filtered by what the
reader may see."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from apps.accounts.models import User
from apps.accounts.permissions import headed_department_ids
from apps.core.roles import Role, is_admin, is_hr, is_member
from apps.organisation.models import CriticalSkillFloor, Department
from apps.secondments.models import (
    GOING_AHEAD,
    MatchRun,
    NeedRequirement,
    NeedStatus,
    Secondment,
    SecondmentAvailability,
    SecondmentStatus,
    Suggestion,
    SuggestionStatus,
    TalentNeed,
    UnfilledSeats,
)
from apps.skills.models import Skill, StaffSkill


def _needs_seen_by(user: Any) -> QuerySet[TalentNeed]:
    """HR and administrators see every need; department heads every need of their departments;
    everyone else the open needs their clearance allows."""
    if not is_member(user):
        return TalentNeed.objects.none()
    if is_hr(user) or is_admin(user):
        return TalentNeed.objects.all()
    return TalentNeed.objects.filter(
        Q(status=NeedStatus.OPEN, clearance__lte=user.clearance)
        | Q(department__in=headed_department_ids(user))
    )


def needs_visible_to(user: Any) -> QuerySet[TalentNeed]:
    """The needs ``user`` may see (``_needs_seen_by``), with what a list shows of them."""
    return (
        _needs_seen_by(user)
        .select_related("department", "created_by")
        .prefetch_related(
            Prefetch("requirements", queryset=NeedRequirement.objects.select_related("skill"))
        )
    )


def availability_of(user_id: int) -> SecondmentAvailability | None:
    return (
        SecondmentAvailability.objects.filter(user_id=user_id)
        .prefetch_related("preferred_departments", "preferred_skills")
        .first()
    )


def department_open_need_count(reader: Any) -> Coalesce:
    """The open talent needs of the department ``OuterRef("pk")`` that ``reader`` may see, as an
    annotation: a count must not tell of a need its reader is not cleared for."""
    open_needs = (
        _needs_seen_by(reader)
        .filter(department=OuterRef("pk"), status=NeedStatus.OPEN)
        .order_by()
        .values("department")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(open_needs, output_field=IntegerField()), 0)


def may_review(user: Any) -> bool:
    """HR and administrators run the matcher and decide its suggestions."""
    return is_hr(user) or is_admin(user)


def reviewer_ids() -> list[int]:
    """The active people who may review match runs."""
    return list(
        User.objects.filter(is_active=True, role_grants__role__in=[Role.HR, Role.ADMIN])
        .distinct()
        .values_list("pk", flat=True)
    )


def runs_visible_to(user: Any) -> QuerySet[MatchRun]:
    """The match runs ``user`` may read (all of them for reviewers, none for anyone else),
    with their suggestions counted by status and their empty seats summed."""
    if not may_review(user):
        return MatchRun.objects.none()
    empty_seats = (
        UnfilledSeats.objects.filter(run=OuterRef("pk"))
        .order_by()
        .values("run")
        .annotate(n=Sum("seats"))
        .values("n")
    )
    by_status = {
        f"{status}_count": Count("suggestions", filter=Q(suggestions__status=status))
        for status in SuggestionStatus.values
    }
    return (
        MatchRun.objects.select_related("started_by")
        .annotate(
            **by_status,
            unfilled_seat_count=Coalesce(Subquery(empty_seats, output_field=IntegerField()), 0),
        )
        .order_by("-created_at", "-id")
    )


def suggestions_of(run: MatchRun) -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(run=run).select_related(
        "need__department", "person__department", "reviewer"
    )


def unfilled_of(run: MatchRun) -> QuerySet[UnfilledSeats]:
    return UnfilledSeats.objects.filter(run=run).select_related("need__department")


@dataclass(frozen=True)
class Referenced:
    """What a page of explanations names by id or code, each read once for the whole page."""

    people: dict[int, User]
    needs: dict[int, TalentNeed]
    skills: dict[str, Skill]
    departments: dict[int, Department]


def referenced_by(
    suggestions: Iterable[Suggestion] = (), unfilled: Iterable[UnfilledSeats] = ()
) -> Referenced:
    """The people, needs, skills and departments the explanations of ``suggestions`` and
    ``unfilled`` refer to: four queries, whatever the page's size."""
    people: set[int] = set()
    needs: set[int] = set()
    skills: set[str] = set()
    departments: set[int] = set()
    for suggestion in suggestions:
        skills.update(requirement["skill"] for requirement in suggestion.requirements)
        for runner_up in suggestion.runner_ups:
            people.add(runner_up["person"])
            needs.add(runner_up["placed_in"] or suggestion.need_id)
            for move in runner_up["moves"]:
                people.add(move["person"])
                needs.update(need for need in (move["from_need"], move["to_need"]) if need)
            if runner_up["floor"]:
                skills.add(runner_up["floor"]["skill"])
    for entry in unfilled:
        for reason in entry.reasons:
            people.update(reason["people"])
            departments.update(reason["departments"])
            if reason["skill"]:
                skills.add(reason["skill"])
        for fix in (entry.fix, *entry.other_fixes):
            if fix["department"]:
                departments.add(fix["department"])
            if fix["skill"]:
                skills.add(fix["skill"])
    return Referenced(
        people=User.objects.select_related("department").in_bulk(people),
        needs=TalentNeed.objects.select_related("department").in_bulk(needs),
        skills=Skill.objects.in_bulk(skills, field_name="code"),
        departments=Department.objects.in_bulk(departments),
    )


def secondments_visible_to(user: Any) -> QuerySet[Secondment]:
    """Reviewers see every secondment; department heads those lending or receiving in their
    departments; everyone their own."""
    if not is_member(user):
        return Secondment.objects.none()
    secondments = Secondment.objects.select_related(
        "person",
        "need",
        "lending_department",
        "receiving_department",
        "lending_approved_by",
        "receiving_approved_by",
        "ended_by",
    )
    if may_review(user):
        return secondments
    headed = headed_department_ids(user)
    return secondments.filter(
        Q(person=user) | Q(lending_department__in=headed) | Q(receiving_department__in=headed)
    )


def people_out(department_id: int) -> int:
    """How many of the department's people are lent out now (a secondment going ahead)."""
    return (
        Secondment.objects.filter(lending_department=department_id, status__in=GOING_AHEAD)
        .values("person")
        .distinct()
        .count()
    )


def lent_out_now() -> dict[int, int]:
    """Person id -> lending department id of everyone out now (a secondment going ahead)."""
    return dict(
        Secondment.objects.filter(status__in=GOING_AHEAD).values_list(
            "person_id", "lending_department_id"
        )
    )


def holders_at_home(floors: Sequence[CriticalSkillFloor]) -> dict[int, int]:
    """Floor id -> how many of its department's active staff hold its skill at its level or
    above and are at home (not lent out now): the people a floor counts."""
    out = lent_out_now()
    holders = StaffSkill.objects.filter(
        user__is_active=True,
        skill_id__in={floor.skill_id for floor in floors},
        user__department_id__in={floor.department_id for floor in floors},
    ).values_list("user_id", "user__department_id", "skill_id", "level")
    levels: defaultdict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for user_id, department_id, skill_id, level in holders:
        levels[department_id, skill_id].append((user_id, level))
    return {
        floor.pk: sum(
            1
            for user_id, level in levels[floor.department_id, floor.skill_id]
            if level >= floor.min_level and user_id not in out
        )
        for floor in floors
    }


def department_people_out() -> Coalesce:
    """How many people the department ``OuterRef("pk")`` has lent out now, as an annotation."""
    out = (
        Secondment.objects.filter(lending_department=OuterRef("pk"), status__in=GOING_AHEAD)
        .order_by()
        .values("lending_department")
        .annotate(n=Count("person", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(out, output_field=IntegerField()), 0)


def active_headcount(department_id: int) -> int:
    return User.objects.filter(department=department_id, is_active=True).count()


def secondment_pool(today: date) -> QuerySet[SecondmentAvailability]:
    """Everyone active who opted in to be seconded, for HR: with their department, skills and
    preferred departments, and their ``standing`` on ``today``: ``seconded`` (a secondment
    going ahead), ``cooling_off`` (one ended within the cooling-off period) or ``free`` (a
    run considers them). By department, then employee number."""
    secondments = Secondment.objects.filter(person=OuterRef("user"))
    cooling_since = today - timedelta(days=settings.SECONDMENT_COOLING_OFF_DAYS)
    return (
        SecondmentAvailability.objects.filter(user__is_active=True)
        .select_related("user__department")
        .prefetch_related(
            "preferred_departments",
            Prefetch(
                "user__staff_skills",
                queryset=StaffSkill.objects.select_related("skill").order_by(
                    "-level", "skill__code"
                ),
            ),
        )
        .annotate(
            standing=Case(
                When(Exists(secondments.filter(status__in=GOING_AHEAD)), then=Value("seconded")),
                When(
                    Exists(
                        secondments.filter(
                            status=SecondmentStatus.COMPLETED, end_date__gte=cooling_since
                        )
                    ),
                    then=Value("cooling_off"),
                ),
                default=Value("free"),
                output_field=CharField(),
            )
        )
        .order_by("user__department__code", "user__employee_number")
    )
