"""Behind the proxy, the client is who the proxy says; nobody else may say it."""

import json
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.testing import HttpCommunicator
from django.core.asgi import get_asgi_application

from apps.audit.models import AuditEvent
from apps.core.proxy import TrustedProxyMiddleware
from tests.factories import UserFactory

PROXY = "172.30.0.10"


@pytest.fixture
def behind_proxy(settings) -> Any:
    settings.TRUSTED_PROXIES = [PROXY]
    return TrustedProxyMiddleware(get_asgi_application())


def token_request(app: Any, *, peer: str, headers: list[tuple[bytes, bytes]]) -> int:
    body = json.dumps({"username": "lihua", "password": "a guess"}).encode()
    communicator = HttpCommunicator(
        app,
        "POST",
        "/api/v1/auth/token/",
        body=body,
        headers=[
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"host", b"localhost"),
            *headers,
        ],
    )
    communicator.scope["client"] = (peer, 40000)
    response = async_to_sync(communicator.get_response)()
    status: int = response["status"]
    return status


@pytest.mark.django_db(transaction=True)
def test_a_forged_address_left_of_the_proxys_is_ignored(behind_proxy) -> None:
    UserFactory.create(username="lihua")

    answers = [
        token_request(
            behind_proxy,
            peer=PROXY,
            headers=[(b"x-forwarded-for", f"10.9.8.{n}, 203.0.113.9".encode())],
        )
        for n in range(6)
    ]

    assert answers == [400] * 5 + [429], "every attempt counted against the real address"
    addresses = AuditEvent.objects.values_list("source_address", flat=True)
    assert set(addresses) == {"203.0.113.9"}


@pytest.mark.django_db(transaction=True)
def test_a_client_that_reaches_the_workers_directly_cannot_name_its_address(
    behind_proxy,
) -> None:
    UserFactory.create(username="lihua")

    token_request(behind_proxy, peer="198.51.100.7", headers=[(b"x-forwarded-for", b"10.1.1.1")])

    assert AuditEvent.objects.get().source_address == "198.51.100.7"


def scope_seen(app_around: Any, scope: dict[str, Any]) -> dict[str, Any]:
    """The scope that the application inside the middleware receives."""
    seen: dict[str, Any] = {}

    async def inner(scope: dict[str, Any], receive: Any, send: Any) -> None:
        seen.update(scope)

    async_to_sync(app_around(inner))(scope, None, None)
    return seen


def test_the_proxy_says_whether_a_socket_came_over_tls(settings) -> None:
    settings.TRUSTED_PROXIES = ["172.30.0.0/24"]
    headers = [(b"x-forwarded-for", b"203.0.113.9"), (b"x-forwarded-proto", b"https")]

    from_proxy = scope_seen(
        TrustedProxyMiddleware,
        {"type": "websocket", "client": (PROXY, 1), "scheme": "ws", "headers": headers},
    )
    from_elsewhere = scope_seen(
        TrustedProxyMiddleware,
        {"type": "http", "client": ("198.51.100.7", 1), "scheme": "http", "headers": headers},
    )

    assert (from_proxy["client"], from_proxy["scheme"]) == (("203.0.113.9", 0), "wss")
    assert (from_elsewhere["client"], from_elsewhere["scheme"]) == (("198.51.100.7", 1), "http")
    assert from_elsewhere["headers"] == [], "no forwarded header reaches Django from a stranger"


@pytest.mark.parametrize(
    ("forwarded_for", "client"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("10.9.8.7, 203.0.113.9", "203.0.113.9"),
        ("203.0.113.9, 172.30.0.11", "203.0.113.9"),  # a second trusted proxy in the chain
        ("not an address", PROXY),
        ("", PROXY),
    ],
)
def test_the_client_is_the_rightmost_hop_that_is_not_a_trusted_proxy(
    settings, forwarded_for: str, client: str
) -> None:
    settings.TRUSTED_PROXIES = ["172.30.0.0/24"]

    seen = scope_seen(
        TrustedProxyMiddleware,
        {
            "type": "http",
            "client": (PROXY, 1),
            "headers": [(b"x-forwarded-for", forwarded_for.encode())],
        },
    )

    assert seen["client"][0] == client
