from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.request import Request

from apps.accounts.api.users import acting_user
from apps.audit import wording
from apps.audit.api.serializers import AuditEventSerializer
from apps.audit.models import AuditEvent
from apps.audit.selectors import audit_events_visible_to
from apps.audit.services import record_export
from apps.core.api.downloads import CsvExportView, csv_response
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


class AuditEventExportView(CsvExportView[AuditEvent]):
    """The audit trail as the list's filters select it, as CSV in the reader's language (UTF-8
    with a byte-order mark), newest first; the export itself is audited."""

    permission_classes = [IsAdministrator]
    filterset_class = AuditEventFilter

    def get_queryset(self) -> QuerySet[AuditEvent]:
        return audit_events_visible_to(self.request.user)

    @extend_schema(filters=True, responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request: Request) -> HttpResponse:
        events = self.exported_rows()
        people = wording.names_of_people(events)
        record_export(acting_user(request), "audit.exported", len(events), request.query_params)
        return csv_response(
            "talentbridge-audit-trail.csv",
            [
                _("Time"),
                _("Who"),
                _("Who (username)"),
                _("Action"),
                _("Action code"),
                _("Object type"),
                _("Object ID"),
                _("Object"),
                _("Changes"),
                _("Address"),
            ],
            (
                (
                    timezone.localtime(event.created_at).isoformat(timespec="seconds"),
                    people.get(event.actor_id, "") if event.actor_id else _("System"),
                    event.actor_label,
                    wording.action_label(event.action),
                    event.action,
                    wording.object_type_label(event.object_type),
                    event.object_id,
                    event.object_label,
                    wording.changes_text(wording.changes(event, people)),
                    event.source_address or "",
                )
                for event in events
            ),
        )
