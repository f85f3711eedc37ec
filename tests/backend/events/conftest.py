"""The organiser and the published weeks the tests of exchange weeks start from: one to come,
one under way, and sessions of it that are over."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from apps.events import services
from apps.events.models import WeekStatus
from tests.backend.events.test_weeks import MONDAY
from tests.factories import UserFactory


@pytest.fixture
def organiser(db) -> Any:
    return UserFactory.create(username="organiser", roles=["staff", "organiser"])


@pytest.fixture
def week(organiser) -> Any:
    """Published, in the week of the Monday after next."""
    week = services.create_week(
        actor=organiser,
        title="数据治理交流周",
        start_date=MONDAY,
        end_date=MONDAY + timedelta(days=4),
    )
    return services.update_week(actor=organiser, week=week, status=WeekStatus.PUBLISHED)


@pytest.fixture
def this_week(organiser) -> Any:
    """Published, from yesterday to tomorrow: its sessions may be ahead, under way or over."""
    today = timezone.localdate()
    week = services.create_week(
        actor=organiser,
        title="本周交流",
        start_date=today - timedelta(days=1),
        end_date=today + timedelta(days=1),
    )
    return services.update_week(actor=organiser, week=week, status=WeekStatus.PUBLISHED)


@pytest.fixture
def session_over(this_week, organiser) -> Callable[..., tuple[Any, list[Any]]]:
    """Makes a session of ``this_week`` that ended an hour ago, with people (each given as a
    factory's fields) registered while it was still ahead, as registering requires."""

    def make(*people: dict[str, Any], title: str = "已结束的讲座") -> tuple[Any, list[Any]]:
        ahead = timezone.now() + timedelta(hours=3)
        session = services.create_session(
            actor=organiser,
            week=this_week,
            kind="workshop",
            title=title,
            starts_at=ahead,
            ends_at=ahead + timedelta(hours=1),
        )
        registered = [UserFactory.create(**fields) for fields in people]
        for person in registered:
            services.register(user=person, session=session)
        started = timezone.now() - timedelta(hours=2)
        session = services.update_session(
            actor=organiser,
            session=session,
            starts_at=started,
            ends_at=started + timedelta(hours=1),
        )
        return session, registered

    return make
