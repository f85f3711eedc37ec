"""What the services need to know of the request they serve, set once where it arrives.

Services know nothing of HTTP or sockets; the audit trail still records the address a change
came from. The middleware below sets it for every HTTP request, the socket consumer for every
frame (``acting_from``), and work that no person started (a task, a command) has none.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.http import HttpRequest, HttpResponseBase

_source_address: ContextVar[str | None] = ContextVar("source_address", default=None)


def source_address() -> str | None:
    """The address of the client whose request or frame is being served, if any."""
    return _source_address.get()


@contextmanager
def acting_from(address: str | None) -> Iterator[None]:
    """Serve what runs inside on behalf of a client at ``address``."""
    token = _source_address.set(address or None)
    try:
        yield
    finally:
        _source_address.reset(token)


class RequestContextMiddleware:
    """Sets the source address of every HTTP request (``REMOTE_ADDR``: behind the proxy,
    ``apps.core.proxy`` put the client's there)."""

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if iscoroutinefunction(self):
            return self.__acall__(request)
        with acting_from(request.META.get("REMOTE_ADDR")):
            return self.get_response(request)

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        with acting_from(request.META.get("REMOTE_ADDR")):
            response: HttpResponseBase = await self.get_response(request)
            return response
