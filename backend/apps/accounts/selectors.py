"""Reading people, filtered by what the reader may see."""

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from apps.accounts.models import RoleGrant, User
from apps.accounts.permissions import is_admin, is_member
from apps.skills.models import StaffSkill
from apps.skills.selectors import skills_matching


def people_visible_to(user: Any) -> QuerySet[User]:
    """The directory as ``user`` may read it: staff see active people, admins everyone."""
    if not is_member(user):
        return User.objects.none()
    people = User.objects.select_related("department").prefetch_related(
        "role_grants",
        Prefetch("staff_skills", queryset=StaffSkill.objects.select_related("skill")),
    )
    return people if is_admin(user) else people.filter(is_active=True)


def search_people(people: QuerySet[User], text: str) -> QuerySet[User]:
    """By display name, username or employee number."""
    return people.filter(
        Q(display_name__icontains=text)
        | Q(username__icontains=text)
        | Q(employee_number__icontains=text)
    )


def people_with_skill(people: QuerySet[User], text: str, *, min_level: int = 1) -> QuerySet[User]:
    """People holding, at ``min_level`` or above, a skill named ``text`` in any language or
    by any synonym."""
    holding = StaffSkill.objects.filter(
        user=OuterRef("pk"), skill__in=skills_matching(text), level__gte=min_level
    )
    return people.filter(Exists(holding))


def role_grants_visible_to(user: Any) -> QuerySet[RoleGrant]:
    if not is_admin(user):
        return RoleGrant.objects.none()
    return RoleGrant.objects.select_related("user", "granted_by").order_by("-granted_at", "-id")
