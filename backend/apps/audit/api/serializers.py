from typing import Any, cast

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.audit import wording
from apps.audit.models import AuditEvent


class ChangeSerializer(serializers.Serializer[dict[str, str]]):
    key = serializers.CharField(help_text="The key the trail keeps.")
    field = serializers.CharField(help_text="The field in the reader's language.")
    before = serializers.CharField(help_text="In words; empty when the event has no before.")
    after = serializers.CharField(help_text="In words; empty when the event has no after.")


class AuditEventListSerializer(serializers.ListSerializer[AuditEvent]):
    """Names everyone the listed events name in one query, not one per event."""

    def to_representation(self, data: Any) -> list[Any]:
        events = list(data.all() if isinstance(data, QuerySet) else data)
        cast(AuditEventSerializer, self.child).people_named = wording.names_of_people(events)
        return super().to_representation(events)


class AuditEventSerializer(serializers.ModelSerializer[AuditEvent]):
    """An event as the trail keeps it (codes, ids, raw before and after) and in words."""

    actor_name = serializers.SerializerMethodField(
        help_text="The actor's display name now; null for the system or an account gone."
    )
    action_label = serializers.SerializerMethodField(help_text="The action in words.")
    object_type_label = serializers.SerializerMethodField(help_text="The kind of object in words.")
    changes = serializers.SerializerMethodField()

    class Meta:
        model = AuditEvent
        list_serializer_class = AuditEventListSerializer
        fields = [
            "id",
            "created_at",
            "actor",
            "actor_label",
            "actor_name",
            "action",
            "action_label",
            "object_type",
            "object_type_label",
            "object_id",
            "object_label",
            "before",
            "after",
            "changes",
            "source_address",
        ]
        read_only_fields = fields

    #: The names of the people the events being shown name (a list sets it for all of them).
    people_named: dict[int, str] | None = None

    def people(self, event: AuditEvent) -> dict[int, str]:
        if self.people_named is None:
            return wording.names_of_people([event])
        return self.people_named

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor_name(self, event: AuditEvent) -> str | None:
        return self.people(event).get(event.actor_id) if event.actor_id else None

    def get_action_label(self, event: AuditEvent) -> str:
        return wording.action_label(event.action)

    def get_object_type_label(self, event: AuditEvent) -> str:
        return wording.object_type_label(event.object_type)

    @extend_schema_field(ChangeSerializer(many=True))
    def get_changes(self, event: AuditEvent) -> list[dict[str, str]]:
        return wording.changes(event, self.people(event))
