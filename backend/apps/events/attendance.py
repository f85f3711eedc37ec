"""Who was at a session: check-in by a code that changes every minute, check-out, the
organiser's roster, and absence marked once a session is over.

The organiser's screen shows the session's current code (and a QR code of a link carrying it);
a person registered for the session types or scans it. A code is an HMAC of the session and the
minute under the secret key, so it cannot be guessed from the ones before; the one of the minute
before is accepted too, for whoever read it as it changed. Wrong codes are counted per person.
"""

import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.audit.services import record_event
from apps.core.errors import NotAllowedError, RateLimitedError, field_error
from apps.core.limits import Window, count, counted
from apps.events.models import (
    Attendance,
    AttendanceStatus,
    ExchangeWeek,
    Registration,
    RegistrationStatus,
    Session,
    WeekStatus,
)
from apps.events.permissions import may_read_attendance, organises
from apps.events.selectors import PUBLIC_STATUSES, attendance_visible_to

CODE_SECONDS = 60
CODE_DIGITS = 6
# Wrong codes are counted over this many seconds.
WRONG_CODES_WINDOW = 600


@dataclass(frozen=True)
class CheckIn:
    """When check-in at a session is open, and its code now (``None`` while closed)."""

    opens_at: datetime
    closes_at: datetime
    code: str | None
    valid_until: datetime | None


def _window(at: datetime) -> int:
    return int(at.timestamp()) // CODE_SECONDS


def _code(session_id: int, window: int) -> str:
    digest = salted_hmac("apps.events.check_in", f"{session_id}:{window}").digest()
    return f"{int.from_bytes(digest[:8], 'big') % 10**CODE_DIGITS:0{CODE_DIGITS}d}"


def _times(session: Session) -> tuple[datetime, datetime] | None:
    """When the session starts and ends; ``None`` when it is not scheduled or was cancelled."""
    if session.starts_at is None or session.ends_at is None or session.is_cancelled:
        return None
    return session.starts_at, session.ends_at


def opening(session: Session) -> tuple[datetime, datetime] | None:
    """When check-in opens and closes (the session's end); ``None`` for a session not
    scheduled or cancelled."""
    times = _times(session)
    if times is None:
        return None
    return times[0] - timedelta(minutes=settings.CHECK_IN_OPENS_MINUTES), times[1]


def _is_open(session: Session, now: datetime) -> bool:
    window = opening(session)
    return window is not None and window[0] <= now <= window[1]


def check_in_state(*, actor: User, session: Session, now: datetime) -> CheckIn:
    """What the organiser's check-in screen shows: the code of this minute while check-in is
    open. Refused to all but the week's organisers."""
    if not organises(actor, session.week):
        raise NotAllowedError(
            _("Only the week's organisers show its check-in code."), "permission_denied"
        )
    window = opening(session)
    if window is None:
        raise ValidationError(
            _("Check-in is for a scheduled session that was not cancelled."), code="not_scheduled"
        )
    if not _is_open(session, now):
        return CheckIn(opens_at=window[0], closes_at=window[1], code=None, valid_until=None)
    minute = _window(now)
    return CheckIn(
        opens_at=window[0],
        closes_at=window[1],
        code=_code(session.pk, minute),
        valid_until=datetime.fromtimestamp((minute + 1) * CODE_SECONDS, tz=UTC),
    )


def _check_code(user: User, session: Session, code: str, now: datetime) -> None:
    wrong = Window(settings.CHECK_IN_WRONG_CODES, WRONG_CODES_WINDOW)
    name = f"check-in:{user.pk}"
    if counted(name, wrong) >= wrong.limit:
        raise RateLimitedError(
            _("Too many wrong codes; wait a few minutes, or ask the organiser to mark you."),
            retry_after=wrong.retry_after(now.timestamp()),
        )
    minute = _window(now)
    if not any(
        hmac.compare_digest(code.encode(), _code(session.pk, window).encode())
        for window in (minute, minute - 1)
    ):
        count(name, wrong)
        raise field_error("code", _("That is not the code shown in the room now."), "wrong_code")


def _registered(user: User, session: Session) -> Registration:
    """The person's seat, locked: one change of their attendance at a time."""
    registration = (
        Registration.objects.select_for_update()
        .filter(session=session, user=user, status=RegistrationStatus.REGISTERED)
        .first()
    )
    if registration is None:
        raise ValidationError(
            _("Only people registered for the session check in to it."), code="not_registered"
        )
    return registration


