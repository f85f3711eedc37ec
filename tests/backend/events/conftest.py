"""The organiser and the published week most tests of exchange weeks start from."""

from datetime import timedelta
from typing import Any

import pytest

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
