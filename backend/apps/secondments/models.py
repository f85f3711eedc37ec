from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Clearance, Tier
from apps.skills.models import LEVEL_VALIDATORS, MAX_LEVEL, MIN_LEVEL


class NeedStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    FILLED = "filled", _("Filled")
    CLOSED = "closed", _("Closed")


class TalentNeed(models.Model):
    """Talent a department asks for: skills at levels, how many people, for how long."""

    department = models.ForeignKey(
        "organisation.Department", on_delete=models.PROTECT, related_name="talent_needs"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    headcount = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    start_date = models.DateField()
    end_date = models.DateField()
    tier = models.CharField(max_length=20, choices=Tier.choices, blank=True)
    clearance = models.PositiveSmallIntegerField(
        choices=Clearance.choices, default=Clearance.PUBLIC, validators=[MaxValueValidator(3)]
    )
    status = models.CharField(max_length=10, choices=NeedStatus.choices, default=NeedStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("talent need")
        verbose_name_plural = _("talent needs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="need_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(headcount__gte=1), name="need_headcount_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class NeedRequirement(models.Model):
    need = models.ForeignKey(TalentNeed, on_delete=models.CASCADE, related_name="requirements")
    skill = models.ForeignKey("skills.Skill", on_delete=models.PROTECT, related_name="+")
    min_level = models.PositiveSmallIntegerField(validators=LEVEL_VALIDATORS)
    weight = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("10"))],
    )
    must = models.BooleanField(default=True, help_text=_("Must-have, or nice-to-have."))

    class Meta:
        verbose_name = _("need requirement")
        verbose_name_plural = _("need requirements")
        ordering = ["-must", "skill__code"]
        constraints = [
            models.UniqueConstraint(fields=["need", "skill"], name="one_requirement_per_skill"),
            models.CheckConstraint(
                condition=models.Q(min_level__gte=MIN_LEVEL, min_level__lte=MAX_LEVEL),
                name="requirement_level_between_1_and_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.skill} ≥ {self.min_level}"


class SecondmentAvailability(models.Model):
    """A person's opt-in to be seconded: when, how much of their time, and where they'd like."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="secondment_availability"
    )
    available_from = models.DateField()
    available_to = models.DateField(null=True, blank=True, help_text=_("Empty: open-ended."))
    time_share_percent = models.PositiveSmallIntegerField(
        default=100, validators=[MinValueValidator(10), MaxValueValidator(100)]
    )
    preferred_departments = models.ManyToManyField(
        "organisation.Department", blank=True, related_name="+"
    )
    preferred_skills = models.ManyToManyField("skills.Skill", blank=True, related_name="+")
    note = models.TextField(blank=True, max_length=1000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("secondment availability")
        verbose_name_plural = _("secondment availabilities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(available_to__isnull=True)
                | models.Q(available_to__gte=models.F("available_from")),
                name="availability_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(time_share_percent__gte=10, time_share_percent__lte=100),
                name="availability_share_between_10_and_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} from {self.available_from}"


class NeedInterest(models.Model):
    """A person said they are interested in an open need of another department: the next
    match run counts it as their preference for that need."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="need_interests"
    )
    need = models.ForeignKey(TalentNeed, on_delete=models.CASCADE, related_name="interests")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("interest in a need")
        verbose_name_plural = _("interests in needs")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "need"], name="one_interest_per_need"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in need {self.need_id}"


class SecondmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed by the person")
    APPROVED = "approved", _("Approved by both departments")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined by the person")
    CANCELLED = "cancelled", _("Cancelled")


#: A secondment in these states holds its seat and its person: it is going ahead.
GOING_AHEAD = (
    SecondmentStatus.PLANNED,
    SecondmentStatus.CONFIRMED,
    SecondmentStatus.APPROVED,
    SecondmentStatus.ACTIVE,
)

#: A secondment in these states has taken a seat of its need (a completed one too).
TAKING_A_SEAT = (*GOING_AHEAD, SecondmentStatus.COMPLETED)


