"""Writing rooms: who is in them (told by the app that owns each room) and what they say.

Messages are stored first; the room hears of them after commit (``apps.realtime.events``).
"""

import re
import time
import uuid
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.audit.services import record_event
from apps.chat.models import (
    MAX_BODY_LENGTH,
    MAX_TOPIC_TITLE_LENGTH,
    Message,
    MessageRevision,
    Room,
    RoomMember,
    Topic,
)
from apps.chat.payloads import message_payload, topic_payload
from apps.chat.permissions import may_delete, require_member, require_writable
from apps.chat.selectors import room_address, unread_count
from apps.core.changes import UNCHANGED, Keep, given
from apps.core.errors import NotAllowedError, RateLimitedError, field_error
from apps.core.limits import Window, count
from apps.notifications.services import Target, notify, revise_excerpts, withdraw_excerpts
from apps.realtime.events import encode, frame_to_user, publish_to_room, room_left

EDIT_WINDOW = timedelta(minutes=15)
MENTION = re.compile(r"@([\w.@+-]+)")
MENTIONED = "mention"  # the kind of notification a mention raises (registered in apps.py)


# -- rooms and their members, as their owners say ----------------------------------------------


def create_room(*, kind: str, title: str, owner_id: int | None = None, link: str = "") -> Room:
    """A new room of the owner ``kind`` (a study group's room is ``study_group``, its owner id
    the group's); ``title`` and ``link`` name it in notifications and lead to its page."""
    return Room.objects.create(kind=kind, owner_id=owner_id, title=title, link=link)


def update_room(
    *,
    room: Room,
    title: str | Keep = UNCHANGED,
    owner_id: int | Keep = UNCHANGED,
    link: str | Keep = UNCHANGED,
    read_only: bool | Keep = UNCHANGED,
) -> Room:
    """Rename the room, give it its owner and page, or make it read-only (its owner was
    archived) or writable again."""
    for field, value in given(title=title, owner_id=owner_id, link=link).items():
        setattr(room, field, value)
    if read_only is not UNCHANGED:
        room.read_only_since = (room.read_only_since or timezone.now()) if read_only else None
    room.save(update_fields=["title", "owner_id", "link", "read_only_since"])
    return room


def _locked(room_id: int) -> Room:
    """The room's row, locked until the transaction ends: its messages and its membership
    changes are written one after the other."""
    return Room.objects.select_for_update().get(pk=room_id)


def _entered(user: User, room_id: int) -> RoomMember:
    """The person's place in the room, read once the room's row is locked (always the room
    first, then its members, as every writer of the room does): a removal, an archiving or
    another message of the room is written wholly before or wholly after."""
    Room.objects.select_for_update().filter(pk=room_id).values_list("pk", flat=True).first()
    return require_member(user, room_id)


def _membership_changed(room_id: int) -> None:
    Room.objects.filter(pk=room_id).update(membership_version=F("membership_version") + 1)


@transaction.atomic
def add_member(*, room: Room, user: User, moderator: bool = False) -> RoomMember:
    """Make ``user`` an active member (again: a returning member keeps their read marker).

    Side effect: the room's membership version grows when someone new may read it.
    """
    _locked(room.pk)
    member, created = RoomMember.objects.get_or_create(
        room=room, user=user, defaults={"is_moderator": moderator}
    )
    if created or not member.is_active or member.is_moderator != moderator:
        was_active = not created and member.is_active
        member.is_active, member.is_moderator = True, moderator
        member.save(update_fields=["is_active", "is_moderator"])
        if not was_active:
            _membership_changed(room.pk)
    return member


@transaction.atomic
def remove_member(*, room: Room, user: User) -> None:
    """``user`` no longer reads or writes the room: their open sockets lose it at once and no
    message written after this reaches them. Side effect: the membership version grows."""
    _locked(room.pk)
    removed = RoomMember.objects.filter(room=room, user=user, is_active=True).update(
        is_active=False, is_moderator=False
    )
    if removed:
        _membership_changed(room.pk)
        room_left(user.pk, room.pk)
        withdraw_excerpts(
            user=user,
            kind=MENTIONED,
            target=Target(kind=room.kind, id=room.owner_id, label=room.title, link=room.link),
        )


