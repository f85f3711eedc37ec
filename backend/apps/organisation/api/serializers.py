from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.organisation.models import CriticalSkillFloor, Department
from apps.skills.api.serializers import SkillBriefSerializer


class DepartmentBriefSerializer(serializers.ModelSerializer[Department]):
    class Meta:
        model = Department
        fields = ["id", "code", "name_zh", "name_en"]
        read_only_fields = fields


class DepartmentSerializer(serializers.ModelSerializer[Department]):
    headcount = serializers.IntegerField(read_only=True, help_text="Active staff.")
    open_need_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Department
        fields = [
            "id",
            "code",
            "name_zh",
            "name_en",
            "parent",
            "release_cap_percent",
            "headcount",
            "open_need_count",
        ]
        read_only_fields = fields


class CriticalSkillFloorSerializer(serializers.ModelSerializer[CriticalSkillFloor]):
    skill = SkillBriefSerializer(read_only=True)
    at_home = serializers.SerializerMethodField(
        help_text="Active staff of the department holding the skill at the level or above "
        "and not lent out now."
    )

    class Meta:
        model = CriticalSkillFloor
        fields = ["skill", "min_level", "min_people", "at_home"]
        read_only_fields = fields

    def get_at_home(self, floor: CriticalSkillFloor) -> int:
        at_home: int = self.context["holders_at_home"][floor.pk]
        return at_home


class DepartmentDetailSerializer(DepartmentSerializer):
    people_out = serializers.IntegerField(
        read_only=True, help_text="Staff lent out now (a secondment going ahead)."
    )
    release_cap_people = serializers.SerializerMethodField(
        help_text="How many of its active staff may be seconded out at once."
    )
    critical_skill_floors = CriticalSkillFloorSerializer(many=True, read_only=True)

    class Meta(DepartmentSerializer.Meta):
        fields = [
            *DepartmentSerializer.Meta.fields,
            "people_out",
            "release_cap_people",
            "critical_skill_floors",
        ]
        read_only_fields = fields

    def get_release_cap_people(self, department: Department) -> int:
        return department.release_cap(department.headcount)  # type: ignore[attr-defined]


class ReleaseCapSerializer(serializers.Serializer[dict[str, Any]]):
    release_cap_percent = serializers.IntegerField(
        min_value=0,
        max_value=100,
        help_text="The largest share of its active staff that may be seconded out at once.",
    )


class FloorInputSerializer(serializers.Serializer[dict[str, Any]]):
    min_level = serializers.IntegerField(min_value=1, max_value=5)
    min_people = serializers.IntegerField(
        min_value=1, max_value=10_000, help_text="People to keep at home with the skill."
    )


class DepartmentTreeSerializer(DepartmentSerializer):
    children = serializers.SerializerMethodField()

    class Meta(DepartmentSerializer.Meta):
        fields = [*DepartmentSerializer.Meta.fields, "children"]
        read_only_fields = fields

    @extend_schema_field(
        {"type": "array", "items": {"$ref": "#/components/schemas/DepartmentTree"}}
    )
    def get_children(self, department: Department) -> list[dict[str, Any]]:
        children = self.context["children"].get(department.pk, [])
        return DepartmentTreeSerializer(children, many=True, context=self.context).data  # type: ignore[return-value]
