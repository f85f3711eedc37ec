"""Check-in at a session: the organiser's code changes every minute; registered people check in
on time or late with it, check out (early: they left early); the organiser marks the roster; a
task marks the rest absent once the session is over; reports and CSV for organisers and
department heads."""

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.events import attendance, services
from apps.events.models import Attendance
from apps.events.tasks import mark_absentees
from tests.factories import DepartmentFactory, UserFactory


@pytest.fixture
def week(this_week) -> Any:
    """The tests here run while the week is on."""
    return this_week


def session_at(week: Any, organiser: Any, starts_in: timedelta, **fields: Any) -> Any:
    """A session of ``week`` starting ``starts_in`` from now (negative: it started), an hour
    long."""
    starts_at = timezone.now() + starts_in
    return services.create_session(
        actor=organiser,
        week=week,
        kind="workshop",
        title=fields.pop("title", "数据清洗工作坊"),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
        **fields,
    )


@pytest.fixture
def session(week, organiser) -> Any:
    """Starts in five minutes: check-in is open."""
    return session_at(week, organiser, timedelta(minutes=5))


def registered(session: Any, **fields: Any) -> Any:
    person = UserFactory.create(**fields)
    services.register(user=person, session=session)
    return person


def code_shown(client_for: Any, organiser: Any, session: Any) -> str:
    answer = client_for(organiser).get(f"/api/v1/sessions/{session.pk}/check-in/")
    assert answer.status_code == 200, answer.json()
    return str(answer.json()["code"])


def check_in(client: Any, session: Any, code: str) -> Any:
    return client.post(f"/api/v1/sessions/{session.pk}/check-in/", {"code": code})


def test_the_code_shown_in_the_room_checks_a_registered_person_in_on_time(
    client_for, organiser, session
) -> None:
    person = registered(session)
    shown = client_for(organiser).get(f"/api/v1/sessions/{session.pk}/check-in/").json()

    first = check_in(client_for(person), session, shown["code"])
    again = check_in(client_for(person), session, shown["code"])

    assert len(shown["code"]) == 6
    assert shown["valid_until"] is not None
    assert first.status_code == 201
    assert first.json()["status"] == "on_time"
    assert again.status_code == 200  # checking in again changes nothing
    mine = client_for(person).get("/api/v1/me/registrations/").json()["results"][0]
    assert mine["attendance"]["status"] == "on_time"
    assert mine["check_in"]["closes_at"] is not None


def test_after_the_grace_period_one_is_late(client_for, week, organiser) -> None:
    started = session_at(week, organiser, -timedelta(minutes=25))
    person = registered(started)

    code = code_shown(client_for, organiser, started)

    answer = check_in(client_for(person), started, code)

    assert answer.json()["status"] == "late"


def test_the_code_changes_every_minute_and_an_old_one_is_refused(organiser, session) -> None:
    person = registered(session)
    now = timezone.now()
    before = attendance.check_in_state(
        actor=organiser, session=session, now=now - timedelta(minutes=2)
    )
    this_minute = attendance.check_in_state(actor=organiser, session=session, now=now)
    last_minute = attendance.check_in_state(
        actor=organiser, session=session, now=now - timedelta(minutes=1)
    )

    assert len({before.code, last_minute.code, this_minute.code}) == 3
    with pytest.raises(ValidationError) as refused:
        attendance.check_in(user=person, session=session, code=str(before.code), now=now)
    assert refused.value.error_dict["code"][0].code == "wrong_code"
    # The code of the minute before is still taken, for whoever read it as it changed.
    checked_in, new = attendance.check_in(
        user=person, session=session, code=str(last_minute.code), now=now
    )
    assert new
    assert checked_in.status == "on_time"


def test_refusals_name_their_reason(client_for, week, organiser, session) -> None:
    person = registered(session)
    stranger = UserFactory.create()
    later = session_at(week, organiser, timedelta(hours=3), title="稍后的讲座")
    registered_later = registered(later)
    code = code_shown(client_for, organiser, session)

    not_registered = check_in(client_for(stranger), session, code)
    wrong = check_in(client_for(person), session, "000000" if code != "000000" else "111111")
    malformed = check_in(client_for(person), session, "12ab")
    other_digits = check_in(client_for(person), session, "١٢٣٤٥٦")  # Arabic-Indic
    too_early = check_in(client_for(registered_later), later, code)
    not_in = client_for(person).post(f"/api/v1/sessions/{session.pk}/check-out/")

    assert not_registered.json()["errors"][0]["code"] == "not_registered"
    assert wrong.status_code == 400
    assert wrong.json()["errors"][0] == {
        "field": "code",
        "code": "wrong_code",
        "message": "That is not the code shown in the room now.",
    }
    assert malformed.json()["errors"][0]["field"] == "code"
    assert other_digits.status_code == 400
    assert other_digits.json()["errors"][0]["field"] == "code"
    assert too_early.json()["errors"][0]["code"] == "check_in_closed"
    assert not_in.json()["errors"][0]["code"] == "not_checked_in"
    assert Attendance.objects.count() == 0


