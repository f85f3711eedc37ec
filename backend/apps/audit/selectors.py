from typing import Any

from django.db.models import QuerySet

from apps.audit.models import AuditEvent
from apps.core.roles import is_admin


def audit_events_visible_to(user: Any) -> QuerySet[AuditEvent]:
    """Administrators read the whole trail; nobody else reads any of it."""
    if not is_admin(user):
        return AuditEvent.objects.none()
    return AuditEvent.objects.all()
