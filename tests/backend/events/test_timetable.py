"""The automatic timetable of a week: a proposal with the fewest clashes among those
registered, under the hard rules, changing nothing; applied whole or in part, all or none,
each move audited and told to those registered."""

from datetime import datetime, timedelta
from typing import Any

import pytest

from apps.audit.models import AuditEvent
from apps.events import services
from apps.events.models import Session
from apps.notifications.models import Notification
from tests.backend.events.test_registration import session_in
from tests.backend.events.test_weeks import MONDAY, at
from tests.factories import DepartmentFactory, UserFactory


@pytest.fixture
def rooms(week, organiser) -> list[Any]:
    return [
        services.add_room(actor=organiser, week=week, name="报告厅", capacity=100),
        services.add_room(actor=organiser, week=week, name="小会议室", capacity=3),
    ]


def propose(client: Any, week: Any, **body: Any) -> Any:
    return client.post(f"/api/v1/exchange-weeks/{week.pk}/timetable/", body, format="json")


def test_a_proposal_parts_the_sessions_people_want_together_and_changes_nothing(
    client_for, week, organiser, rooms
) -> None:
    hall, small = rooms
    speaker = UserFactory.create()
    same_time = {
        "starts_at": datetime.fromisoformat(at(0, 9)),
        "ends_at": datetime.fromisoformat(at(0, 10, 30)),
    }
    first = session_in(week, organiser, title="讲座一", room=hall, capacity=None, **same_time)
    second = session_in(week, organiser, title="讲座二", room=small, capacity=None, **same_time)
    by_one = [
        session_in(
            week,
            organiser,
            title=title,
            capacity=None,
            starts_at=None,
            ends_at=None,
            speakers=[services.Speaker(user=speaker)],
        )
        for title in ("同一主讲人甲", "同一主讲人乙")
    ]
    people = UserFactory.create_batch(5)
    for person in people:
        services.register(user=person, session=first)
        services.register(user=person, session=second, despite_clash=True)

    answer = propose(client_for(organiser), week)

    assert answer.status_code == 200
    body = answer.json()
    assert (body["current_clashes"], body["clashes"], body["bound"], body["optimal"]) == (
        5,
        0,
        0,
        True,
    )
    where = {row["session"]["title"]: row for row in body["placements"]}
    assert where["讲座一"]["starts_at"] != where["讲座二"]["starts_at"]
    # Five people want both, and the small room seats three: both go to the hall.
    assert where["讲座一"]["room"]["name"] == where["讲座二"]["room"]["name"] == "报告厅"
    assert where["同一主讲人甲"]["starts_at"] != where["同一主讲人乙"]["starts_at"]
    assert body["unplaced"] == []
    assert Session.objects.get(pk=second.pk).room_id == small.pk  # nothing moved yet
    assert by_one[0].starts_at is None


def test_a_kept_session_stays_and_one_too_large_is_unplaced(
    client_for, week, organiser, rooms
) -> None:
    small = rooms[1]
    kept = session_in(
        week,
        organiser,
        title="开幕讲座",
        room=small,
        capacity=None,
        starts_at=datetime.fromisoformat(at(2, 14)),
        ends_at=datetime.fromisoformat(at(2, 16)),
    )
    crowded = session_in(week, organiser, title="大课", capacity=None, starts_at=None, ends_at=None)
    for person in UserFactory.create_batch(101):
        services.register(user=person, session=crowded)

    body = propose(client_for(organiser), week, keep=[kept.pk]).json()

    (placed,) = body["placements"]
    assert placed["session"]["title"] == "开幕讲座"
    assert placed["moved"] is False
    assert datetime.fromisoformat(placed["starts_at"]) == kept.starts_at
    assert [(row["session"]["title"], row["reason"]) for row in body["unplaced"]] == [
        ("大课", "too_large")
    ]


