import pytest

from tests.factories import (
    DepartmentFactory,
    SkillFactory,
    SkillSynonymFactory,
    StaffSkillFactory,
    UserFactory,
)


@pytest.fixture
def city(db):
    bureau = DepartmentFactory.create(code="PNR", name_en="Planning Bureau")
    division = DepartmentFactory.create(code="PNR-GIS", parent=bureau)
    elsewhere = DepartmentFactory.create(code="FIN")
    gis = SkillFactory.create(
        code="gis", name_zh="地理信息系统", name_en="Geographic information systems"
    )
    SkillSynonymFactory.create(skill=gis, name="GIS")
    people = {
        "zhou": UserFactory.create(display_name="周明", department=bureau, tier="leader"),
        "wu": UserFactory.create(display_name="吴芳", department=division, tier="specialist"),
        "zheng": UserFactory.create(display_name="郑强", department=elsewhere, tier="general"),
    }
    StaffSkillFactory.create(user=people["wu"], skill=gis, level=4)
    StaffSkillFactory.create(user=people["zheng"], skill=gis, level=2)
    return {"bureau": bureau, "division": division, "gis": gis, **people}


def names(response) -> list[str]:
    return [person["display_name"] for person in response.json()["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=吴", ["吴芳"]),
        ("tier=leader", ["周明"]),
        ("skill=GIS", ["吴芳", "郑强"]),
        ("skill=gis&skill_level=3", ["吴芳"]),
        ("skill=地理信息", ["吴芳", "郑强"]),
        ("skill=geographic", ["吴芳", "郑强"]),
        ("skill=cooking", []),
    ],
)
def test_the_directory_is_searchable(client_for, city, query, expected) -> None:
    response = client_for(city["zheng"]).get(f"/api/v1/people/?{query}")

    assert response.status_code == 200
    assert sorted(names(response)) == sorted(expected)


def test_the_directory_filters_by_department_and_below(client_for, city) -> None:
    client = client_for(city["zheng"])
    bureau = city["bureau"].pk

    assert names(client.get(f"/api/v1/people/?department={bureau}")) == ["周明"]
    assert sorted(
        names(client.get(f"/api/v1/people/?department={bureau}&include_subdepartments=true"))
    ) == ["吴芳", "周明"]


def test_a_bad_filter_value_is_named(client_for, city) -> None:
    response = client_for(city["zheng"]).get("/api/v1/people/?tier=emperor&skill_level=9")

    assert response.status_code == 400
    assert sorted(error["field"] for error in response.json()["errors"]) == ["skill_level", "tier"]


def test_deactivated_people_leave_the_directory_except_for_administrators(client_for, city) -> None:
    city["wu"].is_active = False
    city["wu"].save()
    admin = UserFactory.create(roles=["admin"])

    assert "吴芳" not in names(client_for(city["zheng"]).get("/api/v1/people/"))
    assert "吴芳" in names(client_for(admin).get("/api/v1/people/"))


def test_an_account_without_a_role_reads_no_directory(client_for, db) -> None:
    outsider = UserFactory.create(roles=[])

    response = client_for(outsider).get("/api/v1/people/")

    assert response.status_code == 403


def test_an_administrator_closes_an_account_and_it_is_audited(client_for, api_client, city) -> None:
    from rest_framework.authtoken.models import Token

    from apps.audit.models import AuditEvent
    from tests.factories import PASSWORD

    wu = city["wu"]
    Token.objects.create(user=wu)
    admin = UserFactory.create(roles=["admin"])

    response = client_for(admin).post(f"/api/v1/people/{wu.pk}/deactivate/", REMOTE_ADDR="10.2.3.4")

    assert (response.status_code, response.json()["is_active"]) == (200, False)
    assert not Token.objects.filter(user=wu).exists()
    event = AuditEvent.objects.get(action="user.deactivated")
    assert (event.actor, event.object_id, event.source_address) == (admin, str(wu.pk), "10.2.3.4")
    api_client.logout()
    refused = api_client.post(
        "/api/v1/auth/token/", {"username": wu.username, "password": PASSWORD}, format="json"
    )
    assert refused.status_code == 400


def test_a_closed_account_is_opened_again(client_for, city) -> None:
    admin = UserFactory.create(roles=["admin"])
    client = client_for(admin)
    client.post(f"/api/v1/people/{city['wu'].pk}/deactivate/")

    response = client.post(f"/api/v1/people/{city['wu'].pk}/reactivate/")

    assert (response.status_code, response.json()["is_active"]) == (200, True)
    assert "吴芳" in names(client_for(city["zheng"]).get("/api/v1/people/"))


def test_the_last_administrator_cannot_be_closed(client_for, db) -> None:
    admin = UserFactory.create(roles=["admin"])

    response = client_for(admin).post(f"/api/v1/people/{admin.pk}/deactivate/")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["errors"][0]["code"] == "last_admin"
    admin.refresh_from_db()
    assert admin.is_active


def test_an_administrator_remains_whichever_way_the_others_go(client_for, db) -> None:
    first, second = UserFactory.create(roles=["admin"]), UserFactory.create(roles=["admin"])
    client = client_for(first)
    client.post(f"/api/v1/people/{second.pk}/deactivate/")
    own_grant = first.role_grants.get(role="admin")

    revoked = client.delete(f"/api/v1/role-grants/{own_grant.pk}/")

    assert (revoked.status_code, revoked.json()["errors"][0]["code"]) == (400, "last_admin")
    assert first.role_grants.filter(role="admin").exists()
