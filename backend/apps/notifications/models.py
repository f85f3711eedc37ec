from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    MENTION = "mention", _("Mentioned in a message")
    JOIN_REQUESTED = "join_requested", _("Someone asked to join a group")
    JOIN_APPROVED = "join_approved", _("Request to join approved")
    JOIN_REJECTED = "join_rejected", _("Request to join declined")
    INVITED = "invited", _("Invited to a group")
    PROMOTED = "promoted", _("Moved from the waiting list into the group")
    REMOVED = "removed", _("Removed from a group")


class Notification(models.Model):
    """Something a person should know, kept until they have read it, whether or not they were
    online when it happened."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    group = models.ForeignKey(
        "groups.StudyGroup", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message_id = models.PositiveBigIntegerField(null=True, blank=True)
    excerpt = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user}"
