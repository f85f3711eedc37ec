from django.db import models
from django.utils.translation import gettext_lazy as _


class TaskFailure(models.Model):
    """A task that failed its last allowed attempt: kept for an administrator to read (in the
    admin site), never lost silently."""

    task = models.CharField(max_length=200)
    task_id = models.CharField(max_length=64)
    arguments = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField()
    error = models.TextField()
    traceback = models.TextField(blank=True)
    failed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("task failure")
        verbose_name_plural = _("task failures")
        ordering = ["-failed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.task} failed at {self.failed_at:%Y-%m-%d %H:%M}"
