"""A secondment's life after HR accepted the suggestion it comes from.

``planned`` (HR accepted) → ``confirmed`` (the person agrees) → ``approved`` (the heads of the
lending and the receiving department have each approved their side; they may approve before the
person confirms) → ``active`` on its start date → ``completed`` after its end date (the last two
by the periodic task ``advance``). A side whose department no active head acts on (none in it
nor above it) is approved by HR or an administrator instead, so that it cannot be stuck. The
person may decline a planned secondment; HR,
administrators and the heads of either department may cancel one going ahead, with a reason.
A need whose seats are all taken by approved secondments is ``filled``; it opens again when one
of them ends early. Each step is audited and told to those it concerns.
"""

from collections.abc import Collection
from datetime import date
from typing import Literal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.models import User
from apps.accounts.permissions import heads_department
from apps.audit.services import record_event
from apps.core.errors import NotAllowedError, field_error
from apps.core.roles import Role, is_admin, is_hr
from apps.notifications.services import Target, notify
from apps.organisation.models import Department
from apps.organisation.selectors import ancestor_ids
from apps.secondments.models import (
    GOING_AHEAD,
    NeedStatus,
    Secondment,
    SecondmentStatus,
    TalentNeed,
)

Side = Literal["lending", "receiving"]
SIDES: tuple[Side, ...] = ("lending", "receiving")

#: The kinds of notification a secondment's steps raise (registered in ``apps.py``).
KINDS = {
    "secondment_planned": gettext_lazy("Proposed for a secondment"),
    "secondment_confirmed": gettext_lazy("A secondment awaits your approval"),
    "secondment_declined": gettext_lazy("A secondment was declined"),
    "secondment_approved": gettext_lazy("A secondment was approved"),
    "secondment_cancelled": gettext_lazy("A secondment was cancelled"),
    "secondment_active": gettext_lazy("A secondment has started"),
    "secondment_completed": gettext_lazy("A secondment has ended"),
}

#: Secondments in these states hold a seat of their need for good.
SEATED = (SecondmentStatus.APPROVED, SecondmentStatus.ACTIVE, SecondmentStatus.COMPLETED)


def secondment_target(secondment: Secondment) -> Target:
    return Target(
        kind="secondment",
        id=secondment.pk,
        label=secondment.need.title,
        link=f"/secondments?focus={secondment.pk}",
    )


def _tell(users: set[User], kind: str, actor: User | None, secondment: Secondment) -> None:
    for user in sorted(users - {actor}, key=lambda user: user.pk):
        notify(user=user, kind=kind, actor=actor, target=secondment_target(secondment))


def heads_of(department_id: int) -> set[User]:
    """The active department heads who act on ``department_id`` (theirs, or one above it)."""
    return set(
        User.objects.filter(
            is_active=True,
            role_grants__role=Role.DEPT_HEAD,
            department__in=ancestor_ids(department_id),
        ).distinct()
    )


def _departments(secondment: Secondment) -> dict[Side, int]:
    return {
        "lending": secondment.lending_department_id,
        "receiving": secondment.receiving_department_id,
    }


def sides_headed_by(user: User, secondment: Secondment) -> list[Side]:
    """The sides of ``secondment`` whose department ``user`` heads."""
    departments = _departments(secondment)
    return [side for side in SIDES if heads_department(user, departments[side])]


def headless_departments() -> set[int]:
    """The departments no active head acts on: none heads them nor a department above them.
    Two queries, whatever the tree."""
    parents = dict(Department.objects.values_list("id", "parent_id"))
    headed = set(
        User.objects.filter(
            is_active=True, role_grants__role=Role.DEPT_HEAD, department__isnull=False
        ).values_list("department_id", flat=True)
    )

    def has_head(department: int | None) -> bool:
        seen = set()
        while department is not None and department not in seen:
            if department in headed:
                return True
            seen.add(department)
            department = parents.get(department)
        return False

    return {department for department in parents if not has_head(department)}


def approvable_sides(user: User, secondment: Secondment, headless: Collection[int]) -> list[Side]:
    """The sides of ``secondment`` ``user`` may approve: those whose department they head and,
    for HR and administrators, those of a department in ``headless``
    (:func:`headless_departments`)."""
    stands_in = is_hr(user) or is_admin(user)
    departments = _departments(secondment)
    return [
        side
        for side in SIDES
        if heads_department(user, departments[side])
        or (stands_in and departments[side] in headless)
    ]


