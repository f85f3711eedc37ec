from typing import Any

from django.db.models import QuerySet

from apps.accounts.permissions import is_admin
from apps.audit.models import AuditEvent


def audit_events_visible_to(user: Any) -> QuerySet[AuditEvent]:
    """Administrators read the whole trail; nobody else reads any of it."""
    if not is_admin(user):
        return AuditEvent.objects.none()
    return AuditEvent.objects.all()