def set_moderator(*, room: Room, user: User, moderator: bool) -> None:
    """Let an active member delete others' messages, or no longer."""
    RoomMember.objects.filter(room=room, user=user, is_active=True).update(is_moderator=moderator)


# -- messages ----------------------------------------------------------------------------------


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


def _check_rate(user_id: int) -> None:
    """At most ``CHAT_MESSAGES_PER_MINUTE`` new messages a minute per person, counted in the
    cache (Redis when configured: one counter for every process, over REST and the socket)."""
    window = Window(settings.CHAT_MESSAGES_PER_MINUTE, 60)
    if count(f"chat:{user_id}", window) > window.limit:
        raise RateLimitedError(
            _("At most %(limit)d messages a minute; wait a little.") % {"limit": window.limit},
            retry_after=window.retry_after(time.time()),
        )


def new_message_event(message: Message) -> dict[str, object]:
    """What the room hears of a new message: its place in the room's sequence, the
    membership it was written under, and its frame, encoded once."""
    return {
        "kind": "message",
        "id": message.pk,
        "seq": message.seq,
        "membership_version": message.membership_version,
        "text": encode({"type": "message.new", "message": message_payload(message)}),
    }


def change_event(frame: Mapping[str, Any], membership_version: int) -> dict[str, object]:
    """What the room hears of a change (an edit, a deletion, a new topic): delivered as it
    comes, to the members of ``membership_version`` or later."""
    return {"kind": "change", "membership_version": membership_version, "text": encode(frame)}


@transaction.atomic
def post_message(
    *,
    author: User,
    room_id: int,
    body: str,
    client_id: uuid.UUID,
    topic_id: int | None = None,
    reply_to_id: int | None = None,
) -> tuple[Message, bool]:
    """Store a message and, after commit, send it to the room. Returns the message and whether
    it is new: sending the same ``client_id`` to the room again returns the first message
    unchanged (the room's lock makes two sends at once one).

    Refused to non-members, in a read-only room, and over the rate (``RateLimitedError``).
    Side effects: the mentioned members are notified; the room's activity time moves.
    """
    member = _entered(author, room_id)
    room = member.room
    require_writable(room)
    existing = Message.objects.filter(author=author, room=room, client_id=client_id).first()
    if existing is not None:
        return existing, False
    body = _clean_body(body)
    _check_rate(author.pk)
    topic = Topic.objects.filter(pk=topic_id, room=room).first() if topic_id else None
    if topic_id and topic is None:
        raise field_error("topic", _("No such topic in this room."), "unknown_topic")
    reply_to = Message.objects.filter(pk=reply_to_id, room=room).first() if reply_to_id else None
    if reply_to_id and reply_to is None:
        raise field_error("reply_to", _("No such message in this room."), "unknown_message")
    room.last_message_seq += 1
    room.last_activity_at = timezone.now()
    room.save(update_fields=["last_message_seq", "last_activity_at"])
    message = Message.objects.create(
        room=room,
        seq=room.last_message_seq,
        author=author,
        body=body,
        topic=topic,
        reply_to=reply_to,
        client_id=client_id,
        membership_version=room.membership_version,
    )
    mentioned = list(
        User.objects.filter(
            username__in=set(MENTION.findall(body)),
            room_memberships__room=room,
            room_memberships__is_active=True,
            is_active=True,
        ).exclude(pk=author.pk)
    )
    if mentioned:
        message.mentions.add(*mentioned)
    # Read once for the room's frame and for the sender's answer, which both list them.
    prefetch_related_objects([message], Prefetch("mentions", queryset=User.objects.only("id")))
    target = Target(
        kind=room.kind, id=room.owner_id, label=room.title, link=_message_link(room, message.pk)
    )
    for person in mentioned:
        notify(user=person, kind=MENTIONED, actor=author, target=target, excerpt=body)
    publish_to_room(room.pk, new_message_event(message))
    return message, True


def _message_link(room: Room, message_id: int) -> str:
    """The page of a message: its room's page, at the message."""
    return f"{room.link}#message-{message_id}"


def _live_message(room_id: int, message_id: int) -> Message:
    message = (
        Message.objects.filter(pk=message_id, room_id=room_id, deleted_at=None)
        .select_related("room", "author", "topic")
        .first()
    )
    if message is None:
        raise field_error("message", _("No such message in this room."), "unknown_message")
    return message


