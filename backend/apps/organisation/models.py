from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_RELEASE_CAP_PERCENT = 10


class Department(models.Model):
    """A unit of the city's government: bureau → division → section."""

    code = models.CharField(max_length=32, unique=True)
    name_zh = models.CharField(max_length=100)
    name_en = models.CharField(max_length=150)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    release_cap_percent = models.PositiveSmallIntegerField(
        default=DEFAULT_RELEASE_CAP_PERCENT,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The largest share of its staff that may be seconded out at once."),
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(release_cap_percent__lte=100),
                name="department_release_cap_at_most_100",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="department_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_en}"

    def clean(self) -> None:
        """Refuse a parent below the department itself (a loop), walking up from the parent:
        a few rows, as the tree is a few levels deep."""
        ancestor = self.parent
        while ancestor is not None and self.pk is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A department cannot sit under itself.")})
            ancestor = ancestor.parent

    def release_cap(self, headcount: int) -> int:
        """How many of ``headcount`` people may be seconded out at once."""
        return headcount * self.release_cap_percent // 100


class CriticalSkillFloor(models.Model):
    """Keep at least ``min_people`` people with ``skill`` at ``min_level`` or above at home."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="critical_skill_floors"
    )
    skill = models.ForeignKey("skills.Skill", on_delete=models.PROTECT, related_name="+")
    min_level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    min_people = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("critical-skill floor")
        verbose_name_plural = _("critical-skill floors")
        ordering = ["department", "skill"]
        constraints = [
            models.UniqueConstraint(fields=["department", "skill"], name="one_floor_per_skill"),
            models.CheckConstraint(
                condition=models.Q(min_level__gte=1, min_level__lte=5),
                name="floor_level_between_1_and_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department.code}: {self.min_people} × {self.skill} ≥ {self.min_level}"