def test_wrong_codes_are_limited(client_for, organiser, session, settings) -> None:
    settings.CHECK_IN_WRONG_CODES = 3
    person = registered(session)
    code = code_shown(client_for, organiser, session)
    wrong = "000000" if code != "000000" else "111111"

    answers = [check_in(client_for(person), session, wrong).status_code for _ in range(3)]
    after = check_in(client_for(person), session, code)

    assert answers == [400, 400, 400]
    assert after.status_code == 429
    assert after.json()["code"] == "rate_limited"


def test_only_the_organisers_see_the_code(client_for, session) -> None:
    person = registered(session)

    answer = client_for(person).get(f"/api/v1/sessions/{session.pk}/check-in/")

    assert answer.status_code == 403


def test_the_code_is_shown_only_while_check_in_is_open(client_for, week, organiser) -> None:
    tomorrow = session_at(week, organiser, timedelta(hours=20))

    shown = client_for(organiser).get(f"/api/v1/sessions/{tomorrow.pk}/check-in/").json()

    assert shown["code"] is None
    assert shown["valid_until"] is None
    assert shown["opens_at"] < shown["closes_at"]


def test_checking_out_before_the_end_is_leaving_early(client_for, week, organiser) -> None:
    started = session_at(week, organiser, -timedelta(minutes=5))
    person = registered(started)
    code = code_shown(client_for, organiser, started)
    check_in(client_for(person), started, code)

    left = client_for(person).post(f"/api/v1/sessions/{started.pk}/check-out/")

    assert left.status_code == 200
    assert left.json()["status"] == "left_early"
    assert left.json()["checked_out_at"] is not None


def test_the_organiser_marks_the_roster_and_it_is_audited(client_for, organiser, session) -> None:
    department = DepartmentFactory.create(code="DSJ", name_zh="大数据局")
    present = registered(session, department=department, display_name="王芳")
    phoneless = registered(session, department=department, display_name="李强")
    code = code_shown(client_for, organiser, session)
    check_in(client_for(present), session, code)

    marked = client_for(organiser).post(
        f"/api/v1/sessions/{session.pk}/roster/", {"person": phoneless.pk, "status": "on_time"}
    )
    roster = client_for(organiser).get(f"/api/v1/sessions/{session.pk}/roster/").json()

    assert marked.status_code == 200
    assert [(entry["person"]["display_name"], entry["status"]) for entry in roster] == [
        ("李强", "on_time"),
        ("王芳", "on_time"),
    ]
    assert roster[0]["department"]["code"] == "DSJ"
    event = AuditEvent.objects.get(action="attendance.marked")
    assert event.after == {"person": phoneless.pk, "status": "on_time"}
    assert event.before == {"person": phoneless.pk, "status": None}


def test_only_organisers_mark_and_only_registered_people(client_for, organiser, session) -> None:
    person = registered(session)
    stranger = UserFactory.create()

    by_staff = client_for(person).post(
        f"/api/v1/sessions/{session.pk}/roster/", {"person": person.pk, "status": "on_time"}
    )
    of_stranger = client_for(organiser).post(
        f"/api/v1/sessions/{session.pk}/roster/", {"person": stranger.pk, "status": "late"}
    )

    assert by_staff.status_code == 403
    assert of_stranger.status_code == 400
    assert of_stranger.json()["errors"][0]["code"] == "not_registered"


