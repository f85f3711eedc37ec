"""Serve the app with daphne and run a worker of the task runner beside it, as ``make run`` does:
one command, two processes, stopped together (Ctrl-C, or either one ending)."""

import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve the app (daphne) with a task-runner worker beside it; stop both together."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on.")

    def handle(self, *args: Any, **options: Any) -> None:
        processes = [
            subprocess.Popen([sys.executable, "manage.py", "run_huey", "--quiet"]),
            subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "-m",
                    "daphne",
                    "--bind",
                    options["bind"],
                    "--port",
                    str(options["port"]),
                    "config.asgi:application",
                ]
            ),
        ]
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping and all(process.poll() is None for process in processes):
            time.sleep(0.2)
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        ended = [process.returncode for process in processes if process.returncode]
        if not stopping and ended:
            sys.exit(ended[0])
