"""Permission classes shared by every app's API."""

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from apps.core.roles import is_admin, is_member


class DenyAll(BasePermission):
    """The default for every view: a view that names no permission serves no one."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return False


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