class Secondment(models.Model):
    """A person lent by their department to a talent need of another, for a period."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="secondments"
    )
    need = models.ForeignKey(TalentNeed, on_delete=models.PROTECT, related_name="secondments")
    lending_department = models.ForeignKey(
        "organisation.Department", on_delete=models.PROTECT, related_name="lent_secondments"
    )
    receiving_department = models.ForeignKey(
        "organisation.Department", on_delete=models.PROTECT, related_name="received_secondments"
    )
    start_date = models.DateField()
    end_date = models.DateField()
    status = models.CharField(
        max_length=10, choices=SecondmentStatus.choices, default=SecondmentStatus.PLANNED
    )
    suggestion = models.OneToOneField(
        "Suggestion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="secondment",
        help_text=_("The accepted suggestion it comes from."),
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    lending_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lending_approved_at = models.DateTimeField(null=True, blank=True)
    receiving_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    receiving_approved_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Who declined or cancelled it."),
    )
    end_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("secondment")
        verbose_name_plural = _("secondments")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="secondment_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~models.Q(lending_department=models.F("receiving_department")),
                name="secondment_between_two_departments",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.need} ({self.status})"


class MatchRunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class MatchRun(models.Model):
    """One run of the matcher over the open needs and the people who opted in.

    ``input_hash`` identifies what the matcher was given (the same input gives the same
    suggestions); ``solver``, ``floors`` and ``timings`` say how it ran.
    """

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="match_runs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=MatchRunStatus.choices, default=MatchRunStatus.QUEUED
    )
    scope = models.JSONField(
        default=dict, blank=True, help_text=_("The departments whose needs the run considers.")
    )
    policy = models.JSONField(
        default=dict, blank=True, help_text=_("The matcher's weights and options changed.")
    )
    blind = models.BooleanField(
        default=False, help_text=_("Names hidden from reviewers until a decision.")
    )
    input_hash = models.CharField(max_length=64, blank=True)
    solver = models.CharField(max_length=20, blank=True)
    floors = models.CharField(max_length=20, blank=True)
    timings = models.JSONField(default=dict, blank=True)
    people_count = models.PositiveIntegerField(default=0)
    need_count = models.PositiveIntegerField(default=0)
    seat_count = models.PositiveIntegerField(default=0)
    total_fit = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    fairness = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("match run")
        verbose_name_plural = _("match runs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Match run {self.pk} ({self.status})"


class SuggestionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    HELD = "held", _("Held")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Suggestion(models.Model):
    """The matcher's proposal of one person for a seat of one need, with its explanation.

    The explanation is kept as structure (codes, skill codes, levels, numbers, ids) for the
    web app to put into words: ``requirements`` (per skill asked: level and provenance held,
    points, whether met) and ``runner_ups`` (each with its reason code, exact loss and the
    moves of the best proposal that would seat them).
    """

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="suggestions")
    need = models.ForeignKey(TalentNeed, on_delete=models.PROTECT, related_name="suggestions")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="suggestions"
    )
    fit = models.DecimalField(max_digits=5, decimal_places=2)
    fit_parts = models.JSONField()
    requirements = models.JSONField()
    runner_ups = models.JSONField()
    status = models.CharField(
        max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.PROPOSED
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_suggestions",
    )
    comment = models.TextField(blank=True, max_length=2000)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["need_id", "-fit", "person_id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "person"], name="one_suggestion_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.need} ({self.fit})"


class UnfilledSeats(models.Model):
    """Seats of a need a run left empty: why (``reasons``) and what would fill one (``fix``),
    as codes and numbers."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="unfilled")
    need = models.ForeignKey(TalentNeed, on_delete=models.PROTECT, related_name="+")
    seats = models.PositiveSmallIntegerField()
    reasons = models.JSONField()
    fix = models.JSONField()
    other_fixes = models.JSONField(default=list)

    class Meta:
        verbose_name = _("unfilled seats")
        verbose_name_plural = _("unfilled seats")
        ordering = ["need_id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "need"], name="one_unfilled_entry_per_need"),
        ]

    def __str__(self) -> str:
        return f"{self.need}: {self.seats} empty"
