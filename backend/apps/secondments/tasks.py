"""Work of the secondments app that runs on the task runner."""

from apps.secondments import runs
from apps.tasks.runner import task


@task()
def run_match(run_id: int) -> None:
    """Execute a queued match run (``apps.secondments.runs.execute``)."""
    runs.execute(run_id)
