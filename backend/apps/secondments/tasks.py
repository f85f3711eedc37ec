"""Work of the secondments app that runs on the task runner."""

from django.utils import timezone
from huey import crontab

from apps.secondments import runs
from apps.tasks.runner import periodic_task, task


@task()
def run_match(run_id: int) -> None:
    """Execute a queued match run (``apps.secondments.runs.execute``)."""
    runs.execute(run_id)


@periodic_task(crontab(minute="*/10"))
def fail_stale_match_runs() -> None:
    """Every ten minutes: runs whose worker stopped end ``failed``, not ``running`` forever."""
    runs.fail_stale_runs(timezone.now())
