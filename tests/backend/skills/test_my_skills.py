import pytest

from apps.audit.models import AuditEvent
from apps.skills.models import StaffSkill, StaffSkillChange
from tests.factories import DepartmentFactory, SkillFactory, StaffSkillFactory, UserFactory


@pytest.fixture
def person(db):
    return UserFactory.create()


@pytest.fixture
def gis(db):
    return SkillFactory.create(code="gis")


def history(person) -> list[tuple[str, int | None, str]]:
    return [
        (change.kind, change.level, change.provenance)
        for change in StaffSkillChange.objects.filter(user=person).order_by("id")
    ]


def test_i_declare_change_and_remove_a_skill_and_its_history_is_kept(
    client_for, person, gis
) -> None:
    client = client_for(person)

    created = client.post("/api/v1/me/skills/", {"skill": gis.pk, "level": 2}, format="json")
    changed = client.patch(f"/api/v1/me/skills/{gis.pk}/", {"level": 3}, format="json")
    removed = client.delete(f"/api/v1/me/skills/{gis.pk}/")

    assert created.status_code == 201
    assert (created.json()["level"], created.json()["provenance"]) == (2, "self")
    assert changed.json()["level"] == 3
    assert removed.status_code == 204
    assert client.get("/api/v1/me/skills/").json()["results"] == []
    assert history(person) == [("set", 2, "self"), ("set", 3, "self"), ("removed", None, "")]


def test_a_skill_already_in_my_profile_is_changed_not_added(client_for, person, gis) -> None:
    StaffSkillFactory.create(user=person, skill=gis, level=2)

    response = client_for(person).post(
        "/api/v1/me/skills/", {"skill": gis.pk, "level": 4}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "skill"
    assert StaffSkill.objects.get(user=person, skill=gis).level == 2


@pytest.mark.parametrize(
    ("body", "field"),
    [({"level": 6}, "level"), ({"level": 0}, "level"), ({"level": "expert"}, "level")],
)
def test_a_level_outside_one_to_five_is_refused(client_for, person, gis, body, field) -> None:
    response = client_for(person).post(
        "/api/v1/me/skills/", {"skill": gis.pk, **body}, format="json"
    )

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]
    assert not StaffSkill.objects.exists()


def test_an_unknown_skill_is_refused(client_for, person) -> None:
    response = client_for(person).post(
        "/api/v1/me/skills/", {"skill": 999999, "level": 3}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "skill"


def test_i_only_see_my_own_skills(client_for, person, gis) -> None:
    StaffSkillFactory.create(skill=gis)  # someone else's

    assert client_for(person).get("/api/v1/me/skills/").json()["count"] == 0
    assert client_for(person).get(f"/api/v1/me/skills/{gis.pk}/").status_code == 404


def test_my_department_head_verifies_my_level_and_it_is_audited(client_for, gis) -> None:
    department = DepartmentFactory.create()
    person = UserFactory.create(department=department)
    head = UserFactory.create(department=department, roles=["staff", "dept_head"])
    StaffSkillFactory.create(user=person, skill=gis, level=3)

    response = client_for(head).post(f"/api/v1/people/{person.pk}/skills/{gis.pk}/verify/")

    assert response.status_code == 200
    assert response.json()["provenance"] == "manager_verified"
    assert response.json()["verified_by"] == head.display_name
    assert history(person) == [("verified", 3, "manager_verified")]
    event = AuditEvent.objects.get(action="skill.verified")
    assert (event.actor, event.after) == (head, {"skill": "gis", "level": 3})


def test_changing_a_verified_level_makes_it_self_declared_again(client_for, person, gis) -> None:
    StaffSkillFactory.create(user=person, skill=gis, level=3, provenance="manager_verified")

    response = client_for(person).put(f"/api/v1/me/skills/{gis.pk}/", {"level": 4}, format="json")

    assert (response.json()["level"], response.json()["provenance"]) == (4, "self")


def test_a_head_cannot_verify_their_own_skill(client_for, gis) -> None:
    head = UserFactory.create(roles=["staff", "dept_head"])
    StaffSkillFactory.create(user=head, skill=gis)

    response = client_for(head).post(f"/api/v1/people/{head.pk}/skills/{gis.pk}/verify/")

    assert response.status_code == 403
    assert StaffSkill.objects.get(user=head).provenance == "self"
