from django.contrib import admin

from apps.organisation.models import CriticalSkillFloor, Department


class CriticalSkillFloorInline(admin.TabularInline[CriticalSkillFloor, Department]):
    model = CriticalSkillFloor
    extra = 0
    autocomplete_fields = ["skill"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin[Department]):
    list_display = ["code", "name_zh", "name_en", "parent", "release_cap_percent"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["code", "name_zh", "name_en"]
    autocomplete_fields = ["parent"]
    inlines = [CriticalSkillFloorInline]
