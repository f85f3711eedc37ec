from django.contrib import admin
from django.http import HttpRequest

from apps.tasks.models import TaskFailure


@admin.register(TaskFailure)
class TaskFailureAdmin(admin.ModelAdmin[TaskFailure]):
    """Read-only: what failed for good, with its error and traceback."""

    list_display = ["failed_at", "task", "attempts", "error"]
    list_filter = ["task"]
    search_fields = ["task", "task_id", "error"]
    date_hierarchy = "failed_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: TaskFailure | None = None) -> bool:
        return False
