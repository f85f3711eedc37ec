"""Writing the audit trail."""

from typing import Any

from django.db import models
from django.http import HttpRequest
from rest_framework.request import Request

from apps.audit.models import AuditEvent


def source_address(request: HttpRequest | Request | None) -> str | None:
    """The client's address as the server sees it (the proxy sets REMOTE_ADDR in production)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record_event(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    request: HttpRequest | Request | None = None,
) -> AuditEvent:
    """Append one event to the audit trail.

    ``actor`` is the user who acted (``None`` or an anonymous user for the system). Call it
    inside the transaction of the change it records, so that both are written or neither.
    """
    acting_user = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(
        actor=acting_user,
        actor_label=acting_user.get_username() if acting_user else "",
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        object_label=str(target)[:200] if target is not None else "",
        before=before,
        after=after,
        source_address=source_address(request),
    )
