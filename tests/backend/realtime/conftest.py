"""Sockets for the consumer tests: the whole ASGI application, as daphne serves it."""

import json
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from channels.db import database_sync_to_async as sync_to_async
from channels.layers import channel_layers, get_channel_layer
from channels.testing import WebsocketCommunicator
from django.test import Client

from apps.realtime.hub import running_hub
from tests.servers import RedisServer

ORIGIN = b"http://localhost"


class Socket:
    """A browser tab's socket, as the tests drive it."""

    def __init__(self, communicator: WebsocketCommunicator) -> None:
        self.communicator = communicator

    async def send(self, frame: dict[str, Any] | str) -> None:
        text = frame if isinstance(frame, str) else json.dumps(frame)
        await self.communicator.send_to(text_data=text)

    async def receive(self, timeout: float = 3) -> dict[str, Any]:
        frame: dict[str, Any] = json.loads(await self.communicator.receive_from(timeout=timeout))
        return frame

    async def receive_until(self, frame_type: str, timeout: float = 3) -> dict[str, Any]:
        """The next frame of ``frame_type``, passing over presence and other frames."""
        while True:
            frame = await self.receive(timeout)
            if frame["type"] == frame_type:
                return frame

    async def receive_until_any(
        self, frame_types: tuple[str, ...], timeout: float = 3
    ) -> dict[str, Any]:
        while True:
            frame = await self.receive(timeout)
            if frame["type"] in frame_types:
                return frame

    async def frames_of(
        self, frame_type: str, count: int, timeout: float = 3
    ) -> list[dict[str, Any]]:
        return [await self.receive_until(frame_type, timeout) for _ in range(count)]

    async def nothing_more_of(self, frame_type: str, wait: float = 0.3) -> bool:
        """Whether no frame of ``frame_type`` comes within ``wait`` seconds (others are read and
        passed over)."""
        while not await self.communicator.receive_nothing(timeout=wait):
            if (await self.receive())["type"] == frame_type:
                return False
        return True

    async def subscribe(self, group_id: int, after: int | None = None) -> dict[str, Any]:
        await self.send({"type": "subscribe", "group": group_id, "after": after})
        return await self.receive_until("subscribed")

    async def close(self) -> None:
        await self.communicator.disconnect()


def session_cookie(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


@pytest_asyncio.fixture
async def open_socket() -> AsyncIterator[Callable[..., Any]]:
    """Open sockets (signed in as ``user`` through its session, or not at all), all closed at the
    end, with the process's hub stopped and the in-memory layer emptied."""
    from config.asgi import application

    opened: list[WebsocketCommunicator] = []

    async def open_as(user: Any = None, *, origin: bytes = ORIGIN, ready: bool = True) -> Socket:
        headers = [(b"origin", origin)]
        if user is not None:
            cookie = await sync_to_async(session_cookie)(user)
            headers.append((b"cookie", f"sessionid={cookie}".encode()))
        communicator = WebsocketCommunicator(application, "/ws/", headers=headers)
        connected, code = await communicator.connect()
        opened.append(communicator)
        if not connected:
            raise ConnectionRefusedError(code)
        socket = Socket(communicator)
        if user is not None and ready:
            assert (await socket.receive())["type"] == "ready"
        return socket

    yield open_as
    for communicator in opened:
        if not communicator.future.done():
            await communicator.disconnect()
    hub = running_hub()
    if hub is not None:
        await hub.stop()
    await reset_channel_layer()


async def reset_channel_layer() -> None:
    """Empty the layer and forget it: the next test's event loop gets a fresh one (a layer's
    Redis connections and receive state belong to the loop that made them)."""
    layer = get_channel_layer()
    if layer is not None:
        await layer.flush()
        if hasattr(layer, "close_pools"):
            await layer.close_pools()
    channel_layers.backends.clear()


def process_listener() -> tuple[Any, str]:
    """The channel layer and the channel on which this process's hub listens."""
    hub = running_hub()
    assert hub is not None
    assert hub.channel is not None
    return hub.layer, hub.channel


@pytest.fixture
def chat_rate(settings: Any) -> Callable[[int], None]:
    def set_rate(per_minute: int) -> None:
        settings.CHAT_MESSAGES_PER_MINUTE = per_minute

    return set_rate


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A Redis of the test's own (it may restart it)."""
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()
