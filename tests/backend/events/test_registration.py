"""Staff register for the sessions of a published week: a seat while there is one, then the
waiting list, promoted in order when a seat frees; refusals name their reason."""

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import connection, connections

from apps.audit.models import AuditEvent
from apps.chat.models import RoomMember
from apps.events import services
from apps.events.models import Registration, WeekStatus
from apps.events.selectors import waitlist_position
from apps.notifications.models import Notification
from tests.backend.events.test_weeks import MONDAY, at
from tests.backend.openapi import CheckedAPIClient
from tests.factories import UserFactory


def session_in(week: Any, organiser: Any, **fields: Any) -> Any:
    return services.create_session(
        actor=organiser,
        week=week,
        **{
            "kind": "workshop",
            "title": "数据清洗工作坊",
            "starts_at": datetime.fromisoformat(at(0, 9)),
            "ends_at": datetime.fromisoformat(at(0, 10, 30)),
            "capacity": 2,
            **fields,
        },
    )


@pytest.fixture
def session(week, organiser) -> Any:
    return session_in(week, organiser)


def register(client: Any, session: Any, **body: Any) -> Any:
    return client.post(f"/api/v1/sessions/{session.pk}/registration/", body)


def standing(response: Any) -> tuple[int, str, int | None]:
    body = response.json()
    return response.status_code, body["status"], body["position"]


def test_seats_then_the_waiting_list_in_order(client_for, session) -> None:
    people = UserFactory.create_batch(4)

    answers = [standing(register(client_for(person), session)) for person in people]

    assert answers == [
        (201, "registered", None),
        (201, "registered", None),
        (201, "waitlisted", 1),
        (201, "waitlisted", 2),
    ]
    again = register(client_for(people[2]), session)
    assert standing(again) == (200, "waitlisted", 1)  # the place one holds, kept


def test_a_freed_seat_goes_to_the_first_waiting_who_is_told(client_for, session) -> None:
    first, second, waiting, behind = UserFactory.create_batch(4)
    for person in (first, second, waiting, behind):
        register(client_for(person), session)

    cancelled = client_for(first).delete(f"/api/v1/sessions/{session.pk}/registration/")

    assert cancelled.status_code == 204
    statuses = dict(Registration.objects.values_list("user_id", "status"))
    assert statuses[first.pk] == "cancelled"
    assert statuses[waiting.pk] == "registered"
    told = Notification.objects.get(user=waiting, kind="session_seat_offered")
    assert told.target_link == f"/weeks/{session.week_id}/sessions/{session.pk}"
    mine = client_for(behind).get("/api/v1/me/registrations/").json()["results"]
    assert [(item["session"]["title"], item["status"], item["position"]) for item in mine] == [
        ("数据清洗工作坊", "waitlisted", 1)
    ]
    assert not Notification.objects.filter(user=behind).exists()


def test_coming_back_after_cancelling_joins_the_end_of_the_line(client_for, session) -> None:
    people = UserFactory.create_batch(4)
    for person in people:
        register(client_for(person), session)
    client_for(people[2]).delete(f"/api/v1/sessions/{session.pk}/registration/")

    back = register(client_for(people[2]), session)

    assert standing(back) == (201, "waitlisted", 2)


def test_more_seats_seat_those_waiting(client_for, session, organiser) -> None:
    people = UserFactory.create_batch(4)
    for person in people:
        register(client_for(person), session)

    response = client_for(organiser).patch(f"/api/v1/sessions/{session.pk}/", {"capacity": 3})

    assert response.json()["registered_count"] == 3
    assert response.json()["waitlist_count"] == 1
    assert Notification.objects.filter(user=people[2], kind="session_seat_offered").exists()


def test_a_session_for_another_tier_is_refused_naming_it(client_for, week, organiser) -> None:
    leaders_only = session_in(week, organiser, target_tiers=["leader"])
    general = UserFactory.create(tier="general")

    response = register(client_for(general), leaders_only)

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "tier"
    assert "Leader" in response.json()["errors"][0]["message"]


def test_a_clash_is_refused_unless_the_person_registers_despite_it(
    client_for, session, week, organiser
) -> None:
    overlapping = session_in(
        week,
        organiser,
        title="同一时间的讲座",
        starts_at=datetime.fromisoformat(at(0, 10)),
        ends_at=datetime.fromisoformat(at(0, 11)),
    )
    person = UserFactory.create()
    register(client_for(person), session)

    refused = register(client_for(person), overlapping)
    despite = register(client_for(person), overlapping, despite_clash=True)

    assert refused.status_code == 400
    assert refused.json()["errors"][0]["code"] == "clash"
    assert "数据清洗工作坊" in refused.json()["errors"][0]["message"]
    assert standing(despite) == (201, "registered", None)


