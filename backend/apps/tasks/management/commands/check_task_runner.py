"""Exit 0 when a worker of the task runner beat in the last few minutes, 1 otherwise (the
worker container's health check)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from apps.tasks.runner import HEARTBEAT_FRESH_SECONDS, worker_is_alive


class Command(BaseCommand):
    help = "Say whether a task-runner worker is alive."

    def handle(self, *args: Any, **options: Any) -> None:
        if not worker_is_alive():
            raise CommandError(f"No worker beat in the last {HEARTBEAT_FRESH_SECONDS} seconds.")
        self.stdout.write("A worker is alive.")
