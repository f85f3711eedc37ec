"""Writes to study groups and their memberships.

Every membership change is audited. A group's chat is a room of ``apps.chat``: these services
keep its members equal to the group's active members (owners and moderators moderate it), and
chat takes it from there. Each service checks that the actor may act (``permissions``).
"""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.audit.services import record_event
from apps.chat import services as chat
from apps.chat.enums import STUDY_GROUP_KIND
from apps.core.changes import UNCHANGED, Keep, given
from apps.core.errors import NotAllowedError, field_error
from apps.groups.models import JoinPolicy, MemberRole, Membership, MembershipStatus, StudyGroup
from apps.groups.notifications import (
    INVITED,
    JOIN_APPROVED,
    JOIN_REJECTED,
    JOIN_REQUESTED,
    PROMOTED,
    REMOVED,
    target,
)
from apps.groups.permissions import (
    MODERATING_ROLES,
    may_archive,
    may_describe,
    may_give_roles,
    may_remove,
)
from apps.groups.permissions import moderates as may_moderate
from apps.notifications.services import notify
from apps.skills.models import Skill

JOIN_ACTIONS = {
    MembershipStatus.ACTIVE: "joined",
    MembershipStatus.WAITLISTED: "waitlisted",
    MembershipStatus.PENDING: "requested",
}

# Statuses from which a person may (again) ask to join, or be invited.
OUTSIDE = {MembershipStatus.LEFT, MembershipStatus.REMOVED, MembershipStatus.REJECTED}


def _locked(group: StudyGroup) -> StudyGroup:
    """The group's row, locked until the transaction ends: membership changes of one group are
    written one after the other."""
    return (
        StudyGroup.objects.select_related("room").select_for_update(of=("self",)).get(pk=group.pk)
    )


def _check_open(group: StudyGroup) -> None:
    if group.is_archived:
        raise ValidationError(_("This group is archived: it is read-only."), code="archived")


def _refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise NotAllowedError(message, "permission_denied")


def _audit(actor: User | None, action: str, membership: Membership, before: str | None) -> None:
    record_event(
        actor=actor,
        action=f"membership.{action}",
        target=membership.group,
        before={"user": membership.user_id, "status": before} if before else None,
        after={"user": membership.user_id, "status": membership.status, "role": membership.role},
    )


def _sync_room(membership: Membership) -> None:
    """The group's room follows the membership: active members read and write it, its owner
    and moderators moderate it."""
    room, user = membership.group.room, membership.user
    if membership.status == MembershipStatus.ACTIVE:
        chat.add_member(room=room, user=user, moderator=membership.role in MODERATING_ROLES)
    else:
        chat.remove_member(room=room, user=user)


def _set_status(membership: Membership, status: MembershipStatus) -> None:
    """Change where a person stands; the room follows any change to who is an active member."""
    was_active = membership.status == MembershipStatus.ACTIVE
    membership.status = status
    membership.status_changed_at = timezone.now()
    if status == MembershipStatus.ACTIVE and membership.joined_at is None:
        membership.joined_at = membership.status_changed_at
    membership.save()
    if was_active != (status == MembershipStatus.ACTIVE):
        _sync_room(membership)


def active_count(group: StudyGroup) -> int:
    return group.memberships.filter(status=MembershipStatus.ACTIVE).count()


def _has_room(group: StudyGroup) -> bool:
    return group.capacity is None or active_count(group) < group.capacity


def _admit(membership: Membership) -> MembershipStatus:
    """Make a member, or put on the waiting list when the group is full."""
    status = MembershipStatus.ACTIVE if _has_room(membership.group) else MembershipStatus.WAITLISTED
    _set_status(membership, status)
    return status


def _promote_waiting(group: StudyGroup) -> None:
    """Fill free places from the waiting list, first come first served; each is told."""
    while _has_room(group):
        first = (
            group.memberships.filter(status=MembershipStatus.WAITLISTED)
            .select_related("user", "group__room")
            .order_by("status_changed_at", "id")
            .first()
        )
        if first is None:
            return
        _set_status(first, MembershipStatus.ACTIVE)
        _audit(None, "promoted", first, MembershipStatus.WAITLISTED)
        notify(user=first.user, kind=PROMOTED, target=target(group))


@transaction.atomic
def create_group(
    *,
    actor: User,
    name: str,
    description: str = "",
    skills: Sequence[Skill] = (),
    target_tier: str = "",
    join_policy: str = JoinPolicy.OPEN,
    capacity: int | None = None,
) -> StudyGroup:
    """A new group, with its creator as owner, and its room. Side effect: a ``group.created``
    event."""
    now = timezone.now()
    room = chat.create_room(kind=STUDY_GROUP_KIND, title=name)
    group = StudyGroup.objects.create(
        created_by=actor,
        name=name,
        description=description,
        target_tier=target_tier,
        join_policy=join_policy,
        capacity=capacity,
        room=room,
    )
    chat.update_room(room=room, owner_id=group.pk, link=target(group).link)
    group.skills.set(skills)
    owner = Membership.objects.create(
        group=group,
        user=actor,
        role=MemberRole.OWNER,
        status=MembershipStatus.ACTIVE,
        status_changed_at=now,
        joined_at=now,
    )
    _sync_room(owner)
    record_event(actor=actor, action="group.created", target=group, after={"name": group.name})
    return group