@transaction.atomic
def edit_message(*, user: User, room_id: int, message_id: int, body: str) -> Message:
    """The author changes their message within the edit window; the old text is kept."""
    member = _entered(user, room_id)
    message = _live_message(room_id, message_id)
    require_writable(member.room)
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
    revise_excerpts(kind=MENTIONED, link=_message_link(member.room, message.pk), excerpt=body)
    publish_to_room(
        room_id,
        change_event(
            {"type": "message.edited", "message": message_payload(message)},
            member.room.membership_version,
        ),
    )
    return message


@transaction.atomic
def delete_message(*, user: User, room_id: int, message_id: int) -> Message:
    """The author, or a moderator of the room, deletes a message; its text is kept in the
    message's history, and a moderator's deletion is audited."""
    member = _entered(user, room_id)
    message = _live_message(room_id, message_id)
    if not may_delete(member, message):
        raise NotAllowedError(
            _("Only the author or a moderator can delete a message."), "not_author"
        )
    MessageRevision.objects.create(message=message, body=message.body)
    message.body = ""
    message.deleted_at = timezone.now()
    message.save(update_fields=["body", "deleted_at"])
    revise_excerpts(kind=MENTIONED, link=_message_link(member.room, message.pk), excerpt="")
    if message.author_id != user.pk:
        record_event(
            actor=user,
            action="message.deleted_by_moderator",
            target=member.room,
            after={"message": message.pk, "author": message.author_id},
        )
    publish_to_room(
        room_id,
        change_event(
            {"type": "message.deleted", "message": message_payload(message)},
            member.room.membership_version,
        ),
    )
    return message


@transaction.atomic
def mark_read(*, user: User, room_id: int, message_id: int) -> RoomMember:
    """Everything up to ``message_id`` is read: the marker moves to the room's last message at
    or before it (never back, never past the room's messages) and the person's other sockets
    are told."""
    member = require_member(user, room_id)
    read_up_to = Message.objects.filter(room_id=room_id, pk__lte=message_id).aggregate(
        last=Max("pk")
    )["last"]
    if read_up_to is not None:
        # One statement, so that two tabs marking at once can only move it forward.
        RoomMember.objects.filter(pk=member.pk, last_read_message_id__lt=read_up_to).update(
            last_read_message_id=read_up_to
        )
        member.refresh_from_db(fields=["last_read_message_id"])
    frame_to_user(
        user.pk,
        {
            "type": "unread",
            **room_address(member.room),
            "count": unread_count(member),
            "last_read": member.last_read_message_id,
        },
    )
    return member


@transaction.atomic
def create_topic(*, user: User, room_id: int, title: str) -> Topic:
    """A new sub-thread; every member subscribed hears of it at once."""
    member = _entered(user, room_id)
    require_writable(member.room)
    title = title.strip()
    if not title:
        raise field_error("title", _("A topic needs a title."), "blank")
    if Topic.objects.filter(room_id=room_id, title=title).exists():
        raise field_error("title", _("This room has a topic of that title."), "unique")
    topic = Topic.objects.create(room=member.room, title=title, created_by=user)
    publish_to_room(
        room_id,
        change_event(
            {"type": "topic.new", "topic": topic_payload(topic)}, member.room.membership_version
        ),
    )
    return topic


@transaction.atomic
def add_topic(*, room: Room, title: str, created_by: User | None = None) -> Topic:
    """A topic its owner gives the room (each session of an exchange week has one), whoever is
    a member: the title, or with " (2)", " (3)", … after it when the room has one of that title.
    Every member subscribed hears of it at once."""
    room = _locked(room.pk)
    taken = set(Topic.objects.filter(room=room).values_list("title", flat=True))
    unique, n = title, 1
    while unique in taken:
        n += 1
        suffix = f" ({n})"
        unique = title[: MAX_TOPIC_TITLE_LENGTH - len(suffix)] + suffix
    topic = Topic.objects.create(room=room, title=unique, created_by=created_by)
    publish_to_room(
        room.pk,
        change_event({"type": "topic.new", "topic": topic_payload(topic)}, room.membership_version),
    )
    return topic
