"""Writing a group's chat. Messages are stored first; the room hears of them after commit."""

import re
import uuid
from collections.abc import Mapping
from datetime import timedelta

from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.audit.services import record_event
from apps.chat.models import MAX_BODY_LENGTH, Message, MessageRevision, Topic
from apps.chat.payloads import message_payload
from apps.core.errors import NotAllowedError, field_error
from apps.groups.models import MemberRole, Membership, MembershipStatus, StudyGroup
from apps.notifications.models import NotificationKind
from apps.notifications.services import notify
from apps.realtime.events import encode, publish_to_room, publish_to_user

EDIT_WINDOW = timedelta(minutes=15)
MENTION = re.compile(r"@([\w.@+-]+)")


def active_membership(user: User, group_id: int) -> Membership:
    """The person's active membership of the group; only members read or write its chat."""
    membership = (
        Membership.objects.filter(user=user, group_id=group_id, status=MembershipStatus.ACTIVE)
        .select_related("group")
        .first()
    )
    if membership is None or not user.is_active:
        raise NotAllowedError(_("You are not a member of this group."), "not_member")
    return membership


def _writable(membership: Membership) -> None:
    if membership.group.is_archived:
        raise NotAllowedError(_("This group is archived: it is read-only."), "archived")


def _clean_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise field_error("body", _("A message cannot be empty."), "blank")
    if len(body) > MAX_BODY_LENGTH:
        raise field_error(
            "body",
            _("A message has at most %(limit)d characters.") % {"limit": MAX_BODY_LENGTH},
            "too_long",
        )
    return body


def new_message_event(message: Message) -> dict[str, object]:
    """What the room hears of a new message: its place in the group's sequence, the
    membership it was written under, and its frame, encoded once."""
    return {
        "kind": "message",
        "id": message.pk,
        "seq": message.seq,
        "membership_version": message.membership_version,
        "text": encode({"type": "message.new", "message": message_payload(message)}),
    }


def change_event(frame: Mapping[str, object], membership_version: int) -> dict[str, object]:
    """What the room hears of a change (an edit, a deletion, a new topic): delivered as it
    comes, to the members of ``membership_version`` or later."""
    return {"kind": "change", "membership_version": membership_version, "text": encode(frame)}


@transaction.atomic
def post_message(
    *,
    author: User,
    group_id: int,
    body: str,
    client_id: uuid.UUID,
    topic_id: int | None = None,
    reply_to_id: int | None = None,
) -> tuple[Message, bool]:
    """Store a message and, after commit, send it to the room. Returns the message and whether
    it is new: sending the same ``client_id`` again returns the first message unchanged.

    Side effects: the mentioned members are notified; the group's activity time moves.
    """
    membership = active_membership(author, group_id)
    _writable(membership)
    existing = Message.objects.filter(author=author, client_id=client_id).first()
    if existing is not None:
        return existing, False
    body = _clean_body(body)
    group = StudyGroup.objects.select_for_update().get(pk=group_id)
    topic = Topic.objects.filter(pk=topic_id, group=group).first() if topic_id else None
    if topic_id and topic is None:
        raise field_error("topic", _("No such topic in this group."), "unknown_topic")
    reply_to = Message.objects.filter(pk=reply_to_id, group=group).first() if reply_to_id else None
    if reply_to_id and reply_to is None:
        raise field_error("reply_to", _("No such message in this group."), "unknown_message")
    group.last_message_seq += 1
    group.last_activity_at = timezone.now()
    group.save(update_fields=["last_message_seq", "last_activity_at"])
    message = Message.objects.create(
        group=group,
        seq=group.last_message_seq,
        author=author,
        body=body,
        topic=topic,
        reply_to=reply_to,
        client_id=client_id,
        membership_version=group.membership_version,
    )
    mentioned = list(
        User.objects.filter(
            username__in=set(MENTION.findall(body)),
            memberships__group=group,
            memberships__status=MembershipStatus.ACTIVE,
            is_active=True,
        ).exclude(pk=author.pk)
    )
    if mentioned:
        message.mentions.add(*mentioned)
    # Read once for the room's frame and for the sender's answer, which both list them.
    prefetch_related_objects([message], Prefetch("mentions", queryset=User.objects.only("id")))
    for person in mentioned:
        notify(
            user=person,
            kind=NotificationKind.MENTION,
            actor=author,
            group=group,
            message_id=message.pk,
            excerpt=body,
        )
    publish_to_room(group.pk, new_message_event(message))
    return message, True