def test_registration_is_closed_outside_a_published_week_and_after_the_session(
    client_for, week, organiser, session_over
) -> None:
    person = UserFactory.create()
    over, _ = session_over()
    unscheduled = session_in(week, organiser, title="时间待定", starts_at=None, ends_at=None)

    assert register(client_for(person), over).json()["errors"][0]["code"] == "session_over"
    services.update_week(actor=organiser, week=week, status=WeekStatus.CLOSED)
    closed = register(client_for(person), unscheduled)
    assert closed.json()["errors"][0]["code"] == "registration_closed"


def test_a_cancelled_session_tells_those_registered_and_takes_no_more(
    client_for, session, organiser
) -> None:
    registered, waiting = UserFactory.create(), UserFactory.create()
    session.capacity = 1
    session.save()
    register(client_for(registered), session)
    register(client_for(waiting), session)

    cancelled = client_for(organiser).post(f"/api/v1/sessions/{session.pk}/cancel/")

    assert cancelled.json()["cancelled"] is True
    told = Notification.objects.filter(kind="session_cancelled").values_list("user", flat=True)
    assert sorted(told) == sorted([registered.pk, waiting.pk])
    late = register(client_for(UserFactory.create()), session)
    assert late.json()["errors"][0]["code"] == "cancelled"
    assert AuditEvent.objects.filter(action="session.cancelled").count() == 1


def test_a_draft_weeks_sessions_are_not_there_for_staff(client_for, organiser) -> None:
    draft = services.create_week(
        actor=organiser, title="草稿周", start_date=MONDAY, end_date=MONDAY + timedelta(days=4)
    )
    hidden = session_in(draft, organiser)

    assert register(client_for(UserFactory.create()), hidden).status_code == 404


def test_registrants_join_the_weeks_conversation_and_leave_it_with_their_last_session(
    client_for, session, week, organiser
) -> None:
    other = session_in(week, organiser, title="下午讲座", starts_at=None, ends_at=None)
    person = UserFactory.create()
    client = client_for(person)

    register(client, session)
    register(client, other)
    client.delete(f"/api/v1/sessions/{session.pk}/registration/")
    still = RoomMember.objects.get(room=week.room, user=person).is_active
    client.delete(f"/api/v1/sessions/{other.pk}/registration/")

    assert still is True
    assert RoomMember.objects.get(room=week.room, user=person).is_active is False
    assert RoomMember.objects.get(room=week.room, user=organiser).is_active is True


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the tests' SQLite database lives in memory, where threads lock each other out; "
    "CI's second run takes this on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_fifty_people_registering_at_once_for_the_last_seat_seat_exactly_one(
    organiser,
) -> None:
    week = services.update_week(
        actor=organiser,
        week=services.create_week(
            actor=organiser, title="周", start_date=MONDAY, end_date=MONDAY + timedelta(days=4)
        ),
        status=WeekStatus.PUBLISHED,
    )
    session = session_in(week, organiser, capacity=1)
    people = UserFactory.create_batch(50)

    def register_as(person: Any) -> tuple[int, str]:
        client = CheckedAPIClient()
        client.force_login(person)
        try:
            response = register(client, session)
            return response.status_code, response.json().get("status", "")
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(register_as, people))

    assert sorted(answers).count((201, "registered")) == 1
    assert sorted(answers).count((201, "waitlisted")) == 49
    waiting = Registration.objects.filter(status="waitlisted").annotate(
        position=waitlist_position()
    )
    assert sorted(waiting.values_list("position", flat=True)) == list(range(1, 50))


def test_a_larger_room_seats_those_waiting_for_its_sessions(client_for, session, organiser) -> None:
    session.capacity = None
    session.room = services.add_room(actor=organiser, week=session.week, name="小教室", capacity=1)
    session.save()
    first, waiting = UserFactory.create_batch(2)
    register(client_for(first), session)
    register(client_for(waiting), session)

    response = client_for(organiser).patch(
        f"/api/v1/meeting-rooms/{session.room.pk}/", {"capacity": 2}
    )

    assert response.status_code == 200
    assert Registration.objects.get(user=waiting).status == "registered"


def test_ones_registrations_can_leave_out_the_sessions_that_are_over(
    client_for, week, organiser, session_over
) -> None:
    _, (person,) = session_over({}, title="过去")
    ahead = session_in(week, organiser, title="将来", capacity=None)
    services.register(user=person, session=ahead)

    coming = client_for(person).get("/api/v1/me/registrations/?over=false").json()["results"]
    gone = client_for(person).get("/api/v1/me/registrations/?over=true").json()["results"]

    assert [item["session"]["title"] for item in coming] == ["将来"]
    assert [item["session"]["title"] for item in gone] == ["过去"]
