"""Reading talent needs and availability, filtered by what the reader may see."""

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from apps.accounts.permissions import headed_department_ids
from apps.core.roles import is_admin, is_hr, is_member
from apps.secondments.models import NeedRequirement, NeedStatus, SecondmentAvailability, TalentNeed


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
