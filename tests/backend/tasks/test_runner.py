"""The task runner, run for real in Huey's immediate mode: retries, failures kept, the worker's
heartbeat in /healthz, and the nightly upkeep."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from apps.tasks import housekeeping, runner
from apps.tasks.models import TaskFailure

pytestmark = pytest.mark.django_db

attempts: list[str] = []


@runner.task()
def flaky(failures: int, label: str) -> str:
    """Fails its first ``failures`` attempts."""
    attempts.append(label)
    if attempts.count(label) <= failures:
        raise RuntimeError(f"attempt {attempts.count(label)} of {label} failed")
    return label


def run_retries() -> None:
    """Run what the runner scheduled for later (its retries), as the worker would once each
    one's time comes."""
    while due := HUEY.read_schedule(timezone.now().replace(tzinfo=None) + timedelta(days=1)):
        for task in due:
            HUEY.execute(task, timestamp=task.eta)


@pytest.fixture(autouse=True)
def _no_attempts_yet() -> None:
    attempts.clear()


def test_a_task_that_fails_is_retried_and_nothing_is_recorded_once_it_succeeds() -> None:
    flaky(2, "twice")
    run_retries()

    assert attempts == ["twice", "twice", "twice"]
    assert TaskFailure.objects.count() == 0


def test_a_task_that_keeps_failing_is_retried_a_bounded_number_of_times_then_recorded() -> None:
    flaky(99, "always", priority=0)
    run_retries()

    assert attempts == ["always"] * (runner.RETRIES + 1)
    (failure,) = TaskFailure.objects.all()
    assert (failure.task, failure.attempts) == ("flaky", 4)
    assert failure.error == "RuntimeError('attempt 4 of always failed')"
    assert "(99, 'always')" in failure.arguments
    assert "RuntimeError: attempt 4 of always failed" in failure.traceback


def test_expired_sessions_are_cleared_at_night() -> None:
    now = timezone.now()
    Session.objects.create(session_key="old", session_data="", expire_date=now - timedelta(days=1))
    Session.objects.create(session_key="live", session_data="", expire_date=now + timedelta(days=1))

    housekeeping.clear_expired_sessions()

    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]


def test_healthz_reports_whether_a_worker_is_alive(client) -> None:
    without = client.get("/healthz").json()
    runner.heartbeat()
    alive = client.get("/healthz").json()

    assert (without["status"], without["task_runner"]) == ("degraded", "unavailable")
    assert alive == {"status": "ok", "database": "ok", "channel_layer": "ok", "task_runner": "ok"}


def test_the_nightly_upkeep_runs_at_night_in_the_sites_time_zone(settings) -> None:
    from datetime import datetime

    settings.TIME_ZONE = "Asia/Shanghai"

    def due_at(hour: int, minute: int) -> set[str]:
        # The worker asks each minute which periodic tasks are due, with the time in UTC.
        moment = datetime(2026, 12, 1, hour, minute)  # noqa: DTZ001
        return {task.name for task in HUEY.read_periodic(moment)}

    assert due_at(19, 17) == {"heartbeat", "clear_expired_sessions"}  # 03:17 in Shanghai
    assert due_at(3, 17) == {"heartbeat"}
