from typing import Any

from rest_framework import serializers

from apps.notifications.kinds import KINDS
from apps.notifications.models import Notification
from apps.notifications.services import notification_payload


class TargetSerializer(serializers.Serializer[dict[str, Any]]):
    kind = serializers.CharField(help_text="What it is about, e.g. study_group.")
    id = serializers.IntegerField(allow_null=True)
    # A declared field shadows the serializer's own ``label`` only in the class body: DRF's
    # metaclass moves it into the fields.
    label = serializers.CharField(  # type: ignore[assignment]
        help_text="Its name when the notification was made."
    )
    link = serializers.CharField(help_text="The page of the web app it leads to.")


class NotificationSerializer(serializers.Serializer[Notification]):
    """A notification exactly as the socket's ``notification`` frame carries it."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=KINDS)
    actor = serializers.CharField(allow_null=True, help_text="Who caused it, by name.")
    target = TargetSerializer(allow_null=True, help_text="What it is about.")
    excerpt = serializers.CharField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)

    def to_representation(self, instance: Notification) -> dict[str, Any]:
        return dict(notification_payload(instance))


class MarkReadSerializer(serializers.Serializer[dict[str, Any]]):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        required=False,
        help_text="The notifications to mark read; all of them when absent.",
    )


class MarkedSerializer(serializers.Serializer[dict[str, Any]]):
    marked = serializers.IntegerField()
