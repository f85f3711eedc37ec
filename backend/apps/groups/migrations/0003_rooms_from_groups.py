"""Each study group's chat moves into a room of its own, keeping every message, id, sequence
number, topic, mention, revision and read marker.

Rooms take over the group's sequence, membership version, last activity and archived state;
everyone who was ever an active member (``joined_at`` set) becomes a room member, active if they
are one now, a moderator if they own or moderate the group, with their read marker. Messages and
topics keep their ids and point at the room; mentions and revisions hang off the messages and do
not move. Reversible: going back copies the room's state into the group again.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

KIND = "study_group"
MODERATING_ROLES = ("owner", "moderator")


def rooms_from_groups(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    StudyGroup = apps.get_model("groups", "StudyGroup")
    Membership = apps.get_model("groups", "Membership")
    Room = apps.get_model("chat", "Room")
    RoomMember = apps.get_model("chat", "RoomMember")
    Message = apps.get_model("chat", "Message")
    Topic = apps.get_model("chat", "Topic")
    for group in StudyGroup.objects.order_by("id").iterator():
        room = Room.objects.create(
            kind=KIND,
            owner_id=group.pk,
            title=group.name,
            link=f"/groups/{group.pk}",
            read_only_since=group.archived_at,
            last_message_seq=group.last_message_seq,
            membership_version=group.membership_version,
        )
        # auto_now_add ignores the values given to create(): set the group's times after.
        Room.objects.filter(pk=room.pk).update(
            created_at=group.created_at, last_activity_at=group.last_activity_at
        )
        StudyGroup.objects.filter(pk=group.pk).update(room=room)
        RoomMember.objects.bulk_create(
            RoomMember(
                room=room,
                user_id=membership.user_id,
                is_active=membership.status == "active",
                is_moderator=membership.status == "active"
                and membership.role in MODERATING_ROLES,
                last_read_message_id=membership.last_read_message_id,
            )
            for membership in Membership.objects.filter(group=group, joined_at__isnull=False)
        )
        for membership in Membership.objects.filter(group=group, joined_at__isnull=False):
            RoomMember.objects.filter(room=room, user_id=membership.user_id).update(
                joined_at=membership.joined_at
            )
        Message.objects.filter(group=group).update(room=room)
        Topic.objects.filter(group=group).update(room=room)


def groups_from_rooms(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    StudyGroup = apps.get_model("groups", "StudyGroup")
    Membership = apps.get_model("groups", "Membership")
    RoomMember = apps.get_model("chat", "RoomMember")
    Message = apps.get_model("chat", "Message")
    Topic = apps.get_model("chat", "Topic")
    for group in StudyGroup.objects.exclude(room=None).select_related("room").iterator():
        room = group.room
        StudyGroup.objects.filter(pk=group.pk).update(
            last_message_seq=room.last_message_seq,
            membership_version=room.membership_version,
            last_activity_at=room.last_activity_at,
            room=None,
        )
        for member in RoomMember.objects.filter(room=room):
            Membership.objects.filter(group=group, user_id=member.user_id).update(
                last_read_message_id=member.last_read_message_id
            )
        Message.objects.filter(room=room).update(room=None)
        Topic.objects.filter(room=room).update(room=None)
        room.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0002_studygroup_room"),
        ("chat", "0004_rooms"),
    ]

    operations = [migrations.RunPython(rooms_from_groups, groups_from_rooms)]
