"""The Django admin site changes people through the same audited services as the API."""

import pytest
from django.test import Client

from apps.audit.models import AuditEvent
from tests.factories import UserFactory


def change_form(person, **changes) -> dict[str, object]:
    """The admin's change form of ``person`` as a browser posts it, with ``changes``."""
    data: dict[str, object] = {
        "username": person.username,
        "employee_number": person.employee_number,
        "display_name": person.display_name,
        "email": person.email,
        "department": person.department_id or "",
        "position": person.position,
        "tier": person.tier,
        "language": person.language,
        "clearance": person.clearance,
        "new_phone": "",
        "new_national_id": "",
        "role_grants-TOTAL_FORMS": 0,
        "role_grants-INITIAL_FORMS": 0,
        "role_grants-MIN_NUM_FORMS": 0,
        "role_grants-MAX_NUM_FORMS": 1000,
    }
    if person.is_active:
        data["is_active"] = "on"
    data.update(changes)
    return {name: value for name, value in data.items() if value is not False}


@pytest.fixture
def admin_client(db) -> tuple[Client, object]:
    admin = UserFactory.create(roles=["staff", "admin"], is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    return client, admin


def test_closing_an_account_in_the_admin_site_goes_through_the_service(admin_client) -> None:
    client, admin = admin_client
    person = UserFactory.create(roles=["staff"])

    response = client.post(
        f"/admin/accounts/user/{person.pk}/change/", change_form(person, is_active=False)
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_active
    event = AuditEvent.objects.get(action="user.deactivated")
    assert (event.actor, event.object_id) == (admin, str(person.pk))


def test_the_admin_site_refuses_to_close_the_last_administrator(admin_client) -> None:
    client, admin = admin_client

    response = client.post(
        f"/admin/accounts/user/{admin.pk}/change/", change_form(admin, is_active=False)
    )

    assert response.status_code == 200
    assert "The last administrator cannot be deactivated." in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active


def test_a_replaced_phone_is_audited_masked(admin_client) -> None:
    client, _admin = admin_client
    person = UserFactory.create(roles=["staff"], phone="13800000000")

    response = client.post(
        f"/admin/accounts/user/{person.pk}/change/",
        change_form(person, new_phone="139 1234 5678", position="Analyst"),
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.position) == ("13912345678", "Analyst")
    replaced = AuditEvent.objects.get(action="person.sensitive_replaced")
    assert (replaced.before, replaced.after) == (
        {"phone": "138****0000"},
        {"phone": "139****5678"},
    )
    edited = AuditEvent.objects.get(action="user.changed_in_admin")
    assert edited.after == {"fields": ["position"]}


def test_a_role_granted_in_the_admin_site_is_audited(admin_client) -> None:
    client, admin = admin_client
    person = UserFactory.create(roles=[])

    response = client.post(
        f"/admin/accounts/user/{person.pk}/change/",
        change_form(person, **{"role_grants-TOTAL_FORMS": 1, "role_grants-0-role": "hr"}),
    )

    assert response.status_code == 302
    assert sorted(person.role_grants.values_list("role", flat=True)) == ["hr"]
    event = AuditEvent.objects.get(action="role.granted")
    assert (event.actor, event.object_id, event.after) == (admin, str(person.pk), {"role": "hr"})


def test_the_admin_site_names_its_sections_and_models_in_chinese(admin_client) -> None:
    client, _admin = admin_client
    index = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    for name in ("账号", "人员", "学习小组", "审计日志", "审计事件", "部门"):
        assert name in index, name
    assert "Study groups" not in index
