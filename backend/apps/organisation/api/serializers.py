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

    class Meta:
        model = CriticalSkillFloor
        fields = ["skill", "min_level", "min_people"]
        read_only_fields = fields


class DepartmentDetailSerializer(DepartmentSerializer):
    critical_skill_floors = CriticalSkillFloorSerializer(many=True, read_only=True)

    class Meta(DepartmentSerializer.Meta):
        fields = [*DepartmentSerializer.Meta.fields, "critical_skill_floors"]
        read_only_fields = fields


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
