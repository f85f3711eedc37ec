"""Writes to exchange weeks: the weeks, their rooms and sessions, and registrations.

A week's conversation is a room of ``apps.chat``: its organisers moderate it, the people
registered for any of its sessions are its members, and each session has a topic in it. Writes
of the organisers are audited; registering is not (it is what staff do every day), but every
change of a registration is kept in its row. Each service checks that the actor may act.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Tier, User
from apps.audit.services import record_event
from apps.chat import services as chat
from apps.core.changes import UNCHANGED, Keep, given
from apps.core.errors import NotAllowedError, field_error
from apps.events.models import (
    ExchangeWeek,
    MeetingRoom,
    Registration,
    RegistrationStatus,
    RoomUnavailability,
    Session,
    SessionSpeaker,
    SpeakerUnavailability,
    WeekStatus,
)
from apps.events.notifications import SEAT_OFFERED, SESSION_CANCELLED, SESSION_MOVED, target
from apps.events.permissions import may_create_weeks, organises
from apps.events.selectors import ACTIVE_REGISTRATION
from apps.notifications.services import notify
from apps.skills.models import Skill

EXCHANGE_WEEK_KIND = "exchange_week"

# The moves of a week's status: published for staff to see and register, closed when it is over.
WEEK_MOVES = {
    WeekStatus.DRAFT: {WeekStatus.PUBLISHED},
    WeekStatus.PUBLISHED: {WeekStatus.CLOSED},
    WeekStatus.CLOSED: set(),
}


@dataclass(frozen=True)
class Speaker:
    """Who speaks: a member of staff (``user``) or someone from outside by ``name``."""

    user: User | None = None
    name: str = ""


def _refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise NotAllowedError(message, "permission_denied")


def _check_tiers(field: str, tiers: Sequence[str]) -> list[str]:
    unknown = [tier for tier in tiers if tier not in Tier.values]
    if unknown:
        raise field_error(
            field,
            _("Unknown tier: %(tier)s. The tiers are: %(tiers)s.")
            % {"tier": unknown[0], "tiers": ", ".join(str(label) for label in Tier.labels)},
            "invalid_choice",
        )
    return sorted(set(tiers), key=Tier.values.index)


# A study week or an exchange meeting; a longer programme is several weeks.
MAX_WEEK_DAYS = 31


def _check_dates(start_date: date, end_date: date) -> None:
    if end_date < start_date:
        raise field_error("end_date", _("A week ends on or after the day it starts."), "invalid")
    if (end_date - start_date).days >= MAX_WEEK_DAYS:
        raise field_error(
            "end_date",
            _("A week lasts at most %(days)d days.") % {"days": MAX_WEEK_DAYS},
            "too_long",
        )


def _locked_week(week: ExchangeWeek) -> ExchangeWeek:
    return ExchangeWeek.objects.select_for_update(of=("self",)).get(pk=week.pk)


def _check_editable(week: ExchangeWeek) -> None:
    if week.status == WeekStatus.CLOSED:
        raise ValidationError(_("This week is closed: it is read-only."), code="week_closed")


# -- weeks --------------------------------------------------------------------------------------


@transaction.atomic
def create_week(
    *,
    actor: User,
    title: str,
    start_date: date,
    end_date: date,
    theme: str = "",
    target_tiers: Sequence[str] = (),
) -> ExchangeWeek:
    """A new week in draft, organised by its creator, with its conversation. Side effect: a
    ``week.created`` event."""
    _refuse_unless(may_create_weeks(actor), _("Only organisers create exchange weeks."))
    _check_dates(start_date, end_date)
    room = chat.create_room(kind=EXCHANGE_WEEK_KIND, title=title)
    week = ExchangeWeek.objects.create(
        title=title,
        theme=theme,
        start_date=start_date,
        end_date=end_date,
        target_tiers=_check_tiers("target_tiers", target_tiers),
        created_by=actor,
        room=room,
    )
    chat.update_room(room=room, owner_id=week.pk, link=f"/weeks/{week.pk}")
    week.organisers.add(actor)
    chat.add_member(room=room, user=actor, moderator=True)
    record_event(actor=actor, action="week.created", target=week, after={"title": title})
    return week


@transaction.atomic
def update_week(
    *,
    actor: User,
    week: ExchangeWeek,
    title: str | Keep = UNCHANGED,
    theme: str | Keep = UNCHANGED,
    start_date: date | Keep = UNCHANGED,
    end_date: date | Keep = UNCHANGED,
    target_tiers: Sequence[str] | Keep = UNCHANGED,
    status: str | Keep = UNCHANGED,
) -> ExchangeWeek:
    """Its organisers change what a week says of itself, or move it on: a draft is published
    (staff see it and register), a published week is closed (read-only). The days cannot
    leave a scheduled session outside them. Side effect: a ``week.updated`` event with what
    changed."""
    _refuse_unless(organises(actor, week), _("Only the week's organisers change it."))
    week = _locked_week(week)
    _check_editable(week)
    changes: dict[str, Any] = given(
        title=title, theme=theme, start_date=start_date, end_date=end_date
    )
    if target_tiers is not UNCHANGED:
        changes["target_tiers"] = _check_tiers("target_tiers", target_tiers)
    if status is not UNCHANGED and status != week.status:
        if status not in WEEK_MOVES[WeekStatus(week.status)]:
            raise field_error(
                "status",
                _("A week moves from draft to published to closed; this one is %(status)s.")
                % {"status": week.get_status_display()},
                "invalid_move",
            )
        changes["status"] = status
        if status == WeekStatus.PUBLISHED:
            week.published_at = timezone.now()
    _check_dates(changes.get("start_date", week.start_date), changes.get("end_date", week.end_date))
    before = {field: getattr(week, field) for field in changes}
    for field, value in changes.items():
        setattr(week, field, value)
    _check_sessions_within(week)
    week.save()
    if "title" in changes:
        chat.update_room(room=week.room, title=week.title)
    if changes.get("status") == WeekStatus.CLOSED:
        chat.update_room(room=week.room, read_only=True)
    record_event(
        actor=actor,
        action="week.updated",
        target=week,
        before={field: _recorded(value) for field, value in before.items()},
        after={field: _recorded(value) for field, value in changes.items()},
    )
    return week


def bounds(start_date: date, end_date: date) -> tuple[datetime, datetime]:
    """When a week's days start and end, in the city's time."""
    return (
        timezone.make_aware(datetime.combine(start_date, time.min)),
        timezone.make_aware(datetime.combine(end_date, time.max)),
    )


def _check_sessions_within(week: ExchangeWeek) -> None:
    first, last = bounds(week.start_date, week.end_date)
    outside = (
        Session.objects.filter(week=week, cancelled_at__isnull=True)
        .filter(Q(starts_at__lt=first) | Q(ends_at__gt=last))
        .order_by("starts_at")
        .first()
    )
    if outside is not None:
        raise field_error(
            "start_date",
            _("The session “%(title)s” would fall outside the week's days.")
            % {"title": outside.title},
            "session_outside",
        )


# -- rooms --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A time a room cannot be used, or a session's speakers cannot make."""

    starts_at: datetime
    ends_at: datetime


