"""Reading exchange weeks, their sessions and registrations, as the reader may see them."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from apps.accounts.models import Tier, User
from apps.accounts.permissions import headed_department_ids
from apps.core.roles import Role, is_admin, is_member, roles_of
from apps.core.waitlists import waitlist_position as waitlist_position_of
from apps.events.models import (
    Attendance,
    AttendanceStatus,
    ExchangeWeek,
    Feedback,
    MeetingRoom,
    Registration,
    RegistrationStatus,
    Session,
    SessionSpeaker,
    SpeakerUnavailability,
    WeekStatus,
)
from apps.events.permissions import organises
from apps.organisation.models import Department
from apps.skills.models import Skill

# What staff see of a week: once it is published, and after it closed.
PUBLIC_STATUSES = (WeekStatus.PUBLISHED, WeekStatus.CLOSED)
# The registrations that hold or wait for a seat.
ACTIVE_REGISTRATION = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)


def waitlist_position() -> Any:
    """An annotation of registrations: the place on the session's waiting list (``None``: not
    waiting)."""
    return waitlist_position_of(
        Registration, within="session", waiting=RegistrationStatus.WAITLISTED
    )


def _organised_by(user: Any) -> Exists:
    return Exists(
        ExchangeWeek.organisers.through.objects.filter(exchangeweek=OuterRef("pk"), user=user)
    )


def weeks_visible_to(user: Any) -> QuerySet[ExchangeWeek]:
    """Published and closed weeks for every member of staff; drafts for the organisers they
    list, and every week for administrators. Annotated with ``session_count`` and whether the
    reader organises the week (``i_organise``)."""
    if not is_member(user):
        return ExchangeWeek.objects.none()
    sessions = (
        Session.objects.filter(week=OuterRef("pk"), cancelled_at__isnull=True)
        .order_by()
        .values("week")
        .annotate(n=Count("pk"))
        .values("n")
    )
    weeks = ExchangeWeek.objects.prefetch_related("organisers").annotate(
        session_count=Coalesce(Subquery(sessions, output_field=IntegerField()), 0),
        i_organise=_organised_by(user),
    )
    if is_admin(user):
        return weeks
    if Role.ORGANISER in roles_of(user):
        return weeks.filter(Q(status__in=PUBLIC_STATUSES) | Q(i_organise=True))
    return weeks.filter(status__in=PUBLIC_STATUSES)


def _count(status: RegistrationStatus) -> Subquery:
    return Subquery(
        Registration.objects.filter(session=OuterRef("pk"), status=status)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def weeks_managed_by(user: Any) -> QuerySet[ExchangeWeek]:
    """The weeks the reader manages (as ``permissions.organises`` says of one week): every week
    for administrators, the weeks listing them for organisers, none for anyone else."""
    if is_admin(user):
        return ExchangeWeek.objects.all()
    if Role.ORGANISER not in roles_of(user):
        return ExchangeWeek.objects.none()
    return ExchangeWeek.objects.filter(organisers=user)


def sessions_visible_to(user: Any) -> QuerySet[Session]:
    """The sessions of the weeks the reader sees, with their room, speakers and skills, how many
    registered and wait, and the reader's own registration (``my_status``, ``my_position``).
    When its speakers cannot come is read only for the weeks the reader manages."""
    if not is_member(user):
        return Session.objects.none()
    mine = Registration.objects.filter(session=OuterRef("pk"), user=user)
    return (
        Session.objects.filter(week__in=weeks_visible_to(user).values("pk"))
        .select_related("room", "week")
        .prefetch_related(
            Prefetch("speakers", queryset=SessionSpeaker.objects.select_related("user")),
            Prefetch("skills", queryset=Skill.objects.order_by("code")),
            Prefetch(
                "speakers_unavailable",
                queryset=SpeakerUnavailability.objects.filter(
                    session__week__in=weeks_managed_by(user).values("pk")
                ),
            ),
        )
        .annotate(
            registered_count=Coalesce(_count(RegistrationStatus.REGISTERED), 0),
            waitlist_count=Coalesce(_count(RegistrationStatus.WAITLISTED), 0),
            my_status=Subquery(mine.values("status")[:1]),
            my_position=Subquery(
                mine.annotate(position=waitlist_position()).values("position")[:1]
            ),
        )
    )


def rooms_of(week: ExchangeWeek) -> QuerySet[MeetingRoom]:
    return MeetingRoom.objects.filter(week=week).prefetch_related("unavailable")


def _with_attendance(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Registrations with their person's attendance at the session: ``attendance_status``,
    ``checked_in_at``, ``checked_out_at`` (``None`` when there is none yet)."""
    attendance = Attendance.objects.filter(session=OuterRef("session"), user=OuterRef("user"))
    return registrations.annotate(
        attendance_status=Subquery(attendance.values("status")[:1]),
        checked_in_at=Subquery(attendance.values("checked_in_at")[:1]),
        checked_out_at=Subquery(attendance.values("checked_out_at")[:1]),
    )


