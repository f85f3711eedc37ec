"""Departments, their release caps and critical-skill floors change in the admin site through
audited services; the pages of people's skills, needs and opt-ins there are read-only."""

import pytest
from django.test import Client

from apps.audit.models import AuditEvent
from apps.organisation.models import CriticalSkillFloor, Department
from tests.factories import (
    DepartmentFactory,
    SkillFactory,
    StaffSkillFactory,
    TalentNeedFactory,
    UserFactory,
)


@pytest.fixture
def admin_client(db) -> tuple[Client, object]:
    admin = UserFactory.create(roles=["staff", "admin"], is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    return client, admin


def department_form(department: Department, **changes: object) -> dict[str, object]:
    floors = list(department.critical_skill_floors.all())
    data: dict[str, object] = {
        "name_zh": department.name_zh,
        "name_en": department.name_en,
        "parent": department.parent_id or "",
        "release_cap_percent": department.release_cap_percent,
        "critical_skill_floors-TOTAL_FORMS": len(floors),
        "critical_skill_floors-INITIAL_FORMS": len(floors),
        "critical_skill_floors-MIN_NUM_FORMS": 0,
        "critical_skill_floors-MAX_NUM_FORMS": 1000,
    }
    for index, floor in enumerate(floors):
        data.update(
            {
                f"critical_skill_floors-{index}-id": floor.pk,
                f"critical_skill_floors-{index}-department": department.pk,
                f"critical_skill_floors-{index}-skill": floor.skill_id,
                f"critical_skill_floors-{index}-min_level": floor.min_level,
                f"critical_skill_floors-{index}-min_people": floor.min_people,
            }
        )
    data.update(changes)
    return data


def test_a_release_cap_changed_in_the_admin_site_is_audited(admin_client) -> None:
    client, admin = admin_client
    department = DepartmentFactory.create(code="BDB", release_cap_percent=10)

    response = client.post(
        f"/admin/organisation/department/{department.pk}/change/",
        department_form(department, release_cap_percent=25),
    )

    assert response.status_code == 302
    department.refresh_from_db()
    assert department.release_cap_percent == 25
    event = AuditEvent.objects.get(action="department.updated")
    assert (event.actor, event.before, event.after) == (
        admin,
        {"release_cap_percent": 10},
        {"release_cap_percent": 25},
    )


def test_a_bad_release_cap_is_refused_on_the_form(admin_client) -> None:
    client, _admin = admin_client
    department = DepartmentFactory.create(release_cap_percent=10)

    response = client.post(
        f"/admin/organisation/department/{department.pk}/change/",
        department_form(department, release_cap_percent=150),
    )

    assert response.status_code == 200
    department.refresh_from_db()
    assert department.release_cap_percent == 10
    assert not AuditEvent.objects.filter(action="department.updated").exists()


def test_critical_skill_floors_set_and_removed_in_the_admin_site_are_audited(admin_client) -> None:
    client, admin = admin_client
    department = DepartmentFactory.create(code="GIS")
    gis = SkillFactory.create(code="gis")
    added = department_form(
        department,
        **{
            "critical_skill_floors-TOTAL_FORMS": 1,
            "critical_skill_floors-0-skill": gis.pk,
            "critical_skill_floors-0-min_level": 4,
            "critical_skill_floors-0-min_people": 2,
        },
    )

    client.post(f"/admin/organisation/department/{department.pk}/change/", added)
    floor = CriticalSkillFloor.objects.get(department=department)
    removed = department_form(department, **{"critical_skill_floors-0-DELETE": "on"})
    client.post(f"/admin/organisation/department/{department.pk}/change/", removed)

    assert (floor.skill, floor.min_level, floor.min_people) == (gis, 4, 2)
    assert not CriticalSkillFloor.objects.exists()
    set_event = AuditEvent.objects.get(action="floor.set")
    removed_event = AuditEvent.objects.get(action="floor.removed")
    assert (set_event.actor, set_event.after) == (
        admin,
        {"skill": "gis", "min_level": 4, "min_people": 2},
    )
    assert removed_event.before == {"skill": "gis", "min_level": 4, "min_people": 2}


def test_a_department_made_in_the_admin_site_is_audited(admin_client) -> None:
    client, _admin = admin_client
    parent = DepartmentFactory.create(code="BDB")

    response = client.post(
        "/admin/organisation/department/add/",
        {
            "code": "BDB-GIS",
            "name_zh": "地理信息处",
            "name_en": "GIS Division",
            "parent": parent.pk,
            "release_cap_percent": 15,
            "critical_skill_floors-TOTAL_FORMS": 0,
            "critical_skill_floors-INITIAL_FORMS": 0,
            "critical_skill_floors-MIN_NUM_FORMS": 0,
            "critical_skill_floors-MAX_NUM_FORMS": 1000,
        },
    )

    assert response.status_code == 302
    assert Department.objects.get(code="BDB-GIS").parent == parent
    assert AuditEvent.objects.get(action="department.created").after == {
        "code": "BDB-GIS",
        "parent": "BDB",
        "release_cap_percent": 15,
    }


@pytest.mark.parametrize("model", ["skills/staffskill", "secondments/talentneed"])
def test_skills_and_needs_are_read_only_in_the_admin_site(admin_client, model) -> None:
    client, _admin = admin_client
    staff_skill = StaffSkillFactory.create()
    need = TalentNeedFactory.create()
    pk = staff_skill.pk if model.startswith("skills") else need.pk

    page = client.get(f"/admin/{model}/{pk}/change/")
    changed = client.post(f"/admin/{model}/{pk}/change/", {"level": 5, "status": "closed"})

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode(), "the page offers no saving"
    assert changed.status_code == 403
    assert client.get(f"/admin/{model}/add/").status_code == 403


def test_another_skill_in_a_floors_row_replaces_that_floor(admin_client) -> None:
    client, _admin = admin_client
    department = DepartmentFactory.create()
    gis, python = SkillFactory.create(code="gis"), SkillFactory.create(code="python")
    CriticalSkillFloor.objects.create(department=department, skill=gis, min_level=3, min_people=1)

    client.post(
        f"/admin/organisation/department/{department.pk}/change/",
        department_form(department, **{"critical_skill_floors-0-skill": python.pk}),
    )

    assert list(department.critical_skill_floors.values_list("skill__code", flat=True)) == [
        "python"
    ]


def test_a_group_is_renamed_in_the_admin_site_through_its_service_and_not_started_there(
    admin_client,
) -> None:
    from tests.factories import group_with

    client, admin = admin_client
    group = group_with(name="旧名称")

    renamed = client.post(
        f"/admin/groups/studygroup/{group.pk}/change/",
        {
            "name": "新名称",
            "description": "",
            "target_tier": "",
            "memberships-TOTAL_FORMS": 0,
            "memberships-INITIAL_FORMS": 0,
            "memberships-MIN_NUM_FORMS": 0,
            "memberships-MAX_NUM_FORMS": 1000,
        },
    )

    assert renamed.status_code == 302
    group.room.refresh_from_db()
    assert group.room.title == "新名称"
    event = AuditEvent.objects.get(action="group.updated")
    assert (event.actor, event.before, event.after) == (
        admin,
        {"name": "旧名称"},
        {"name": "新名称"},
    )
    assert client.get("/admin/groups/studygroup/add/").status_code == 403
