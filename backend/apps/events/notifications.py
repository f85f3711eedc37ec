"""What exchange weeks tell people, registered with ``apps.notifications`` when Django starts."""

from django.utils.translation import gettext_lazy as _

from apps.events.models import Session
from apps.notifications.kinds import register
from apps.notifications.services import Target

SESSION_KIND = "session"
SEAT_OFFERED = "session_seat_offered"
SESSION_CANCELLED = "session_cancelled"
SESSION_MOVED = "session_moved"


def register_kinds() -> None:
    register(SEAT_OFFERED, _("Moved from the waiting list into a session"))
    register(SESSION_CANCELLED, _("A session you registered for was cancelled"))
    register(SESSION_MOVED, _("A session you registered for moved to another time or room"))


def target(session: Session) -> Target:
    """A session as notifications name it, and the page they lead to."""
    return Target(
        kind=SESSION_KIND,
        id=session.pk,
        label=session.title,
        link=f"/weeks/{session.week_id}/sessions/{session.pk}",
    )
