"""The server of ``bench/chat.py``: the chats it compares, in one daphne process on one layer.

- ``/ws/``: Talentbridge's chat, as ``config.asgi`` serves it;
- ``/bare/<room>/``: the Channels tutorial's ``ChatConsumer`` (every socket joins the layer group
  of its room; a frame is sent to the group; each socket's consumer writes it to its socket),
  behind the same origin check and authentication middleware, without signing in;
- ``/raw/<room>/`` and ``/paced/<room>/``: baselines without channel layer, consumer or
  database: a plain ASGI app writes every frame it receives to every socket of the room in the
  process. ``raw`` writes frames as they come, so that frames waiting for the same socket leave
  in one write; ``paced`` lets the event loop turn after each frame, so that each frame leaves
  in writes of its own.

Served with ``daphne bench.chat_asgi:application`` from ``backend/``, with the project root on
``PYTHONPATH``.
"""

import asyncio
import json
from typing import Any, cast

# Talentbridge's entry point first: Django set up and the process tuned as daphne runs it.
from config.asgi import django_application

# isort: split
from channels.auth import AuthMiddlewareStack
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.routing import ProtocolTypeRouter, URLRouter
from django.urls import path

from apps.realtime.origin import SameOriginValidator
from config.routing import websocket_urlpatterns


class ChatConsumer(AsyncWebsocketConsumer):
    """The consumer of the Channels tutorial (``docs/tutorial/part_3``), typed."""

    async def connect(self) -> None:
        self.room_name = self.scope["url_route"]["kwargs"]["room_name"]
        self.room_group_name = f"chat_{self.room_name}"
        await self.channel_layer.group_add(self.room_group_name, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(self.room_group_name, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        text_data_json = json.loads(text_data or "{}")
        message = text_data_json["message"]
        await self.channel_layer.group_send(
            self.room_group_name, {"type": "chat.message", "message": message}
        )

    async def chat_message(self, event: dict[str, Any]) -> None:
        message = event["message"]
        await self.send(text_data=json.dumps({"message": message}))


Scope = dict[str, Any]
Send = Any
_rooms: dict[str, set[Send]] = {}


async def broadcast(scope: Scope, receive: Any, send: Send) -> None:
    """Every text frame received is written, as it is, to every socket of the room."""
    members = _rooms.setdefault(scope["path"], set())
    paced = scope["path"].startswith("/paced/")
    while True:
        event = await receive()
        if event["type"] == "websocket.connect":
            await send({"type": "websocket.accept"})
            members.add(send)
        elif event["type"] == "websocket.receive":
            frame = {"type": "websocket.send", "text": event.get("text")}
            for member in list(members):
                await member(frame)
            if paced:
                await asyncio.sleep(0)
        elif event["type"] == "websocket.disconnect":
            members.discard(send)
            return


chat_routes: list[Any] = [
    *websocket_urlpatterns,
    path("bare/<str:room_name>/", cast(Any, ChatConsumer.as_asgi())),
]
chat_application = SameOriginValidator(AuthMiddlewareStack(URLRouter(chat_routes)))


async def websocket_application(scope: Scope, receive: Any, send: Send) -> None:
    if scope["path"].startswith(("/raw/", "/paced/")):
        await broadcast(scope, receive, send)
    else:
        await chat_application(cast(Any, scope), receive, send)


application = ProtocolTypeRouter({"http": django_application, "websocket": websocket_application})
