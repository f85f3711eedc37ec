from typing import Any, cast

from django.contrib import admin
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

from apps.organisation import services
from apps.organisation.models import CriticalSkillFloor, Department

EDITABLE = ("name_zh", "name_en", "parent", "release_cap_percent")


class CriticalSkillFloorInline(admin.TabularInline[CriticalSkillFloor, Department]):
    """Floors added, changed or removed here go through the same audited services."""

    model = CriticalSkillFloor
    extra = 0
    autocomplete_fields = ["skill"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin[Department]):
    """Departments, their release caps and critical-skill floors; every change is audited."""

    list_display = ["code", "name_zh", "name_en", "parent", "release_cap_percent"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["code", "name_zh", "name_en"]
    autocomplete_fields = ["parent"]
    inlines = [CriticalSkillFloorInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Department | None = None) -> list[str]:
        return ["code"] if obj is not None else []  # a department's code is its name in imports

    def save_model(self, request: HttpRequest, obj: Department, form: Any, change: bool) -> None:
        actor = cast(AbstractBaseUser, request.user)  # the admin site admits signed-in staff only
        if not change:
            services.create_department(actor=actor, department=obj)
            return
        values = {field: form.cleaned_data[field] for field in EDITABLE}
        obj.refresh_from_db(fields=list(EDITABLE))  # the service compares, changes and audits
        services.update_department(actor=actor, department=obj, **values)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        actor = cast(AbstractBaseUser, request.user)
        # What the admin's history message lists, as ``formset.save()`` would have set it.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for floor_form in formset.forms:
            data = getattr(floor_form, "cleaned_data", {})
            if not data or data.get("DELETE") or not floor_form.has_changed():
                continue
            if floor_form.instance.pk is not None and "skill" in floor_form.changed_data:
                # Another skill in the row: the old skill's floor goes, the new one's comes.
                services.remove_critical_skill_floor(
                    actor=actor, floor=CriticalSkillFloor.objects.get(pk=floor_form.instance.pk)
                )
            floor = services.set_critical_skill_floor(
                actor=actor,
                department=form.instance,
                skill_id=data["skill"].pk,
                min_level=data["min_level"],
                min_people=data["min_people"],
            )
            formset.new_objects.append(floor)
        for floor_form in formset.deleted_forms:
            if floor_form.instance.pk is not None:
                services.remove_critical_skill_floor(actor=actor, floor=floor_form.instance)
                formset.deleted_objects.append(floor_form.instance)
