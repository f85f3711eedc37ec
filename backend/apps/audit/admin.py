from django.contrib import admin
from django.http import HttpRequest

from apps.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """The trail can be read and searched; nobody can add, change or delete an event."""

    list_display = [
        "created_at",
        "actor_label",
        "action",
        "object_type",
        "object_label",
        "source_address",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "action", "object_label", "object_id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
