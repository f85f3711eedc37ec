"""The automatic timetable of a week: its sessions, rooms and registrations handed to the
matcher library's ``plan_timetable``, and its proposal read back as sessions, rooms and times.

A proposal changes nothing: the organiser applies it whole or in part (``apply_schedule``),
through the same service as a change by hand, so that moves are audited, the waiting are seated
and those registered are told.

The people's interest is their registrations (seats held and places in line); a session's
expected audience is how many registered or wait. Speakers are staff by account and outside
speakers by name. The slots are the week's days cut into a grid (``DAY_GRID``) unless the
organiser gives their own; a session kept where it is brings its own time as a slot.
"""

import time as clock
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.accounts.selectors import department_headcount
from apps.core.errors import NotAllowedError, field_error
from apps.events import services
from apps.events.models import (
    ExchangeWeek,
    MeetingRoom,
    Registration,
    RegistrationStatus,
    RoomUnavailability,
    ScheduleVersion,
    Session,
    SessionSpeaker,
    SpeakerUnavailability,
    WeekStatus,
)
from apps.events.permissions import organises
from apps.events.selectors import ACTIVE_REGISTRATION
from apps.organisation.models import Department
from matching.exceptions import SolverError, TimetableInputError
from matching.timetable import Room, Slot, Talk, count_clashes, plan_timetable

# Each day of a week, cut into these slots (start, end) unless the organiser gives their own.
DAY_GRID = [
    (time(9, 0), time(10, 30)),
    (time(10, 45), time(12, 15)),
    (time(14, 0), time(15, 30)),
    (time(15, 45), time(17, 15)),
]


@dataclass(frozen=True)
class Period:
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class Placement:
    session: Session
    room: MeetingRoom
    starts_at: datetime
    ends_at: datetime

    @property
    def moved(self) -> bool:
        return (self.session.room_id, self.session.starts_at, self.session.ends_at) != (
            self.room.pk,
            self.starts_at,
            self.ends_at,
        )


@dataclass(frozen=True)
class Unplaced:
    """A session without a place, and why (``matching.timetable.UnplacedReason``)."""

    session: Session
    reason: str


@dataclass(frozen=True)
class ClashingPair:
    """Two sessions at the same time, and how many people registered for both."""

    first: Session
    second: Session
    people: int


@dataclass(frozen=True)
class Proposal:
    """A timetable proposed for the week: where each session would go, the clashes left (a
    person wanting two sessions at the same time, counted per pair) beside those of the
    schedule as it is, the proven lower bound, and the sessions that found no place and why."""

    placements: list[Placement]
    unplaced: list[Unplaced]
    clashes: int
    bound: int
    optimal: bool
    current_clashes: int
    clashing_pairs: list[ClashingPair]
    seconds: float


def grid_of(week: ExchangeWeek) -> list[Period]:
    """The week's days cut by ``DAY_GRID``, in the city's time."""
    days = (week.end_date - week.start_date).days + 1
    return [
        Period(
            timezone.make_aware(datetime.combine(week.start_date + timedelta(days=day), start)),
            timezone.make_aware(datetime.combine(week.start_date + timedelta(days=day), end)),
        )
        for day in range(days)
        for start, end in DAY_GRID
    ]


def _slots_during(
    slots: Sequence[Slot], periods: Iterable[RoomUnavailability | SpeakerUnavailability]
) -> list[str]:
    """The ids of the slots that overlap one of the periods."""
    periods = list(periods)
    return [
        slot.id
        for slot in slots
        if any(slot.start < period.ends_at and period.starts_at < slot.end for period in periods)
    ]


def _slot_id(period: Period) -> str:
    return f"{period.starts_at.isoformat()}/{period.ends_at.isoformat()}"


def _period_of(session: Session) -> Period | None:
    """Where the session is in time, if it is scheduled."""
    if session.starts_at is None or session.ends_at is None or session.room_id is None:
        return None
    return Period(session.starts_at, session.ends_at)


def _interest(sessions: Sequence[Session]) -> dict[str, list[str]]:
    wanted: dict[str, list[str]] = {}
    for user_id, session_id in Registration.objects.filter(
        session__in=sessions, status__in=ACTIVE_REGISTRATION
    ).values_list("user_id", "session_id"):
        wanted.setdefault(str(user_id), []).append(str(session_id))
    return wanted


def _clashes_now(sessions: Sequence[Session], interest: dict[str, list[str]]) -> int:
    """The clashes of the schedule as it is."""
    periods = {session.pk: _period_of(session) for session in sessions}
    slots = {
        _slot_id(period): Slot(_slot_id(period), period.starts_at, period.ends_at)
        for period in periods.values()
        if period is not None
    }
    placements = {
        str(session.pk): (_slot_id(period), str(session.room_id))
        for session in sessions
        if (period := periods[session.pk]) is not None
    }
    return len(count_clashes(placements, list(slots.values()), interest))