def test_a_proposal_keeps_a_session_away_from_the_times_its_speakers_cannot_make(
    client_for, week, organiser, rooms
) -> None:
    # From Monday morning to Friday noon the speaker is elsewhere: Friday afternoon is left.
    away = services.Period(datetime.fromisoformat(at(0, 8)), datetime.fromisoformat(at(4, 12)))
    session_in(
        week,
        organiser,
        title="外请专家讲座",
        capacity=None,
        starts_at=None,
        ends_at=None,
        speakers=[services.Speaker(name="刘教授")],
        speakers_unavailable=[away],
    )

    body = propose(client_for(organiser), week).json()

    (placed,) = body["placements"]
    assert datetime.fromisoformat(placed["starts_at"]) >= away.ends_at
    assert body["unplaced"] == []


def test_applying_moves_every_session_given_and_tells_those_registered(
    client_for, week, organiser, rooms
) -> None:
    hall, _ = rooms
    session = session_in(week, organiser, room=hall, capacity=None)
    unscheduled = session_in(
        week, organiser, title="待定", capacity=None, starts_at=None, ends_at=None
    )
    person = UserFactory.create()
    services.register(user=person, session=session)
    moved_to = datetime.fromisoformat(at(1, 14))

    answer = client_for(organiser).post(
        f"/api/v1/exchange-weeks/{week.pk}/schedule/",
        {
            "placements": [
                {
                    "session": session.pk,
                    "room": hall.pk,
                    "starts_at": moved_to.isoformat(),
                    "ends_at": (moved_to + timedelta(hours=1)).isoformat(),
                },
                {
                    "session": unscheduled.pk,
                    "room": hall.pk,
                    "starts_at": at(3, 9),
                    "ends_at": at(3, 10),
                },
            ]
        },
        format="json",
    )

    assert answer.status_code == 201
    assert (answer.json()["number"], answer.json()["name"]) == (1, "")
    session.refresh_from_db()
    assert session.starts_at == moved_to
    assert Session.objects.get(pk=unscheduled.pk).room_id == hall.pk
    told = Notification.objects.get(kind="session_moved")
    assert told.user_id == person.pk
    assert AuditEvent.objects.filter(action="session.updated").count() == 2


def test_a_schedule_with_one_bad_move_moves_nothing(client_for, week, organiser, rooms) -> None:
    hall, _ = rooms
    session = session_in(week, organiser, room=hall, capacity=None)
    other = session_in(week, organiser, title="另一个", room=hall, capacity=None)
    outside = MONDAY + timedelta(days=30)

    answer = client_for(organiser).post(
        f"/api/v1/exchange-weeks/{week.pk}/schedule/",
        {
            "placements": [
                {
                    "session": session.pk,
                    "room": hall.pk,
                    "starts_at": at(4, 9),
                    "ends_at": at(4, 10),
                },
                {
                    "session": other.pk,
                    "room": hall.pk,
                    "starts_at": f"{outside}T09:00:00+08:00",
                    "ends_at": f"{outside}T10:00:00+08:00",
                },
            ]
        },
        format="json",
    )

    assert answer.status_code == 400
    assert answer.json()["errors"][0]["code"] == "outside_week"
    session.refresh_from_db()
    assert session.starts_at == datetime.fromisoformat(at(0, 9))
    assert not Notification.objects.filter(kind="session_moved").exists()


def test_only_organisers_plan_and_only_with_rooms(client_for, week, organiser) -> None:
    staff = UserFactory.create()

    by_staff = propose(client_for(staff), week)
    without_rooms = propose(client_for(organiser), week)

    assert by_staff.status_code == 403
    assert without_rooms.json()["errors"][0]["code"] == "no_rooms"


def test_with_one_slot_the_clashes_left_are_named_with_how_many_want_both(
    client_for, week, organiser, rooms
) -> None:
    sessions = [
        session_in(week, organiser, title=title, capacity=None, starts_at=None, ends_at=None)
        for title in ("甲", "乙")
    ]
    for person in UserFactory.create_batch(2):
        for session in sessions:
            services.register(user=person, session=session)

    body = propose(
        client_for(organiser), week, slots=[{"starts_at": at(0, 9), "ends_at": at(0, 10)}]
    ).json()

    assert (body["clashes"], body["bound"], body["optimal"]) == (2, 2, True)
    assert [
        (pair["first"]["title"], pair["second"]["title"], pair["people"])
        for pair in body["clashing_pairs"]
    ] == [("甲", "乙", 2)]


