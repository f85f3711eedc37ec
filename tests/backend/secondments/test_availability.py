import pytest

from apps.audit.models import AuditEvent
from apps.secondments.models import SecondmentAvailability
from tests.factories import DepartmentFactory, SkillFactory, UserFactory


@pytest.fixture
def person(db):
    return UserFactory.create()


def test_i_opt_in_change_my_terms_and_opt_out(client_for, person) -> None:
    elsewhere = DepartmentFactory.create()
    gis = SkillFactory.create()
    client = client_for(person)

    before = client.get("/api/v1/me/availability/")
    opted_in = client.put(
        "/api/v1/me/availability/",
        {
            "available_from": "2027-02-01",
            "available_to": "2027-12-31",
            "time_share_percent": 50,
            "preferred_departments": [elsewhere.pk],
            "preferred_skills": [gis.pk],
        },
        format="json",
    )
    read_back = client.get("/api/v1/me/availability/").json()
    opted_out = client.delete("/api/v1/me/availability/")

    assert (before.status_code, before.content) == (204, b"")
    assert opted_in.status_code == 200
    assert (read_back["available_from"], read_back["time_share_percent"]) == ("2027-02-01", 50)
    assert read_back["preferred_departments"] == [elsewhere.pk]
    assert read_back["preferred_skills"] == [gis.pk]
    assert opted_out.status_code == 204
    assert not SecondmentAvailability.objects.exists()
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "availability.set",
        "availability.withdrawn",
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"available_from": "2027-06-01", "available_to": "2027-01-01"}, "available_to"),
        ({"available_from": "2027-06-01", "time_share_percent": 5}, "time_share_percent"),
        ({"time_share_percent": 50}, "available_from"),
        (
            {"available_from": "2027-06-01", "preferred_departments": [999999]},
            "preferred_departments",
        ),
    ],
)
def test_bad_terms_are_refused_naming_the_field(client_for, person, body, field) -> None:
    response = client_for(person).put("/api/v1/me/availability/", body, format="json")

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]
    assert not SecondmentAvailability.objects.exists()


def test_my_own_department_is_not_a_preference(client_for, person) -> None:
    response = client_for(person).put(
        "/api/v1/me/availability/",
        {"available_from": "2027-06-01", "preferred_departments": [person.department_id]},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "preferred_departments"
