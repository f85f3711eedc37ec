"""Who may do what: predicates shared by the API views and, later, the socket consumers.

A person's reach comes from the roles an administrator granted them. Holding any role makes
someone a member of the city's staff, who may read the directory, the departments, the
skills and open talent needs; a person without a role (an outside account) reads nothing.
"""

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from apps.accounts.models import Role, User
from apps.organisation.selectors import subtree_ids


def roles_of(user: Any) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    roles: frozenset[str] = user.roles
    return roles


def is_member(user: Any) -> bool:
    return bool(roles_of(user))


def is_admin(user: Any) -> bool:
    return Role.ADMIN in roles_of(user)


def is_hr(user: Any) -> bool:
    return Role.HR in roles_of(user)


def headed_department_ids(user: Any) -> frozenset[int]:
    """The departments a department head acts on: their own and every one below it."""
    if Role.DEPT_HEAD not in roles_of(user) or user.department_id is None:
        return frozenset()
    cached: frozenset[int] | None = getattr(user, "_headed_department_ids", None)
    if cached is None:
        # Kept on the user object, which lives for one request.
        cached = frozenset(subtree_ids(user.department_id))
        user._headed_department_ids = cached
    return cached


def heads_department(user: Any, department_id: int | None) -> bool:
    return department_id is not None and department_id in headed_department_ids(user)


def may_read_sensitive(user: Any, person: User) -> bool:
    """Phone and national ID, unmasked: the person themself, HR and administrators."""
    return user.is_authenticated and (user.pk == person.pk or is_hr(user) or is_admin(user))


def may_see_clearance(user: Any, person: User) -> bool:
    return may_read_sensitive(user, person) or heads_department(user, person.department_id)


class IsMember(BasePermission):
    """Holds at least one role: city staff of any kind."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_member(request.user)


class IsAdministrator(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return is_admin(request.user)


class IsSignedIn(BasePermission):
    """Any active account, with or without a role: for the caller's own profile."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user.is_authenticated and request.user.is_active)
