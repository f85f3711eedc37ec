"""The session policy: a browser session ends ``SESSION_IDLE_SECONDS`` after the person last
acted and ``SESSION_AGE`` seconds after they signed in, whatever they do.

Both moments live in the session itself, so that whoever holds it applies the policy the same
way: the web's middleware on every request, a socket on the frames the person sends. Django's
own expiry date is kept at the earlier of the two ends, so that an ended session is gone for
every reader of the session store (and removed by ``clearsessions``).
"""

import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

SIGNED_IN_AT = "talentbridge_signed_in_at"
LAST_SEEN_AT = "talentbridge_last_seen_at"
# Activity is written down at most this often, so that reading a page costs no write.
NOTE_ACTIVITY_EVERY_SECONDS = 60


def start(session: SessionBase) -> None:
    """The person has just signed in with ``session``."""
    now = time.time()
    session[SIGNED_IN_AT] = now
    _note_activity(session, now)


def moments(session: SessionBase | Mapping[str, Any]) -> tuple[float, float] | None:
    """When the person signed in with the session and when they last acted (seconds since
    the epoch); ``None`` for a session that no sign-in started."""
    signed_in_at, last_seen_at = session.get(SIGNED_IN_AT), session.get(LAST_SEEN_AT)
    if not isinstance(signed_in_at, float) or not isinstance(last_seen_at, float):
        return None
    return signed_in_at, last_seen_at


def end_of(session: SessionBase | Mapping[str, Any]) -> float | None:
    """When the session ends (seconds since the epoch) if the person does nothing more."""
    stamps = moments(session)
    if stamps is None:
        return None
    return _end(*stamps)


def _end(signed_in_at: float, last_seen_at: float) -> float:
    return min(last_seen_at + settings.SESSION_IDLE_SECONDS, signed_in_at + settings.SESSION_AGE)


def keep_alive(session: SessionBase) -> bool:
    """Whether the session still stands; while it does, the person's activity is noted (at
    most once a minute, which marks the session modified), moving its idle end."""
    end = end_of(session)
    now = time.time()
    if end is None or end <= now:
        return False
    if now - session[LAST_SEEN_AT] >= NOTE_ACTIVITY_EVERY_SECONDS:
        _note_activity(session, now)
    return True


def _note_activity(session: SessionBase, now: float) -> None:
    session[LAST_SEEN_AT] = now
    end = _end(session[SIGNED_IN_AT], now)
    session.set_expiry(datetime.fromtimestamp(end, tz=UTC))
