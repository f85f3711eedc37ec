"""Reading the skill taxonomy."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from apps.skills.models import Skill, SkillCategory, SkillSynonym, StaffSkill, StaffSkillChange


def skills_with_synonyms() -> QuerySet[Skill]:
    return Skill.objects.select_related("category").prefetch_related("synonyms")


def skills_matching(text: str) -> QuerySet[Skill]:
    """Skills whose code, Chinese or English name, or a synonym contains ``text``."""
    text = text.strip()
    synonym = SkillSynonym.objects.filter(skill=OuterRef("pk"), name__icontains=text)
    return Skill.objects.filter(
        Q(code__icontains=text)
        | Q(name_zh__icontains=text)
        | Q(name_en__icontains=text)
        | Exists(synonym)
    )


def skill_lookup() -> dict[str, Skill]:
    """Every skill by each of its exact names (code, Chinese, English, synonyms), casefolded.

    Used where a name must resolve to exactly one skill, as in a CSV import.
    """
    lookup: dict[str, Skill] = {}
    for skill in Skill.objects.prefetch_related("synonyms"):
        names = [skill.code, skill.name_zh, skill.name_en, *(s.name for s in skill.synonyms.all())]
        for name in names:
            lookup[name.strip().casefold()] = skill
    return lookup


def categories() -> QuerySet[SkillCategory]:
    return SkillCategory.objects.select_related("parent")


def staff_skills_with_skill() -> QuerySet[StaffSkill]:
    return StaffSkill.objects.select_related("skill")


def staff_skills_of(user_id: int) -> QuerySet[StaffSkill]:
    return StaffSkill.objects.filter(user_id=user_id).select_related(
        "skill", "skill__category", "verified_by"
    )


def holds_skill(text: str, *, min_level: int = 1) -> Exists:
    """Whether the person ``OuterRef("pk")`` holds, at ``min_level`` or above, a skill named
    ``text`` in any language or by any synonym (a filter for querysets of people)."""
    return Exists(
        StaffSkill.objects.filter(
            user=OuterRef("pk"), skill__in=skills_matching(text), level__gte=min_level
        )
    )


def skill_history_of(user_id: int) -> QuerySet[StaffSkillChange]:
    """Each change to a person's skills, newest first, with the skill and who changed it."""
    return (
        StaffSkillChange.objects.filter(user_id=user_id)
        .select_related("skill", "changed_by")
        .order_by("-changed_at", "-id")
    )
