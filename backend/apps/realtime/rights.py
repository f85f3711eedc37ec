"""Whether a socket may still serve the person who opened it, asked again and again.

A socket outlives the request that opened it: the session may be ended, expire or lose its
validity when the password changes, the API token may be revoked, the account closed, every
role taken away. The REST API refuses at once in each case; a socket must too. It is checked
when it opens, when an event says something changed (``recheck``, ``token_revoked``), when its
session or token expires (a session's end moves while the person acts: ``apps.core.sessions``),
and at the first frame after a quiet minute, which also catches what no event announced (a
session removed by a command, an event lost while Redis was away).
"""

import contextlib
import hashlib
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from rest_framework.authtoken.models import Token

from apps.core import sessions
from apps.core.roles import is_member
from apps.realtime.database import in_database

NOT_SIGNED_IN, FORBIDDEN = 4401, 4403
RECHECK_SECONDS = 60.0


def token_digest(key: str) -> str:
    """How events name an API token without carrying it."""
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True)
class Credentials:
    """What a socket was opened with: a browser session, or an API token."""

    user_id: int
    session_key: str | None = None
    token_key: str | None = None


@in_database
def refusal(credentials: Credentials) -> int | None:
    """``None`` while the socket may go on; otherwise the code to close it with: 4401 when
    its session or token no longer stands, 4403 when the account is closed or holds no role."""
    user = get_user_model().objects.filter(pk=credentials.user_id).first()
    if user is None or not user.is_active or not is_member(user):
        return FORBIDDEN
    if credentials.session_key is not None:
        # Nothing when the session ended or expired.
        data = SessionStore(credentials.session_key).load()
        end = sessions.end_of(data)
        if (
            data.get(SESSION_KEY) != str(user.pk)
            or not constant_time_compare(
                data.get(HASH_SESSION_KEY, ""), user.get_session_auth_hash()
            )
            or end is None
            or end <= time.time()
        ):
            return NOT_SIGNED_IN
    if credentials.token_key is not None and _token_end(credentials.token_key, user) is None:
        return NOT_SIGNED_IN
    return None


def _token_end(key: str, user: Any) -> datetime | None:
    """When the token expires; ``None`` when it is gone or has expired."""
    created = Token.objects.filter(key=key, user=user).values_list("created", flat=True).first()
    if created is None:
        return None
    end = created + timedelta(days=settings.API_TOKEN_DAYS)
    return end if end > timezone.now() else None


@in_database
def note_activity(session_key: str) -> None:
    """The person acted on a socket their browser session opened: as a request would, this
    moves the session's idle end (``apps.core.sessions``)."""
    session = SessionStore(session_key)
    if sessions.keep_alive(session) and session.modified:
        # Ended meanwhile: the socket's next check closes it.
        with contextlib.suppress(UpdateError):
            session.save()


@in_database
def seconds_left(credentials: Credentials) -> float:
    """Seconds until the session or the token that opened the socket expires (0 when it is
    gone already)."""
    if credentials.session_key is not None:
        end = (
            Session.objects.filter(session_key=credentials.session_key)
            .values_list("expire_date", flat=True)
            .first()
        )
    elif credentials.token_key is not None:
        end = _token_end(credentials.token_key, credentials.user_id)
    else:
        return 0.0
    return 0.0 if end is None else max(0.0, (end - timezone.now()).total_seconds())
