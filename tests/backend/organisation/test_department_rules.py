"""HR and administrators set a department's release cap and critical-skill floors in the app:
the rules the next match run keeps."""

from datetime import date

import pytest

from apps.audit.models import AuditEvent
from apps.secondments.matcher_input import matcher_input
from apps.secondments.models import Secondment
from tests.factories import (
    DepartmentFactory,
    SkillFactory,
    StaffSkillFactory,
    TalentNeedFactory,
    UserFactory,
)


@pytest.fixture
def roads(db):
    """Ten people, three GIS analysts at level 3 or above among them, one of those lent out."""
    roads = DepartmentFactory.create(code="ROADS", release_cap_percent=20)
    gis = SkillFactory.create(code="gis")
    staff = UserFactory.create_batch(10, department=roads)
    for person, level in zip(staff, [5, 4, 3, 2], strict=False):
        StaffSkillFactory.create(user=person, skill=gis, level=level)
    receiving = DepartmentFactory.create(code="PARKS")
    need = TalentNeedFactory.create(department=receiving, status="open")
    Secondment.objects.create(
        person=staff[0],
        need=need,
        lending_department=roads,
        receiving_department=receiving,
        start_date=date(2026, 1, 1),
        end_date=date(2027, 12, 31),
        status="active",
    )
    return {"department": roads, "gis": gis, "staff": staff}


@pytest.fixture
def hr(db):
    return UserFactory.create(roles=["staff", "hr"])


def test_a_department_reads_its_cap_in_people_and_who_is_out(client_for, roads, hr) -> None:
    response = client_for(hr).get(f"/api/v1/departments/{roads['department'].pk}/")

    assert response.status_code == 200
    body = response.json()
    assert (body["release_cap_percent"], body["release_cap_people"], body["people_out"]) == (
        20,
        2,
        1,
    )
    assert body["critical_skill_floors"] == []


def test_hr_change_a_release_cap_and_the_next_run_keeps_it(client_for, roads, hr) -> None:
    department = roads["department"]

    response = client_for(hr).patch(
        f"/api/v1/departments/{department.pk}/", {"release_cap_percent": 50}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["release_cap_percent"], response.json()["release_cap_people"]) == (
        50,
        5,
    )
    event = AuditEvent.objects.get(action="department.updated")
    assert (event.actor, event.before, event.after) == (
        hr,
        {"release_cap_percent": 20},
        {"release_cap_percent": 50},
    )
    cap = {d.id: d.release_cap for d in matcher_input(date(2026, 12, 1)).departments}
    assert cap[str(department.pk)] == 5 - 1  # one is out now


@pytest.mark.parametrize(
    ("value", "message"),
    [(101, "less than or equal to 100"), (-1, "greater than or equal to 0"), ("ten", "valid")],
)
def test_a_release_cap_out_of_range_is_refused_not_clamped(
    client_for, roads, hr, value, message
) -> None:
    department = roads["department"]

    response = client_for(hr).patch(
        f"/api/v1/departments/{department.pk}/", {"release_cap_percent": value}, format="json"
    )

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == "release_cap_percent"
    assert message in error["message"]
    department.refresh_from_db()
    assert department.release_cap_percent == 20
    assert not AuditEvent.objects.filter(action="department.updated").exists()


def test_hr_set_a_floor_and_see_how_many_it_counts_at_home(client_for, roads, hr) -> None:
    department, gis = roads["department"], roads["gis"]
    url = f"/api/v1/departments/{department.pk}/floors/{gis.pk}/"

    response = client_for(hr).put(url, {"min_level": 3, "min_people": 1}, format="json")

    assert response.status_code == 200
    [floor] = response.json()["critical_skill_floors"]
    # Levels 5, 4 and 3 hold it; the level-5 analyst is lent out: two at home.
    assert (floor["skill"]["code"], floor["min_level"], floor["min_people"], floor["at_home"]) == (
        "gis",
        3,
        1,
        2,
    )
    event = AuditEvent.objects.get(action="floor.set")
    assert (event.before, event.after) == (
        None,
        {"skill": "gis", "min_level": 3, "min_people": 1},
    )
    [matcher_floor] = next(
        d.floors for d in matcher_input(date(2026, 12, 1)).departments if d.id == str(department.pk)
    )
    assert (matcher_floor.skill, matcher_floor.min_level, matcher_floor.may_release) == (
        "gis",
        3,
        1,
    )


def test_hr_change_then_remove_a_floor_each_audited(client_for, roads, hr) -> None:
    department, gis = roads["department"], roads["gis"]
    url = f"/api/v1/departments/{department.pk}/floors/{gis.pk}/"
    client = client_for(hr)
    client.put(url, {"min_level": 3, "min_people": 1}, format="json")

    changed = client.put(url, {"min_level": 4, "min_people": 2}, format="json")
    removed = client.delete(url)

    assert changed.status_code == 200
    assert changed.json()["critical_skill_floors"][0]["at_home"] == 1
    assert removed.status_code == 200
    assert removed.json()["critical_skill_floors"] == []
    events = AuditEvent.objects.filter(action__startswith="floor.").order_by("pk")
    assert [(e.action, e.before, e.after) for e in events][1:] == [
        (
            "floor.set",
            {"min_level": 3, "min_people": 1},
            {"skill": "gis", "min_level": 4, "min_people": 2},
        ),
        ("floor.removed", {"skill": "gis", "min_level": 4, "min_people": 2}, None),
    ]
    assert client.delete(url).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"min_level": 6, "min_people": 1}, "min_level"),
        ({"min_level": 0, "min_people": 1}, "min_level"),
        ({"min_level": 3, "min_people": 0}, "min_people"),
        ({"min_level": 3}, "min_people"),
    ],
)
def test_a_floor_out_of_range_is_refused(client_for, roads, hr, body, field) -> None:
    department, gis = roads["department"], roads["gis"]

    response = client_for(hr).put(
        f"/api/v1/departments/{department.pk}/floors/{gis.pk}/", body, format="json"
    )

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]
    assert not department.critical_skill_floors.exists()


def test_a_floor_for_a_skill_that_does_not_exist_is_not_found(client_for, roads, hr) -> None:
    response = client_for(hr).put(
        f"/api/v1/departments/{roads['department'].pk}/floors/999999/",
        {"min_level": 3, "min_people": 1},
        format="json",
    )

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("roles", [["staff"], ["staff", "dept_head"], ["staff", "organiser"]])
def test_only_hr_and_administrators_change_the_rules(client_for, roads, roles) -> None:
    department, gis = roads["department"], roads["gis"]
    someone = UserFactory.create(department=department, roles=roles)
    client = client_for(someone)

    patched = client.patch(
        f"/api/v1/departments/{department.pk}/", {"release_cap_percent": 90}, format="json"
    )
    floor = client.put(
        f"/api/v1/departments/{department.pk}/floors/{gis.pk}/",
        {"min_level": 1, "min_people": 1},
        format="json",
    )

    assert (patched.status_code, floor.status_code) == (403, 403)
    department.refresh_from_db()
    assert department.release_cap_percent == 20
    assert not department.critical_skill_floors.exists()
