"""Organisers build exchange weeks: the week, its rooms and its sessions, each rule refused with a
message naming what is wrong; staff see a week once it is published."""

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.chat.models import RoomMember, Topic
from tests.factories import SkillFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
# A Monday a week or two ahead: the weeks of these tests are to come.
MONDAY = TODAY + timedelta(days=14 - TODAY.weekday())


def at(day: int, hour: int, minute: int = 0) -> str:
    """The week's ``day`` (0: Monday) at ``hour``, in the city's time, as the API reads it."""
    moment = datetime.combine(MONDAY + timedelta(days=day), datetime.min.time()).replace(
        hour=hour, minute=minute
    )
    return timezone.make_aware(moment).isoformat()


@pytest.fixture
def organiser() -> Any:
    return UserFactory.create(username="organiser", roles=["staff", "organiser"])


@pytest.fixture
def staff() -> Any:
    return UserFactory.create(username="staff")


def errors_of(response: Any) -> list[tuple[str, str]]:
    return [(error["field"], error["code"]) for error in response.json()["errors"]]


def new_week(client: Any, **fields: Any) -> dict[str, Any]:
    response = client.post(
        "/api/v1/exchange-weeks/",
        {
            "title": "数据治理交流周",
            "theme": "从数据到决策",
            "start_date": MONDAY.isoformat(),
            "end_date": (MONDAY + timedelta(days=4)).isoformat(),
            **fields,
        },
    )
    assert response.status_code == 201, response.content
    week: dict[str, Any] = response.json()
    return week


def test_an_organiser_starts_a_draft_week_with_its_conversation(client_for, organiser) -> None:
    week = new_week(client_for(organiser), target_tiers=["specialist", "leader"])

    assert week["status"] == "draft"
    assert week["target_tiers"] == ["leader", "specialist"]  # in the tiers' own order
    assert [person["id"] for person in week["organisers"]] == [organiser.pk]
    assert week["can_manage"] is True
    assert RoomMember.objects.get(room_id=week["room"], user=organiser).is_moderator
    assert AuditEvent.objects.filter(action="week.created", object_id=str(week["id"])).exists()


def test_staff_may_not_start_a_week(client_for, staff) -> None:
    response = client_for(staff).post(
        "/api/v1/exchange-weeks/",
        {"title": "Week", "start_date": "2027-03-01", "end_date": "2027-03-05"},
    )

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_a_week_ending_before_it_starts_or_for_an_unknown_tier_is_refused(
    client_for, organiser
) -> None:
    client = client_for(organiser)
    backwards = {"title": "Week", "start_date": "2027-03-05", "end_date": "2027-03-01"}
    unknown_tier = {**backwards, "end_date": "2027-03-06", "target_tiers": ["intern"]}

    assert errors_of(client.post("/api/v1/exchange-weeks/", backwards)) == [("end_date", "invalid")]
    assert errors_of(client.post("/api/v1/exchange-weeks/", unknown_tier)) == [
        ("target_tiers.0", "invalid_choice")
    ]


def test_staff_see_a_week_once_it_is_published(client_for, organiser, staff) -> None:
    week = new_week(client_for(organiser))
    reader = client_for(staff)

    assert reader.get("/api/v1/exchange-weeks/").json()["results"] == []
    assert reader.get(f"/api/v1/exchange-weeks/{week['id']}/").status_code == 404

    published = client_for(organiser).patch(
        f"/api/v1/exchange-weeks/{week['id']}/", {"status": "published"}
    )
    assert published.status_code == 200
    reader = client_for(staff)
    listed = reader.get("/api/v1/exchange-weeks/").json()["results"]
    assert [(item["id"], item["can_manage"]) for item in listed] == [(week["id"], False)]


def test_a_week_moves_forward_only_and_a_closed_week_is_read_only(client_for, organiser) -> None:
    client = client_for(organiser)
    week = new_week(client)
    url = f"/api/v1/exchange-weeks/{week['id']}/"

    assert client.patch(url, {"status": "closed"}).status_code == 400  # a draft is not closed
    assert client.patch(url, {"status": "published"}).json()["status"] == "published"
    back = client.patch(url, {"status": "draft"})
    assert errors_of(back) == [("status", "invalid_move")]
    assert client.patch(url, {"status": "closed"}).json()["status"] == "closed"
    closed = client.patch(url, {"title": "Renamed"})
    assert closed.status_code == 400
    assert closed.json()["errors"][0]["code"] == "week_closed"


def test_another_organiser_may_not_change_the_week(client_for, organiser) -> None:
    week = new_week(client_for(organiser))
    other = UserFactory.create(roles=["staff", "organiser"])

    response = client_for(other).patch(
        f"/api/v1/exchange-weeks/{week['id']}/", {"title": "Mine now"}
    )

    assert response.status_code == 404  # a draft: another organiser does not see it


