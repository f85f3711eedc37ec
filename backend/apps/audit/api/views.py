from django.db.models import QuerySet
from django_filters import rest_framework as filters
from rest_framework import viewsets

from apps.audit.api.serializers import AuditEventSerializer
from apps.audit.models import AuditEvent
from apps.audit.selectors import audit_events_visible_to
from apps.core.permissions import IsAdministrator


class AuditEventFilter(filters.FilterSet):
    actor = filters.NumberFilter(field_name="actor_id", label="Actor's user id")
    action = filters.CharFilter(
        method="filter_action", label="Action, or its prefix ending in a dot (need.)"
    )
    object_type = filters.CharFilter(field_name="object_type", label="e.g. accounts.user")
    object_id = filters.CharFilter(field_name="object_id")
    since = filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    until = filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")

    class Meta:
        model = AuditEvent
        fields = ["object_type", "object_id"]

    def filter_action(
        self, events: QuerySet[AuditEvent], name: str, value: str
    ) -> QuerySet[AuditEvent]:
        if value.endswith("."):
            return events.filter(action__startswith=value)
        return events.filter(action=value)


class AuditEventViewSet(viewsets.ReadOnlyModelViewSet[AuditEvent]):
    """The audit trail, for administrators; newest first."""

    permission_classes = [IsAdministrator]
    serializer_class = AuditEventSerializer
    filterset_class = AuditEventFilter

    def get_queryset(self) -> QuerySet[AuditEvent]:
        return audit_events_visible_to(self.request.user)