def _own_message(user: User, group_id: int, message_id: int) -> tuple[Membership, Message]:
    membership = active_membership(user, group_id)
    message = Message.objects.filter(pk=message_id, group_id=group_id, deleted_at=None).first()
    if message is None:
        raise field_error("message", _("No such message in this group."), "unknown_message")
    return membership, message


@transaction.atomic
def edit_message(*, user: User, group_id: int, message_id: int, body: str) -> Message:
    """The author changes their message within the edit window; the old text is kept."""
    membership, message = _own_message(user, group_id, message_id)
    _writable(membership)
    if message.author_id != user.pk:
        raise NotAllowedError(_("Only the author can edit a message."), "not_author")
    if timezone.now() - message.created_at > EDIT_WINDOW:
        raise NotAllowedError(
            _("A message can be edited for %(minutes)d minutes.")
            % {"minutes": EDIT_WINDOW.total_seconds() // 60},
            "edit_window",
        )
    body = _clean_body(body)
    if body == message.body:
        return message
    MessageRevision.objects.create(message=message, body=message.body)
    message.body = body
    message.edited_at = timezone.now()
    message.save(update_fields=["body", "edited_at"])
    publish_to_room(
        group_id,
        change_event(
            {"type": "message.edited", "message": message_payload(message)},
            membership.group.membership_version,
        ),
    )
    return message


@transaction.atomic
def delete_message(*, user: User, group_id: int, message_id: int) -> Message:
    """The author, or a moderator or the owner, deletes a message; its text is kept in the
    message's history, and a moderator's deletion is audited."""
    membership, message = _own_message(user, group_id, message_id)
    moderating = membership.role in (MemberRole.OWNER, MemberRole.MODERATOR)
    if message.author_id != user.pk and not moderating:
        raise NotAllowedError(
            _("Only the author or a moderator can delete a message."), "not_author"
        )
    MessageRevision.objects.create(message=message, body=message.body)
    message.body = ""
    message.deleted_at = timezone.now()
    message.save(update_fields=["body", "deleted_at"])
    if message.author_id != user.pk:
        record_event(
            actor=user,
            action="message.deleted_by_moderator",
            target=membership.group,
            after={"message": message.pk, "author": message.author_id},
        )
    publish_to_room(
        group_id,
        change_event(
            {"type": "message.deleted", "message": message_payload(message)},
            membership.group.membership_version,
        ),
    )
    return message


def unread_count(membership: Membership) -> int:
    return (
        Message.objects.filter(
            group_id=membership.group_id, pk__gt=membership.last_read_message_id, deleted_at=None
        )
        .exclude(author_id=membership.user_id)
        .count()
    )


@transaction.atomic
def mark_read(*, user: User, group_id: int, message_id: int) -> Membership:
    """Move the person's read marker forward (never back) and tell their other sockets."""
    membership = active_membership(user, group_id)
    if message_id > membership.last_read_message_id:
        membership.last_read_message_id = message_id
        membership.save(update_fields=["last_read_message_id"])
    frame = {
        "type": "unread",
        "group": group_id,
        "count": unread_count(membership),
        "last_read": membership.last_read_message_id,
    }
    publish_to_user(user.pk, {"kind": "frame", "text": encode(frame)})
    return membership


@transaction.atomic
def create_topic(*, user: User, group_id: int, title: str) -> Topic:
    membership = active_membership(user, group_id)
    _writable(membership)
    title = title.strip()
    if not title:
        raise field_error("title", _("A topic needs a title."), "blank")
    if Topic.objects.filter(group_id=group_id, title=title).exists():
        raise field_error("title", _("This group has a topic of that title."), "unique")
    topic = Topic.objects.create(group_id=group_id, title=title, created_by=user)
    frame = {
        "type": "topic.new",
        "topic": {"id": topic.pk, "group": group_id, "title": topic.title},
    }
    publish_to_room(group_id, change_event(frame, membership.group.membership_version))
    return topic
