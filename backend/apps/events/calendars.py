"""Calendars of exchange weeks (iCalendar, RFC 5545): a person's own sessions at a secret
address they can revoke, with a reminder before each, and each published week's programme at
an address its readers share (keyed, so that no one finds it by counting ids).

Each session is one event whose UID does not change, so that a calendar reading the feed again
moves a session that moved and marks one called off as cancelled.
"""

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from apps.accounts.models import User
from apps.audit.services import record_event
from apps.events.models import CalendarFeed, ExchangeWeek, RegistrationStatus, Session
from apps.events.selectors import PUBLIC_STATUSES

# A reminder this many minutes before each of one's sessions.
REMINDER_MINUTES = 30
PRODUCT = "-//Talentbridge//Exchange weeks//ZH"
UID_DOMAIN = "talentbridge"


def week_key(week: ExchangeWeek) -> str:
    """The key in the address of a week's programme: its readers share the address, and
    nobody finds the weeks' calendars by counting their ids."""
    return salted_hmac("apps.events.week_calendar", str(week.pk)).hexdigest()[:32]


def opens_week(week: ExchangeWeek, key: str) -> bool:
    # As bytes: compare_digest refuses a str that is not ASCII, and a key may be anything.
    return hmac.compare_digest(key.encode(), week_key(week).encode())


def week_address(week: ExchangeWeek) -> str:
    return f"/api/v1/exchange-weeks/{week.pk}/calendar.ics?key={week_key(week)}"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def make_feed(*, user: User) -> str:
    """A new secret token for the person's calendar feed; the one before stops working. Side
    effect: a ``calendar.feed_made`` event."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"digest": _digest(token), "created_at": timezone.now()}
    )
    record_event(actor=user, action="calendar.feed_made", target=user)
    return token


@transaction.atomic
def revoke_feed(*, user: User) -> None:
    """Stop the person's calendar feed. Side effect: a ``calendar.feed_revoked`` event."""
    if CalendarFeed.objects.filter(user=user).delete()[0]:
        record_event(actor=user, action="calendar.feed_revoked", target=user)


def owner_of(token: str) -> User | None:
    """The active person whose feed the token opens, if any."""
    feed = (
        CalendarFeed.objects.filter(digest=_digest(token), user__is_active=True)
        .select_related("user")
        .first()
    )
    return feed.user if feed is not None else None


def sessions_of(user: User) -> QuerySet[Session]:
    """The scheduled sessions of published and closed weeks the person holds a seat at."""
    return _scheduled(
        Session.objects.filter(
            registrations__user=user,
            registrations__status=RegistrationStatus.REGISTERED,
            week__status__in=PUBLIC_STATUSES,
        )
    )


def programme_of(week: ExchangeWeek) -> QuerySet[Session]:
    return _scheduled(Session.objects.filter(week=week))


def _scheduled(sessions: QuerySet[Session]) -> QuerySet[Session]:
    return (
        sessions.filter(starts_at__isnull=False)
        .select_related("room", "week")
        .order_by("starts_at", "pk")
    )


def _text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _moment(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> str:
    """A content line folded at 75 octets, never inside a character (RFC 5545, 3.1)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    start = 0
    while start < len(encoded):
        end = min(start + (75 if not parts else 74), len(encoded))
        while end < len(encoded) and (encoded[end] & 0xC0) == 0x80:  # a continuation byte
            end -= 1
        parts.append(encoded[start:end].decode())
        start = end
    return "\r\n ".join(parts)


def render(name: str, sessions: Iterable[Session], *, reminders: bool) -> str:
    """An iCalendar of ``sessions`` named ``name``; with a reminder before each when asked."""
    stamp = _moment(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(name)}",
    ]
    for session in sessions:
        if session.starts_at is None or session.ends_at is None:  # not scheduled (yet)
            continue
        where = [session.room.name, session.room.location] if session.room else []
        lines += [
            "BEGIN:VEVENT",
            f"UID:session-{session.pk}@{UID_DOMAIN}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_moment(session.starts_at)}",
            f"DTEND:{_moment(session.ends_at)}",
            f"SUMMARY:{_text(session.title)}",
            f"DESCRIPTION:{_text(session.week.title + chr(10) + session.description)}",
            f"STATUS:{'CANCELLED' if session.is_cancelled else 'CONFIRMED'}",
        ]
        if where:
            lines.append(f"LOCATION:{_text(', '.join(part for part in where if part))}")
        if reminders and not session.is_cancelled:
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{_text(session.title)}",
                f"TRIGGER:-PT{REMINDER_MINUTES}M",
                "END:VALARM",
            ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
