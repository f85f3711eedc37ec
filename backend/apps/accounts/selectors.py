"""Reading people, filtered by what the reader may see."""

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from apps.accounts.models import RoleGrant, User
from apps.core.roles import is_admin, is_member


def people_visible_to(user: Any) -> QuerySet[User]:
    """The directory as ``user`` may read it: staff see active people, admins everyone."""
    if not is_member(user):
        return User.objects.none()
    people = User.objects.select_related("department").prefetch_related("role_grants")
    return people if is_admin(user) else people.filter(is_active=True)


def search_people(people: QuerySet[User], text: str) -> QuerySet[User]:
    """By display name, username or employee number."""
    return people.filter(
        Q(display_name__icontains=text)
        | Q(username__icontains=text)
        | Q(employee_number__icontains=text)
    )


def department_headcount() -> Coalesce:
    """The active staff of the department ``OuterRef("pk")``, as an annotation."""
    headcount = (
        User.objects.filter(department=OuterRef("pk"), is_active=True)
        .order_by()
        .values("department")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(headcount, output_field=IntegerField()), 0)


def role_grants_visible_to(user: Any) -> QuerySet[RoleGrant]:
    if not is_admin(user):
        return RoleGrant.objects.none()
    return RoleGrant.objects.select_related("user", "granted_by").order_by("-granted_at", "-id")
