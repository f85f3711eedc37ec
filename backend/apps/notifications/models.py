from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """Something a person should know, kept until they have read it, whether or not they were
    online when it happened.

    ``kind`` is one registered in ``apps.notifications.kinds`` by the app that raised it. The
    target is what the notification is about, described by the raising app so that this one
    never reads another app's tables: its kind and id (``study_group`` 12), a label that
    survives it (the group's name then) and the page it leads to.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_kind = models.CharField(max_length=40, blank=True)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target_label = models.CharField(max_length=200, blank=True)
    target_link = models.CharField(max_length=300, blank=True)
    excerpt = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["target_link"]),  # the notifications quoting a message
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user}"
