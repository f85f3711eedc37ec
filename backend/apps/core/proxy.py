"""The client's address and scheme behind a reverse proxy, believed only from that proxy.

nginx (``docker/nginx.conf``) adds the address it saw to ``X-Forwarded-For`` and says whether the
request came over TLS in ``X-Forwarded-Proto``. Anyone can send those headers too, so they are
read only when the request comes from one of ``TRUSTED_PROXIES``, and then only the rightmost
address that is not itself a trusted proxy counts: whatever a client wrote to the left of it is
the client's own word. From any other peer the headers are dropped, so that neither the audit
trail, the sign-in limits nor Django's ``SECURE_PROXY_SSL_HEADER`` can be told a story.
"""

import ipaddress
from collections.abc import Sequence
from typing import Any

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
FORWARDED_HEADERS = {b"x-forwarded-for", b"x-forwarded-proto", b"x-forwarded-host", b"forwarded"}


def parse_networks(entries: Sequence[str]) -> list[Network]:
    """Addresses or networks (``10.0.0.2``, ``172.30.0.0/24``); raises ``ValueError``."""
    return [ipaddress.ip_network(entry, strict=False) for entry in entries]


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _is_trusted(address: str, networks: Sequence[Network]) -> bool:
    ip = _ip(address)
    return ip is not None and any(ip in network for network in networks)


def client_behind(peer: str, forwarded_for: str, networks: Sequence[Network]) -> str:
    """The client's address: the rightmost ``X-Forwarded-For`` entry that is not a trusted
    proxy (the leftmost, when every hop is trusted); ``peer`` when there is none, or when that
    entry is not an address."""
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    untrusted = [hop for hop in hops if not _is_trusted(hop, networks)]
    client = untrusted[-1] if untrusted else (hops[0] if hops else peer)
    return client if _ip(client) is not None else peer


class TrustedProxyMiddleware:
    """ASGI middleware, outermost: sets ``scope["client"]`` (and the scheme) from the proxy's
    headers for requests and sockets that came through a trusted proxy; drops those headers
    from everyone else."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.networks = parse_networks(settings.TRUSTED_PROXIES)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        if scope["type"] in {"http", "websocket"}:
            scope = self._resolve(scope)
        return await self.app(scope, receive, send)

    def _resolve(self, scope: dict[str, Any]) -> dict[str, Any]:
        client = scope.get("client")
        peer = client[0] if client else ""
        headers = [(name.lower(), value) for name, value in scope.get("headers", [])]
        if not peer or not _is_trusted(peer, self.networks):
            kept = [(name, value) for name, value in headers if name not in FORWARDED_HEADERS]
            return {**scope, "headers": kept}
        forwarded_for = b",".join(v for name, v in headers if name == b"x-forwarded-for")
        address = client_behind(peer, forwarded_for.decode("latin-1"), self.networks)
        resolved = {**scope, "client": (address, 0)}
        proto = next((v for name, v in headers if name == b"x-forwarded-proto"), None)
        if proto in {b"https", b"http"}:
            secure = proto == b"https"
            if scope["type"] == "http":
                resolved["scheme"] = "https" if secure else "http"
            else:
                resolved["scheme"] = "wss" if secure else "ws"
        return resolved