def may_cancel(user: User, secondment: Secondment) -> bool:
    return is_hr(user) or is_admin(user) or bool(sides_headed_by(user, secondment))


def _locked(secondment: Secondment) -> Secondment:
    return (
        Secondment.objects.select_for_update(of=("self",), no_key=True)
        .select_related("person", "need", "suggestion__reviewer")
        .get(pk=secondment.pk)
    )


def _refuse(message: str, code: str) -> Exception:
    return field_error("status", message, code)


def _snapshot(secondment: Secondment) -> dict[str, object]:
    return {
        "status": secondment.status,
        "lending_approved": secondment.lending_approved_at is not None,
        "receiving_approved": secondment.receiving_approved_at is not None,
    }


@transaction.atomic
def confirm(actor: User, *, secondment: Secondment) -> Secondment:
    """The person agrees to a planned secondment."""
    secondment = _locked(secondment)
    if secondment.person_id != actor.pk:
        raise NotAllowedError(_("Only the person seconded confirms."), "not_the_person")
    if secondment.status != SecondmentStatus.PLANNED:
        raise _refuse(_("Only a planned secondment can be confirmed."), "not_planned")
    before = _snapshot(secondment)
    secondment.status = SecondmentStatus.CONFIRMED
    secondment.confirmed_at = timezone.now()
    _settle(secondment)
    record_event(
        actor=actor,
        action="secondment.confirmed",
        target=secondment,
        before=before,
        after=_snapshot(secondment),
    )
    waiting = {
        head
        for side, department in (
            ("lending", secondment.lending_department_id),
            ("receiving", secondment.receiving_department_id),
        )
        if getattr(secondment, f"{side}_approved_at") is None
        for head in heads_of(department)
    }
    _tell(waiting, "secondment_confirmed", actor, secondment)
    return secondment


@transaction.atomic
def decline(actor: User, *, secondment: Secondment, reason: str = "") -> Secondment:
    """The person turns down a planned secondment; its seat is free again."""
    secondment = _locked(secondment)
    if secondment.person_id != actor.pk:
        raise NotAllowedError(_("Only the person seconded declines."), "not_the_person")
    if secondment.status != SecondmentStatus.PLANNED:
        raise _refuse(_("Only a planned secondment can be declined."), "not_planned")
    _end(actor, secondment, SecondmentStatus.DECLINED, reason, "secondment_declined")
    return secondment


@transaction.atomic
def approve(actor: User, *, secondment: Secondment, side: Side | None = None) -> Secondment:
    """A department head approves their side (``side``, or every side they may approve); HR
    or an administrator, the side of a department without a head (the audit event names the
    sides approved in a head's stead)."""
    secondment = _locked(secondment)
    headed = approvable_sides(actor, secondment, headless_departments())
    if not headed or (side is not None and side not in headed):
        raise NotAllowedError(
            _(
                "Only a head of the lending or the receiving department approves their side "
                "(HR, where a department has no head)."
            ),
            "not_a_head",
        )
    if secondment.status not in (SecondmentStatus.PLANNED, SecondmentStatus.CONFIRMED):
        raise _refuse(_("This secondment is past approval."), "not_awaiting_approval")
    sides = [
        approved
        for approved in ([side] if side else headed)
        if getattr(secondment, f"{approved}_approved_at") is None
    ]
    if not sides:
        raise _refuse(_("Your side is approved already."), "already_approved")
    before = _snapshot(secondment)
    now = timezone.now()
    for approved in sides:
        setattr(secondment, f"{approved}_approved_by", actor)
        setattr(secondment, f"{approved}_approved_at", now)
    _settle(secondment)
    record_event(
        actor=actor,
        action="secondment.approved",
        target=secondment,
        before=before,
        after={
            **_snapshot(secondment),
            "sides": sides,
            "in_place_of_head": [
                approved for approved in sides if approved not in sides_headed_by(actor, secondment)
            ],
        },
    )
    if secondment.status in SEATED:
        reviewer = secondment.suggestion.reviewer if secondment.suggestion else None
        _tell(
            {secondment.person, *filter(None, [reviewer])}, "secondment_approved", actor, secondment
        )
    return secondment


