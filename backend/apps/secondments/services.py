"""Writes to talent needs, secondment availability, match runs and HR's decisions."""

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.audit.services import record_event
from apps.core.changes import UNCHANGED, Keep, given
from apps.core.errors import NotAllowedError, field_error
from apps.notifications.services import notify
from apps.organisation.models import CriticalSkillFloor, Department
from apps.secondments.lifecycle import secondment_target
from apps.secondments.models import (
    GOING_AHEAD,
    TAKING_A_SEAT,
    MatchRun,
    NeedInterest,
    NeedRequirement,
    NeedStatus,
    Secondment,
    SecondmentAvailability,
    Suggestion,
    SuggestionStatus,
    TalentNeed,
)
from apps.secondments.selectors import active_headcount, holders_at_home, people_out
from apps.secondments.tasks import run_match
from apps.skills.models import Skill, StaffSkill

EDITABLE_STATUSES = {NeedStatus.DRAFT, NeedStatus.OPEN}


def _snapshot(need: TalentNeed) -> dict[str, Any]:
    """What the audit trail keeps of a need."""
    return {
        "title": need.title,
        "department": need.department.code,
        "headcount": need.headcount,
        "start_date": need.start_date.isoformat(),
        "end_date": need.end_date.isoformat(),
        "tier": need.tier,
        "clearance": need.clearance,
        "status": need.status,
        "requirements": [
            {
                "skill": requirement.skill.code,
                "min_level": requirement.min_level,
                "weight": str(requirement.weight),
                "must": requirement.must,
            }
            for requirement in need.requirements.select_related("skill").order_by("skill__code")
        ],
    }


def _check_period(start_date: date, end_date: date) -> None:
    if end_date < start_date:
        raise ValidationError({"end_date": _("The period must end on or after its start.")})


@dataclass(frozen=True)
class Requirement:
    """A skill a need requires, at ``min_level`` or above; ``must`` or nice to have."""

    skill: Skill
    min_level: int
    weight: Decimal = Decimal(1)
    must: bool = True


def _replace_requirements(need: TalentNeed, requirements: Sequence[Requirement]) -> None:
    if not requirements:
        raise ValidationError({"requirements": _("Name at least one required skill.")})
    if len({requirement.skill.pk for requirement in requirements}) != len(requirements):
        raise ValidationError({"requirements": _("Each skill may appear only once.")})
    need.requirements.all().delete()
    NeedRequirement.objects.bulk_create(
        NeedRequirement(need=need, **asdict(requirement)) for requirement in requirements
    )


@transaction.atomic
def create_need(
    *,
    actor: User,
    department: Department,
    title: str,
    headcount: int,
    start_date: date,
    end_date: date,
    requirements: Sequence[Requirement],
    description: str = "",
    tier: str = "",
    clearance: int = 0,
) -> TalentNeed:
    """File a draft talent need for ``department``. The caller checks that ``actor`` heads it.

    Side effect: a ``need.created`` audit event.
    """
    _check_period(start_date, end_date)
    need = TalentNeed.objects.create(
        department=department,
        created_by=actor,
        status=NeedStatus.DRAFT,
        title=title,
        description=description,
        headcount=headcount,
        start_date=start_date,
        end_date=end_date,
        tier=tier,
        clearance=clearance,
    )
    _replace_requirements(need, requirements)
    record_event(actor=actor, action="need.created", target=need, after=_snapshot(need))
    return need


@transaction.atomic
def update_need(
    *,
    actor: User,
    need: TalentNeed,
    department: Department | Keep = UNCHANGED,
    title: str | Keep = UNCHANGED,
    description: str | Keep = UNCHANGED,
    headcount: int | Keep = UNCHANGED,
    start_date: date | Keep = UNCHANGED,
    end_date: date | Keep = UNCHANGED,
    tier: str | Keep = UNCHANGED,
    clearance: int | Keep = UNCHANGED,
    requirements: Sequence[Requirement] | Keep = UNCHANGED,
) -> TalentNeed:
    """Change a draft or open need; ``requirements``, when given, replace the old ones. The
    caller checks that ``actor`` heads its department (and the new one, when it moves).

    Side effect: a ``need.updated`` audit event with the need before and after.
    """
    if need.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("A %(status)s need can no longer be changed.")
            % {"status": need.get_status_display()},
            code="not_editable",
        )
    before = _snapshot(need)
    changes = given(
        department=department,
        title=title,
        description=description,
        headcount=headcount,
        start_date=start_date,
        end_date=end_date,
        tier=tier,
        clearance=clearance,
    )
    for name, value in changes.items():
        setattr(need, name, value)
    _check_period(need.start_date, need.end_date)
    need.save()
    if requirements is not UNCHANGED:
        _replace_requirements(need, requirements)
    record_event(
        actor=actor, action="need.updated", target=need, before=before, after=_snapshot(need)
    )
    return need


