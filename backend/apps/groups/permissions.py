"""Who may do what in a study group: the predicates the views and the services share.

Administering the platform never grants reading a group: its owner and moderators manage its
members, and only its active members read its room. An administrator may change what a group
says of itself and archive it, but not who may join it; one who must act inside a group is
invited like anyone, in sight of its members.
"""

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


def moderates_as(role: str | None) -> bool:
    """Whether someone whose active role in a group is ``role`` (``None``: not an active
    member) manages it: its owner and moderators edit it, see who asks, who is invited and who
    waits, invite, decide and remove."""
    return role in MODERATING_ROLES


def moderates(user: Any, group: StudyGroup) -> bool:
    return moderates_as(_role_in(user, group))


def may_describe(user: Any, group: StudyGroup) -> bool:
    """Who may change what a group says of itself (its name, description, tier, skills): its
    owner and moderators, and administrators, who keep the city's lists decent."""
    return moderates(user, group) or is_admin(user)


def may_archive(user: Any, group: StudyGroup) -> bool:
    return owns(user, group) or is_admin(user)


def may_give_roles(user: Any, group: StudyGroup) -> bool:
    return owns(user, group)


def may_remove(user: Any, membership: Membership) -> bool:
    """The owner removes anyone but the owner; a moderator, members only."""
    if membership.role == MemberRole.OWNER:
        return False
    if owns(user, membership.group):
        return True
    return moderates(user, membership.group) and membership.role == MemberRole.MEMBER