@transaction.atomic
def update_group(
    *,
    actor: User,
    group: StudyGroup,
    name: str | Keep = UNCHANGED,
    description: str | Keep = UNCHANGED,
    skills: Sequence[Skill] | Keep = UNCHANGED,
    target_tier: str | Keep = UNCHANGED,
    join_policy: str | Keep = UNCHANGED,
    capacity: int | Keep | None = UNCHANGED,
) -> StudyGroup:
    """Its owner or a moderator changes a group's name, description, policy, capacity or
    skills; an administrator, what it says of itself but not who may join it. A larger capacity
    lets people in from the waiting list. Side effect: a ``group.updated`` event."""
    _refuse_unless(may_describe(actor, group), _("Only the group's owner and moderators may."))
    group = _locked(group)
    _check_open(group)
    fields = given(
        name=name,
        description=description,
        target_tier=target_tier,
        join_policy=join_policy,
        capacity=capacity,
    )
    admission = {field for field in ("join_policy", "capacity") if field in fields}
    if any(getattr(group, field) != fields[field] for field in admission):
        _refuse_unless(
            may_moderate(actor, group),
            _("An administrator changes what a group says of itself, not who may join it."),
        )
    if fields.get("capacity") is not None and fields["capacity"] < active_count(group):
        raise field_error(
            "capacity", _("The group already has more members than that."), "too_small"
        )
    fields = {field: value for field, value in fields.items() if getattr(group, field) != value}
    before = {field: getattr(group, field) for field in fields}
    for field, value in fields.items():
        setattr(group, field, value)
    group.save()
    if skills is not UNCHANGED:
        group.skills.set(skills)
    if "name" in fields:
        chat.update_room(room=group.room, title=group.name)
    _promote_waiting(group)
    record_event(
        actor=actor,
        action="group.updated",
        target=group,
        before={field: str(value) for field, value in before.items()},
        after={field: str(value) for field, value in fields.items()},
    )
    return group


@transaction.atomic
def archive_group(*, actor: User, group: StudyGroup) -> StudyGroup:
    """Its owner or an administrator closes a group to new members and messages; its history
    stays readable by members."""
    _refuse_unless(may_archive(actor, group), _("Only the owner or an administrator may."))
    group = _locked(group)
    _check_open(group)
    group.archived_at = timezone.now()
    group.save(update_fields=["archived_at"])
    chat.update_room(room=group.room, read_only=True)
    record_event(actor=actor, action="group.archived", target=group)
    return group


def _membership_of(group: StudyGroup, user: User) -> Membership | None:
    return (
        Membership.objects.filter(group=group, user=user)
        .select_related("group__room", "user")
        .first()
    )


@transaction.atomic
def join_group(*, user: User, group: StudyGroup) -> Membership:
    """Ask to be in a group. An open group takes the person at once (or waitlists them when
    full); an approval group records the request and tells its moderators; an invite-only group
    admits only those invited.
    """
    group = _locked(group)
    _check_open(group)
    membership = _membership_of(group, user)
    before = membership.status if membership else None
    if membership is not None and membership.status not in OUTSIDE | {MembershipStatus.INVITED}:
        raise ValidationError(
            _("You are already in this group or waiting for it."), code="already_member"
        )
    if membership is None:
        membership = Membership(group=group, user=user, role=MemberRole.MEMBER)
    if before == MembershipStatus.INVITED or group.join_policy == JoinPolicy.OPEN:
        _admit(membership)
    elif group.join_policy == JoinPolicy.APPROVAL:
        _set_status(membership, MembershipStatus.PENDING)
        for moderator in moderators(group):
            notify(user=moderator, kind=JOIN_REQUESTED, actor=user, target=target(group))
    else:
        raise ValidationError(_("This group admits people by invitation only."), code="invite_only")
    _audit(user, JOIN_ACTIONS[MembershipStatus(membership.status)], membership, before)
    return membership


def moderators(group: StudyGroup) -> list[User]:
    return [
        membership.user
        for membership in group.memberships.filter(
            status=MembershipStatus.ACTIVE, role__in=MODERATING_ROLES
        ).select_related("user")
    ]


