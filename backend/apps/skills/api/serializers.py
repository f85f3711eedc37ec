from rest_framework import serializers

from apps.skills.models import (
    MAX_LEVEL,
    MIN_LEVEL,
    Provenance,
    Skill,
    SkillCategory,
    SkillSynonym,
    StaffSkill,
    StaffSkillChange,
)


class SkillBriefSerializer(serializers.ModelSerializer[Skill]):
    class Meta:
        model = Skill
        fields = ["id", "code", "name_zh", "name_en"]
        read_only_fields = fields


class StaffSkillBriefSerializer(serializers.ModelSerializer[StaffSkill]):
    skill = SkillBriefSerializer(read_only=True)
    provenance = serializers.ChoiceField(choices=Provenance.choices, read_only=True)

    class Meta:
        model = StaffSkill
        fields = ["skill", "level", "provenance"]
        read_only_fields = fields


class SkillCategorySerializer(serializers.ModelSerializer[SkillCategory]):
    class Meta:
        model = SkillCategory
        fields = ["id", "code", "name_zh", "name_en", "parent"]
        read_only_fields = fields


class SkillSerializer(serializers.ModelSerializer[Skill]):
    category = SkillCategorySerializer(read_only=True)
    synonyms = serializers.SlugRelatedField[SkillSynonym](
        slug_field="name", many=True, read_only=True
    )

    class Meta:
        model = Skill
        fields = ["id", "code", "name_zh", "name_en", "category", "synonyms", "description"]
        read_only_fields = fields


class MySkillSerializer(serializers.ModelSerializer[StaffSkill]):
    skill = SkillBriefSerializer(read_only=True)
    provenance = serializers.ChoiceField(choices=Provenance.choices, read_only=True)
    verified_by = serializers.CharField(
        source="verified_by.display_name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = StaffSkill
        fields = ["skill", "level", "provenance", "verified_by", "updated_at"]
        read_only_fields = fields


class MySkillCreateSerializer(serializers.Serializer[StaffSkill]):
    skill = serializers.PrimaryKeyRelatedField(queryset=Skill.objects.all())
    level = serializers.IntegerField(min_value=MIN_LEVEL, max_value=MAX_LEVEL)


class MySkillUpdateSerializer(serializers.Serializer[StaffSkill]):
    level = serializers.IntegerField(min_value=MIN_LEVEL, max_value=MAX_LEVEL)


class SkillChangeSerializer(serializers.ModelSerializer[StaffSkillChange]):
    skill = SkillBriefSerializer(read_only=True)
    kind = serializers.ChoiceField(choices=StaffSkillChange.Kind.choices, read_only=True)
    provenance = serializers.ChoiceField(
        choices=Provenance.choices, read_only=True, allow_blank=True
    )
    changed_by = serializers.CharField(
        source="changed_by.display_name",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="Who made the change; null for an import, a command or an account gone.",
    )

    class Meta:
        model = StaffSkillChange
        fields = ["id", "skill", "kind", "level", "provenance", "changed_by", "changed_at"]
        read_only_fields = fields
