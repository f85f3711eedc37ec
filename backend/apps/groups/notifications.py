"""What study groups tell people, registered with ``apps.notifications`` when Django starts."""

from django.utils.translation import gettext_lazy as _

from apps.chat.enums import STUDY_GROUP_KIND
from apps.groups.models import StudyGroup
from apps.notifications.kinds import register
from apps.notifications.services import Target

JOIN_REQUESTED = "join_requested"
JOIN_APPROVED = "join_approved"
JOIN_REJECTED = "join_rejected"
INVITED = "invited"
PROMOTED = "promoted"
REMOVED = "removed"


def register_kinds() -> None:
    register(JOIN_REQUESTED, _("Someone asked to join a group"))
    register(JOIN_APPROVED, _("Request to join approved"))
    register(JOIN_REJECTED, _("Request to join declined"))
    register(INVITED, _("Invited to a group"))
    register(PROMOTED, _("Moved from the waiting list into the group"))
    register(REMOVED, _("Removed from a group"))


def target(group: StudyGroup) -> Target:
    """A group as notifications name it, and the page they lead to."""
    return Target(kind=STUDY_GROUP_KIND, id=group.pk, label=group.name, link=f"/groups/{group.pk}")
