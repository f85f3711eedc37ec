"""Phone and national ID: masked for everyone in the directory; revealed, with an audit event,
to the person, HR and administrators only. Clearance: to those and the person's head."""

import pytest

from apps.audit.models import AuditEvent
from tests.factories import DepartmentFactory, UserFactory

VISIBLE_FIELDS = {
    "id",
    "employee_number",
    "display_name",
    "email",
    "department",
    "position",
    "tier",
    "roles",
    "skills",
    "phone",
    "national_id",
    "clearance",
    "can_reveal",
    "is_active",
}


@pytest.fixture
def people(db):
    department = DepartmentFactory.create(code="GAO")
    other = DepartmentFactory.create(code="FIN")
    subject = UserFactory.create(
        username="subject",
        department=department,
        phone="13812345678",
        national_id="11010519491231002X",
        clearance=2,
    )
    return {
        "subject": subject,
        "staff": UserFactory.create(department=department, roles=["staff"]),
        "organiser": UserFactory.create(department=other, roles=["staff", "organiser"]),
        "hr": UserFactory.create(department=other, roles=["staff", "hr"]),
        "own_head": UserFactory.create(department=department, roles=["staff", "dept_head"]),
        "other_head": UserFactory.create(department=other, roles=["staff", "dept_head"]),
        "admin": UserFactory.create(department=other, roles=["admin"]),
    }


@pytest.mark.parametrize(
    ("viewer", "clearance", "can_reveal"),
    [
        ("subject", 2, True),
        ("staff", None, False),
        ("organiser", None, False),
        ("hr", 2, True),
        ("own_head", 2, False),
        ("other_head", None, False),
        ("admin", 2, True),
    ],
)
def test_each_role_sees_exactly_the_fields_it_may(
    client_for, people, viewer, clearance, can_reveal
) -> None:
    response = client_for(people[viewer]).get(f"/api/v1/people/{people['subject'].pk}/")

    person = response.json()
    assert set(person) == VISIBLE_FIELDS
    assert (person["phone"], person["national_id"]) == ("138****5678", "110***********002X")
    assert person["clearance"] == clearance
    assert person["can_reveal"] is can_reveal
    assert not AuditEvent.objects.exists(), "a masked read is not an unmasking"


def test_the_list_masks_too(client_for, people) -> None:
    response = client_for(people["hr"]).get("/api/v1/people/?q=subject")

    assert [(p["phone"], p["national_id"]) for p in response.json()["results"]] == [
        ("138****5678", "110***********002X")
    ]


@pytest.mark.parametrize("viewer", ["subject", "hr", "admin"])
def test_revealing_gives_the_values_and_audits_who_read_them(client_for, people, viewer) -> None:
    response = client_for(people[viewer]).post(
        f"/api/v1/people/{people['subject'].pk}/reveal/",
        {"reason": "核实借调人员身份"},
        format="json",
        REMOTE_ADDR="10.0.0.7",
    )

    assert response.status_code == 200
    assert response.json() == {"phone": "13812345678", "national_id": "11010519491231002X"}
    assert response["Cache-Control"] == "no-store", "no cache keeps the unmasked values"
    event = AuditEvent.objects.get(action="person.sensitive_revealed")
    assert (event.actor, event.object_id, event.after, event.source_address) == (
        people[viewer],
        str(people["subject"].pk),
        {"fields": ["phone", "national_id"], "reason": "核实借调人员身份"},
        "10.0.0.7",
    )


@pytest.mark.parametrize("body", [{}, {"reason": "   "}])
def test_revealing_asks_why_and_reveals_nothing_without_a_reason(client_for, people, body) -> None:
    response = client_for(people["hr"]).post(
        f"/api/v1/people/{people['subject'].pk}/reveal/", body, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "reason"
    assert "13812345678" not in response.content.decode()
    assert not AuditEvent.objects.filter(action="person.sensitive_revealed").exists()


def test_ones_own_profile_is_kept_by_no_cache(client_for, people) -> None:
    response = client_for(people["subject"]).get("/api/v1/me/")

    assert response.json()["phone"] == "13812345678"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("viewer", ["staff", "organiser", "own_head", "other_head"])
def test_others_cannot_reveal_and_nothing_is_recorded_as_read(client_for, people, viewer) -> None:
    response = client_for(people[viewer]).post(f"/api/v1/people/{people['subject'].pk}/reveal/")

    assert response.status_code == 403
    assert "13812345678" not in response.content.decode()
    assert not AuditEvent.objects.filter(action="person.sensitive_revealed").exists()


def test_sensitive_fields_are_encrypted_at_rest(people) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT phone, national_id FROM accounts_user WHERE id = %s", [people["subject"].pk]
        )
        phone, national_id = cursor.fetchone()

    assert "13812345678" not in phone
    assert "11010519491231002X" not in national_id
    assert phone.startswith("gAAAA")  # a Fernet token
