from django.contrib import admin
from django.http import HttpRequest

from apps.skills.models import Skill, SkillCategory, SkillSynonym, StaffSkill, StaffSkillChange


class SkillSynonymInline(admin.TabularInline[SkillSynonym, Skill]):
    model = SkillSynonym
    extra = 1


@admin.register(SkillCategory)
class SkillCategoryAdmin(admin.ModelAdmin[SkillCategory]):
    list_display = ["code", "name_zh", "name_en", "parent"]
    search_fields = ["code", "name_zh", "name_en"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin[Skill]):
    list_display = ["code", "name_zh", "name_en", "category"]
    list_filter = ["category"]
    search_fields = ["code", "name_zh", "name_en", "synonyms__name"]
    inlines = [SkillSynonymInline]


@admin.register(StaffSkill)
class StaffSkillAdmin(admin.ModelAdmin[StaffSkill]):
    """Read here, never written: people declare their own skills in the app, and department
    heads verify them there, through the services that keep each skill's history."""

    list_display = ["user", "skill", "level", "provenance", "verified_by", "updated_at"]
    list_filter = ["provenance", "level", "skill__category"]
    search_fields = [
        "user__display_name",
        "user__employee_number",
        "skill__name_en",
        "skill__name_zh",
    ]
    list_select_related = ["user", "skill", "verified_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: StaffSkill | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: StaffSkill | None = None) -> bool:
        return False


@admin.register(StaffSkillChange)
class StaffSkillChangeAdmin(admin.ModelAdmin[StaffSkillChange]):
    """The history is read here, never written."""

    list_display = ["changed_at", "user", "skill", "kind", "level", "provenance", "changed_by"]
    list_filter = ["kind", "provenance"]
    search_fields = ["user__display_name", "user__employee_number", "skill__name_en"]
    list_select_related = ["user", "skill", "changed_by"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
