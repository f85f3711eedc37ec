"""Feedback on a session: once it is over, those who attended rate it (1 to 5) and say what
they thought; its week's organisers and its speakers read the ratings and comments without
names."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.errors import NotAllowedError
from apps.events.models import (
    Attendance,
    AttendanceStatus,
    Feedback,
    Registration,
    RegistrationStatus,
    Session,
)
from apps.events.permissions import organises

RATINGS = range(1, 6)
# Who may rate a session: those who were there, even if they left early.
CAME = (AttendanceStatus.ON_TIME, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY)


@transaction.atomic
def give_feedback(
    *, user: User, session: Session, rating: int, comment: str, now: datetime
) -> tuple[Feedback, bool]:
    """Rate a session that is over, as one registered for it who was there (checked in, or
    marked on the roster); giving it again replaces one's feedback. Returns it and whether it
    is new."""
    if session.is_cancelled or session.ends_at is None or session.ends_at > now:
        raise ValidationError(
            _("Feedback opens when the session is over."), code="feedback_not_open"
        )
    registered = (
        Registration.objects.select_for_update()
        .filter(session=session, user=user, status=RegistrationStatus.REGISTERED)
        .first()
    )
    came = Attendance.objects.filter(session=session, user=user, status__in=CAME).exists()
    if registered is None or not came:
        raise ValidationError(
            _("Feedback is given by those who attended the session."), code="not_attended"
        )
    feedback, created = Feedback.objects.update_or_create(
        session=session, user=user, defaults={"rating": rating, "comment": comment.strip()}
    )
    return feedback, created


def may_read_feedback(user: User, session: Session) -> bool:
    """The week's organisers (and administrators) and the session's speakers."""
    return organises(user, session.week) or session.speakers.filter(user=user).exists()


@dataclass(frozen=True)
class FeedbackSummary:
    count: int
    average: float | None
    ratings: dict[int, int]
    comments: list[Feedback]


def feedback_on(*, reader: User, session: Session) -> FeedbackSummary:
    """How those who attended rated the session: how many, the average, how many gave each
    rating, and the comments (newest first), without names."""
    if not may_read_feedback(reader, session):
        raise NotAllowedError(
            _("The week's organisers and the session's speakers read its feedback."),
            "permission_denied",
        )
    given = Feedback.objects.filter(session=session)
    totals = given.aggregate(count=Count("pk"), average=Avg("rating"))
    per_rating = dict(given.values_list("rating").annotate(n=Count("pk")).order_by())
    return FeedbackSummary(
        count=totals["count"],
        average=round(totals["average"], 2) if totals["average"] is not None else None,
        ratings={rating: per_rating.get(rating, 0) for rating in RATINGS},
        comments=list(given.exclude(comment="").order_by("-updated_at", "-pk")),
    )
