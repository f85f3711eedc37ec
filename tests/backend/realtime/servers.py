"""The database of the two-process tests (their servers are in ``tests/servers.py``) and a
websocket client speaking the protocol of docs/realtime.md."""

import asyncio
import json
import uuid
from pathlib import Path
from typing import Any

import websockets
from websockets.typing import Origin

from tests.servers import manage, server_environment

SETUP_SCRIPT = """
import json
from rest_framework.authtoken.models import Token
from apps.accounts.models import User
from apps.groups import services
people = [
    User.objects.create_user(f"p{n}", employee_number=f"P{n}", display_name=f"P{n}")
    for n in range(3)
]
for person in people:
    person.role_grants.create(role="staff")
group = services.create_group(actor=people[0], name="two processes")
for person in people[1:]:
    services.join_group(user=person, group=group)
tokens = [Token.objects.create(user=p).key for p in people]
print(json.dumps({"room": group.room_id, "tokens": tokens}))
"""


def prepare_database(directory: Path, redis_url: str) -> tuple[dict[str, str], dict[str, Any]]:
    """The environment of the servers (a database of their own, the test's Redis), migrated and
    holding three people in one group; returns it with the group's room and the people's
    tokens."""
    env = server_environment(directory, "talentbridge_processes", REDIS_URL=redis_url)
    made = manage(env, "shell", "-c", SETUP_SCRIPT)
    return env, json.loads(made.strip().splitlines()[-1])


class Client:
    """A websocket client of the chat: signs in with a token, follows one room, and keeps every
    message it receives (reconnecting, when asked, from the last one it saw)."""

    def __init__(self, port: int, token: str, room: int) -> None:
        self.port, self.token, self.room = port, token, room
        self.received: list[dict[str, Any]] = []
        self.present: dict[str, str] = {}
        self.connection: Any = None

    async def connect(self) -> None:
        self.connection = await websockets.connect(
            f"ws://127.0.0.1:{self.port}/ws/",
            origin=Origin(f"http://127.0.0.1:{self.port}"),
            proxy=None,
        )
        await self.connection.send(json.dumps({"type": "auth", "token": self.token}))
        await self.expect("ready")
        after = self.received[-1]["id"] if self.received else 0
        await self.connection.send(
            json.dumps({"type": "subscribe", "room": self.room, "after": after})
        )
        await self.expect("subscribed")

    async def expect(self, frame_type: str, timeout: float = 10) -> dict[str, Any]:
        async with asyncio.timeout(timeout):
            while True:
                frame: dict[str, Any] = json.loads(await self.connection.recv())
                if frame["type"] == "message.new":
                    self.received.append(frame["message"])
                if frame["type"] == "presence":
                    self.present.update(frame["users"])
                if frame["type"] == frame_type:
                    return frame

    async def send(self, body: str) -> dict[str, Any]:
        await self.connection.send(
            json.dumps(
                {
                    "type": "message.send",
                    "room": self.room,
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

    async def online(self) -> set[str]:
        """Who the client sees online, once the server answered a ping (frames sent before the
        pong have arrived)."""
        await self.connection.send(json.dumps({"type": "ping"}))
        await self.expect("pong")
        return {user for user, state in self.present.items() if state == "online"}

    async def still_connected(self) -> None:
        """Reconnect if the socket went (as a browser would)."""
        try:
            await self.online()
        except (websockets.ConnectionClosed, TimeoutError):
            await self.connect()

    async def close(self) -> None:
        await self.connection.close()
