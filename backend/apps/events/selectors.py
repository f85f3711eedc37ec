"""Reading exchange weeks, their sessions and registrations, as the reader may see them."""

from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from apps.core.roles import Role, is_admin, is_member, roles_of
from apps.core.waitlists import waitlist_position as waitlist_position_of
from apps.events.models import (
    ExchangeWeek,
    MeetingRoom,
    Registration,
    RegistrationStatus,
    Session,
    SessionSpeaker,
    WeekStatus,
)
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


def sessions_visible_to(user: Any) -> QuerySet[Session]:
    """The sessions of the weeks the reader sees, with their room, speakers and skills, how many
    registered and wait, and the reader's own registration (``my_status``, ``my_position``)."""
    if not is_member(user):
        return Session.objects.none()
    mine = Registration.objects.filter(session=OuterRef("pk"), user=user)
    return (
        Session.objects.filter(week__in=weeks_visible_to(user).values("pk"))
        .select_related("room", "week")
        .prefetch_related(
            Prefetch("speakers", queryset=SessionSpeaker.objects.select_related("user")),
            Prefetch("skills", queryset=Skill.objects.order_by("code")),
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


def registrations_of(user: Any) -> QuerySet[Registration]:
    """The reader's own registrations that hold or wait for a seat, soonest session first, each
    with its place on the waiting list."""
    if not is_member(user):
        return Registration.objects.none()
    return (
        Registration.objects.filter(user=user, status__in=ACTIVE_REGISTRATION)
        .select_related("session__week", "session__room")
        .annotate(position=waitlist_position())
        .order_by("session__starts_at", "session__title", "pk")
    )
