"""Writing the audit trail."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from apps.audit.models import AuditEvent
from apps.core.request_context import source_address

Change = tuple[models.Model, dict[str, Any] | None, dict[str, Any] | None]


def _event(
    actor: Any,
    action: str,
    target: models.Model | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> AuditEvent:
    acting_user = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent(
        actor=acting_user,
        actor_label=acting_user.get_username() if acting_user else "",
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        object_label=str(target)[:200] if target is not None else "",
        before=before,
        after=after,
        source_address=source_address(),
    )


def record_event(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the audit trail, with the source address of the request or frame
    being served (``apps.core.request_context``; none for tasks and commands).

    ``actor`` is the user who acted (``None`` or an anonymous user for the system). Call it
    inside the transaction of the change it records, so that both are written or neither.
    """
    event = _event(actor, action, target, before, after)
    event.save()
    return event


def record_events(*, actor: Any, action: str, changes: Iterable[Change]) -> None:
    """Append one event per (target, before, after) of ``changes``, written in batches: a
    change to many objects at once (an import) leaves each its own line in the trail."""
    AuditEvent.objects.bulk_create(
        (_event(actor, action, target, before, after) for target, before, after in changes),
        batch_size=1000,
    )


def record_export(
    actor: Any,
    action: str,
    count: int,
    filters: Mapping[str, str],
    target: models.Model | None = None,
) -> None:
    """Note in the trail that ``actor`` took ``count`` rows of a list away (of ``target``'s),
    and with which filters. The API's exports call it as they answer."""
    record_event(
        actor=actor,
        action=action,
        target=target,
        after={"count": count, "filters": dict(filters.items())},
    )
