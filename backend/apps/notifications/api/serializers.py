from typing import Any

from rest_framework import serializers

from apps.notifications.models import Notification, NotificationKind
from apps.notifications.services import notification_frame


class GroupReferenceSerializer(serializers.Serializer[dict[str, Any]]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class NotificationSerializer(serializers.Serializer[Notification]):
    """A notification exactly as the socket's ``notification`` frame carries it."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=NotificationKind.choices)
    actor = serializers.CharField(allow_null=True, help_text="Who caused it, by name.")
    group = GroupReferenceSerializer(allow_null=True, help_text="The group concerned.")
    message_id = serializers.IntegerField(allow_null=True)
    excerpt = serializers.CharField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)

    def to_representation(self, instance: Notification) -> dict[str, Any]:
        return notification_frame(instance)


class MarkReadSerializer(serializers.Serializer[dict[str, Any]]):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text="The notifications to mark read; all of them when absent.",
    )


class MarkedSerializer(serializers.Serializer[dict[str, Any]]):
    marked = serializers.IntegerField()
