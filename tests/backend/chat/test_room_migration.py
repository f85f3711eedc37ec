"""The migration that moved each study group's chat into a room of its own (chat 0004–0005,
groups 0002–0004, notifications 0002) loses nothing.

The demo city is seeded, with extra messages that exercise every column (edits, deletions,
replies, topics, mentions, read markers, a member who left, an archived group); the database is
taken back to the schema before rooms and photographed there; then it is migrated forward again
and each message, topic, mention, revision, read marker and notification is compared with the
photograph. Runs on SQLite here and on PostgreSQL in CI's second run.
"""

import uuid
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from apps.chat import services as chat
from apps.chat.models import Room
from apps.events.models import ExchangeWeek
from apps.groups import services as groups
from apps.groups.models import Membership, StudyGroup
from apps.notifications.models import Notification
from apps.skills.models import Skill

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_ROOMS = [
    ("chat", "0003_search_index"),
    ("groups", "0001_initial"),
    ("notifications", "0001_initial"),
]


def migrate(targets: list[tuple[str, str]]) -> Any:
    """Bring the database to ``targets``; the models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def latest() -> list[tuple[str, str]]:
    leaves: list[tuple[str, str]] = MigrationExecutor(connection).loader.graph.leaf_nodes()
    return leaves


def add_conversation() -> None:
    """Two more messages from every member of every group, and what the demo does not show:
    edits, deletions, replies in topics, a member who left with a read marker, an archived
    group."""
    for membership in Membership.objects.filter(status="active").select_related("group", "user"):
        for number in (1, 2):
            chat.post_message(
                author=membership.user,
                room_id=membership.group.room_id,
                body=f"{membership.user.display_name} 的第 {number} 条",
                client_id=uuid.uuid4(),
            )
    group = StudyGroup.objects.select_related("room").order_by("id").first()
    assert group is not None
    owner = group.memberships.get(role="owner").user
    member = group.memberships.filter(status="active", role="member").select_related("user")[0].user
    topic = chat.create_topic(user=owner, room_id=group.room_id, title="迁移测试")
    first, _ = chat.post_message(
        author=owner,
        room_id=group.room_id,
        body=f"@{member.username} 看一下",
        client_id=uuid.uuid4(),
        topic_id=topic.pk,
    )
    reply, _ = chat.post_message(
        author=member,
        room_id=group.room_id,
        body="好的",
        client_id=uuid.uuid4(),
        reply_to_id=first.pk,
    )
    chat.edit_message(user=member, room_id=group.room_id, message_id=reply.pk, body="好的，明天")
    chat.delete_message(user=owner, room_id=group.room_id, message_id=reply.pk)
    chat.mark_read(user=member, room_id=group.room_id, message_id=first.pk)
    groups.leave_group(user=member, group=group)
    archived = groups.create_group(
        actor=owner, name="已归档小组", skills=list(Skill.objects.all()[:1])
    )
    chat.post_message(
        author=owner, room_id=archived.room_id, body="最后一条", client_id=uuid.uuid4()
    )
    groups.archive_group(actor=owner, group=archived)


def without_what_came_after_rooms() -> None:
    """The schema before rooms knew only study groups' chat and notifications about study
    groups: the demo's exchange week (its conversation, its sessions' topics) and its
    notifications about other things (secondments) have no past to go back to."""
    Notification.objects.exclude(target_kind="study_group").delete()
    ExchangeWeek.objects.all().delete()
    Room.objects.exclude(kind="study_group").delete()


def messages_by_id(message_model: Any, place: str) -> dict[int, tuple[Any, ...]]:
    """Everything a message holds, by id; ``place`` names where it lives (its group, its room)."""
    return {
        message.pk: (
            getattr(message, place),
            message.seq,
            message.author_id,
            message.body,
            message.topic_id,
            message.reply_to_id,
            message.client_id,
            message.membership_version,
            message.created_at,
            message.edited_at,
            message.deleted_at,
            frozenset(message.mentions.values_list("pk", flat=True)),
            tuple(message.revisions.order_by("id").values_list("body", flat=True)),
        )
        for message in message_model.objects.all()
    }


def photograph_before(apps: Any) -> dict[str, Any]:
    """The chat as the schema before rooms kept it, by group."""
    Message = apps.get_model("chat", "Message")
    return {
        "groups": {
            group.pk: (
                group.last_message_seq,
                group.membership_version,
                group.last_activity_at,
                group.archived_at,
                group.name,
            )
            for group in apps.get_model("groups", "StudyGroup").objects.all()
        },
        "messages": messages_by_id(Message, "group_id"),
        "topics": {
            topic.pk: (topic.group_id, topic.title)
            for topic in apps.get_model("chat", "Topic").objects.all()
        },
        "memberships": {
            (membership.group_id, membership.user_id): (
                membership.status,
                membership.role,
                membership.joined_at is not None,
                membership.last_read_message_id,
            )
            for membership in apps.get_model("groups", "Membership").objects.all()
        },
        "notifications": {
            notification.pk: (notification.kind, notification.group_id, notification.message_id)
            for notification in apps.get_model("notifications", "Notification").objects.all()
        },
    }


def test_every_message_and_marker_moves_into_the_rooms(db) -> None:
    call_command("seed_demo", verbosity=0)
    add_conversation()
    without_what_came_after_rooms()
    message_count = connection.cursor().execute("SELECT COUNT(*) FROM chat_message").fetchone()[0]

    before = photograph_before(migrate(BEFORE_ROOMS))
    apps = migrate(latest())

    assert len(before["messages"]) == message_count >= 60
    Room = apps.get_model("chat", "Room")
    room_of = dict(apps.get_model("groups", "StudyGroup").objects.values_list("pk", "room_id"))
    assert {room_of[group_id]: state for group_id, state in before["groups"].items()} == {
        room.pk: (
            room.last_message_seq,
            room.membership_version,
            room.last_activity_at,
            room.read_only_since,
            room.title,
        )
        for room in Room.objects.all()
    }
    assert all(
        (room.kind, room.link) == ("study_group", f"/groups/{room.owner_id}")
        and room_of[room.owner_id] == room.pk
        for room in Room.objects.all()
    )
    assert messages_by_id(apps.get_model("chat", "Message"), "room_id") == {
        pk: (room_of[group_id], *rest) for pk, (group_id, *rest) in before["messages"].items()
    }
    assert {
        topic.pk: (topic.room_id, topic.title)
        for topic in apps.get_model("chat", "Topic").objects.all()
    } == {pk: (room_of[group_id], title) for pk, (group_id, title) in before["topics"].items()}
    members = {
        (member.room_id, member.user_id): (
            member.is_active,
            member.is_moderator,
            member.last_read_message_id,
        )
        for member in apps.get_model("chat", "RoomMember").objects.all()
    }
    assert members == {
        (room_of[group_id], user_id): (
            status == "active",
            status == "active" and role in ("owner", "moderator"),
            last_read,
        )
        for (group_id, user_id), (status, role, joined, last_read) in before["memberships"].items()
        if joined
    }
    assert any(not active and last_read for active, _moderator, last_read in members.values())
    notifications = {
        notification.pk: (
            notification.kind,
            notification.target_kind,
            notification.target_id,
            notification.target_link,
        )
        for notification in apps.get_model("notifications", "Notification").objects.all()
    }
    assert notifications == {
        pk: (
            kind,
            "study_group",
            group_id,
            f"/groups/{group_id}" + (f"#message-{message_id}" if message_id else ""),
        )
        for pk, (kind, group_id, message_id) in before["notifications"].items()
    }
    assert {kind for kind, *_rest in notifications.values()} >= {"mention", "invited"}


def test_the_rooms_serve_the_chat_after_the_round_trip(db, client_for) -> None:
    call_command("seed_demo", verbosity=0)
    group = StudyGroup.objects.order_by("id").first()
    assert group is not None
    member = Membership.objects.filter(group=group, status="active").first()
    assert member is not None
    history = client_for(member.user).get(f"/api/v1/rooms/{group.room_id}/messages/").json()
    without_what_came_after_rooms()

    migrate(BEFORE_ROOMS)
    migrate(latest())

    group.refresh_from_db()  # going back and forth made the group a new room
    again = client_for(member.user).get(f"/api/v1/rooms/{group.room_id}/messages/").json()
    assert [{**message, "room": None} for message in again["results"]] == [
        {**message, "room": None} for message in history["results"]
    ]
    assert len(history["results"]) >= 3