def propose(
    *,
    actor: User,
    week: ExchangeWeek,
    slots: Sequence[Period] = (),
    keep: Sequence[Session] = (),
) -> Proposal:
    """A timetable of the week's sessions (not cancelled) with the fewest clashes among those
    who registered, under the hard rules: a room holds one session at a time, is big enough for
    those registered and waiting, and is available; a speaker gives one session at a time; the
    sessions in ``keep`` stay where they are. Changes nothing."""
    if not organises(actor, week):
        raise NotAllowedError(
            _("Only the week's organisers plan its timetable."), "permission_denied"
        )
    sessions = list(
        Session.objects.filter(week=week, cancelled_at__isnull=True)
        .select_related("room", "week")
        .prefetch_related("speakers", "speakers_unavailable")
        .order_by("pk")
    )
    rooms = list(MeetingRoom.objects.filter(week=week).prefetch_related("unavailable"))
    if not rooms:
        raise ValidationError(
            _("Add the week's rooms before planning its timetable."), code="no_rooms"
        )
    first, last = services.bounds(week.start_date, week.end_date)
    for slot in slots:
        if not first <= slot.starts_at < slot.ends_at <= last:
            raise field_error(
                "slots",
                _("Each slot ends after it starts, within the week's days."),
                "invalid",
            )
    periods = {_slot_id(period): period for period in (slots or grid_of(week))}
    fixed: dict[int, tuple[str, str]] = {}
    for session in keep:
        period = _period_of(session)
        if session.week_id != week.pk or period is None or session.is_cancelled:
            raise field_error(
                "keep",
                _("Only the week's scheduled sessions can be kept where they are."),
                "not_scheduled",
            )
        periods.setdefault(_slot_id(period), period)
        fixed[session.pk] = (_slot_id(period), str(session.room_id))
    library_slots = [
        Slot(slot_id, period.starts_at, period.ends_at) for slot_id, period in periods.items()
    ]
    interest = _interest(sessions)
    demand = Counter(session for wanted in interest.values() for session in wanted)
    talks = [
        Talk(
            str(session.pk),
            speakers=[
                f"user:{speaker.user_id}" if speaker.user_id else f"name:{speaker.name}"
                for speaker in session.speakers.all()
            ],
            expected=demand[str(session.pk)],
            unavailable=_slots_during(library_slots, session.speakers_unavailable.all()),
            fixed=fixed.get(session.pk),
        )
        for session in sessions
    ]
    library_rooms = [
        Room(
            str(room.pk),
            room.capacity,
            unavailable=_slots_during(library_slots, room.unavailable.all()),
        )
        for room in rooms
    ]
    started = clock.perf_counter()
    try:
        plan = plan_timetable(
            talks, library_rooms, library_slots, interest, time_limit=settings.TIMETABLE_SECONDS
        )
    except SolverError:
        raise ValidationError(
            _("No timetable was found in the time allowed; keep fewer sessions where they are."),
            code="no_timetable",
        ) from None
    except TimetableInputError as error:  # kept sessions that break a rule between them
        raise field_error(
            "keep",
            _("The sessions kept where they are break a rule of the timetable: %(problem)s")
            % {"problem": error},
            "invalid",
        ) from None
    seconds = clock.perf_counter() - started
    by_id = {str(session.pk): session for session in sessions}
    room_by_id = {str(room.pk): room for room in rooms}
    placed = sorted(
        plan.placements.items(), key=lambda item: (periods[item[1][0]].starts_at, item[1][1])
    )
    pairs = Counter(clash.talks for clash in plan.explanations)
    return Proposal(
        placements=[
            Placement(by_id[talk], room_by_id[room], periods[slot].starts_at, periods[slot].ends_at)
            for talk, (slot, room) in placed
        ],
        unplaced=[Unplaced(by_id[item.talk], item.reason) for item in plan.unplaced],
        clashes=plan.clashes,
        bound=plan.bound,
        optimal=plan.optimal,
        current_clashes=_clashes_now(sessions, interest),
        clashing_pairs=[
            ClashingPair(by_id[first], by_id[second], people)
            for (first, second), people in pairs.most_common()
        ],
        seconds=seconds,
    )


@dataclass(frozen=True)
class Move:
    """Where a session goes when a proposal (or a part of one) is applied, or the editor's
    changes saved; no room and no time: back to the unscheduled."""

    session: Session
    room: MeetingRoom | None
    starts_at: datetime | None
    ends_at: datetime | None


def _where(
    room: MeetingRoom | None, starts_at: datetime | None, ends_at: datetime | None
) -> dict[str, str | None]:
    return {
        "room": room.name if room is not None else None,
        "starts_at": timezone.localtime(starts_at).isoformat() if starts_at is not None else None,
        "ends_at": timezone.localtime(ends_at).isoformat() if ends_at is not None else None,
    }


