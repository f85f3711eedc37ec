"""Sockets for the consumer tests: the whole ASGI application, as daphne serves it, and a check
of every frame the server sends against the protocol's types (``apps.core.frames``)."""

import json
import types
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

from channels.layers import channel_layers, get_channel_layer
from channels.testing import WebsocketCommunicator
from django.test import Client

from apps.core import frames
from apps.realtime.hub import running_hub

ORIGIN = b"http://localhost"


def problems(value: Any, annotation: Any, path: str) -> list[str]:
    """How ``value`` differs from the type ``annotation`` (nothing when it conforms)."""
    origin = get_origin(annotation)
    if annotation in (Any, object):
        return []
    if annotation is type(None):
        return [] if value is None else [f"{path}: {value!r} is not null"]
    if annotation is bool or annotation is str:
        return [] if isinstance(value, annotation) else [f"{path}: {value!r} is not {annotation}"]
    if annotation is int:
        fits = isinstance(value, int) and not isinstance(value, bool)
        return [] if fits else [f"{path}: {value!r} is not an integer"]
    if annotation is float:
        fits = isinstance(value, int | float) and not isinstance(value, bool)
        return [] if fits else [f"{path}: {value!r} is not a number"]
    if origin is Literal:
        return [] if value in get_args(annotation) else [f"{path}: {value!r} not in {annotation}"]
    if origin in (Union, types.UnionType):
        branches = [problems(value, branch, path) for branch in get_args(annotation)]
        return [] if any(not found for found in branches) else [f"{path}: {value!r} fits no type"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{path}: {value!r} is not a list"]
        (item,) = get_args(annotation)
        return [p for index, v in enumerate(value) for p in problems(v, item, f"{path}[{index}]")]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{path}: {value!r} is not an object"]
        _key, item = get_args(annotation)
        return [p for key, v in value.items() for p in problems(v, item, f"{path}.{key}")]
    if is_typeddict(annotation):
        if not isinstance(value, dict):
            return [f"{path}: {value!r} is not an object"]
        hints = get_type_hints(annotation)
        found = [f"{path}.{key}: not in {annotation.__name__}" for key in value if key not in hints]
        found += [
            f"{path}.{key}: missing from {annotation.__name__}"
            for key in annotation.__required_keys__
            if key not in value
        ]
        return found + [
            p
            for key, v in value.items()
            if key in hints
            for p in problems(v, hints[key], f"{path}.{key}")
        ]
    raise TypeError(f"No check for {annotation!r}")


SERVER_FRAMES = {
    get_args(get_type_hints(frame)["type"])[0]: frame for frame in get_args(frames.ServerFrame)
}
CLIENT_FRAMES = {
    get_args(get_type_hints(frame)["type"])[0]: frame for frame in get_args(frames.ClientFrame)
}


def check_server_frame(frame: Any) -> None:
    """Fail unless ``frame`` is one of the server frames of the protocol, exactly."""
    definition = SERVER_FRAMES.get(frame.get("type")) if isinstance(frame, dict) else None
    assert definition is not None, f"not a server frame of the protocol: {frame!r}"
    found = problems(frame, definition, definition.__name__)
    assert found == [], f"{frame!r} breaks the protocol: {found}"


class Socket:
    """A browser tab's socket, as the tests drive it. Every frame it receives is checked
    against the protocol's definitions."""

    def __init__(self, communicator: WebsocketCommunicator) -> None:
        self.communicator = communicator

    async def send(self, frame: dict[str, Any] | str) -> None:
        text = frame if isinstance(frame, str) else json.dumps(frame)
        await self.communicator.send_to(text_data=text)

    async def receive(self, timeout: float = 10) -> dict[str, Any]:
        frame: dict[str, Any] = json.loads(await self.communicator.receive_from(timeout=timeout))
        check_server_frame(frame)
        return frame

    async def receive_until(self, frame_type: str, timeout: float = 10) -> dict[str, Any]:
        """The next frame of ``frame_type``, passing over presence and other frames."""
        while True:
            frame = await self.receive(timeout)
            if frame["type"] == frame_type:
                return frame

    async def receive_until_any(
        self, frame_types: tuple[str, ...], timeout: float = 10
    ) -> dict[str, Any]:
        while True:
            frame = await self.receive(timeout)
            if frame["type"] in frame_types:
                return frame

    async def nothing_more_of(self, frame_type: str, wait: float = 0.3) -> bool:
        """Whether no frame of ``frame_type`` comes within ``wait`` seconds (others are read and
        passed over). Only for what must never come: a busy machine can make it pass wrongly,
        never fail wrongly."""
        while not await self.communicator.receive_nothing(timeout=wait):
            if (await self.receive())["type"] == frame_type:
                return False
        return True

    async def subscribe(self, room_id: int, after: int | None = None) -> dict[str, Any]:
        await self.send({"type": "subscribe", "room": room_id, "after": after})
        return await self.receive_until("subscribed")

    async def close(self) -> None:
        await self.communicator.disconnect()


def session_cookie(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


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
