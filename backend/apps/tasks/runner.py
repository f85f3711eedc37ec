"""The task runner: Huey, on SQLite beside the app on the embedded default and on Redis in
production (``settings.HUEY``; docs/architecture.md says why Huey).

Apps declare their work with ``task`` and ``periodic_task`` from here: each attempt runs with
fresh database connections, a failed attempt is retried ``RETRIES`` times with a growing delay,
and a task that fails its last attempt is recorded (``TaskFailure``) and logged. The worker
(``manage.py run_huey``) leaves a heartbeat that ``/healthz`` reads.
"""

import logging
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.utils import timezone
from huey import crontab
from huey.api import Task
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task
from huey.signals import SIGNAL_ERROR

from apps.tasks.models import TaskFailure

logger = logging.getLogger(__name__)

RETRIES = 3
RETRY_DELAY_SECONDS = 10
RETRY_BACKOFF = 3  # 10 s, then 30 s, then 90 s
HEARTBEAT_KEY = "talentbridge:worker-heartbeat"
HEARTBEAT_FRESH_SECONDS = 180  # three missed beats: the worker is gone


def task(**options: Any) -> Callable[[Callable[..., Any]], Any]:
    """A task run by the worker (``.call_local`` runs it here and now, for commands)."""
    return db_task(  # type: ignore[no-any-return]
        retries=RETRIES, retry_delay=RETRY_DELAY_SECONDS, retry_backoff=RETRY_BACKOFF, **options
    )


def daily_at(*, hour: int, minute: int) -> Callable[[datetime], bool]:
    """A schedule for ``periodic_task``: every day at ``hour``:``minute`` in the site's time
    zone (``TALENTBRIDGE_TIME_ZONE``). Huey asks each minute with the time in UTC."""

    def due(moment: datetime) -> bool:
        local = timezone.localtime(moment.replace(tzinfo=UTC))
        return (local.hour, local.minute) == (hour, minute)

    return due


def periodic_task(schedule: Callable[..., bool], **options: Any) -> Callable[..., Any]:
    """A task the worker runs on ``schedule`` (``huey.crontab``), retried like the others."""
    return db_periodic_task(  # type: ignore[no-any-return]
        schedule,
        retries=RETRIES,
        retry_delay=RETRY_DELAY_SECONDS,
        retry_backoff=RETRY_BACKOFF,
        **options,
    )


def record_failure(signal: str, task: Task, exception: BaseException | None = None) -> None:
    """Keep a task that failed its last attempt (``task.retries`` counts those left)."""
    if task.retries:
        return
    logger.error("Task %s (%s) failed for good: %r", task.name, task.id, exception)
    TaskFailure.objects.create(
        task=task.name,
        task_id=task.id,
        arguments=repr((task.args, task.kwargs))[:2000],
        attempts=RETRIES + 1 if task.default_retries else 1,
        error=repr(exception)[:2000],
        traceback="".join(traceback.format_exception(exception)) if exception else "",
    )


HUEY.signal(SIGNAL_ERROR)(record_failure)


def beat() -> None:
    HUEY.put(HEARTBEAT_KEY, time.time())


HUEY.on_startup()(beat)  # each worker beats as it starts, before its first minute is up


@periodic_task(crontab(minute="*"))
def heartbeat() -> None:
    """Every minute: the worker is alive and takes periodic tasks."""
    beat()


def worker_is_alive() -> bool:
    """Whether a worker beat in the last few minutes."""
    last = HUEY.get(HEARTBEAT_KEY, peek=True)
    return last is not None and time.time() - float(last) < HEARTBEAT_FRESH_SECONDS
