"""Websocket routes, served under origin checking and session authentication (config.asgi)."""

from typing import Any, cast

from django.urls import path

from apps.chat.consumers import ChatConsumer

# Channels' stubs type URLRouter's routes with a private pattern class; the cast stands for it.
websocket_urlpatterns: list[Any] = [
    path("ws/", cast(Any, ChatConsumer.as_asgi())),
]
