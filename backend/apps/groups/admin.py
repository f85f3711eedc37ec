from django.contrib import admin
from django.http import HttpRequest

from apps.groups.models import Membership, StudyGroup


class MembershipInline(admin.TabularInline[Membership, StudyGroup]):
    """Memberships change through the group's pages (audited and announced), not here."""

    model = Membership
    extra = 0
    fields = ["user", "role", "status", "status_changed_at", "joined_at"]
    readonly_fields = ["user", "role", "status", "status_changed_at", "joined_at"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: StudyGroup | None = None) -> bool:
        return False


@admin.register(StudyGroup)
class StudyGroupAdmin(admin.ModelAdmin[StudyGroup]):
    """Groups can be read and their description corrected; their chat is not shown here: it is
    the members' own."""

    list_display = [
        "name",
        "join_policy",
        "capacity",
        "target_tier",
        "archived_at",
    ]
    list_filter = ["join_policy", "target_tier"]
    search_fields = ["name", "description"]
    fields = [
        "name",
        "description",
        "skills",
        "target_tier",
        "join_policy",
        "capacity",
        "archived_at",
    ]
    readonly_fields = ["join_policy", "capacity", "archived_at"]
    autocomplete_fields = ["skills"]
    inlines = [MembershipInline]