def test_the_task_marks_who_did_not_come_absent_once_the_session_is_over(
    client_for, week, organiser, session_over
) -> None:
    ended, (came, stayed_away, marked_late) = session_over({}, {}, {})
    running = session_at(week, organiser, -timedelta(minutes=30), title="进行中的讲座")
    registered(running)
    now = timezone.now()
    Attendance.objects.create(session=ended, user=came, status="on_time", checked_in_at=now)
    Attendance.objects.create(session=ended, user=marked_late, status="late", marked_by=organiser)

    mark_absentees.call_local()
    mark_absentees.call_local()  # again: nobody twice

    assert sorted(Attendance.objects.values_list("user__username", "status")) == sorted(
        [
            (came.username, "on_time"),
            (stayed_away.username, "absent"),
            (marked_late.username, "late"),
        ]
    )


def test_the_week_report_counts_per_session_and_per_department(
    client_for, week, organiser, session_over
) -> None:
    planning = DepartmentFactory.create(code="GH", name_zh="规划局")
    data = DepartmentFactory.create(code="DSJ", name_zh="大数据局")
    ended, (on_time, absent) = session_over({"department": planning}, {"department": data})
    upcoming = session_at(week, organiser, timedelta(hours=3), title="稍后的讲座")
    registered(upcoming, department=data)
    Attendance.objects.create(session=ended, user=on_time, status="on_time")
    attendance.mark_absent(timezone.now())
    assert absent.attendance.get().status == "absent"

    report = client_for(organiser).get(f"/api/v1/exchange-weeks/{week.pk}/attendance/").json()

    assert [
        (row["session"]["title"], row["registered"], row["on_time"], row["absent"], row["unmarked"])
        for row in report["sessions"]
    ] == [
        ("已结束的讲座", 2, 1, 1, 0),
        ("稍后的讲座", 1, 0, 0, 1),
    ]
    assert [
        (row["department"]["code"], row["registered"], row["absent"])
        for row in report["departments"]
    ] == [
        ("DSJ", 2, 1),
        ("GH", 1, 0),
    ]


def test_a_department_head_reads_their_departments_people_only(
    client_for, week, organiser, session
) -> None:
    planning = DepartmentFactory.create(code="GH", name_zh="规划局")
    data = DepartmentFactory.create(code="DSJ", name_zh="大数据局")
    head = UserFactory.create(roles=["staff", "dept_head"], department=planning)
    registered(session, department=planning, display_name="王芳")
    registered(session, department=data, display_name="李强")
    staff = registered(session, department=planning)

    roster = client_for(head).get(f"/api/v1/sessions/{session.pk}/roster/").json()
    report = client_for(head).get(f"/api/v1/exchange-weeks/{week.pk}/attendance/").json()
    refused = client_for(staff).get(f"/api/v1/exchange-weeks/{week.pk}/attendance/")

    assert sorted(entry["department"]["code"] for entry in roster) == ["GH", "GH"]
    assert [row["department"]["code"] for row in report["departments"]] == ["GH"]
    assert refused.status_code == 403


def test_the_attendance_export_is_csv_with_a_bom_and_audited(
    client_for, week, organiser, session_over
) -> None:
    department = DepartmentFactory.create(code="DSJ", name_zh="大数据局")
    _, (person,) = session_over(
        {"department": department, "display_name": "王芳"}, title="=数据清洗"
    )
    attendance.mark_absent(timezone.now())

    answer = client_for(organiser).get(f"/api/v1/exchange-weeks/{week.pk}/attendance.csv")

    assert answer.status_code == 200
    body = answer.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert [
        (row["session_title"], row["name"], row["department_name"], row["attendance"])
        for row in rows
    ] == [("'=数据清洗", "王芳", "大数据局", "absent")]
    assert rows[0]["employee_number"] == person.employee_number
    assert AuditEvent.objects.get(action="week.attendance_exported").after == {"rows": 1}


def give(client: Any, session: Any, **body: Any) -> Any:
    return client.post(f"/api/v1/sessions/{session.pk}/feedback/", body)


def test_those_who_attended_rate_a_session_once_it_is_over(
    client_for, organiser, session_over
) -> None:
    ended, (came, came_too) = session_over({}, {})
    Attendance.objects.create(session=ended, user=came, status="on_time")
    Attendance.objects.create(session=ended, user=came_too, status="left_early")

    first = give(client_for(came), ended, rating=4, comment="  案例很实用  ")
    changed = give(client_for(came), ended, rating=5, comment="案例很实用，希望再办")
    give(client_for(came_too), ended, rating=2)
    summary = client_for(organiser).get(f"/api/v1/sessions/{ended.pk}/feedback/").json()
    mine = client_for(came).get("/api/v1/me/registrations/").json()["results"][0]

    assert (first.status_code, first.json()["comment"]) == (201, "案例很实用")
    assert changed.status_code == 200  # one's feedback, replaced
    assert summary["count"] == 2
    assert summary["average"] == 3.5
    assert summary["ratings"] == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 1}
    assert summary["comments"] == [
        {
            "rating": 5,
            "comment": "案例很实用，希望再办",
            "updated_at": summary["comments"][0]["updated_at"],
        }
    ]
    assert mine["feedback"] == {"rating": 5, "comment": "案例很实用，希望再办"}


