from typing import Any

from rest_framework import serializers

from apps.accounts.models import User
from apps.chat.models import MAX_BODY_LENGTH, Message, MessageRevision, RoomMember, Topic
from apps.chat.payloads import message_payload
from apps.chat.selectors import unread_count
from apps.core.ids import MAX_ID


class AuthorSerializer(serializers.Serializer[dict[str, Any]]):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()


class MessageSerializer(serializers.Serializer[Message]):
    """A message exactly as the socket's ``message.new`` frame carries it."""

    id = serializers.IntegerField()
    room = serializers.IntegerField()
    group = serializers.IntegerField(
        required=False,
        help_text="A study group's room only: the group (kept for the socket protocol's first "
        "version; see docs/realtime.md).",
    )
    seq = serializers.IntegerField(help_text="1, 2, 3… within the room, without gaps.")
    topic = serializers.IntegerField(allow_null=True)
    reply_to = serializers.IntegerField(allow_null=True)
    author = AuthorSerializer(allow_null=True)
    body = serializers.CharField(help_text="Empty when deleted.")
    mentions = serializers.ListField(child=serializers.IntegerField())
    client_id = serializers.UUIDField()
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)
    deleted = serializers.BooleanField()

    def to_representation(self, instance: Message) -> dict[str, Any]:
        return dict(message_payload(instance))


class MessagePageSerializer(serializers.Serializer[dict[str, Any]]):
    results = MessageSerializer(many=True, help_text="Oldest first.")
    has_more = serializers.BooleanField(
        help_text="More in the direction asked: older ones for before, newer for after."
    )


class MessageInputSerializer(serializers.Serializer[Message]):
    body = serializers.CharField(max_length=MAX_BODY_LENGTH, trim_whitespace=False)
    client_id = serializers.UUIDField(
        help_text="Chosen by the client; sending it again sends nothing new."
    )
    topic = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=MAX_ID)
    reply_to = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_ID
    )


class MessageEditSerializer(serializers.Serializer[Message]):
    body = serializers.CharField(max_length=MAX_BODY_LENGTH, trim_whitespace=False)


class MessageRevisionSerializer(serializers.ModelSerializer[MessageRevision]):
    """One earlier text of a message: what it said until an edit replaced it."""

    class Meta:
        model = MessageRevision
        fields = ["body", "replaced_at"]
        read_only_fields = fields
        extra_kwargs = {
            "body": {"help_text": "What the message said until then."},
            "replaced_at": {"help_text": "When an edit replaced this text."},
        }


class HistoryQuerySerializer(serializers.Serializer[dict[str, Any]]):
    after = serializers.IntegerField(
        required=False, min_value=0, max_value=MAX_ID, help_text="Messages after this id."
    )
    before = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Messages before this id."
    )
    limit = serializers.IntegerField(required=False, min_value=1, max_value=200, default=50)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "after" in attrs and "before" in attrs:
            raise serializers.ValidationError(
                "Give 'after' or 'before', not both.", code="both_cursors"
            )
        return attrs


class SearchQuerySerializer(serializers.Serializer[dict[str, Any]]):
    q = serializers.CharField(min_length=1, max_length=200)


class ReadMarkerSerializer(serializers.Serializer[dict[str, Any]]):
    message = serializers.IntegerField(min_value=0, max_value=MAX_ID)


class UnreadSerializer(serializers.Serializer[dict[str, Any]]):
    unread = serializers.IntegerField()
    last_read = serializers.IntegerField()


class TopicSerializer(serializers.ModelSerializer[Topic]):
    class Meta:
        model = Topic
        fields = ["id", "title", "created_at"]
        read_only_fields = ["id", "created_at"]


class RoomSerializer(serializers.Serializer[RoomMember]):
    """A room as one of its members sees it."""

    id = serializers.IntegerField(source="room.pk")
    kind = serializers.CharField(source="room.kind", help_text="What owns it, e.g. study_group.")
    title = serializers.CharField(source="room.title")
    link = serializers.CharField(source="room.link", help_text="The owner's page in the web app.")
    archived = serializers.BooleanField(
        source="room.is_read_only", help_text="Read-only: members read, nobody writes."
    )
    is_moderator = serializers.BooleanField(help_text="The reader deletes others' messages.")
    last_read_message_id = serializers.IntegerField(help_text="Messages up to this id are read.")
    unread_count = serializers.SerializerMethodField()

    def get_unread_count(self, member: RoomMember) -> int:
        return unread_count(member)


class RoomMemberSerializer(serializers.Serializer[User]):
    """A member of a room, as mentions and presence name them."""

    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()


class RoomMembersQuerySerializer(serializers.Serializer[dict[str, Any]]):
    q = serializers.CharField(
        required=False, max_length=100, help_text="Part of a name or username."
    )