def registrations_of(user: Any) -> QuerySet[Registration]:
    """The reader's own registrations that hold or wait for a seat, soonest session first, each
    with its place on the waiting list, the reader's attendance and feedback."""
    if not is_member(user):
        return Registration.objects.none()
    feedback = Feedback.objects.filter(session=OuterRef("session"), user=user)
    return _with_attendance(
        Registration.objects.filter(user=user, status__in=ACTIVE_REGISTRATION)
        .select_related("session__week", "session__room")
        .annotate(
            position=waitlist_position(),
            my_rating=Subquery(feedback.values("rating")[:1]),
            my_comment=Subquery(feedback.values("comment")[:1]),
        )
        .order_by("session__starts_at", "session__title", "pk")
    )


def attendance_visible_to(user: Any, week: ExchangeWeek) -> QuerySet[Registration]:
    """The seats taken at the week's sessions (not cancelled) with their attendance, as far as
    the reader sees them: all for the week's organisers and administrators, their departments'
    people's for department heads, none for anyone else. By session, then by name."""
    seats = Registration.objects.filter(
        session__week=week,
        session__cancelled_at__isnull=True,
        status=RegistrationStatus.REGISTERED,
    )
    if not organises(user, week):
        seats = seats.filter(user__department_id__in=headed_department_ids(user))
    return _with_attendance(
        seats.select_related("session", "user__department").order_by(
            "session__starts_at", "session__title", "session_id", "user__display_name", "user_id"
        )
    )


@dataclass
class Tally:
    """How the people registered for some sessions attended them: a count per attendance
    status, and those with none yet (``unmarked``: the session is not over, or the task has
    not marked them)."""

    registered: int = 0
    statuses: Counter[str] = field(default_factory=Counter)

    def add(self, status: str | None) -> None:
        self.registered += 1
        self.statuses[status or "unmarked"] += 1

    def counts(self) -> dict[str, int]:
        return {
            "registered": self.registered,
            **{status: self.statuses[status] for status in AttendanceStatus.values},
            "unmarked": self.statuses["unmarked"],
        }


@dataclass(frozen=True)
class AttendanceReport:
    sessions: list[tuple[Session, Tally]]
    departments: list[tuple[Department | None, Tally]]


def attendance_report(seats: Iterable[Registration]) -> AttendanceReport:
    """Seats of ``attendance_visible_to`` counted per session (in their order) and per
    department of the person (by name; people without one last)."""
    by_session: dict[int, tuple[Session, Tally]] = {}
    by_department: dict[int | None, tuple[Department | None, Tally]] = {}
    for seat in seats:
        status = seat.attendance_status  # type: ignore[attr-defined]
        by_session.setdefault(seat.session_id, (seat.session, Tally()))[1].add(status)
        department = seat.user.department
        key = department.pk if department is not None else None
        by_department.setdefault(key, (department, Tally()))[1].add(status)
    return AttendanceReport(
        sessions=list(by_session.values()),
        departments=sorted(
            by_department.values(),
            key=lambda row: (row[0] is None, row[0].code if row[0] is not None else ""),
        ),
    )


# Attended, for a mandatory session: checked in (on time or late) and stayed to the end.
COMPLETED = (AttendanceStatus.ON_TIME, AttendanceStatus.LATE)


@dataclass(frozen=True)
class TierCompletion:
    """The people of one tier in one department, and the mandatory sessions each missed."""

    tier: str
    people: int
    missing: list[tuple[User, list[Session]]]

    @property
    def completed(self) -> int:
        return self.people - len(self.missing)


@dataclass(frozen=True)
class ProgrammeCompletion:
    """A week's tiered programme: the sessions mandatory for each tier, and per department who
    of each tier attended them all."""

    mandatory: dict[str, list[Session]]
    departments: list[tuple[Department, list[TierCompletion]]]


def programme_completion(reader: Any, week: ExchangeWeek) -> ProgrammeCompletion:
    """Per department (every one for the week's organisers, theirs for department heads) and
    per tier with mandatory sessions: how many of its active staff of that tier there are, and
    those who did not attend every session mandatory for it (on time or late, not leaving
    early), with what they missed."""
    sessions = Session.objects.filter(week=week, cancelled_at__isnull=True).order_by(
        "starts_at", "pk"
    )
    mandatory: dict[str, list[Session]] = {}
    for session in sessions:
        for tier in session.mandatory_for:
            mandatory.setdefault(tier, []).append(session)
    people = User.objects.filter(is_active=True, department__isnull=False, tier__in=list(mandatory))
    if not organises(reader, week):
        people = people.filter(department_id__in=headed_department_ids(reader))
    attended = set(
        Attendance.objects.filter(
            session__in=[
                session for tier_sessions in mandatory.values() for session in tier_sessions
            ],
            status__in=COMPLETED,
        ).values_list("user_id", "session_id")
    )
    grouped: dict[int | None, dict[str, list[User]]] = {}
    for person in people.order_by("display_name", "pk"):
        grouped.setdefault(person.department_id, {}).setdefault(person.tier, []).append(person)
    departments = []
    for department in Department.objects.filter(
        pk__in=[key for key in grouped if key is not None]
    ).order_by("code"):
        tiers = grouped[department.pk]
        completions = []
        for tier in (tier for tier in Tier.values if tier in tiers):
            missing = [
                (person, missed)
                for person in tiers[tier]
                if (
                    missed := [
                        session
                        for session in mandatory[tier]
                        if (person.pk, session.pk) not in attended
                    ]
                )
            ]
            completions.append(TierCompletion(tier=tier, people=len(tiers[tier]), missing=missing))
        departments.append((department, completions))
    return ProgrammeCompletion(mandatory=mandatory, departments=departments)