def _checked_periods(field: str, periods: Sequence[Period]) -> list[Period]:
    """The periods in order, each ending after it starts (else a ``field`` error)."""
    for period in periods:
        if period.ends_at <= period.starts_at:
            raise field_error(field, _("A period ends after it starts."), "invalid")
    return sorted(periods, key=lambda period: period.starts_at)


def _set_unavailable(room: MeetingRoom, periods: Sequence[Period]) -> None:
    checked = _checked_periods("unavailable", periods)
    room.unavailable.all().delete()
    RoomUnavailability.objects.bulk_create(
        RoomUnavailability(room=room, starts_at=period.starts_at, ends_at=period.ends_at)
        for period in checked
    )


def _set_speakers_unavailable(session: Session, periods: Sequence[Period]) -> None:
    checked = _checked_periods("speakers_unavailable", periods)
    session.speakers_unavailable.all().delete()
    SpeakerUnavailability.objects.bulk_create(
        SpeakerUnavailability(session=session, starts_at=period.starts_at, ends_at=period.ends_at)
        for period in checked
    )


@transaction.atomic
def add_room(
    *,
    actor: User,
    week: ExchangeWeek,
    name: str,
    capacity: int,
    location: str = "",
    unavailable: Sequence[Period] = (),
) -> MeetingRoom:
    """A room the week's sessions may take, with the times it cannot be used. Side effect: a
    ``week.room_added`` event."""
    _refuse_unless(organises(actor, week), _("Only the week's organisers change its rooms."))
    week = _locked_week(week)
    _check_editable(week)
    _check_room_name(week, name)
    room = MeetingRoom.objects.create(week=week, name=name, capacity=capacity, location=location)
    _set_unavailable(room, unavailable)
    record_event(
        actor=actor,
        action="week.room_added",
        target=week,
        after={"room": room.pk, "name": name, "capacity": capacity},
    )
    return room