def test_feedback_waits_for_the_end_and_for_having_been_there(
    client_for, session, session_over
) -> None:
    ahead = registered(session)
    ended, (absent, came, unmarked) = session_over({}, {}, {})
    Attendance.objects.create(session=ended, user=came, status="late")
    stranger = UserFactory.create()

    not_yet_marked = give(client_for(unmarked), ended, rating=3)
    attendance.mark_absent(timezone.now())
    too_soon = give(client_for(ahead), session, rating=5)
    from_absent = give(client_for(absent), ended, rating=1)
    from_stranger = give(client_for(stranger), ended, rating=1)
    out_of_range = give(client_for(came), ended, rating=6)

    assert not_yet_marked.json()["errors"][0]["code"] == "not_attended"
    assert too_soon.json()["errors"][0]["code"] == "feedback_not_open"
    assert from_absent.json()["errors"][0]["code"] == "not_attended"
    assert from_stranger.json()["errors"][0]["code"] == "not_attended"
    assert out_of_range.json()["errors"][0]["field"] == "rating"


def test_speakers_and_organisers_read_the_feedback_others_do_not(
    client_for, organiser, session_over
) -> None:
    speaker = UserFactory.create()
    ended, (came,) = session_over({})
    Attendance.objects.create(session=ended, user=came, status="on_time")
    services.update_session(
        actor=organiser, session=ended, speakers=[services.Speaker(user=speaker)]
    )

    by_speaker = client_for(speaker).get(f"/api/v1/sessions/{ended.pk}/feedback/")
    by_attendee = client_for(came).get(f"/api/v1/sessions/{ended.pk}/feedback/")

    assert by_speaker.status_code == 200
    assert by_attendee.status_code == 403


def test_the_tiered_programme_says_who_of_each_tier_attended_what_they_must(
    client_for, week, organiser, session_over
) -> None:
    planning = DepartmentFactory.create(code="GH", name_zh="规划局")
    data = DepartmentFactory.create(code="DSJ", name_zh="大数据局")
    leaders = {"tier": "leader", "department": planning}
    for_leaders, (came, left, stayed_away) = session_over(
        {**leaders, "display_name": "甲"},
        {**leaders, "display_name": "乙"},
        {**leaders, "display_name": "丙"},
        title="领导干部必修课",
    )
    services.update_session(actor=organiser, session=for_leaders, mandatory_for=["leader"])
    UserFactory.create(tier="leader", department=data, display_name="丁")  # did not register
    UserFactory.create(tier="general", department=data)  # nothing is mandatory for the tier
    Attendance.objects.create(session=for_leaders, user=came, status="late")
    Attendance.objects.create(session=for_leaders, user=left, status="left_early")
    head = UserFactory.create(roles=["staff", "dept_head"], department=planning, tier="general")

    report = client_for(organiser).get(f"/api/v1/exchange-weeks/{week.pk}/completion/").json()
    headed = client_for(head).get(f"/api/v1/exchange-weeks/{week.pk}/completion/").json()

    assert [
        (row["tier"], [s["title"] for s in row["sessions"]]) for row in report["mandatory"]
    ] == [("leader", ["领导干部必修课"])]
    summary = {
        row["department"]["code"]: [
            (
                tier["tier"],
                tier["people"],
                tier["completed"],
                [missing["person"]["display_name"] for missing in tier["missing"]],
            )
            for tier in row["tiers"]
        ]
        for row in report["departments"]
    }
    # Leaving early or staying away is not completing it; 丁 never registered.
    assert summary == {"DSJ": [("leader", 1, 0, ["丁"])], "GH": [("leader", 3, 1, ["丙", "乙"])]}
    assert report["departments"][1]["tiers"][0]["missing"][0]["missed"] == [for_leaders.pk]
    assert [row["department"]["code"] for row in headed["departments"]] == ["GH"]
    assert stayed_away.display_name == "丙"
