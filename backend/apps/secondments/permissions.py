from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from apps.accounts.permissions import headed_department_ids, heads_department
from apps.core.roles import is_member
from apps.secondments.models import TalentNeed
from apps.secondments.selectors import may_review


class CanManageNeeds(BasePermission):
    """Members read the needs they can see; department heads write those of their departments."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return is_member(request.user)
        return bool(headed_department_ids(request.user))

    def has_object_permission(self, request: Request, view: Any, obj: TalentNeed) -> bool:
        return request.method in SAFE_METHODS or heads_department(request.user, obj.department_id)


class IsReviewer(BasePermission):
    """HR and administrators: they run the matcher and decide its suggestions."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return may_review(request.user)
