"""Who may do what in a study group: the predicates the views and the services share."""

from typing import Any

from apps.core.roles import is_admin
from apps.groups.models import MemberRole, Membership, MembershipStatus, StudyGroup

MODERATING_ROLES = (MemberRole.OWNER, MemberRole.MODERATOR)


def _role_in(user: Any, group: StudyGroup) -> str | None:
    """The person's role in the group while they are an active member."""
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.filter(group=group, user=user, status=MembershipStatus.ACTIVE)
        .values_list("role", flat=True)
        .first()
    )


def owns(user: Any, group: StudyGroup) -> bool:
    return _role_in(user, group) == MemberRole.OWNER


def moderates_as(user: Any, role: str | None) -> bool:
    """Whether someone whose active role in a group is ``role`` (``None``: not an active
    member) manages it: its owner and moderators, and administrators, manage its members and
    edit it; they see who asks, who is invited and who waits; they invite, decide and remove."""
    return is_admin(user) or role in MODERATING_ROLES


def moderates(user: Any, group: StudyGroup) -> bool:
    return moderates_as(user, _role_in(user, group))


def may_archive(user: Any, group: StudyGroup) -> bool:
    return owns(user, group) or is_admin(user)


def may_give_roles(user: Any, group: StudyGroup) -> bool:
    return owns(user, group) or is_admin(user)


def may_remove(user: Any, membership: Membership) -> bool:
    """The owner and administrators remove anyone but the owner; a moderator, members only."""
    if membership.role == MemberRole.OWNER:
        return False
    if owns(user, membership.group) or is_admin(user):
        return True
    return moderates(user, membership.group) and membership.role == MemberRole.MEMBER