@transaction.atomic
def check_in(*, user: User, session: Session, code: str, now: datetime) -> tuple[Attendance, bool]:
    """Check a registered person in with the code shown in the room: on time until the grace
    period after the start, late after it. Checking in again changes nothing. Returns the
    attendance and whether it is new."""
    _registered(user, session)
    times = _times(session)
    if times is None or not _is_open(session, now):
        raise ValidationError(_("Check-in for this session is not open."), code="check_in_closed")
    existing = Attendance.objects.filter(session=session, user=user).first()
    if existing is not None:
        return existing, False
    _check_code(user, session, code, now)
    grace = timedelta(minutes=settings.CHECK_IN_GRACE_MINUTES)
    status = AttendanceStatus.ON_TIME if now <= times[0] + grace else AttendanceStatus.LATE
    # The absence task does not take the seat's lock: a row it wrote meanwhile wins.
    return Attendance.objects.get_or_create(
        session=session, user=user, defaults={"status": status, "checked_in_at": now}
    )


@transaction.atomic
def check_out(*, user: User, session: Session, now: datetime) -> Attendance:
    """Check out; before the session's end, the person left early."""
    _registered(user, session)
    attendance = Attendance.objects.filter(
        session=session, user=user, checked_in_at__isnull=False
    ).first()
    if attendance is None:
        raise ValidationError(_("Check in before checking out."), code="not_checked_in")
    if attendance.checked_out_at is not None:
        return attendance
    attendance.checked_out_at = now
    if session.ends_at is not None and now < session.ends_at:
        attendance.status = AttendanceStatus.LEFT_EARLY
    attendance.save(update_fields=["checked_out_at", "status", "updated_at"])
    return attendance


@transaction.atomic
def mark(*, actor: User, session: Session, person: User, status: str, now: datetime) -> Attendance:
    """The week's organisers set a registered person's attendance on the roster (someone
    without a phone, a correction). Side effect: an ``attendance.marked`` event."""
    if not organises(actor, session.week):
        raise NotAllowedError(_("Only the week's organisers mark attendance."), "permission_denied")
    if session.week.status != WeekStatus.PUBLISHED:
        raise ValidationError(
            _("Attendance is marked while the week is published."), code="not_published"
        )
    window = opening(session)
    if window is None or now < window[0]:
        raise ValidationError(
            _("Attendance is marked from when check-in opens."), code="check_in_closed"
        )
    _registered(person, session)
    before = (
        Attendance.objects.filter(session=session, user=person)
        .values_list("status", flat=True)
        .first()
    )
    # update_or_create locks an existing row and, should the absence task insert one meanwhile,
    # reads it again rather than failing.
    attendance, _created = Attendance.objects.update_or_create(
        session=session, user=person, defaults={"status": status, "marked_by": actor}
    )
    record_event(
        actor=actor,
        action="attendance.marked",
        target=session,
        before={"person": person.pk, "status": before},
        after={"person": person.pk, "status": status},
    )
    return attendance


def mark_absent(now: datetime) -> int:
    """Everyone registered for a session that is over and who neither checked in nor was
    marked is absent. Returns how many were marked."""
    over = Session.objects.filter(
        ends_at__lte=now, cancelled_at__isnull=True, week__status__in=PUBLIC_STATUSES
    )
    missing = Registration.objects.filter(
        session__in=over, status=RegistrationStatus.REGISTERED
    ).exclude(Exists(Attendance.objects.filter(session=OuterRef("session"), user=OuterRef("user"))))
    marked = Attendance.objects.bulk_create(
        (
            Attendance(session_id=session_id, user_id=user_id, status=AttendanceStatus.ABSENT)
            for session_id, user_id in missing.values_list("session_id", "user_id")
        ),
        ignore_conflicts=True,  # an organiser marking the same person meanwhile wins
    )
    return len(marked)


def export_attendance(*, actor: User, week: ExchangeWeek) -> list[Registration]:
    """The seats of the week with their attendance as the reader sees them, to be taken away.
    Side effect: a ``week.attendance_exported`` event."""
    if not may_read_attendance(actor, week):
        raise NotAllowedError(
            _("The week's organisers and department heads read its attendance."),
            "permission_denied",
        )
    seats = list(attendance_visible_to(actor, week))
    record_event(
        actor=actor, action="week.attendance_exported", target=week, after={"rows": len(seats)}
    )
    return seats
