import pytest

from apps.accounts.models import RoleGrant, User
from apps.audit.models import AuditEvent
from tests.factories import UserFactory


@pytest.fixture
def admin(db):
    return UserFactory.create(username="root", display_name="管理员甲", roles=["admin"])


def test_an_administrator_grants_a_role_and_it_is_audited(client_for, admin) -> None:
    person = UserFactory.create()

    response = client_for(admin).post(
        "/api/v1/role-grants/", {"user": person.pk, "role": "hr"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["role"] == "hr"
    assert response.json()["granted_by"] == "管理员甲"  # by name, as every other column
    assert RoleGrant.objects.filter(user=person, role="hr").exists()
    event = AuditEvent.objects.get(action="role.granted")
    assert (event.actor, event.object_id, event.after) == (admin, str(person.pk), {"role": "hr"})


def test_the_admin_role_opens_the_admin_site_and_revoking_closes_it(client_for, admin) -> None:
    person = UserFactory.create()
    client = client_for(admin)

    grant_id = client.post(
        "/api/v1/role-grants/", {"user": person.pk, "role": "admin"}, format="json"
    ).json()["id"]
    person.refresh_from_db()
    opened = (person.is_staff, person.is_superuser)
    client.delete(f"/api/v1/role-grants/{grant_id}/")
    person.refresh_from_db()

    assert opened == (True, True)
    assert (person.is_staff, person.is_superuser) == (False, False)
    assert AuditEvent.objects.get(action="role.revoked").before == {"role": "admin"}


def test_a_role_cannot_be_granted_twice(client_for, admin) -> None:
    person = UserFactory.create(roles=["staff"])

    response = client_for(admin).post(
        "/api/v1/role-grants/", {"user": person.pk, "role": "staff"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "role", "code": "unique", "message": "This person already holds this role."}
    ]


def test_an_unknown_role_is_refused(client_for, admin) -> None:
    response = client_for(admin).post(
        "/api/v1/role-grants/", {"user": admin.pk, "role": "emperor"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "role"


def test_the_last_administrator_keeps_the_role(client_for, admin) -> None:
    grant = RoleGrant.objects.get(user=admin, role="admin")

    response = client_for(admin).delete(f"/api/v1/role-grants/{grant.pk}/")

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "last_admin"
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


def test_a_role_holder_cannot_grant_roles_to_themself(client_for, db) -> None:
    hr = UserFactory.create(roles=["staff", "hr"])

    response = client_for(hr).post(
        "/api/v1/role-grants/", {"user": hr.pk, "role": "admin"}, format="json"
    )

    assert response.status_code == 403
    assert not RoleGrant.objects.filter(user=hr, role="admin").exists()


def test_grants_can_be_listed_by_person_and_role(client_for, admin) -> None:
    person = UserFactory.create(roles=["staff", "organiser"])

    response = client_for(admin).get(f"/api/v1/role-grants/?user={person.pk}")

    assert sorted(grant["role"] for grant in response.json()["results"]) == ["organiser", "staff"]


@pytest.mark.django_db
def test_the_first_administrator_gets_a_password_that_passes_the_validators(monkeypatch) -> None:
    from django.core.management import CommandError, call_command

    def create(password: str) -> None:
        monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", password)
        call_command(
            "createsuperuser",
            "--noinput",
            username="root",
            employee_number="A0001",
            display_name="Root",
        )

    with pytest.raises(CommandError, match="too short"):
        create("1")
    assert not User.objects.filter(username="root").exists()

    create("a long and uncommon passphrase")
    assert User.objects.get(username="root").roles == {"admin"}
