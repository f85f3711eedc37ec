"""Work of the secondments app that runs on the task runner."""

from django.utils import timezone
from huey import crontab

from apps.secondments import lifecycle, runs
from apps.tasks.runner import periodic_task, task


@task()
def run_match(run_id: int) -> None:
    """Execute a queued match run (``apps.secondments.runs.execute``)."""
    runs.execute(run_id)


@periodic_task(crontab(minute="*/10"))
def fail_stale_match_runs() -> None:
    """Every ten minutes: runs whose worker stopped end ``failed``, not ``running`` forever."""
    runs.fail_stale_runs(timezone.now())


@periodic_task(crontab(minute="5"))
def advance_secondments() -> None:
    """Every hour: approved secondments start on their start date, active ones end after their
    end date (hourly, so that a worker down at midnight delays them by an hour, not a day)."""
    lifecycle.advance(timezone.localdate())