@transaction.atomic
def leave_group(*, user: User, group: StudyGroup) -> Membership:
    """Leave, withdraw a request, step off the waiting list or decline an invitation. The owner
    hands the group over first. A freed place goes to the first on the waiting list."""
    group = _locked(group)
    membership = _membership_of(group, user)
    if membership is None or membership.status in OUTSIDE:
        raise ValidationError(_("You are not in this group."), code="not_member")
    if membership.role == MemberRole.OWNER and membership.status == MembershipStatus.ACTIVE:
        raise ValidationError(
            _("The owner cannot leave; make another member the owner first."), code="owner_leaving"
        )
    before = membership.status
    membership.role = MemberRole.MEMBER
    _set_status(membership, MembershipStatus.LEFT)
    _audit(user, "left", membership, before)
    if before == MembershipStatus.ACTIVE:
        _promote_waiting(group)
    return membership


@transaction.atomic
def decide_request(*, actor: User, membership: Membership, approve: bool) -> Membership:
    """A moderator's answer to a request to join; the applicant is told either way."""
    _refuse_unless(
        may_moderate(actor, membership.group), _("Only the group's owner and moderators may.")
    )
    group = _locked(membership.group)
    _check_open(group)
    membership.refresh_from_db()
    if membership.status != MembershipStatus.PENDING:
        raise ValidationError(_("This person has not asked to join."), code="not_pending")
    if approve:
        _admit(membership)
        notify(user=membership.user, kind=JOIN_APPROVED, actor=actor, target=target(group))
    else:
        _set_status(membership, MembershipStatus.REJECTED)
        notify(user=membership.user, kind=JOIN_REJECTED, actor=actor, target=target(group))
    _audit(actor, "approved" if approve else "rejected", membership, MembershipStatus.PENDING)
    return membership


@transaction.atomic
def invite(*, actor: User, group: StudyGroup, user: User) -> Membership:
    """The owner or a moderator invites a person; they join by accepting (``join_group``).
    They are told."""
    _refuse_unless(may_moderate(actor, group), _("Only the group's owner and moderators may."))
    group = _locked(group)
    _check_open(group)
    membership = _membership_of(group, user)
    before = membership.status if membership else None
    if membership is not None and membership.status not in OUTSIDE:
        raise field_error(
            "user", _("This person is already in the group or invited."), "already_member"
        )
    if membership is None:
        membership = Membership(group=group, user=user, role=MemberRole.MEMBER)
    membership.invited_by = actor
    _set_status(membership, MembershipStatus.INVITED)
    notify(user=user, kind=INVITED, actor=actor, target=target(group))
    _audit(actor, "invited", membership, before)
    return membership


@transaction.atomic
def remove_member(*, actor: User, membership: Membership) -> Membership:
    """Take someone out of a group: they lose its history and its live messages at once.
    Owners are not removed; a moderator removes members only."""
    _refuse_unless(
        may_moderate(actor, membership.group), _("Only the group's owner and moderators may.")
    )
    group = _locked(membership.group)
    membership.refresh_from_db()
    if membership.role == MemberRole.OWNER:
        raise ValidationError(_("The owner cannot be removed."), code="owner")
    _refuse_unless(may_remove(actor, membership), _("A moderator removes members only."))
    if membership.status in OUTSIDE:
        raise ValidationError(_("This person is not in the group."), code="not_member")
    before = membership.status
    membership.role = MemberRole.MEMBER
    _set_status(membership, MembershipStatus.REMOVED)
    _audit(actor, "removed", membership, before)
    notify(user=membership.user, kind=REMOVED, actor=actor, target=target(group))
    if before == MembershipStatus.ACTIVE:
        _promote_waiting(group)
    return membership


@transaction.atomic
def set_role(*, actor: User, membership: Membership, role: MemberRole) -> Membership:
    """The owner makes an active member a moderator or a member again, or the owner: the
    previous owner becomes a moderator, so that a group always has exactly one owner. The
    room's moderators follow."""
    _refuse_unless(may_give_roles(actor, membership.group), _("Only the group's owner may."))
    group = _locked(membership.group)
    membership.refresh_from_db()
    if membership.status != MembershipStatus.ACTIVE:
        raise field_error("role", _("Only an active member can have a role."), "not_active")
    if membership.role == MemberRole.OWNER:
        raise field_error(
            "role", _("Make another member the owner; the owner's role then changes."), "owner"
        )
    if role == MemberRole.OWNER:
        for previous in group.memberships.filter(role=MemberRole.OWNER).select_related("user"):
            previous.role = MemberRole.MODERATOR
            previous.save(update_fields=["role"])
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    chat.set_moderator(room=group.room, user=membership.user, moderator=role in MODERATING_ROLES)
    record_event(
        actor=actor,
        action="membership.role_changed",
        target=group,
        before={"user": membership.user_id, "role": before},
        after={"user": membership.user_id, "role": role},
    )
    return membership
