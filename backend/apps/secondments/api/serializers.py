from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.models import Clearance, Tier
from apps.accounts.permissions import headed_department_ids, heads_department
from apps.organisation.api.serializers import DepartmentBriefSerializer
from apps.organisation.models import Department
from apps.secondments.models import NeedRequirement, NeedStatus, SecondmentAvailability, TalentNeed
from apps.skills.api.serializers import SkillBriefSerializer
from apps.skills.models import MAX_LEVEL, MIN_LEVEL, Skill


class RequirementSerializer(serializers.ModelSerializer[NeedRequirement]):
    skill = SkillBriefSerializer(read_only=True)

    class Meta:
        model = NeedRequirement
        fields = ["skill", "min_level", "weight", "must"]
        read_only_fields = fields


class NeedSerializer(serializers.ModelSerializer[TalentNeed]):
    department = DepartmentBriefSerializer(read_only=True)
    requirements = RequirementSerializer(many=True, read_only=True)
    status = serializers.ChoiceField(choices=NeedStatus.choices, read_only=True)
    tier = serializers.ChoiceField(
        choices=Tier.choices, allow_blank=True, read_only=True, help_text="Empty: any tier."
    )
    created_by = serializers.CharField(
        source="created_by.display_name", read_only=True, allow_null=True, default=None
    )
    can_edit = serializers.SerializerMethodField(
        help_text="Whether the caller may edit, open, close or delete this need."
    )

    class Meta:
        model = TalentNeed
        fields = [
            "id",
            "department",
            "title",
            "description",
            "headcount",
            "start_date",
            "end_date",
            "tier",
            "clearance",
            "status",
            "requirements",
            "created_by",
            "created_at",
            "updated_at",
            "can_edit",
        ]
        read_only_fields = fields

    def get_can_edit(self, need: TalentNeed) -> bool:
        return heads_department(self.context["request"].user, need.department_id)


class RequirementInputSerializer(serializers.Serializer[dict[str, Any]]):
    skill = serializers.PrimaryKeyRelatedField(queryset=Skill.objects.all())
    min_level = serializers.IntegerField(min_value=MIN_LEVEL, max_value=MAX_LEVEL)
    weight = serializers.DecimalField(
        max_digits=4,
        decimal_places=2,
        min_value=Decimal("0.1"),
        max_value=Decimal("10"),
        default=Decimal("1"),
    )
    must = serializers.BooleanField(default=True)


@extend_schema_field(OpenApiTypes.INT)
class HeadedDepartmentField(serializers.PrimaryKeyRelatedField[Department]):
    """A department the caller heads; any other answers like one that does not exist."""

    def get_queryset(self) -> QuerySet[Department]:
        user = self.context["request"].user
        return Department.objects.filter(pk__in=headed_department_ids(user))


class NeedInputSerializer(serializers.Serializer[TalentNeed]):
    department = HeadedDepartmentField()
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(allow_blank=True, required=False, default="")
    headcount = serializers.IntegerField(min_value=1, max_value=100)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    tier = serializers.ChoiceField(
        choices=Tier.choices, allow_blank=True, required=False, default=""
    )
    clearance = serializers.ChoiceField(choices=Clearance.choices, required=False, default=0)
    requirements = RequirementInputSerializer(many=True, allow_empty=False)


class AvailabilitySerializer(serializers.ModelSerializer[SecondmentAvailability]):
    preferred_departments = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Department.objects.all(), required=False
    )
    preferred_skills = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Skill.objects.all(), required=False
    )

    class Meta:
        model = SecondmentAvailability
        fields = [
            "available_from",
            "available_to",
            "time_share_percent",
            "preferred_departments",
            "preferred_skills",
            "note",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]
