"""The session policy, applied to every request of a signed-in browser."""

from collections.abc import Callable

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse

from apps.core import sessions


class SessionPolicyMiddleware:
    """A session past its idle timeout or its lifetime (``apps.core.sessions``) is signed out
    before the view runs, which then answers as to a stranger; any other notes the activity."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if SESSION_KEY in request.session and not sessions.keep_alive(request.session):
            request.session.flush()
            request.user = AnonymousUser()
        return self.get_response(request)