def test_a_time_outside_our_century_is_refused_before_anything_is_written(
    client_for, week, organiser, rooms
) -> None:
    answer = client_for(organiser).patch(
        f"/api/v1/meeting-rooms/{rooms[0].pk}/",
        {"unavailable": [{"starts_at": "0345-09-29T19:54:28+08:00", "ends_at": at(0, 9)}]},
        format="json",
    )

    assert answer.status_code == 400
    assert answer.json()["errors"][0]["code"] == "out_of_range"
    assert not rooms[0].unavailable.exists()


def test_the_editor_reads_who_wants_what_and_from_which_department(
    client_for, week, organiser, rooms
) -> None:
    hall, _ = rooms
    planning = DepartmentFactory.create(code="GH")
    first = session_in(
        week,
        organiser,
        title="甲",
        room=hall,
        capacity=None,
        speakers=[services.Speaker(name="刘教授")],
        speakers_unavailable=[
            services.Period(datetime.fromisoformat(at(1, 8)), datetime.fromisoformat(at(1, 12)))
        ],
    )
    second = session_in(week, organiser, title="乙", capacity=None, starts_at=None, ends_at=None)
    both = UserFactory.create_batch(2, department=planning)
    for person in both:
        services.register(user=person, session=first)
        services.register(user=person, session=second)
    services.register(user=UserFactory.create(department=planning), session=first)
    UserFactory.create_batch(3, department=planning)  # at work

    board = client_for(organiser).get(f"/api/v1/exchange-weeks/{week.pk}/schedule/").json()

    sessions = {row["title"]: row for row in board["sessions"]}
    assert (sessions["甲"]["demand"], sessions["甲"]["room"]) == (3, hall.pk)
    assert sessions["甲"]["speakers"] == [{"key": "name:刘教授", "name": "刘教授"}]
    assert sessions["甲"]["speakers_unavailable"] == [{"starts_at": at(1, 8), "ends_at": at(1, 12)}]
    assert sessions["乙"]["starts_at"] is None
    assert board["shared"] == [{"first": first.pk, "second": second.pk, "people": 2}]
    (department,) = board["departments"]
    assert (department["department"]["code"], department["headcount"]) == ("GH", 6)
    assert department["people"] == [[first.pk], [first.pk, second.pk], [first.pk, second.pk]]
    assert board["department_share"] == 50
    assert [room["name"] for room in board["rooms"]] == ["小会议室", "报告厅"]


def test_saving_the_editor_can_send_a_session_back_to_the_unscheduled(
    client_for, week, organiser, rooms
) -> None:
    hall, _ = rooms
    session = session_in(week, organiser, room=hall, capacity=None)
    staff = UserFactory.create()

    answer = client_for(organiser).post(
        f"/api/v1/exchange-weeks/{week.pk}/schedule/",
        {"placements": [{"session": session.pk, "room": None, "starts_at": None, "ends_at": None}]},
        format="json",
    )
    refused = client_for(staff).get(f"/api/v1/exchange-weeks/{week.pk}/schedule/")

    assert answer.status_code == 201
    session.refresh_from_db()
    assert (session.room, session.starts_at) == (None, None)
    assert refused.status_code == 403


