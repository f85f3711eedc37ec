from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from apps.secondments.models import NeedRequirement, SecondmentAvailability, TalentNeed


class ReadOnly(admin.ModelAdmin[models.Model]):
    """Read here, never written: needs are filed and changed by department heads in the app, and
    people opt in to secondment themselves, through the audited services."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


class NeedRequirementInline(admin.TabularInline[NeedRequirement, TalentNeed]):
    model = NeedRequirement
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: TalentNeed | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: TalentNeed | None = None) -> bool:
        return False


@admin.register(TalentNeed)
class TalentNeedAdmin(ReadOnly):
    list_display = ["title", "department", "status", "headcount", "start_date", "end_date", "tier"]
    list_filter = ["status", "tier", "clearance"]
    search_fields = ["title", "department__code", "department__name_zh", "department__name_en"]
    list_select_related = ["department"]
    inlines = [NeedRequirementInline]


@admin.register(SecondmentAvailability)
class SecondmentAvailabilityAdmin(ReadOnly):
    list_display = ["user", "available_from", "available_to", "time_share_percent"]
    search_fields = ["user__display_name", "user__employee_number"]
    list_select_related = ["user"]
