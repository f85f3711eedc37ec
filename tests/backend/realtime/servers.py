"""Real servers for the tests that need them: a Redis of the test's own, daphne processes on a
database of their own, and websocket clients speaking the protocol of docs/realtime.md."""

import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import websockets
from websockets.typing import Origin

BACKEND = Path(__file__).resolve().parents[3] / "backend"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"

SETUP_SCRIPT = """
import json
from rest_framework.authtoken.models import Token
from apps.accounts.models import User
from apps.groups import services
people = [
    User.objects.create_user(f"p{n}", employee_number=f"P{n}", display_name=f"P{n}")
    for n in range(2)
]
for person in people:
    person.role_grants.create(role="staff")
group = services.create_group(actor=people[0], fields={"name": "two processes"}, skills=[])
services.join_group(user=people[1], group=group)
print(json.dumps({"group": group.pk, "tokens": [Token.objects.create(user=p).key for p in people]}))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(check: Any, what: str, seconds: float = 30) -> None:
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
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
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
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


def prepare_database(directory: Path, redis_url: str) -> tuple[dict[str, str], dict[str, Any]]:
    """The environment of the servers (a database of their own, the test's Redis), migrated and
    holding two people in one group; returns it with the group id and the people's tokens."""
    env = {
        **os.environ,
        "TALENTBRIDGE_VAR_DIR": str(directory),
        "REDIS_URL": redis_url,
        "DJANGO_DEBUG": "false",
    }
    if os.environ.get("DATABASE_URL"):
        import psycopg

        base = os.environ["DATABASE_URL"]
        with psycopg.connect(base, autocommit=True) as connection:
            connection.execute("DROP DATABASE IF EXISTS talentbridge_processes WITH (FORCE)")
            connection.execute("CREATE DATABASE talentbridge_processes")
        env["DATABASE_URL"] = base.rsplit("/", 1)[0] + "/talentbridge_processes"
    manage = [sys.executable, "manage.py"]
    subprocess.run(
        [*manage, "migrate", "--noinput"], cwd=BACKEND, env=env, check=True, capture_output=True
    )
    made = subprocess.run(
        [*manage, "shell", "-c", SETUP_SCRIPT],
        cwd=BACKEND,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return env, json.loads(made.stdout.strip().splitlines()[-1])


class Daphne:
    """A daphne process serving the application."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(self.port),
                "config.asgi:application",
            ],
            cwd=BACKEND,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for(self._healthy, "daphne")

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{self.port}/healthz", timeout=1
            ) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        self.log.close()


class Client:
    """A websocket client of the chat: signs in with a token, follows one group, and keeps every
    message it receives (reconnecting, when asked, from the last one it saw)."""

    def __init__(self, port: int, token: str, group: int) -> None:
        self.port, self.token, self.group = port, token, group
        self.received: list[dict[str, Any]] = []
        self.connection: Any = None

    async def connect(self) -> None:
        self.connection = await websockets.connect(
            f"ws://127.0.0.1:{self.port}/ws/", origin=Origin("http://localhost"), proxy=None
        )
        await self.connection.send(json.dumps({"type": "auth", "token": self.token}))
        await self.expect("ready")
        after = self.received[-1]["id"] if self.received else 0
        await self.connection.send(
            json.dumps({"type": "subscribe", "group": self.group, "after": after})
        )
        await self.expect("subscribed")

    async def expect(self, frame_type: str, timeout: float = 10) -> dict[str, Any]:
        async with asyncio.timeout(timeout):
            while True:
                frame: dict[str, Any] = json.loads(await self.connection.recv())
                if frame["type"] == "message.new":
                    self.received.append(frame["message"])
                if frame["type"] == frame_type:
                    return frame

    async def send(self, body: str) -> dict[str, Any]:
        await self.connection.send(
            json.dumps(
                {
                    "type": "message.send",
                    "group": self.group,
                    "body": body,
                    "client_id": str(uuid.uuid4()),
                }
            )
        )
        message: dict[str, Any] = (await self.expect("message.ack"))["message"]
        return message

    async def wait_for_bodies(self, bodies: list[str], timeout: float = 20) -> None:
        async with asyncio.timeout(timeout):
            while [message["body"] for message in self.received][-len(bodies) :] != bodies:
                await self.expect("message.new")

    async def close(self) -> None:
        await self.connection.close()
