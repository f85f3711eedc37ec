import pytest

from apps.audit.models import AuditEvent
from apps.secondments.models import TalentNeed
from tests.factories import (
    DepartmentFactory,
    NeedRequirementFactory,
    SkillFactory,
    TalentNeedFactory,
    UserFactory,
)


@pytest.fixture
def city(db):
    bureau = DepartmentFactory.create(code="BDB")
    division = DepartmentFactory.create(code="BDB-SEC", parent=bureau)
    finance = DepartmentFactory.create(code="FIN")
    return {
        "bureau": bureau,
        "division": division,
        "finance": finance,
        "head": UserFactory.create(department=bureau, roles=["staff", "dept_head"]),
        "staff": UserFactory.create(department=finance, clearance=1),
        "hr": UserFactory.create(department=finance, roles=["staff", "hr"]),
        "python": SkillFactory.create(code="python"),
        "gis": SkillFactory.create(code="gis", name_en="GIS"),
    }


def need_body(city, **changes):
    return {
        "department": city["division"].pk,
        "title": "安全运营值守支援",
        "description": "Cover the SOC during the audit.",
        "headcount": 2,
        "start_date": "2027-03-01",
        "end_date": "2027-08-31",
        "tier": "specialist",
        "clearance": 1,
        "requirements": [
            {"skill": city["python"].pk, "min_level": 3, "weight": "2.0"},
            {"skill": city["gis"].pk, "min_level": 2, "must": False},
        ],
        **changes,
    }


def titles(response) -> list[str]:
    return sorted(need["title"] for need in response.json()["results"])


def test_a_head_files_a_need_for_a_division_as_a_draft(client_for, city) -> None:
    response = client_for(city["head"]).post("/api/v1/needs/", need_body(city), format="json")

    assert response.status_code == 201
    need = response.json()
    assert (need["status"], need["department"]["code"], need["headcount"]) == (
        "draft",
        "BDB-SEC",
        2,
    )
    assert [
        (r["skill"]["code"], r["min_level"], r["weight"], r["must"]) for r in need["requirements"]
    ] == [("python", 3, "2.00", True), ("gis", 2, "1.00", False)]
    assert need["can_edit"] is True
    event = AuditEvent.objects.get(action="need.created")
    assert event.after is not None
    assert event.after["requirements"][0] == {
        "skill": "gis",
        "min_level": 2,
        "weight": "1.00",
        "must": False,
    }


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_date": "2027-01-01"}, "end_date"),
        ({"requirements": []}, "requirements"),
        ({"headcount": 0}, "headcount"),
        ({"tier": "emperor"}, "tier"),
        ({"clearance": 7}, "clearance"),
        ({"start_date": "next spring"}, "start_date"),
    ],
)
def test_a_bad_need_is_refused_naming_the_field(client_for, city, changes, field) -> None:
    response = client_for(city["head"]).post(
        "/api/v1/needs/", need_body(city, **changes), format="json"
    )

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]
    assert not TalentNeed.objects.exists()


def test_a_skill_required_twice_is_refused(client_for, city) -> None:
    twice = [{"skill": city["python"].pk, "min_level": 2}] * 2

    response = client_for(city["head"]).post(
        "/api/v1/needs/", need_body(city, requirements=twice), format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "Each skill may appear only once."
    assert not TalentNeed.objects.exists()


def test_staff_see_open_needs_within_their_clearance(client_for, city) -> None:
    TalentNeedFactory.create(title="open public", department=city["division"], clearance=0)
    TalentNeedFactory.create(title="open internal", department=city["division"], clearance=1)
    TalentNeedFactory.create(title="open secret", department=city["division"], clearance=3)
    TalentNeedFactory.create(title="draft", department=city["division"], status="draft")
    TalentNeedFactory.create(title="closed", department=city["division"], status="closed")

    assert titles(client_for(city["staff"]).get("/api/v1/needs/")) == [
        "open internal",
        "open public",
    ]
    assert len(titles(client_for(city["hr"]).get("/api/v1/needs/"))) == 5
    assert len(titles(client_for(city["head"]).get("/api/v1/needs/"))) == 5


def test_needs_can_be_filtered(client_for, city) -> None:
    need = TalentNeedFactory.create(title="GIS analyst", department=city["division"])
    NeedRequirementFactory.create(need=need, skill=city["gis"])
    TalentNeedFactory.create(title="Budget analyst", department=city["finance"])
    client = client_for(city["hr"])

    assert titles(client.get("/api/v1/needs/?skill=gis")) == ["GIS analyst"]
    assert titles(client.get(f"/api/v1/needs/?department={city['finance'].pk}")) == [
        "Budget analyst"
    ]
    assert titles(
        client.get(f"/api/v1/needs/?department={city['bureau'].pk}&include_subdepartments=1")
    ) == ["GIS analyst"]
    assert titles(client.get("/api/v1/needs/?q=budget")) == ["Budget analyst"]


def test_a_need_goes_from_draft_to_open_to_closed(client_for, city) -> None:
    client = client_for(city["head"])
    need_id = client.post("/api/v1/needs/", need_body(city), format="json").json()["id"]

    opened = client.post(f"/api/v1/needs/{need_id}/open/")
    reopened = client.post(f"/api/v1/needs/{need_id}/open/")
    closed = client.post(f"/api/v1/needs/{need_id}/close/")
    edited = client.patch(f"/api/v1/needs/{need_id}/", {"title": "late"}, format="json")

    assert opened.json()["status"] == "open"
    assert reopened.status_code == 400
    assert reopened.json()["errors"][0]["code"] == "invalid_transition"
    assert closed.json()["status"] == "closed"
    assert edited.status_code == 400
    assert edited.json()["errors"][0]["code"] == "not_editable"
    assert list(
        AuditEvent.objects.filter(object_id=str(need_id))
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["need.created", "need.open", "need.closed"]


def test_editing_a_need_replaces_its_requirements_and_keeps_both_versions(client_for, city) -> None:
    client = client_for(city["head"])
    need_id = client.post("/api/v1/needs/", need_body(city), format="json").json()["id"]

    response = client.patch(
        f"/api/v1/needs/{need_id}/",
        {"headcount": 1, "requirements": [{"skill": city["gis"].pk, "min_level": 4}]},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["headcount"] == 1
    assert [r["skill"]["code"] for r in response.json()["requirements"]] == ["gis"]
    event = AuditEvent.objects.get(action="need.updated")
    assert event.before is not None
    assert event.after is not None
    assert (event.before["headcount"], event.after["headcount"]) == (2, 1)
    assert len(event.before["requirements"]) == 2


def test_only_a_draft_can_be_deleted(client_for, city) -> None:
    draft = TalentNeedFactory.create(department=city["division"], status="draft")
    opened = TalentNeedFactory.create(department=city["division"], status="open")
    client = client_for(city["head"])

    assert client.delete(f"/api/v1/needs/{draft.pk}/").status_code == 204
    assert client.delete(f"/api/v1/needs/{opened.pk}/").status_code == 400
    assert list(TalentNeed.objects.values_list("pk", flat=True)) == [opened.pk]


def test_staff_are_not_offered_to_edit(client_for, city) -> None:
    need = TalentNeedFactory.create(department=city["division"])

    response = client_for(city["staff"]).get(f"/api/v1/needs/{need.pk}/")

    assert response.json()["can_edit"] is False