def _refuse_double_booking(week: ExchangeWeek) -> None:
    """A saved schedule never holds two sessions in one room at once."""
    sessions = Session.objects.filter(
        week=week, cancelled_at__isnull=True, room__isnull=False, starts_at__isnull=False
    )
    clash = (
        sessions.filter(
            room=OuterRef("room"),
            starts_at__lt=OuterRef("ends_at"),
            ends_at__gt=OuterRef("starts_at"),
        )
        .exclude(pk=OuterRef("pk"))
        .values("title")[:1]
    )
    found = (
        sessions.annotate(other=Subquery(clash))
        .filter(other__isnull=False)
        .select_related("room")
        .order_by("starts_at", "pk")
        .first()
    )
    if found is not None:
        raise field_error(
            "placements",
            _("%(room)s would hold “%(first)s” and “%(second)s” at the same time.")
            % {"room": found.room, "first": found.title, "second": found.other},
            "room_double_booked",
        )


@transaction.atomic
def apply_schedule(
    *, actor: User, week: ExchangeWeek, moves: Sequence[Move], name: str = ""
) -> ScheduleVersion | None:
    """Move the given sessions, all or none, each as a change by hand would (audited, the
    waiting seated, those registered told), and keep what moved as a new version of the
    week's schedule, named ``name`` or, without one, by its number where it is shown. Nothing
    moved, or a week still in draft (work in progress): no version. Refused, all of it, when
    two sessions would share a room at once."""
    for move in moves:
        if move.session.week_id != week.pk:
            raise field_error("placements", _("A session is not one of this week's."), "invalid")
    changes = []
    for move in moves:
        session = Session.objects.select_related("room").get(pk=move.session.pk)
        before = _where(session.room, session.starts_at, session.ends_at)
        after = _where(move.room, move.starts_at, move.ends_at)
        services.update_session(
            actor=actor,
            session=session,
            room=move.room,
            starts_at=move.starts_at,
            ends_at=move.ends_at,
        )
        if before != after:
            changes.append(
                {"session": session.pk, "title": session.title, "before": before, "after": after}
            )
    _refuse_double_booking(week)
    week = ExchangeWeek.objects.select_for_update(of=("self",)).get(pk=week.pk)
    if not changes or week.status != WeekStatus.PUBLISHED:  # a draft is work in progress
        return None
    number = (
        ScheduleVersion.objects.filter(week=week)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    ) + 1
    return ScheduleVersion.objects.create(
        week=week,
        number=number,
        name=name.strip(),
        changes=changes,
        created_by=actor,
    )


@dataclass(frozen=True)
class Board:
    """What the schedule editor needs to show a week's schedule and its conflicts as the
    organiser moves sessions: the sessions (with how many registered or wait, and their
    speakers), the rooms, how many people registered for each pair of sessions, and per
    department its active staff and, for each of them holding a seat, the sessions they hold
    one at (no names: enough to count each person away once)."""

    sessions: Sequence[Session]
    rooms: list[MeetingRoom]
    shared: list[tuple[int, int, int]]
    departments: list[tuple[Department, int, list[list[int]]]]
    department_share: int


def board_of(*, actor: User, week: ExchangeWeek) -> Board:
    if not organises(actor, week):
        raise NotAllowedError(
            _("Only the week's organisers edit its schedule."), "permission_denied"
        )
    sessions = list(
        Session.objects.filter(week=week, cancelled_at__isnull=True)
        .select_related("room", "week")
        .prefetch_related(
            Prefetch("speakers", queryset=SessionSpeaker.objects.select_related("user")),
            "speakers_unavailable",
        )
        .annotate(
            demand=Count("registrations", filter=Q(registrations__status__in=ACTIVE_REGISTRATION))
        )
        .order_by("pk")
    )
    wanted: dict[int, list[int]] = {}
    seated: dict[int, dict[int, list[int]]] = {}  # department: person: sessions
    for user_id, session_id, department_id, status in Registration.objects.filter(
        session__in=sessions, status__in=ACTIVE_REGISTRATION
    ).values_list("user_id", "session_id", "user__department_id", "status"):
        wanted.setdefault(user_id, []).append(session_id)
        if department_id is not None and status == RegistrationStatus.REGISTERED:
            seated.setdefault(department_id, {}).setdefault(user_id, []).append(session_id)
    pairs: Counter[tuple[int, int]] = Counter()
    for sessions_wanted in wanted.values():
        ordered = sorted(set(sessions_wanted))
        pairs.update(
            (first, second)
            for index, first in enumerate(ordered)
            for second in ordered[index + 1 :]
        )
    departments = Department.objects.filter(pk__in=list(seated)).annotate(
        headcount=department_headcount()
    )
    return Board(
        sessions=sessions,
        rooms=list(MeetingRoom.objects.filter(week=week).prefetch_related("unavailable")),
        shared=[(first, second, people) for (first, second), people in sorted(pairs.items())],
        departments=[
            (
                department,
                department.headcount,
                sorted(sorted(held) for held in seated[department.pk].values()),
            )
            for department in departments.order_by("code")
        ],
        department_share=settings.EXCHANGE_DEPARTMENT_SHARE,
    )
