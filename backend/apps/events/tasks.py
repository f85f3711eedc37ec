"""Work of the exchange weeks that runs on the task runner."""

from django.utils import timezone
from huey import crontab

from apps.events import attendance
from apps.tasks.runner import periodic_task


@periodic_task(crontab(minute="*/5"))
def mark_absentees() -> None:
    """Every five minutes: those registered for a session that is over and who did not check
    in are absent."""
    attendance.mark_absent(timezone.now())