@transaction.atomic
def cancel(actor: User, *, secondment: Secondment, reason: str) -> Secondment:
    """End a secondment going ahead, with a reason; its seat is free again."""
    secondment = _locked(secondment)
    if not may_cancel(actor, secondment):
        raise NotAllowedError(
            _("HR, administrators and the heads of either department cancel a secondment."),
            "not_allowed",
        )
    if secondment.status not in GOING_AHEAD:
        raise _refuse(_("This secondment has already ended."), "ended")
    _end(actor, secondment, SecondmentStatus.CANCELLED, reason, "secondment_cancelled")
    return secondment


def _settle(secondment: Secondment, today: date | None = None) -> None:
    """Save ``secondment``, approved once confirmed with both sides approved, active if its
    start date has come; its need filled when every seat is."""
    if (
        secondment.status == SecondmentStatus.CONFIRMED
        and secondment.lending_approved_at is not None
        and secondment.receiving_approved_at is not None
    ):
        secondment.status = SecondmentStatus.APPROVED
    if secondment.status == SecondmentStatus.APPROVED and secondment.start_date <= (
        today or timezone.localdate()
    ):
        secondment.status = SecondmentStatus.ACTIVE
    secondment.save()
    _update_need(secondment.need_id)


def _end(actor: User, secondment: Secondment, status: str, reason: str, kind: str) -> None:
    before = _snapshot(secondment)
    secondment.status = status
    secondment.ended_by = actor
    secondment.end_reason = reason
    secondment.save()
    _update_need(secondment.need_id)
    record_event(
        actor=actor,
        action=f"secondment.{status}",
        target=secondment,
        before=before,
        after={"status": status, "reason": reason},
    )
    reviewer = secondment.suggestion.reviewer if secondment.suggestion else None
    told = {secondment.person, *filter(None, [reviewer])}
    if before["status"] != SecondmentStatus.PLANNED:
        told |= heads_of(secondment.lending_department_id)
        told |= heads_of(secondment.receiving_department_id)
    _tell(told, kind, actor, secondment)


def _update_need(need_id: int) -> None:
    """``filled`` when approved secondments take every seat; ``open`` again when one ends."""
    need = TalentNeed.objects.select_for_update(no_key=True).get(pk=need_id)
    seated = need.secondments.filter(status__in=SEATED).count()
    if need.status == NeedStatus.OPEN and seated >= need.headcount:
        need.status = NeedStatus.FILLED
    elif need.status == NeedStatus.FILLED and seated < need.headcount:
        need.status = NeedStatus.OPEN
    else:
        return
    need.save(update_fields=["status", "updated_at"])
    record_event(actor=None, action=f"need.{need.status}", target=need)


def advance(today: date) -> dict[str, int]:
    """The periodic step: approved secondments whose start date has come become active, and
    active ones past their end date completed. Returns how many of each."""
    counts = {"activated": 0, "completed": 0}
    steps: list[tuple[str, str, Q, str]] = [
        ("activated", SecondmentStatus.APPROVED, Q(start_date__lte=today), SecondmentStatus.ACTIVE),
        ("completed", SecondmentStatus.ACTIVE, Q(end_date__lt=today), SecondmentStatus.COMPLETED),
    ]
    for name, due_status, due, status in steps:
        for secondment in Secondment.objects.filter(due, status=due_status).select_related(
            "person", "need"
        ):
            with transaction.atomic():
                moved = Secondment.objects.filter(pk=secondment.pk, status=due_status).update(
                    status=status, updated_at=timezone.now()
                )
                if moved:
                    record_event(
                        actor=None,
                        action=f"secondment.{status}",
                        target=secondment,
                        before={"status": due_status},
                        after={"status": status},
                    )
                    _tell(
                        {
                            secondment.person,
                            *heads_of(secondment.lending_department_id),
                            *heads_of(secondment.receiving_department_id),
                        },
                        f"secondment_{status}",
                        None,
                        secondment,
                    )
                    counts[name] += moved
    return counts
