"""Reading people, filtered by what the reader may see."""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from apps.accounts.models import BrowserSession, RoleGrant, User
from apps.core.roles import is_admin, is_member
from apps.core.sessions import moments


def people_visible_to(user: Any) -> QuerySet[User]:
    """The directory as ``user`` may read it: staff see active people, admins everyone."""
    if not is_member(user):
        return User.objects.none()
    people = User.objects.select_related("department").prefetch_related("role_grants")
    return people if is_admin(user) else people.filter(is_active=True)


def search_people(people: QuerySet[User], text: str) -> QuerySet[User]:
    """By display name, username or employee number."""
    return people.filter(
        Q(display_name__icontains=text)
        | Q(username__icontains=text)
        | Q(employee_number__icontains=text)
    )


def department_headcount() -> Coalesce:
    """The active staff of the department ``OuterRef("pk")``, as an annotation."""
    headcount = (
        User.objects.filter(department=OuterRef("pk"), is_active=True)
        .order_by()
        .values("department")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(headcount, output_field=IntegerField()), 0)


def role_grants_visible_to(user: Any) -> QuerySet[RoleGrant]:
    if not is_admin(user):
        return RoleGrant.objects.none()
    return RoleGrant.objects.select_related("user", "granted_by").order_by("-granted_at", "-id")


@dataclass(frozen=True)
class SignedInSession:
    """One of a person's browser sessions, as their profile lists it."""

    id: uuid.UUID
    session_key: str
    site: str
    address: str | None
    user_agent: str
    signed_in_at: datetime
    last_seen_at: datetime
    expires_at: datetime


def sessions_of(user: User) -> list[SignedInSession]:
    """The browser sessions ``user`` is signed in with now, the latest first."""
    listed = []
    store = SessionStore()
    for browser_session in BrowserSession.objects.filter(
        user=user, session__expire_date__gt=timezone.now()
    ).select_related("session"):
        stamps = moments(store.decode(browser_session.session.session_data))
        if stamps is None:
            continue
        signed_in_at, last_seen_at = (datetime.fromtimestamp(stamp, tz=UTC) for stamp in stamps)
        listed.append(
            SignedInSession(
                id=browser_session.public_id,
                session_key=browser_session.session_id,
                site=browser_session.site,
                address=browser_session.address,
                user_agent=browser_session.user_agent,
                signed_in_at=signed_in_at,
                last_seen_at=last_seen_at,
                expires_at=browser_session.session.expire_date,
            )
        )
    return sorted(listed, key=lambda session: session.last_seen_at, reverse=True)
