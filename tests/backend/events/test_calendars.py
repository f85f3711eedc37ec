"""Calendars: a person's sessions at a secret address they can replace or revoke, with a
reminder before each; a published week's programme for anyone with its address. Read back by a
real iCalendar parser."""

from datetime import UTC, datetime, timedelta
from typing import Any

import icalendar
import pytest
from rest_framework.test import APIClient

from apps.audit.models import AuditEvent
from apps.events import services
from apps.events.models import WeekStatus
from tests.backend.events.test_registration import session_in
from tests.backend.events.test_weeks import at
from tests.factories import UserFactory


def events_of(body: bytes) -> list[Any]:
    calendar = icalendar.Calendar.from_ical(body)
    return list(calendar.walk("VEVENT"))


@pytest.fixture
def person(db) -> Any:
    return UserFactory.create()


def feed_address(client_for: Any, person: Any) -> str:
    answer = client_for(person).post("/api/v1/me/calendar/")
    assert answer.status_code == 201
    url: str = answer.json()["url"]
    return url.removeprefix("http://testserver")


def test_ones_calendar_holds_ones_sessions_with_a_reminder(
    client_for, week, organiser, person
) -> None:
    room = services.add_room(
        actor=organiser, week=week, name="第一会议室", capacity=30, location="市民中心 A 座 3 层"
    )
    mine = session_in(
        week,
        organiser,
        title="数据清洗工作坊, 第一期; 实操",
        description="带上电脑\n提前安装 Python",
        room=room,
    )
    session_in(week, organiser, title="别人的讲座", capacity=None)
    services.register(user=person, session=mine)
    address = feed_address(client_for, person)

    answer = APIClient().get(address)  # a calendar application: signed in to nothing

    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/calendar; charset=utf-8"
    (event,) = events_of(answer.content)
    assert str(event["SUMMARY"]) == "数据清洗工作坊, 第一期; 实操"
    assert str(event["DESCRIPTION"]) == "数据治理交流周\n带上电脑\n提前安装 Python"
    assert str(event["LOCATION"]) == "第一会议室, 市民中心 A 座 3 层"
    assert event.decoded("DTSTART") == datetime.fromisoformat(at(0, 9)).astimezone(UTC)
    assert event.decoded("DTEND") == datetime.fromisoformat(at(0, 10, 30)).astimezone(UTC)
    assert str(event["STATUS"]) == "CONFIRMED"
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(minutes=30)
    assert str(alarm["ACTION"]) == "DISPLAY"


def test_a_moved_or_cancelled_session_follows_in_the_calendar(
    client_for, week, organiser, person
) -> None:
    session = session_in(week, organiser)
    services.register(user=person, session=session)
    address = feed_address(client_for, person)
    (before,) = events_of(APIClient().get(address).content)

    services.update_session(
        actor=organiser,
        session=session,
        starts_at=datetime.fromisoformat(at(1, 14)),
        ends_at=datetime.fromisoformat(at(1, 16)),
    )
    (moved,) = events_of(APIClient().get(address).content)
    services.cancel_session(actor=organiser, session=session)
    (cancelled,) = events_of(APIClient().get(address).content)

    assert str(moved["UID"]) == str(before["UID"])  # the same event, moved
    assert moved.decoded("DTSTART") == datetime.fromisoformat(at(1, 14)).astimezone(UTC)
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled.walk("VALARM") == []


def test_a_new_address_or_revoking_stops_the_old_one(client_for, person) -> None:
    first = feed_address(client_for, person)
    second = feed_address(client_for, person)

    old = APIClient().get(first)
    current = APIClient().get(second)
    state = client_for(person).get("/api/v1/me/calendar/").json()
    revoked = client_for(person).delete("/api/v1/me/calendar/")
    after = APIClient().get(second)

    assert (old.status_code, current.status_code) == (404, 200)
    assert state["active"] is True
    assert revoked.status_code == 204
    assert after.status_code == 404
    assert client_for(person).get("/api/v1/me/calendar/").json() == {
        "active": False,
        "created_at": None,
    }
    assert [event.action for event in AuditEvent.objects.order_by("pk")][-3:] == [
        "calendar.feed_made",
        "calendar.feed_made",
        "calendar.feed_revoked",
    ]


def test_a_published_weeks_programme_is_a_calendar_at_its_keyed_address(
    client_for, week, organiser
) -> None:
    session_in(week, organiser, title="开幕讲座")
    session_in(week, organiser, title="待定的参观", starts_at=None, ends_at=None)
    draft = services.create_week(
        actor=organiser, title="草稿周", start_date=week.start_date, end_date=week.end_date
    )

    address = (
        client_for(UserFactory.create())
        .get(f"/api/v1/exchange-weeks/{week.pk}/")
        .json()["calendar"]
    )
    programme = APIClient().get(address)
    counted = APIClient().get(f"/api/v1/exchange-weeks/{week.pk}/calendar.ics?key=0")
    not_ascii = APIClient().get(f"/api/v1/exchange-weeks/{week.pk}/calendar.ics?key=密钥")
    hidden = APIClient().get(address.replace(f"/{week.pk}/", f"/{draft.pk}/"))

    calendar = icalendar.Calendar.from_ical(programme.content)
    assert str(calendar["X-WR-CALNAME"]) == "数据治理交流周"
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["开幕讲座"]
    assert calendar.walk("VALARM") == []
    assert counted.status_code == 404  # no address found by counting
    assert not_ascii.status_code == 404
    assert hidden.status_code == 404
    assert week.status == WeekStatus.PUBLISHED
    draft_read = client_for(organiser).get(f"/api/v1/exchange-weeks/{draft.pk}/").json()
    assert draft_read["calendar"] is None


def test_long_lines_are_folded_without_splitting_a_character(
    client_for, week, organiser, person
) -> None:
    session = session_in(week, organiser, description="数据治理" * 60)
    services.register(user=person, session=session)

    body = APIClient().get(feed_address(client_for, person)).content

    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    (event,) = events_of(body)
    assert str(event["DESCRIPTION"]) == "数据治理交流周\n" + "数据治理" * 60
