"""Telling people what happened, whether or not they are online."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.core.frames import NotificationPayload
from apps.core.times import site_time
from apps.notifications.kinds import registered
from apps.notifications.models import Notification
from apps.realtime.events import frame_to_user


@dataclass(frozen=True)
class Target:
    """What a notification is about, as the app that raises it describes it."""

    kind: str
    id: int | None
    label: str
    link: str


def notification_payload(notification: Notification) -> NotificationPayload:
    """The notification as the socket and the REST API show it."""
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "actor": notification.actor.display_name if notification.actor else None,
        "target": (
            {
                "kind": notification.target_kind,
                "id": notification.target_id,
                "label": notification.target_label,
                "link": notification.target_link,
            }
            if notification.target_kind
            else None
        ),
        "excerpt": notification.excerpt,
        "created_at": site_time(notification.created_at),
        "read_at": site_time(notification.read_at) if notification.read_at else None,
    }


def notify(
    *,
    user: User,
    kind: str,
    actor: User | None = None,
    target: Target | None = None,
    excerpt: str = "",
) -> Notification:
    """Keep a notification for ``user`` and push it to their open sockets after commit.

    ``kind`` must be registered (``apps.notifications.kinds``) by the app that raises it.
    """
    if kind not in registered():
        raise ValueError(f"{kind!r} is not a registered kind of notification.")
    notification = Notification.objects.create(
        user=user,
        kind=kind,
        actor=actor,
        target_kind=target.kind if target else "",
        target_id=target.id if target else None,
        target_label=target.label[:200] if target else "",
        target_link=target.link[:300] if target else "",
        excerpt=excerpt[:200],
    )
    frame_to_user(
        user.pk, {"type": "notification", "notification": notification_payload(notification)}
    )
    return notification


def revise_excerpts(*, kind: str, link: str, excerpt: str) -> None:
    """The notifications of ``kind`` that lead to ``link`` quote it as it reads now (an edited
    message), or nothing (a deleted one)."""
    Notification.objects.filter(kind=kind, target_link=link).update(excerpt=excerpt[:200])


def withdraw_excerpts(*, user: User, kind: str, target: Target) -> None:
    """``user`` may no longer read what the notifications of ``kind`` about ``target`` quote
    (they left it, or were removed): the quotes go, the notifications stay."""
    Notification.objects.filter(
        user=user, kind=kind, target_kind=target.kind, target_id=target.id
    ).exclude(excerpt="").update(excerpt="")


@transaction.atomic
def mark_read(*, user: User, ids: list[int] | None) -> int:
    """Mark the person's notifications read: those of ``ids``, or all. Returns how many."""
    unread = Notification.objects.filter(user=user, read_at=None)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
