from django.contrib import admin
from django.http import HttpRequest

from apps.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    """Read-only: to see what a person was told, when, and whether they read it."""

    list_display = ["created_at", "user", "kind", "target_label", "read_at"]
    list_filter = ["kind"]
    search_fields = ["user__display_name", "user__employee_number"]
    list_select_related = ["user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False