ALLOWED_TRANSITIONS = {
    NeedStatus.OPEN: {NeedStatus.DRAFT},
    NeedStatus.CLOSED: {NeedStatus.DRAFT, NeedStatus.OPEN},
}


@transaction.atomic
def change_need_status(*, actor: User, need: TalentNeed, status: NeedStatus) -> TalentNeed:
    """Open a draft, or close a draft or open need. Side effect: a ``need.<status>`` event."""
    if need.status not in ALLOWED_TRANSITIONS[status]:
        raise ValidationError(
            _("A %(current)s need cannot become %(new)s.")
            % {"current": need.get_status_display(), "new": status.label},
            code="invalid_transition",
        )
    before = need.status
    need.status = status
    need.save(update_fields=["status", "updated_at"])
    record_event(
        actor=actor,
        action=f"need.{status.value}",
        target=need,
        before={"status": before},
        after={"status": status.value},
    )
    return need


@transaction.atomic
def delete_need(*, actor: User, need: TalentNeed) -> None:
    """Only a draft may be deleted; an opened need is closed instead, so its history stays."""
    if need.status != NeedStatus.DRAFT:
        raise ValidationError(
            _("Only a draft can be deleted; close the need instead."), code="not_draft"
        )
    record_event(actor=actor, action="need.deleted", target=need, before=_snapshot(need))
    need.delete()


@transaction.atomic
def set_availability(
    *,
    user: User,
    available_from: date,
    available_to: date | None = None,
    time_share_percent: int = 100,
    note: str = "",
    preferred_departments: Sequence[Department] = (),
    preferred_skills: Sequence[Skill] = (),
) -> SecondmentAvailability:
    """Opt in to secondment, or change the terms. Side effect: an ``availability.set`` event."""
    if available_to is not None and available_to < available_from:
        raise ValidationError({"available_to": _("The window must end on or after its start.")})
    if user.department_id is not None and any(
        department.pk == user.department_id for department in preferred_departments
    ):
        raise ValidationError(
            {"preferred_departments": _("A secondment goes to another department than one's own.")}
        )
    availability, _created = SecondmentAvailability.objects.update_or_create(
        user=user,
        defaults={
            "available_from": available_from,
            "available_to": available_to,
            "time_share_percent": time_share_percent,
            "note": note,
        },
    )
    availability.preferred_departments.set(preferred_departments)
    availability.preferred_skills.set(preferred_skills)
    record_event(
        actor=user,
        action="availability.set",
        target=user,
        after={
            "available_from": availability.available_from.isoformat(),
            "available_to": availability.available_to.isoformat()
            if availability.available_to
            else None,
            "time_share_percent": availability.time_share_percent,
        },
    )
    return availability


@transaction.atomic
def withdraw_availability(*, user: User) -> None:
    """Opt out. Side effect: an ``availability.withdrawn`` event when there was an opt-in."""
    deleted, _by_model = SecondmentAvailability.objects.filter(user=user).delete()
    if deleted:
        record_event(actor=user, action="availability.withdrawn", target=user)


def start_match_run(
    actor: User,
    *,
    departments: Sequence[Department] | None = None,
    policy: dict[str, Any] | None = None,
    blind: bool = False,
) -> MatchRun:
    """Queue a match run over the open needs (of ``departments`` only, if given) and the
    people who opted in; the task runner executes it once this transaction commits."""
    with transaction.atomic():
        run = MatchRun.objects.create(
            started_by=actor,
            scope={} if departments is None else {"departments": sorted(d.pk for d in departments)},
            policy=policy or {},
            blind=blind,
        )
        record_event(
            actor=actor,
            action="match_run.started",
            target=run,
            after={"scope": run.scope, "policy": run.policy, "blind": blind},
        )
        transaction.on_commit(lambda: run_match(run.pk))
    return run


#: A suggestion in these states still awaits a final decision.
UNDECIDED = (SuggestionStatus.PROPOSED, SuggestionStatus.HELD)