def _check_room_name(week: ExchangeWeek, name: str, *, other_than: int | None = None) -> None:
    same_name = MeetingRoom.objects.filter(week=week, name=name)
    if other_than is not None:
        same_name = same_name.exclude(pk=other_than)
    if same_name.exists():
        raise field_error("name", _("The week has a room of that name."), "unique")


@transaction.atomic
def update_room(
    *,
    actor: User,
    room: MeetingRoom,
    name: str | Keep = UNCHANGED,
    capacity: int | Keep = UNCHANGED,
    location: str | Keep = UNCHANGED,
    unavailable: Sequence[Period] | Keep = UNCHANGED,
) -> MeetingRoom:
    """Rename a room, change its capacity (sessions that take the room's capacity gain or lose
    seats: a larger room seats those waiting) or when it is unavailable. Side effect:
    ``week.room_changed``."""
    week = room.week
    _refuse_unless(organises(actor, week), _("Only the week's organisers change its rooms."))
    _check_editable(_locked_week(week))
    changes = given(name=name, capacity=capacity, location=location)
    if "name" in changes:
        _check_room_name(week, changes["name"], other_than=room.pk)
    before = {field: getattr(room, field) for field in changes}
    for field, value in changes.items():
        setattr(room, field, value)
    room.save()
    if unavailable is not UNCHANGED:
        _set_unavailable(room, unavailable)
    taking_its_capacity = Session.objects.filter(room=room, capacity__isnull=True)
    for session in taking_its_capacity.select_for_update(of=("self",)).select_related("week"):
        _seat_the_waiting(session)
    record_event(
        actor=actor,
        action="week.room_changed",
        target=week,
        before={"room": room.pk, **before},
        after={"room": room.pk, **changes},
    )
    return room


@transaction.atomic
def remove_room(*, actor: User, room: MeetingRoom) -> None:
    """Remove a room; its sessions go back to the unscheduled list. Side effect:
    ``week.room_removed``."""
    week = room.week
    _refuse_unless(organises(actor, week), _("Only the week's organisers change its rooms."))
    _check_editable(_locked_week(week))
    Session.objects.filter(room=room).update(room=None, starts_at=None, ends_at=None)
    record_event(
        actor=actor,
        action="week.room_removed",
        target=week,
        before={"room": room.pk, "name": room.name},
    )
    room.delete()


# -- sessions -----------------------------------------------------------------------------------


