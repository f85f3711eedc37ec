from typing import Any, cast

from django.contrib import admin
from django.http import HttpRequest

from apps.accounts.models import User
from apps.groups import services
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
    """Groups can be read and their name, description, skills and tier corrected, through the
    same audited service as the app (which renames the group's room too); groups are started in
    the app. Their chat is not shown here: it is the members' own."""

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

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a group starts with its owner, in the app

    def save_model(self, request: HttpRequest, obj: StudyGroup, form: Any, change: bool) -> None:
        data = form.cleaned_data
        services.update_group(
            actor=cast(User, request.user),  # the admin site admits signed-in staff only
            group=StudyGroup.objects.get(pk=obj.pk),
            name=data["name"],
            description=data["description"],
            target_tier=data["target_tier"],
            skills=list(data["skills"]),
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Nothing more to save: the skills went through the service, and the memberships are
        read-only here (the history message lists no change of theirs)."""
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