#: A suggestion HR accepted or rejected: its person is no longer hidden in blind review.
DECIDED = (SuggestionStatus.ACCEPTED, SuggestionStatus.REJECTED)

#: What HR may decide of a suggestion.
DECISIONS = (SuggestionStatus.ACCEPTED, SuggestionStatus.REJECTED, SuggestionStatus.HELD)


def decide_suggestions(
    actor: User, *, suggestions: Sequence[Suggestion], decision: str, comment: str = ""
) -> list[Suggestion]:
    """Accept, reject or hold suggestions, all or none: the first that cannot be decided
    refuses the lot with a ``ValidationError`` naming it.

    Accepting seats the person: a planned :class:`Secondment` for the need's period, and the
    person's other undecided suggestions (of any run) withdrawn. It is refused when the need
    is no longer open or has no seat left, or the person already has a secondment going ahead.
    Side effect: a ``suggestion.<decision>`` event each, and ``secondment.planned``.
    """
    if decision not in DECISIONS:
        raise field_error(
            "decision", _("A decision is accepted, rejected or held."), "invalid_choice"
        )
    with transaction.atomic():
        # People first, then their suggestions, then needs, each in id order: one order for
        # every decision, so that reviewers deciding at once wait instead of deadlocking.
        # ``no_key``: rows that refer to these (a message, an audit event) are not held up.
        people = {suggestion.person_id for suggestion in suggestions}
        needs = {suggestion.need_id for suggestion in suggestions}
        _lock(User.objects.filter(pk__in=people))
        locked = Suggestion.objects.select_for_update(of=("self",), no_key=True)
        fresh = {found.pk: found for found in locked.filter(pk__in=[s.pk for s in suggestions])}
        _lock(TalentNeed.objects.filter(pk__in=needs))
        # Accepting counts the people a department has out: one acceptance at a time each.
        lenders = {
            found.person.department_id
            for found in fresh.values()
            if found.person.department_id is not None
        }
        _lock(Department.objects.filter(pk__in=lenders))
        return [
            _decide(actor, fresh[suggestion.pk], decision, comment) for suggestion in suggestions
        ]


def _lock(rows: QuerySet[Any]) -> None:
    list(rows.select_for_update(no_key=True).order_by("pk").values_list("pk", flat=True))


def _decide(actor: User, suggestion: Suggestion, decision: str, comment: str) -> Suggestion:
    if suggestion.person_id == actor.pk:
        raise NotAllowedError(
            _("Suggestion %(id)s is of you: another reviewer decides it.") % {"id": suggestion.pk},
            "own_suggestion",
        )
    if suggestion.status not in UNDECIDED:
        raise field_error(
            "decision",
            _("Suggestion %(id)s was already decided: %(status)s.")
            % {"id": suggestion.pk, "status": suggestion.get_status_display()},
            "already_decided",
        )
    before = {"status": suggestion.status}
    if decision == SuggestionStatus.ACCEPTED:
        _second(actor, suggestion)
    suggestion.status = decision
    suggestion.reviewer = actor
    suggestion.comment = comment
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "reviewer", "comment", "decided_at"])
    record_event(
        actor=actor,
        action=f"suggestion.{decision}",
        target=suggestion,
        before=before,
        after={"status": decision, "comment": comment, "run": suggestion.run_id},
    )
    return suggestion


