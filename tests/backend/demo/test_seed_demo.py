import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from apps.accounts.models import User
from apps.demo.services import plan_demo_city
from apps.organisation.models import CriticalSkillFloor, Department
from apps.secondments.models import MatchRun, NeedStatus, Secondment, TalentNeed
from apps.skills.models import Skill, StaffSkill


def test_the_same_seed_plans_the_same_city_and_another_seed_another() -> None:
    assert plan_demo_city(seed=7, staff_count=60) == plan_demo_city(seed=7, staff_count=60)
    assert plan_demo_city(seed=7, staff_count=60) != plan_demo_city(seed=8, staff_count=60)


def test_the_planned_identity_numbers_are_valid() -> None:
    from apps.accounts.validators import normalise_national_id, normalise_phone

    for person in plan_demo_city(seed=3, staff_count=50).people:
        assert normalise_national_id(person.national_id) == person.national_id
        assert normalise_phone(person.phone) == person.phone


@pytest.mark.django_db
def test_seed_demo_builds_a_believable_city(monkeypatch) -> None:
    monkeypatch.setenv("TALENTBRIDGE_DEMO_PASSWORD", "a demo password for tests")

    call_command("seed_demo", "--seed", "11")

    assert Department.objects.count() == 33
    assert Department.objects.filter(parent=None).count() == 15
    # The security division keeps two critical skills at home, and has the people to.
    floors = CriticalSkillFloor.objects.select_related("department", "skill")
    assert {(f.department.code, f.skill.code) for f in floors} == {
        ("BDB-SEC", "data-security"),
        ("BDB-SEC", "cryptography"),
    }
    for floor in floors:
        holders = StaffSkill.objects.filter(
            user__department=floor.department, skill=floor.skill, level__gte=floor.min_level
        )
        assert holders.count() > floor.min_people
    assert Skill.objects.count() == 81
    assert User.objects.count() == 600
    assert set(User.objects.values_list("tier", flat=True)) == {"leader", "general", "specialist"}
    assert StaffSkill.objects.count() > 600 * 2
    assert set(StaffSkill.objects.values_list("provenance", flat=True)) == {
        "self",
        "manager_verified",
        "evidenced",
    }
    assert TalentNeed.objects.count() == 42  # two of them filled before the demo's run
    assert TalentNeed.objects.filter(status=NeedStatus.OPEN).count() == 30
    # HR ran the matcher once and decided some of its suggestions.
    run = MatchRun.objects.get()
    assert (run.status, run.started_by.username) == ("done", "hr")
    statuses = set(run.suggestions.values_list("status", flat=True))
    assert statuses == {"accepted", "rejected", "held", "proposed"}
    assert run.suggestions.count() >= 15
    assert all(s.runner_ups for s in run.suggestions.all()[:5])
    # A secondment in every state: one ended and one under way before the run, and the run's
    # accepted suggestions approved, confirmed, declined and cancelled; the demo staff
    # account's awaits them and the Big Data Bureau's head (the demo department head), its
    # lending side approved.
    assert sorted(Secondment.objects.values_list("status", flat=True)) == [
        "active",
        "approved",
        "cancelled",
        "completed",
        "confirmed",
        "declined",
        "planned",
    ]
    assert (
        TalentNeed.objects.filter(secondments__status__in=["active", "completed"])
        .filter(status=NeedStatus.FILLED)
        .count()
        == 2
    )
    ended = Secondment.objects.filter(status__in=["declined", "cancelled"])
    assert all(secondment.end_reason and secondment.ended_by for secondment in ended)
    staffs = Secondment.objects.get(person__username="staff")
    assert staffs.status == "planned"
    assert staffs.lending_approved_by is not None
    assert staffs.receiving_department.code.startswith("BDB")
    assert staffs.receiving_approved_by is None
    # Every department with a leader has a head.
    assert User.objects.filter(role_grants__role="dept_head").count() > 20
    assert User.objects.get(username="staff").secondment_availability is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "roles"),
    [
        ("staff", ["staff"]),
        ("organiser", ["organiser", "staff"]),
        ("hr", ["hr", "staff"]),
        ("depthead", ["dept_head", "staff"]),
        ("admin", ["admin", "staff"]),
    ],
)
def test_each_demo_account_signs_in_with_the_demo_password(monkeypatch, username, roles) -> None:
    monkeypatch.setenv("TALENTBRIDGE_DEMO_PASSWORD", "a demo password for tests")
    call_command("seed_demo", "--staff", "20")

    response = APIClient().post(
        "/api/v1/auth/login/",
        {"username": username, "password": "a demo password for tests"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["roles"] == roles


@pytest.mark.django_db
def test_seed_demo_fills_only_an_empty_database(capsys) -> None:
    call_command("seed_demo", "--staff", "20")

    call_command("seed_demo", "--if-empty")
    with pytest.raises(CommandError, match="not empty"):
        call_command("seed_demo")

    assert "the demo city was not added" in capsys.readouterr().out
    assert User.objects.count() == 20


@pytest.mark.django_db
def test_the_demo_staff_account_finds_groups_in_every_standing() -> None:
    call_command("seed_demo", "--staff", "40")
    client = APIClient()
    client.force_authenticate(User.objects.get(username="staff"))

    groups = {group["name"]: group for group in client.get("/api/v1/groups/").json()["results"]}

    python = groups["Python 数据分析学习小组"]
    assert python["my_membership"]["status"] == "active"
    assert python["unread_count"] == 4  # what was written in the last day
    assert groups["等保 2.0 备考互助"]["my_membership"]["status"] == "pending"
    assert groups["数字孪生城市读书会"]["my_membership"]["status"] == "invited"
    low_code = groups["低代码实践营"]
    assert low_code["my_membership"] is None
    assert low_code["member_count"] == low_code["capacity"] == 10
    chat = client.get(f"/api/v1/rooms/{python['room']}/messages/").json()
    assert [message["author"]["username"] for message in chat["results"]][:1] == ["admin"]
    kinds = [item["kind"] for item in client.get("/api/v1/notifications/").json()["results"]]
    assert sorted(kinds) == ["invited", "mention", "mention", "secondment_planned"]


@pytest.mark.django_db
def test_the_demo_staff_account_finds_a_published_week_to_register_for() -> None:
    call_command("seed_demo", "--staff", "40")
    client = APIClient()
    client.force_authenticate(User.objects.get(username="staff"))

    weeks = client.get("/api/v1/exchange-weeks/").json()["results"]
    assert [(week["title"], week["status"], week["session_count"]) for week in weeks] == [
        ("数据治理与数字政务交流周", "published", 6),
        ("政务服务标准化交流周", "closed", 3),
    ]
    sessions = client.get(f"/api/v1/exchange-weeks/{weeks[0]['id']}/sessions/").json()["results"]
    workshop = next(session for session in sessions if session["title"] == "数据清洗实战工作坊")
    assert workshop["registered_count"] == workshop["seats"] == 12
    assert workshop["my_registration"] == {"status": "waitlisted", "position": 1}
    client.force_authenticate(User.objects.get(username="organiser"))
    board = client.get(f"/api/v1/exchange-weeks/{weeks[0]['id']}/schedule/").json()
    opening = next(session for session in board["sessions"] if session["title"].startswith("开幕"))
    assert len(opening["speakers_unavailable"]) == 1  # the outside speaker teaches on Wednesday
    client.force_authenticate(User.objects.get(username="staff"))
    mine = client.get("/api/v1/me/registrations/").json()["results"]
    assert [item["status"] for item in mine] == [
        "registered",  # the past week's two sessions
        "registered",
        "registered",
        "waitlisted",
        "registered",
        "registered",
    ]


@pytest.mark.django_db
def test_the_past_demo_week_shows_attendance_and_feedback() -> None:
    call_command("seed_demo", "--staff", "40")
    staff, organiser = (User.objects.get(username=name) for name in ("staff", "organiser"))
    client = APIClient()
    client.force_authenticate(staff)

    came = client.get("/api/v1/me/registrations/").json()["results"][:2]
    client.force_authenticate(organiser)
    week = client.get("/api/v1/exchange-weeks/?status=closed").json()["results"][0]
    report = client.get(f"/api/v1/exchange-weeks/{week['id']}/attendance/").json()
    first = report["sessions"][0]["session"]["id"]
    feedback = client.get(f"/api/v1/sessions/{first}/feedback/").json()

    assert [(item["attendance"]["status"], item["feedback"] is not None) for item in came] == [
        ("on_time", True),
        ("late", False),
    ]
    totals = {
        status: sum(row[status] for row in report["sessions"])
        for status in ("on_time", "late", "left_early", "absent", "unmarked")
    }
    assert totals["on_time"] > totals["late"] > 0
    assert totals["absent"] > 0
    assert totals["unmarked"] == 0  # the week is over: everyone came or was marked absent
    assert feedback["count"] > 0
    assert len(report["departments"]) > 1


@pytest.mark.django_db
def test_production_refuses_the_demo_city_and_its_published_password(settings) -> None:
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="not added in production"):
        call_command("seed_demo")
    with pytest.raises(CommandError, match="no demo accounts in production"):
        call_command("demo_logins")

    assert not User.objects.exists()
    assert not Department.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("weak", ["1", "password123", "12345678901"])
def test_a_weak_demo_password_is_refused_before_anything_is_written(monkeypatch, weak) -> None:
    monkeypatch.setenv("TALENTBRIDGE_DEMO_PASSWORD", weak)

    with pytest.raises(CommandError, match="TALENTBRIDGE_DEMO_PASSWORD is too weak"):
        call_command("seed_demo", "--staff", "60")

    assert not User.objects.exists()
    assert not Department.objects.exists()
