from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

MIN_LEVEL = 1
MAX_LEVEL = 5
LEVEL_VALIDATORS = [MinValueValidator(MIN_LEVEL), MaxValueValidator(MAX_LEVEL)]


class Provenance(models.TextChoices):
    """Where a skill level comes from; the matcher trusts them in this order, last most."""

    SELF = "self", _("Self-declared")
    MANAGER_VERIFIED = "manager_verified", _("Verified by a manager")
    EVIDENCED = "evidenced", _("Evidenced by sessions or secondments")


class SkillCategory(models.Model):
    code = models.SlugField(max_length=50, unique=True)
    name_zh = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = _("skill category")
        verbose_name_plural = _("skill categories")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name_en} / {self.name_zh}"


class Skill(models.Model):
    """One skill, known by its code, its Chinese and English names and any synonym."""

    code = models.SlugField(max_length=50, unique=True)
    category = models.ForeignKey(SkillCategory, on_delete=models.PROTECT, related_name="skills")
    name_zh = models.CharField(max_length=100, unique=True)
    name_en = models.CharField(max_length=100)
    description = models.TextField(blank=True)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(Lower("name_en"), name="skill_name_en_unique_ci"),
        ]

    def __str__(self) -> str:
        return f"{self.name_en} / {self.name_zh}"


class SkillSynonym(models.Model):
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="synonyms")
    name = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("skill synonym")
        verbose_name_plural = _("skill synonyms")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="synonym_unique_ci")]

    def __str__(self) -> str:
        return self.name


class StaffSkill(models.Model):
    """A person's current level in a skill, and where that level comes from."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_skills"
    )
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="holders")
    level = models.PositiveSmallIntegerField(validators=LEVEL_VALIDATORS)
    provenance = models.CharField(
        max_length=20, choices=Provenance.choices, default=Provenance.SELF
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("staff skill")
        verbose_name_plural = _("staff skills")
        ordering = ["skill__code"]
        constraints = [
            models.UniqueConstraint(fields=["user", "skill"], name="one_level_per_skill"),
            models.CheckConstraint(
                condition=models.Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL),
                name="staff_skill_level_between_1_and_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.skill} · {self.level}"


class StaffSkillChange(models.Model):
    """History of a person's skill: each level set, verified or removed, by whom and when."""

    class Kind(models.TextChoices):
        SET = "set", _("Set")
        VERIFIED = "verified", _("Verified")
        REMOVED = "removed", _("Removed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="skill_changes"
    )
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    provenance = models.CharField(max_length=20, choices=Provenance.choices, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("staff skill change")
        verbose_name_plural = _("staff skill changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} · {self.skill} · {self.kind} {self.level or ''}"
