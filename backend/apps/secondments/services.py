"""Writes to talent needs and secondment availability."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.audit.services import record_event
from apps.organisation.models import Department
from apps.secondments.models import NeedRequirement, NeedStatus, SecondmentAvailability, TalentNeed
from apps.skills.models import Skill

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


def _replace_requirements(need: TalentNeed, requirements: list[dict[str, Any]]) -> None:
    if not requirements:
        raise ValidationError({"requirements": _("Name at least one required skill.")})
    skills: list[Skill] = [requirement["skill"] for requirement in requirements]
    if len({skill.pk for skill in skills}) != len(skills):
        raise ValidationError({"requirements": _("Each skill may appear only once.")})
    need.requirements.all().delete()
    NeedRequirement.objects.bulk_create(
        NeedRequirement(need=need, **requirement) for requirement in requirements
    )


@transaction.atomic
def create_need(
    *,
    actor: User,
    department: Department,
    fields: dict[str, Any],
    requirements: list[dict[str, Any]],
    request: HttpRequest | None = None,
) -> TalentNeed:
    """File a draft talent need for ``department``. The caller checks that ``actor`` heads it.

    Side effect: a ``need.created`` audit event.
    """
    _check_period(fields["start_date"], fields["end_date"])
    need = TalentNeed.objects.create(
        department=department, created_by=actor, status=NeedStatus.DRAFT, **fields
    )
    _replace_requirements(need, requirements)
    record_event(
        actor=actor, action="need.created", target=need, after=_snapshot(need), request=request
    )
    return need


@transaction.atomic
def update_need(
    *,
    actor: User,
    need: TalentNeed,
    fields: dict[str, Any],
    requirements: list[dict[str, Any]] | None,
    request: HttpRequest | None = None,
) -> TalentNeed:
    """Change a draft or open need; ``requirements``, when given, replace the old ones.

    Side effect: a ``need.updated`` audit event with the need before and after.
    """
    if need.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("A %(status)s need can no longer be changed.")
            % {"status": need.get_status_display()},
            code="not_editable",
        )
    before = _snapshot(need)
    for name, value in fields.items():
        setattr(need, name, value)
    _check_period(need.start_date, need.end_date)
    need.save()
    if requirements is not None:
        _replace_requirements(need, requirements)
    record_event(
        actor=actor,
        action="need.updated",
        target=need,
        before=before,
        after=_snapshot(need),
        request=request,
    )
    return need


ALLOWED_TRANSITIONS = {
    NeedStatus.OPEN: {NeedStatus.DRAFT},
    NeedStatus.CLOSED: {NeedStatus.DRAFT, NeedStatus.OPEN},
}


@transaction.atomic
def change_need_status(
    *, actor: User, need: TalentNeed, status: NeedStatus, request: HttpRequest | None = None
) -> TalentNeed:
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
        request=request,
    )
    return need


@transaction.atomic
def delete_need(*, actor: User, need: TalentNeed, request: HttpRequest | None = None) -> None:
    """Only a draft may be deleted; an opened need is closed instead, so its history stays."""
    if need.status != NeedStatus.DRAFT:
        raise ValidationError(
            _("Only a draft can be deleted; close the need instead."), code="not_draft"
        )
    record_event(
        actor=actor, action="need.deleted", target=need, before=_snapshot(need), request=request
    )
    need.delete()


@transaction.atomic
def set_availability(
    *,
    user: User,
    fields: dict[str, Any],
    preferred_departments: list[Department],
    preferred_skills: list[Skill],
    request: HttpRequest | None = None,
) -> SecondmentAvailability:
    """Opt in to secondment, or change the terms. Side effect: an ``availability.set`` event."""
    available_to = fields.get("available_to")
    if available_to is not None and available_to < fields["available_from"]:
        raise ValidationError({"available_to": _("The window must end on or after its start.")})
    if user.department_id is not None and any(
        department.pk == user.department_id for department in preferred_departments
    ):
        raise ValidationError(
            {"preferred_departments": _("A secondment goes to another department than one's own.")}
        )
    availability, _created = SecondmentAvailability.objects.update_or_create(
        user=user, defaults=fields
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
        request=request,
    )
    return availability


@transaction.atomic
def withdraw_availability(*, user: User, request: HttpRequest | None = None) -> None:
    """Opt out. Side effect: an ``availability.withdrawn`` event when there was an opt-in."""
    deleted, _by_model = SecondmentAvailability.objects.filter(user=user).delete()
    if deleted:
        record_event(actor=user, action="availability.withdrawn", target=user, request=request)
