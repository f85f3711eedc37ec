"""Telling people what happened, whether or not they are online."""

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.groups.models import StudyGroup
from apps.notifications.models import Notification, NotificationKind
from apps.realtime.events import encode, publish_to_user


def notification_frame(notification: Notification) -> dict[str, object]:
    """The notification as the socket and the REST API show it."""
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "actor": notification.actor.display_name if notification.actor else None,
        "group": (
            {"id": notification.group.pk, "name": notification.group.name}
            if notification.group
            else None
        ),
        "message_id": notification.message_id,
        "excerpt": notification.excerpt,
        "created_at": notification.created_at.isoformat(),
        "read_at": notification.read_at.isoformat() if notification.read_at else None,
    }


def notify(
    *,
    user: User,
    kind: NotificationKind,
    actor: User | None = None,
    group: StudyGroup | None = None,
    message_id: int | None = None,
    excerpt: str = "",
) -> Notification:
    """Keep a notification for ``user`` and push it to their open sockets after commit."""
    notification = Notification.objects.create(
        user=user, kind=kind, actor=actor, group=group, message_id=message_id, excerpt=excerpt[:200]
    )
    frame = {"type": "notification", "notification": notification_frame(notification)}
    publish_to_user(user.pk, {"kind": "frame", "text": encode(frame)})
    return notification


@transaction.atomic
def mark_read(*, user: User, ids: list[int] | None) -> int:
    """Mark the person's notifications read: those of ``ids``, or all. Returns how many."""
    unread = Notification.objects.filter(user=user, read_at=None)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
