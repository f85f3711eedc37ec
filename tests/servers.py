"""Real servers for the tests and benchmarks that need them: a Redis of their own, a database of
their own, and daphne processes serving the project on it."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BACKEND = ROOT / "backend"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def end(process: subprocess.Popen[bytes]) -> None:
    """Stop ``process``: asked first, so that it can close what it holds; killed if it is still
    busy closing after a while (on a loaded machine a graceful stop can take long)."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for(check: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise TimeoutError(f"{what} did not come up within {seconds} s")


class RedisServer:
    """``redis-server`` on a free port, keeping nothing on disk; it can be restarted."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"]  # noqa: RUF005
            + ["--save", "", "--appendonly", "no"],
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
        )
        wait_for(self._answers, "Redis")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            end(self.process)
            self.process = None


def scratch_database_url(database_url: str, name: str) -> str:
    """A new, empty PostgreSQL database ``name`` beside the one ``database_url`` names (dropped
    first if it is left from a previous run)."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return database_url.rsplit("/", 1)[0] + f"/{name}"


def server_environment(directory: Path, database_name: str, **settings: str) -> dict[str, str]:
    """The environment of servers on a database of their own: SQLite in ``directory``, or, when
    ``DATABASE_URL`` names a PostgreSQL server, a new database ``database_name`` there. It is
    migrated; ``settings`` are added to the environment."""
    env = {
        **os.environ,
        "TALENTBRIDGE_VAR_DIR": str(directory),
        "DJANGO_DEBUG": "false",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        **settings,
    }
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        env["DATABASE_URL"] = scratch_database_url(os.environ["DATABASE_URL"], database_name)
    manage(env, "migrate", "--noinput")
    return env


def manage(env: dict[str, str], *arguments: str) -> str:
    """Run ``manage.py`` with ``arguments`` in ``env``; its standard output."""
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BACKEND,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


class Daphne:
    """A daphne process serving ``application`` (from ``backend/``) on a free port."""

    def __init__(
        self, env: dict[str, str], log: Path, application: str = "config.asgi:application"
    ) -> None:
        self.port = free_port()
        self.log_path = log
        self.log = log.open("a")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(self.port), application],
            cwd=BACKEND,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for(self._healthy, "daphne")

    def _healthy(self) -> bool:
        if self.process.poll() is not None:
            tail = self.log_path.read_text()[-3000:]
            raise RuntimeError(f"daphne exited with {self.process.returncode}:\n{tail}")
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{self.port}/healthz", timeout=1
            ) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    def stop(self) -> None:
        end(self.process)
        self.log.close()


class TaskWorker:
    """A worker of the task runner (``manage.py run_huey``), as ``make run`` starts beside
    daphne, on the same environment."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log.open("a")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "run_huey", "--quiet"],
            cwd=BACKEND,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def stop(self) -> None:
        end(self.process)
        self.log.close()