def test_rooms_have_distinct_names_a_capacity_and_times_they_are_unavailable(
    client_for, organiser
) -> None:
    client = client_for(organiser)
    week = new_week(client)
    rooms = f"/api/v1/exchange-weeks/{week['id']}/rooms/"

    made = client.post(
        rooms,
        {
            "name": "第一会议室",
            "capacity": 40,
            "unavailable": [{"starts_at": at(0, 14), "ends_at": at(0, 17)}],
        },
    )
    assert made.status_code == 201, made.content
    assert errors_of(client.post(rooms, {"name": "第一会议室", "capacity": 20})) == [
        ("name", "unique")
    ]
    assert errors_of(client.post(rooms, {"name": "小会议室", "capacity": 0})) == [
        ("capacity", "min_value")
    ]
    backwards = client.post(
        rooms,
        {
            "name": "小会议室",
            "capacity": 8,
            "unavailable": [{"starts_at": at(1, 12), "ends_at": at(1, 9)}],
        },
    )
    assert errors_of(backwards) == [("unavailable", "invalid")]
    listed = client.get(rooms).json()
    assert [(room["name"], room["capacity"], len(room["unavailable"])) for room in listed] == [
        ("第一会议室", 40, 1)
    ]


def test_the_times_a_sessions_speakers_cannot_make_are_replaced_whole_and_read_by_organisers(
    client_for, organiser
) -> None:
    client = client_for(organiser)
    week = new_week(client)
    sessions = f"/api/v1/exchange-weeks/{week['id']}/sessions/"
    made = client.post(
        sessions,
        {
            "kind": "lecture",
            "title": "外请专家讲座",
            "speakers": [{"name": "刘教授"}],
            "speakers_unavailable": [
                {"starts_at": at(1, 8), "ends_at": at(1, 12)},
                {"starts_at": at(0, 14), "ends_at": at(0, 18)},
            ],
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["speakers_unavailable"] == [  # in order
        {"starts_at": at(0, 14), "ends_at": at(0, 18)},
        {"starts_at": at(1, 8), "ends_at": at(1, 12)},
    ]
    session = f"/api/v1/sessions/{made.json()['id']}/"
    backwards = client.patch(
        session,
        {"speakers_unavailable": [{"starts_at": at(2, 12), "ends_at": at(2, 9)}]},
        format="json",
    )
    assert errors_of(backwards) == [("speakers_unavailable", "invalid")]
    replaced = client.patch(
        session,
        {"speakers_unavailable": [{"starts_at": at(2, 8), "ends_at": at(2, 10)}]},
        format="json",
    )
    assert replaced.json()["speakers_unavailable"] == [
        {"starts_at": at(2, 8), "ends_at": at(2, 10)}
    ]
    client.patch(f"/api/v1/exchange-weeks/{week['id']}/", {"status": "published"})

    staff = client_for(UserFactory.create()).get(session).json()
    assert staff["speakers"] == [{"user": None, "name": "刘教授"}]
    assert staff["speakers_unavailable"] == []  # the week's organisers' business
    administrator = client_for(UserFactory.create(roles=["staff", "admin"])).get(session).json()
    assert len(administrator["speakers_unavailable"]) == 1


def test_a_session_gets_its_speakers_skills_and_a_topic_in_the_weeks_conversation(
    client_for, organiser
) -> None:
    client = client_for(organiser)
    week = new_week(client)
    room = client.post(
        f"/api/v1/exchange-weeks/{week['id']}/rooms/", {"name": "报告厅", "capacity": 120}
    ).json()
    speaker = UserFactory.create(display_name="李工")
    skill = SkillFactory.create(code="data-governance")

    response = client.post(
        f"/api/v1/exchange-weeks/{week['id']}/sessions/",
        {
            "kind": "lecture",
            "title": "数据治理实践",
            "speakers": [{"user": speaker.pk}, {"name": "王教授（市大学）"}],
            "room": room["id"],
            "starts_at": at(0, 9),
            "ends_at": at(0, 10, 30),
            "skills": [skill.pk],
            "mandatory_for": ["specialist"],
        },
    )

    assert response.status_code == 201, response.content
    session = response.json()
    assert [(s["user"] and s["user"]["display_name"], s["name"]) for s in session["speakers"]] == [
        ("李工", ""),
        (None, "王教授（市大学）"),
    ]
    assert session["seats"] == 120  # the room's, having none of its own
    assert [s["code"] for s in session["skills"]] == ["data-governance"]
    assert Topic.objects.get(pk=session["topic"]).room_id == week["room"]


@pytest.mark.parametrize(
    ("times", "error"),
    [
        ({"starts_at": at(0, 10), "ends_at": at(0, 9)}, ("ends_at", "invalid")),
        ({"starts_at": at(0, 9)}, ("ends_at", "incomplete")),
        ({"starts_at": at(7, 9), "ends_at": at(7, 10)}, ("starts_at", "outside_week")),
    ],
    ids=["ends before it starts", "no end", "after the week"],
)
def test_a_session_takes_place_during_its_week(client_for, organiser, times, error) -> None:
    client = client_for(organiser)
    week = new_week(client)

    response = client.post(
        f"/api/v1/exchange-weeks/{week['id']}/sessions/",
        {"kind": "workshop", "title": "工作坊", **times},
    )

    assert errors_of(response) == [error]


def test_a_session_may_not_take_a_room_of_another_week(client_for, organiser) -> None:
    client = client_for(organiser)
    week, other = new_week(client), new_week(client, title="另一周")
    elsewhere = client.post(
        f"/api/v1/exchange-weeks/{other['id']}/rooms/", {"name": "A", "capacity": 5}
    ).json()

    response = client.post(
        f"/api/v1/exchange-weeks/{week['id']}/sessions/",
        {"kind": "workshop", "title": "工作坊", "room": elsewhere["id"]},
    )

    assert errors_of(response) == [("room", "invalid")]


def test_a_speaker_is_staff_or_named_not_both(client_for, organiser) -> None:
    client = client_for(organiser)
    week = new_week(client)
    speaker = UserFactory.create()

    both = client.post(
        f"/api/v1/exchange-weeks/{week['id']}/sessions/",
        {"kind": "lecture", "title": "讲座", "speakers": [{"user": speaker.pk, "name": "X"}]},
    )
    twice = client.post(
        f"/api/v1/exchange-weeks/{week['id']}/sessions/",
        {"kind": "lecture", "title": "讲座", "speakers": [{"user": speaker.pk}] * 2},
    )

    assert errors_of(both) == [("speakers", "invalid")]
    assert errors_of(twice) == [("speakers", "duplicate")]


def test_moving_the_week_may_not_leave_a_session_outside_it(client_for, organiser) -> None:
    client = client_for(organiser)
    week = new_week(client)
    client.post(
        f"/api/v1/exchange-weeks/{week['id']}/sessions/",
        {"kind": "lecture", "title": "周五讲座", "starts_at": at(4, 9), "ends_at": at(4, 10)},
    )

    response = client.patch(
        f"/api/v1/exchange-weeks/{week['id']}/",
        {"end_date": (MONDAY + timedelta(days=3)).isoformat()},
    )

    assert errors_of(response) == [("start_date", "session_outside")]
    assert "周五讲座" in response.json()["errors"][0]["message"]


def test_a_week_far_from_our_century_is_refused_with_the_range(client_for, organiser) -> None:
    """Not a server error at the calendar's last day, nor a time of 1900 written with the
    city's offset in seconds: refused, both days named."""
    client = client_for(organiser)

    late = client.post(
        "/api/v1/exchange-weeks/",
        {"title": "远期", "start_date": "9999-12-27", "end_date": "9999-12-31"},
    )
    early = client.post(
        "/api/v1/exchange-weeks/",
        {"title": "古代", "start_date": "1900-03-05", "end_date": "1900-03-09"},
    )

    assert errors_of(late) == [("start_date", "out_of_range"), ("end_date", "out_of_range")]
    assert errors_of(early) == [("start_date", "out_of_range"), ("end_date", "out_of_range")]
    assert late.json()["errors"][0]["message"] == "Give a date from 2000-01-01 to 2099-12-31."


def test_a_period_a_room_is_unavailable_is_given_whole_even_in_a_partial_change(
    client_for, organiser
) -> None:
    client = client_for(organiser)
    week = new_week(client)
    room = client.post(
        f"/api/v1/exchange-weeks/{week['id']}/rooms/", {"name": "A", "capacity": 5}
    ).json()

    response = client.patch(
        f"/api/v1/meeting-rooms/{room['id']}/", {"unavailable": [{"ends_at": at(0, 12)}]}
    )

    assert errors_of(response) == [("unavailable.0.starts_at", "required")]


def test_a_week_lasts_at_most_a_month(client_for, organiser) -> None:
    answer = client_for(organiser).post(
        "/api/v1/exchange-weeks/",
        {"title": "一年", "start_date": "2027-01-01", "end_date": "2027-12-31"},
    )

    assert errors_of(answer) == [("end_date", "too_long")]
