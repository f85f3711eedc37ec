from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from channels.db import database_sync_to_async as sync_to_async
from channels.testing import WebsocketCommunicator
from django.core.cache import cache
from rest_framework.test import APIClient

from apps.core.cache import process_cache
from apps.realtime.hub import running_hub
from tests.backend.openapi import CheckedAPIClient
from tests.backend.sockets import ORIGIN, Socket, reset_channel_layer, session_cookie
from tests.servers import RedisServer


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is right for production and needlessly slow for hundreds of test logins."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def _tasks_run_in_the_runners_test_mode() -> None:
    """Huey's immediate mode: a task enqueued runs at once, in memory, through the runner's own
    machinery (retries, signals); what it schedules for later waits to be run by the test."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True


@pytest.fixture(autouse=True)
def _empty_task_runner(_tasks_run_in_the_runners_test_mode: None) -> Iterator[None]:
    """Each test starts with nothing scheduled and no worker heartbeat."""
    from huey.contrib.djhuey import HUEY

    HUEY.flush()
    yield
    HUEY.flush()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttle counters live in the cache (Redis in CI): each test starts from none."""
    cache.clear()


@pytest.fixture
def admin_user(db: None) -> Any:
    """An administrator. (pytest-django's own is made with the password "password", which the
    password validators refuse.)"""
    from tests.factories import UserFactory

    return UserFactory.create(
        username="admin", roles=["staff", "admin"], is_staff=True, is_superuser=True
    )


@pytest.fixture
def api_client() -> APIClient:
    """The API's test client: every answer is checked against the OpenAPI description."""
    return CheckedAPIClient()


@pytest.fixture
def client_for(api_client: APIClient):
    """An API client signed in as the given user (through the session, like the browser)."""

    def sign_in(user) -> APIClient:
        api_client.force_login(user)
        return api_client

    return sign_in


@pytest_asyncio.fixture
async def open_socket() -> AsyncIterator[Callable[..., Any]]:
    """Open sockets (signed in as ``user`` through its session, or not at all), all closed at the
    end, with the process's hub stopped and the in-memory layer emptied."""
    from config.asgi import application

    opened: list[WebsocketCommunicator] = []

    async def open_as(
        user: Any = None,
        *,
        origin: bytes = ORIGIN,
        ready: bool = True,
        client: tuple[str, int] | None = None,
        cookie: str | None = None,
    ) -> Socket:
        headers = [(b"host", b"localhost"), (b"origin", origin)]
        if user is not None:
            cookie = cookie or await sync_to_async(session_cookie)(user)
            headers.append((b"cookie", f"sessionid={cookie}".encode()))
        communicator = WebsocketCommunicator(application, "/ws/", headers=headers)
        if client is not None:
            communicator.scope["client"] = client  # the peer's address, as daphne gives it
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


@pytest.fixture
def chat_rate(settings: Any) -> Callable[[int], None]:
    def set_rate(per_minute: int) -> None:
        settings.CHAT_MESSAGES_PER_MINUTE = per_minute

    return set_rate


@pytest.fixture
def cache_on_redis(settings: Any) -> Iterator[Callable[[str], None]]:
    """Point the cache (counters, presence) at the Redis at a URL, for the rest of the test."""

    def point_at(url: str) -> None:
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        }
        process_cache.cache_clear()

    yield point_at
    process_cache.cache_clear()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A Redis of the test's own (it may restart it)."""
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()
