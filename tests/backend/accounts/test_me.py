import pytest

from apps.audit.models import AuditEvent
from tests.factories import DepartmentFactory, UserFactory


@pytest.fixture
def person(db):
    return UserFactory.create(
        username="wangfang",
        phone="13812345678",
        national_id="11010519491231002X",
        clearance=2,
        roles=["staff", "dept_head"],
        department=DepartmentFactory.create(code="BDB"),
    )


def test_my_profile_shows_my_own_sensitive_fields_unmasked(client_for, person) -> None:
    child = DepartmentFactory.create(parent=person.department)

    me = client_for(person).get("/api/v1/me/").json()

    assert me["phone"] == "13812345678"
    assert me["national_id"] == "11010519491231002X"
    assert me["clearance"] == 2
    assert me["roles"] == ["dept_head", "staff"]
    assert me["headed_department_ids"] == sorted([person.department_id, child.pk])


def test_i_can_change_my_language_email_and_phone(client_for, person) -> None:
    response = client_for(person).patch(
        "/api/v1/me/",
        {"language": "en", "phone": "139 8765-4321", "email": "wf@city.example"},
        format="json",
    )

    assert response.status_code == 200
    person.refresh_from_db()
    assert (person.language, person.phone, person.email) == ("en", "13987654321", "wf@city.example")


def test_a_profile_change_is_audited_with_sensitive_values_masked(client_for, person) -> None:
    client_for(person).patch("/api/v1/me/", {"phone": "13987654321"}, format="json")

    event = AuditEvent.objects.get(action="profile.updated")
    assert event.before == {"phone": "138****5678"}
    assert event.after == {"phone": "139****4321"}


def test_an_unchanged_profile_writes_no_event(client_for, person) -> None:
    client_for(person).patch("/api/v1/me/", {"phone": "13812345678"}, format="json")

    assert not AuditEvent.objects.filter(action="profile.updated").exists()


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"phone": "call me"}, "phone", "invalid_phone"),
        ({"language": "fr"}, "language", "invalid_choice"),
        ({"email": "not-an-address"}, "email", "invalid"),
    ],
)
def test_bad_profile_input_names_the_field(client_for, person, body, field, code) -> None:
    response = client_for(person).patch("/api/v1/me/", body, format="json")

    assert response.status_code == 400
    assert [(error["field"], error["code"]) for error in response.json()["errors"]] == [
        (field, code)
    ]
    person.refresh_from_db()
    assert person.phone == "13812345678"


def test_read_only_fields_cannot_be_changed_by_their_owner(client_for, person) -> None:
    client_for(person).patch("/api/v1/me/", {"clearance": 3, "tier": "leader"}, format="json")

    person.refresh_from_db()
    assert (person.clearance, person.tier) == (2, "general")


def test_a_person_without_an_email_is_described_truly(client_for, db) -> None:
    """The schema promised an e-mail address (format "email") and answered ""."""
    person = UserFactory.create(email="")
    client = client_for(person)

    me = client.get("/api/v1/me/")  # the test client checks each answer against the schema
    listed = client.get(f"/api/v1/people/{person.pk}/")

    assert (me.json()["email"], listed.json()["email"]) == ("", "")
