from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Tier


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone joins")
    APPROVAL = "approval", _("On approval by the owner or a moderator")
    INVITE = "invite", _("By invitation only")


class MemberRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MODERATOR = "moderator", _("Moderator")
    MEMBER = "member", _("Member")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Member")
    PENDING = "pending", _("Asked to join")
    INVITED = "invited", _("Invited")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REJECTED = "rejected", _("Request declined")
    LEFT = "left", _("Left")
    REMOVED = "removed", _("Removed")


class StudyGroup(models.Model):
    """A cross-department study group. Its chat is a room of ``apps.chat``, whose members the
    group's services keep equal to the group's active members."""

    name = models.CharField(max_length=120)
    description = models.TextField(blank=True, max_length=4000)
    skills = models.ManyToManyField("skills.Skill", blank=True, related_name="study_groups")
    target_tier = models.CharField(max_length=20, choices=Tier.choices, blank=True)
    join_policy = models.CharField(
        max_length=10, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(2)], help_text=_("Empty: no limit.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    room = models.OneToOneField("chat.Room", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("study group")
        verbose_name_plural = _("study groups")
        ordering = ["-room__last_activity_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=2),
                name="group_capacity_at_least_2",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Membership(models.Model):
    """A person's place in a group: their role, and where they stand (member, waiting, …)."""

    group = models.ForeignKey(StudyGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    status = models.CharField(max_length=10, choices=MembershipStatus.choices)
    status_changed_at = models.DateTimeField(help_text=_("Orders the waiting list."))
    joined_at = models.DateTimeField(null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        ordering = ["group", "status_changed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_group"),
        ]
        indexes = [models.Index(fields=["group", "status"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.group}: {self.status}"