def _check_placement(
    week: ExchangeWeek,
    room: MeetingRoom | None,
    starts_at: datetime | None,
    ends_at: datetime | None,
) -> None:
    if room is not None and room.week_id != week.pk:
        raise field_error("room", _("The room is not one of this week's."), "invalid")
    if (starts_at is None) != (ends_at is None):
        raise field_error(
            "ends_at", _("A session has both a start and an end, or neither yet."), "incomplete"
        )
    if starts_at is None or ends_at is None:
        return
    if ends_at <= starts_at:
        raise field_error("ends_at", _("A session ends after it starts."), "invalid")
    first, last = bounds(week.start_date, week.end_date)
    if starts_at < first or ends_at > last:
        raise field_error(
            "starts_at",
            _("A session takes place during its week (%(start)s to %(end)s).")
            % {"start": week.start_date.isoformat(), "end": week.end_date.isoformat()},
            "outside_week",
        )


def _set_speakers(session: Session, speakers: Sequence[Speaker]) -> None:
    people = [speaker.user.pk for speaker in speakers if speaker.user is not None]
    if len(people) != len(set(people)):
        raise field_error("speakers", _("A person is listed twice as a speaker."), "duplicate")
    for speaker in speakers:
        if (speaker.user is None) == (not speaker.name.strip()):
            raise field_error(
                "speakers",
                _("A speaker is a member of staff or an outside speaker named, not both."),
                "invalid",
            )
    session.speakers.all().delete()
    SessionSpeaker.objects.bulk_create(
        SessionSpeaker(session=session, user=speaker.user, name=speaker.name.strip())
        for speaker in speakers
    )


@transaction.atomic
def create_session(
    *,
    actor: User,
    week: ExchangeWeek,
    kind: str,
    title: str,
    description: str = "",
    speakers: Sequence[Speaker] = (),
    room: MeetingRoom | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    capacity: int | None = None,
    target_tiers: Sequence[str] = (),
    mandatory_for: Sequence[str] = (),
    skills: Sequence[Skill] = (),
    speakers_unavailable: Sequence[Period] = (),
) -> Session:
    """A session of the week, scheduled if it is given a room and a time, with its topic in the
    week's conversation and the times its speakers cannot make. Side effect: a
    ``session.created`` event."""
    _refuse_unless(organises(actor, week), _("Only the week's organisers add sessions."))
    week = _locked_week(week)
    _check_editable(week)
    _check_placement(week, room, starts_at, ends_at)
    session = Session.objects.create(
        week=week,
        kind=kind,
        title=title,
        description=description,
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        target_tiers=_check_tiers("target_tiers", target_tiers),
        mandatory_for=_check_tiers("mandatory_for", mandatory_for),
        topic=chat.add_topic(room=week.room, title=title, created_by=actor),
    )
    session.skills.set(skills)
    _set_speakers(session, speakers)
    _set_speakers_unavailable(session, speakers_unavailable)
    record_event(
        actor=actor,
        action="session.created",
        target=session,
        after={"week": week.pk, "title": title, "kind": kind},
    )
    return session