def _second(actor: User, suggestion: Suggestion) -> Secondment:
    """The planned secondment of an accepted suggestion; the person's other undecided
    suggestions withdrawn."""
    need = TalentNeed.objects.get(pk=suggestion.need_id)  # locked by decide_suggestions
    person = suggestion.person

    def refuse(message: str, code: str, **values: object) -> ValidationError:
        return field_error("decision", message % {"id": suggestion.pk, **values}, code)

    if need.status != NeedStatus.OPEN:
        raise refuse(_("Suggestion %(id)s: the need is no longer open."), "need_not_open")
    seated = need.secondments.filter(status__in=TAKING_A_SEAT).count()
    if seated >= need.headcount:
        raise refuse(_("Suggestion %(id)s: every seat of the need is taken."), "need_full")
    if not person.is_active or not SecondmentAvailability.objects.filter(user=person).exists():
        raise refuse(
            _("Suggestion %(id)s: the person is no longer available for secondment."),
            "person_unavailable",
        )
    if person.secondments.filter(status__in=GOING_AHEAD).exists():
        raise refuse(
            _("Suggestion %(id)s: the person already has a secondment going ahead."),
            "person_seconded",
        )
    if person.department_id is None or person.department_id == need.department_id:
        raise refuse(
            _("Suggestion %(id)s: the person has since moved; start a new run."),
            "person_moved",
        )
    lending = Department.objects.get(pk=person.department_id)  # locked by decide_suggestions
    if people_out(lending.pk) >= lending.release_cap(active_headcount(lending.pk)):
        raise refuse(
            _("Suggestion %(id)s: the person's department has reached its release cap."),
            "release_cap",
        )
    floor = _floor_broken_by(person, lending)
    if floor is not None:
        raise refuse(
            _(
                "Suggestion %(id)s: the person's department keeps %(people)s people with "
                "%(skill)s at level %(level)s or above at home, and would fall below."
            ),
            "critical_skill_floor",
            people=floor.min_people,
            skill=floor.skill,
            level=floor.min_level,
        )
    secondment = Secondment.objects.create(
        suggestion=suggestion,
        person=person,
        need=need,
        lending_department_id=person.department_id,
        receiving_department_id=need.department_id,
        start_date=need.start_date,
        end_date=need.end_date,
    )
    Suggestion.objects.filter(person=person, status__in=UNDECIDED).exclude(pk=suggestion.pk).update(
        status=SuggestionStatus.WITHDRAWN, decided_at=timezone.now()
    )
    notify(
        user=person,
        kind="secondment_planned",
        actor=actor,
        target=secondment_target(secondment),
    )
    record_event(
        actor=actor,
        action="secondment.planned",
        target=secondment,
        after={
            "person": person.pk,
            "need": need.pk,
            "start_date": secondment.start_date.isoformat(),
            "end_date": secondment.end_date.isoformat(),
        },
    )
    return secondment


def _floor_broken_by(person: User, lending: Department) -> CriticalSkillFloor | None:
    """The critical-skill floor of ``lending`` that seconding ``person`` would break: one
    whose skill they hold at its level or above, with no one to spare at home. A run keeps the
    floors as they were when it ran; they may have been raised since, or another run's
    acceptances may have used the room."""
    held = dict(StaffSkill.objects.filter(user=person).values_list("skill_id", "level"))
    floors = [
        floor
        for floor in CriticalSkillFloor.objects.filter(
            department=lending, skill_id__in=held
        ).select_related("skill")
        if held[floor.skill_id] >= floor.min_level
    ]
    at_home = holders_at_home(floors)
    return next((f for f in floors if at_home[f.pk] - 1 < f.min_people), None)


def reveal_candidate(actor: User, *, suggestion: Suggestion, reason: str) -> User:
    """The person behind a suggestion of a blind run, before a decision. Side effect: a
    ``suggestion.revealed`` event with the reason."""
    if not suggestion.run.blind or suggestion.status in DECIDED:
        raise field_error(
            "reason", _("This suggestion's person is not hidden: nothing to reveal."), "not_hidden"
        )
    record_event(
        actor=actor,
        action="suggestion.revealed",
        target=suggestion,
        after={"reason": reason, "run": suggestion.run_id},
    )
    return suggestion.person


def export_decisions(actor: User, *, run: MatchRun) -> list[Suggestion]:
    """The decided suggestions of ``run``, for the HR system, by need and best fit first.
    Side effect: a ``match_run.exported`` event with how many."""
    decided = list(
        Suggestion.objects.filter(run=run, status__in=DECISIONS).select_related(
            "need__department", "person__department", "reviewer", "secondment"
        )
    )
    record_event(
        actor=actor, action="match_run.exported", target=run, after={"suggestions": len(decided)}
    )
    return decided


def declare_interest(*, user: User, need: TalentNeed) -> NeedInterest:
    """Say ``user`` is interested in ``need``, an open need of another department (the caller
    checks that they may see it): the next match run counts it as their preference for it.
    Saying it twice keeps the first."""
    if need.status != NeedStatus.OPEN:
        raise field_error("need", _("Only an open need takes expressions of interest."), "not_open")
    if need.department_id == user.department_id:
        raise field_error(
            "need",
            _("This need is your own department's: secondment is to another department."),
            "own_department",
        )
    interest, _created = NeedInterest.objects.get_or_create(user=user, need=need)
    return interest


def withdraw_interest(*, user: User, need: TalentNeed) -> None:
    NeedInterest.objects.filter(user=user, need=need).delete()
