"""Django's signals about accounts, handed to the services."""

from typing import Any

from django.http import HttpRequest

from apps.accounts import services
from apps.accounts.models import SignInSite, User


def session_opened(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """``user_logged_in``: sent by every sign-in that opens a browser session, the web app's,
    the admin site's (Django's own view) and the test client's alike."""
    match = request.resolver_match
    site = SignInSite.ADMIN if match is not None and match.app_name == "admin" else SignInSite.APP
    services.open_session(
        user=user,
        session=request.session,
        site=site,
        user_agent=request.headers.get("User-Agent", ""),
    )