@transaction.atomic
def update_session(
    *,
    actor: User,
    session: Session,
    kind: str | Keep = UNCHANGED,
    title: str | Keep = UNCHANGED,
    description: str | Keep = UNCHANGED,
    speakers: Sequence[Speaker] | Keep = UNCHANGED,
    room: MeetingRoom | Keep | None = UNCHANGED,
    starts_at: datetime | Keep | None = UNCHANGED,
    ends_at: datetime | Keep | None = UNCHANGED,
    capacity: int | Keep | None = UNCHANGED,
    target_tiers: Sequence[str] | Keep = UNCHANGED,
    mandatory_for: Sequence[str] | Keep = UNCHANGED,
    skills: Sequence[Skill] | Keep = UNCHANGED,
    speakers_unavailable: Sequence[Period] | Keep = UNCHANGED,
) -> Session:
    """Its week's organisers change a session: what it is, who speaks and when they cannot,
    where and when, how many it seats. More seats seat those waiting, in order; fewer never
    unseat anyone. When a scheduled session of a published week moves, those registered or
    waiting are told. Side effect: a ``session.updated`` event with what changed."""
    _refuse_unless(organises(actor, session.week), _("Only the week's organisers change it."))
    week = _locked_week(session.week)
    _check_editable(week)
    session = (
        Session.objects.select_for_update(of=("self",)).select_related("room").get(pk=session.pk)
    )
    if session.is_cancelled:
        raise ValidationError(_("This session was cancelled."), code="cancelled")
    changes: dict[str, Any] = given(
        kind=kind,
        title=title,
        description=description,
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
    )
    for field in ("target_tiers", "mandatory_for"):
        tiers = {"target_tiers": target_tiers, "mandatory_for": mandatory_for}[field]
        if tiers is not UNCHANGED:
            changes[field] = _check_tiers(field, tiers)
    _check_placement(
        week,
        changes.get("room", session.room),
        changes.get("starts_at", session.starts_at),
        changes.get("ends_at", session.ends_at),
    )
    before = {field: _recorded(getattr(session, field)) for field in changes}
    was = (session.room_id, session.starts_at, session.ends_at)
    for field, value in changes.items():
        setattr(session, field, value)
    session.save()
    if skills is not UNCHANGED:
        session.skills.set(skills)
    if speakers is not UNCHANGED:
        _set_speakers(session, speakers)
    if speakers_unavailable is not UNCHANGED:
        _set_speakers_unavailable(session, speakers_unavailable)
    _seat_the_waiting(session)
    if was[1] is not None and was != (session.room_id, session.starts_at, session.ends_at):
        _tell_of_move(actor, session)
    record_event(
        actor=actor,
        action="session.updated",
        target=session,
        before=before,
        after={field: _recorded(value) for field, value in changes.items()},
    )
    return session


def _tell_of_move(actor: User, session: Session) -> None:
    """Tell those registered or waiting that a scheduled session of a published week moved;
    their calendars follow on their next read."""
    if session.week.status != WeekStatus.PUBLISHED:
        return
    told = Registration.objects.filter(session=session, status__in=ACTIVE_REGISTRATION)
    for registration in told.select_related("user"):
        notify(user=registration.user, kind=SESSION_MOVED, actor=actor, target=target(session))


def _recorded(value: object) -> object:
    """A value as the audit trail keeps it."""
    if isinstance(value, date):  # a datetime too
        return value.isoformat()
    if isinstance(value, MeetingRoom):
        return value.pk
    return value


@transaction.atomic
def cancel_session(*, actor: User, session: Session) -> Session:
    """Its week's organisers call a session off: it keeps its registrations, takes no more, and
    everyone registered or waiting is told. Side effect: a ``session.cancelled`` event."""
    _refuse_unless(organises(actor, session.week), _("Only the week's organisers cancel it."))
    _check_editable(_locked_week(session.week))
    session = Session.objects.select_for_update(of=("self",)).get(pk=session.pk)
    if session.is_cancelled:
        return session
    session.cancelled_at = timezone.now()
    session.save(update_fields=["cancelled_at"])
    told = Registration.objects.filter(session=session, status__in=ACTIVE_REGISTRATION)
    for registration in told.select_related("user"):
        notify(user=registration.user, kind=SESSION_CANCELLED, actor=actor, target=target(session))
    record_event(
        actor=actor, action="session.cancelled", target=session, after={"title": session.title}
    )
    return session


# -- registrations ------------------------------------------------------------------------------


def _clashing(user: User, session: Session) -> Session | None:
    """Another session the person holds or waits for a seat at, at the same time."""
    if session.starts_at is None or session.ends_at is None:
        return None
    return (
        Session.objects.filter(
            registrations__user=user,
            registrations__status__in=ACTIVE_REGISTRATION,
            cancelled_at__isnull=True,
            starts_at__lt=session.ends_at,
            ends_at__gt=session.starts_at,
        )
        .exclude(pk=session.pk)
        .order_by("starts_at", "pk")
        .first()
    )


