"""Only pages of this site may open its socket: the whole origin is checked, not the host.

Channels' ``AllowedHostsOriginValidator`` compares the host of the ``Origin`` header with
``ALLOWED_HOSTS``, so ``http://talentbridge.city.example:8443`` passed for a site served at
``https://talentbridge.city.example``. Here, as Django's CSRF check does for forms, the origin
must be the site's own — the scheme the socket came over (``wss`` → ``https``, as the trusted
proxy says), the ``Host`` it was opened to, which must be an allowed host — or one listed in
``CSRF_TRUSTED_ORIGINS``.
"""

from typing import Any

from django.conf import settings
from django.http.request import split_domain_port, validate_host

FORBIDDEN = 403


def site_origin(scope: dict[str, Any]) -> str | None:
    """``scheme://host[:port]`` of the site the socket was opened to, or ``None`` when its
    ``Host`` is not one of ``ALLOWED_HOSTS``."""
    headers = dict(scope.get("headers", []))
    host = headers.get(b"host", b"").decode("latin-1").lower()
    domain, _port = split_domain_port(host)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return None
    scheme = "https" if scope.get("scheme") in {"wss", "https"} else "http"
    return f"{scheme}://{host}"


class SameOriginValidator:
    """ASGI middleware for websockets: closes the handshake (403) of a socket whose
    ``Origin`` is not the site's own or a trusted one."""

    def __init__(self, application: Any) -> None:
        self.application = application

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        origin = dict(scope.get("headers", [])).get(b"origin", b"").decode("latin-1").lower()
        allowed = {site_origin(scope), *(o.lower() for o in settings.CSRF_TRUSTED_ORIGINS)}
        if not origin or origin not in allowed - {None}:
            await receive()  # the handshake
            await send({"type": "websocket.close", "code": FORBIDDEN})
            return None
        return await self.application(scope, receive, send)