def test_each_save_is_a_version_with_the_changelog_staff_read(
    client_for, week, organiser, rooms
) -> None:
    hall, small = rooms
    session = session_in(week, organiser, title="讲座", room=hall, capacity=None)
    untouched = session_in(week, organiser, title="不动", room=small, capacity=None)
    schedule = f"/api/v1/exchange-weeks/{week.pk}/schedule/"
    organiser_client = client_for(organiser)
    first = organiser_client.post(
        schedule,
        {
            "name": "  初版调整  ",
            "placements": [
                {
                    "session": session.pk,
                    "room": small.pk,
                    "starts_at": at(1, 9),
                    "ends_at": at(1, 10),
                },
                {
                    "session": untouched.pk,
                    "room": small.pk,
                    "starts_at": untouched.starts_at.isoformat(),
                    "ends_at": untouched.ends_at.isoformat(),
                },
            ],
        },
        format="json",
    )
    nothing = organiser_client.post(
        schedule,
        {
            "placements": [
                {
                    "session": session.pk,
                    "room": small.pk,
                    "starts_at": at(1, 9),
                    "ends_at": at(1, 10),
                }
            ]
        },
        format="json",
    )
    organiser_client.post(
        schedule,
        {"placements": [{"session": session.pk, "room": None, "starts_at": None, "ends_at": None}]},
        format="json",
    )

    versions = client_for(UserFactory.create()).get(f"/api/v1/exchange-weeks/{week.pk}/versions/")

    assert (first.status_code, nothing.status_code) == (201, 204)
    assert [(v["number"], v["name"]) for v in versions.json()] == [(2, ""), (1, "初版调整")]
    (moved,) = versions.json()[1]["changes"]
    assert moved["title"] == "讲座"
    assert moved["before"]["room"] == "报告厅"
    assert moved["after"]["room"] == "小会议室"
    assert datetime.fromisoformat(moved["after"]["starts_at"]) == datetime.fromisoformat(at(1, 9))
    assert versions.json()[0]["changes"][0]["after"] == {
        "room": None,
        "starts_at": None,
        "ends_at": None,
    }


def test_a_schedule_that_would_double_book_a_room_is_refused_whole(
    client_for, week, organiser, rooms
) -> None:
    hall, small = rooms
    first = session_in(week, organiser, title="甲", room=hall, capacity=None)
    second = session_in(week, organiser, title="乙", room=small, capacity=None)

    answer = client_for(organiser).post(
        f"/api/v1/exchange-weeks/{week.pk}/schedule/",
        {
            "placements": [
                {
                    "session": second.pk,
                    "room": hall.pk,
                    "starts_at": at(0, 9, 30),
                    "ends_at": at(0, 10),
                },
                {"session": first.pk, "room": hall.pk, "starts_at": at(0, 9), "ends_at": at(0, 10)},
            ]
        },
        format="json",
    )

    assert answer.status_code == 400
    error = answer.json()["errors"][0]
    assert (error["field"], error["code"]) == ("placements", "room_double_booked")
    assert "报告厅" in error["message"]
    second.refresh_from_db()
    assert second.room_id == small.pk  # nothing moved


def test_a_draft_week_keeps_no_versions(client_for, organiser, rooms) -> None:
    draft = services.create_week(
        actor=organiser, title="草稿", start_date=MONDAY, end_date=MONDAY + timedelta(days=1)
    )
    room = services.add_room(actor=organiser, week=draft, name="厅", capacity=10)
    session = session_in(draft, organiser, room=room, capacity=None)

    answer = client_for(organiser).post(
        f"/api/v1/exchange-weeks/{draft.pk}/schedule/",
        {
            "placements": [
                {
                    "session": session.pk,
                    "room": room.pk,
                    "starts_at": at(1, 9),
                    "ends_at": at(1, 10),
                }
            ]
        },
        format="json",
    )

    assert answer.status_code == 204
    session.refresh_from_db()
    assert session.starts_at == datetime.fromisoformat(at(1, 9))  # moved, no version


def test_slots_outside_the_week_or_backwards_are_refused(
    client_for, week, organiser, rooms
) -> None:
    backwards = propose(
        client_for(organiser), week, slots=[{"starts_at": at(0, 10), "ends_at": at(0, 9)}]
    )
    outside = propose(
        client_for(organiser),
        week,
        slots=[{"starts_at": f"{MONDAY - timedelta(days=1)}T09:00:00+08:00", "ends_at": at(0, 9)}],
    )

    assert backwards.json()["errors"][0] == {
        "field": "slots",
        "code": "invalid",
        "message": "Each slot ends after it starts, within the week's days.",
    }
    assert outside.json()["errors"][0]["field"] == "slots"
