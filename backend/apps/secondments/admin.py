from django.contrib import admin

from apps.secondments.models import NeedRequirement, SecondmentAvailability, TalentNeed


class NeedRequirementInline(admin.TabularInline[NeedRequirement, TalentNeed]):
    model = NeedRequirement
    extra = 1
    autocomplete_fields = ["skill"]


@admin.register(TalentNeed)
class TalentNeedAdmin(admin.ModelAdmin[TalentNeed]):
    list_display = ["title", "department", "status", "headcount", "start_date", "end_date", "tier"]
    list_filter = ["status", "tier", "clearance"]
    search_fields = ["title", "department__code", "department__name_zh", "department__name_en"]
    autocomplete_fields = ["department"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    list_select_related = ["department"]
    inlines = [NeedRequirementInline]


@admin.register(SecondmentAvailability)
class SecondmentAvailabilityAdmin(admin.ModelAdmin[SecondmentAvailability]):
    list_display = ["user", "available_from", "available_to", "time_share_percent"]
    search_fields = ["user__display_name", "user__employee_number"]
    autocomplete_fields = ["user", "preferred_departments", "preferred_skills"]
    list_select_related = ["user"]
