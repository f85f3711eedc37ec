"""Permission classes shared by every app's API."""

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request


class DenyAll(BasePermission):
    """The default for every view: a view that names no permission serves no one."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return False
