"""Reading rooms: their members, messages, topics and what a person has not read yet."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import BaseExpression
from django.db.models.functions import Coalesce

from apps.accounts.models import User
from apps.chat.enums import STUDY_GROUP_KIND
from apps.chat.models import Message, MessageRevision, Room, RoomMember, Topic
from apps.core.frames import RoomAddress


def room_address(room: Room) -> RoomAddress:
    """How frames name a room: ``{"room": id}``, with ``"group"`` for a study group's room while
    clients of the protocol's first version may still address rooms by group."""
    if room.kind == STUDY_GROUP_KIND and room.owner_id is not None:
        return {"room": room.pk, "group": room.owner_id}
    return {"room": room.pk}


def room_of_study_group(group_id: int) -> int | None:
    """The room of a study group, for frames that still name it by ``group``."""
    return (
        Room.objects.filter(kind=STUDY_GROUP_KIND, owner_id=group_id)
        .values_list("pk", flat=True)
        .first()
    )


def active_members() -> QuerySet[RoomMember]:
    """Who may read and write rooms: their active members whose accounts are open."""
    return RoomMember.objects.filter(is_active=True, user__is_active=True)


def member_of(user: User, room_id: int) -> RoomMember | None:
    """The person's active place in the room, if they have one (with the room)."""
    return active_members().filter(user=user, room_id=room_id).select_related("room").first()


def members_of(room_id: int, *, q: str = "") -> QuerySet[User]:
    """The room's active members, by name; ``q`` finds them by name or username."""
    people = User.objects.filter(
        room_memberships__room_id=room_id, room_memberships__is_active=True, is_active=True
    )
    if q:
        people = people.filter(Q(display_name__icontains=q) | Q(username__icontains=q))
    return people.only("id", "username", "display_name").order_by("display_name", "id")


def active_member_ids(room_id: int) -> set[int]:
    """Who reads the room now: its active members whose accounts are open."""
    return set(active_members().filter(room_id=room_id).values_list("user_id", flat=True))


def messages_of(room_id: int) -> QuerySet[Message]:
    return (
        Message.objects.filter(room_id=room_id)
        .select_related("author", "topic", "room")
        .prefetch_related(Prefetch("mentions", queryset=User.objects.only("id")))
    )


def messages_between_seqs(room_id: int, first: int, last: int) -> list[Message]:
    """The room's messages numbered ``first`` to ``last``, in order (to fill a gap)."""
    return list(messages_of(room_id).filter(seq__gte=first, seq__lte=last).order_by("seq"))


def message_in(room_id: int, message_id: int) -> Message | None:
    """The room's message ``message_id``, deleted or not; ``None`` when the room has no such
    message. Only what tells whether it is deleted is read."""
    return Message.objects.filter(room_id=room_id, pk=message_id).only("pk", "deleted_at").first()


def revisions_of(message_id: int) -> QuerySet[MessageRevision]:
    """What a live message said before each edit, oldest first (its current text is its own).

    A deletion keeps the deleted text as a revision too, for the record: a deleted message has
    no history to show, so this is empty for one.
    """
    return MessageRevision.objects.filter(message_id=message_id, message__deleted_at=None).order_by(
        "id"
    )


def search_messages(room_id: int, text: str) -> QuerySet[Message]:
    """Messages of the room that match ``text``, best first.

    On PostgreSQL, full-text search (the ``simple`` configuration: words as written, any
    language) ranks the matches; since Chinese has no spaces between words, a plain substring
    match joins it. Elsewhere (SQLite), the substring match alone, newest first.
    """
    messages = messages_of(room_id).filter(deleted_at=None)
    if connection.vendor == "postgresql":
        vector = SearchVector("body", config="simple")
        query = SearchQuery(text, config="simple", search_type="websearch")
        return (
            messages.annotate(rank=SearchRank(vector, query))
            .filter(Q(rank__gt=0) | Q(body__icontains=text))
            .order_by("-rank", "-id")
        )
    return messages.filter(body__icontains=text).order_by("-id")


def topics_of(room_id: int) -> QuerySet[Topic]:
    return Topic.objects.filter(room_id=room_id)


# -- unread messages: one definition, counted for one member or annotated on many rooms ----------


def _unread(room: int | OuterRef, user: int | OuterRef, last_read: int | BaseExpression) -> Q:
    """Messages a person has not read: after their read marker, not deleted, not their own."""
    return Q(room=room, pk__gt=last_read, deleted_at=None) & ~Q(author=user)


def unread_count(member: RoomMember) -> int:
    """How many messages of the room the member has not read."""
    return Message.objects.filter(
        _unread(member.room_id, member.user_id, member.last_read_message_id)
    ).count()


def last_read_of(user: User, room: OuterRef) -> Subquery:
    """An annotation: the id of the last message of the room ``room`` refers to that ``user``
    has read (``None`` where they are no active member)."""
    return Subquery(
        RoomMember.objects.filter(room=room, user=user, is_active=True).values(
            "last_read_message_id"
        )[:1]
    )


def unread_count_of(user: User, room: OuterRef) -> Coalesce:
    """An annotation: how many messages of the room ``room`` refers to ``user`` has not read
    (``0`` where they are no active member)."""
    count = (
        Message.objects.filter(_unread(room, user.pk, last_read_of(user, room)))
        .order_by()
        .values("room")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(count, output_field=IntegerField()), Value(0))