def _check_open_for(user: User, session: Session) -> None:
    week = session.week
    if week.status != WeekStatus.PUBLISHED:
        raise ValidationError(
            _("Registration is open while the week is published."), code="registration_closed"
        )
    if session.is_cancelled:
        raise ValidationError(_("This session was cancelled."), code="cancelled")
    if session.ends_at is not None and session.ends_at <= timezone.now():
        raise ValidationError(_("This session is over."), code="session_over")
    tiers = session.target_tiers or week.target_tiers
    if tiers and user.tier not in tiers:
        raise ValidationError(
            _("This session is for: %(tiers)s.")
            % {"tiers": ", ".join(str(Tier(tier).label) for tier in tiers)},
            code="tier",
        )


@transaction.atomic
def register(*, user: User, session: Session, despite_clash: bool = False) -> Registration:
    """Register ``user`` for a session of a published week: a seat while there is one, else the
    end of the waiting list. Registering again keeps the place one holds.

    Refused (``clash``) when the person already holds or waits for a seat at a session at the
    same time, unless ``despite_clash``. Side effect: the person joins the week's
    conversation. The session's row is locked, so concurrent registrations for the last seat
    give it to exactly one.
    """
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("week__room", "room")
        .get(pk=session.pk)
    )
    registration = Registration.objects.filter(session=session, user=user).first()
    if registration is not None and registration.status in ACTIVE_REGISTRATION:
        return registration
    _check_open_for(user, session)
    other = _clashing(user, session)
    if other is not None and not despite_clash:
        raise ValidationError(
            _("You are registered for “%(title)s” at the same time.") % {"title": other.title},
            code="clash",
        )
    seats = session.seats
    taken = session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    status = (
        RegistrationStatus.REGISTERED
        if seats is None or taken < seats
        else RegistrationStatus.WAITLISTED
    )
    if registration is None:
        registration = Registration(session=session, user=user)
    registration.status, registration.status_changed_at = status, timezone.now()
    registration.save()
    chat.add_member(room=session.week.room, user=user, moderator=organises(user, session.week))
    return registration


@transaction.atomic
def cancel_registration(*, user: User, session: Session) -> None:
    """Give up one's seat or place in line; the first waiting takes a freed seat (and is told).
    The person leaves the week's conversation when they no longer attend any of its sessions
    and do not organise it."""
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("week__room", "room")
        .get(pk=session.pk)
    )
    cancelled = Registration.objects.filter(
        session=session, user=user, status__in=ACTIVE_REGISTRATION
    ).update(status=RegistrationStatus.CANCELLED, status_changed_at=timezone.now())
    if not cancelled:
        return
    _seat_the_waiting(session)
    week = session.week
    still_attending = Registration.objects.filter(
        session__week=week, user=user, status__in=ACTIVE_REGISTRATION
    ).exists()
    if not still_attending and not organises(user, week):
        chat.remove_member(room=week.room, user=user)


def _seat_the_waiting(session: Session) -> None:
    """Give the session's free seats to those waiting, first come first served, and tell each.
    Call with the session's row locked."""
    if session.is_cancelled or session.week.status != WeekStatus.PUBLISHED:
        return
    seats = session.seats
    waiting = session.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "status_changed_at", "pk"
    )
    if seats is not None:
        taken = session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
        waiting = waiting[: max(seats - taken, 0)]
    for registration in waiting.select_related("user"):
        registration.status, registration.status_changed_at = (
            RegistrationStatus.REGISTERED,
            timezone.now(),
        )
        registration.save(update_fields=["status", "status_changed_at"])
        notify(user=registration.user, kind=SEAT_OFFERED, target=target(session))
