"""A person's skill history: each level set, verified or removed, by whom and when."""

from apps.skills import services
from tests.factories import DepartmentFactory, SkillFactory, UserFactory


def test_the_history_reads_newest_first_with_who_changed_what(client_for, db) -> None:
    bureau = DepartmentFactory.create()
    person = UserFactory.create(department=bureau)
    head = UserFactory.create(department=bureau, roles=["staff", "dept_head"], display_name="处长")
    python = SkillFactory.create(code="python", name_en="Python")
    services.set_own_skill(user=person, skill=python, level=2)
    held = services.set_own_skill(user=person, skill=python, level=3)
    services.verify_skill(actor=head, staff_skill=held)
    services.remove_own_skill(staff_skill=held)

    answer = client_for(person).get(f"/api/v1/people/{person.pk}/skill-history/")

    assert answer.status_code == 200
    changes = answer.json()["results"]
    assert [(change["kind"], change["level"]) for change in changes] == [
        ("removed", None),
        ("verified", 3),
        ("set", 3),
        ("set", 2),
    ]
    assert changes[1]["changed_by"] == "处长"
    assert changes[1]["provenance"] == "manager_verified"
    assert changes[0]["skill"]["code"] == "python"
    assert client_for(head).get(f"/api/v1/people/{person.pk}/skill-history/").status_code == 200


def test_a_colleague_reads_the_skills_but_not_their_history(client_for, db) -> None:
    person = UserFactory.create()
    services.set_own_skill(user=person, skill=SkillFactory.create(), level=2)
    colleague = UserFactory.create(department=person.department)

    refused = client_for(colleague).get(f"/api/v1/people/{person.pk}/skill-history/")
    hr = client_for(UserFactory.create(roles=["staff", "hr"])).get(
        f"/api/v1/people/{person.pk}/skill-history/"
    )

    assert refused.status_code == 403
    assert "history of their skills" in refused.json()["detail"]
    assert hr.json()["count"] == 1


def test_the_history_of_nobody_is_not_found(client_for, db) -> None:
    answer = client_for(UserFactory.create(roles=["staff", "hr"])).get(
        "/api/v1/people/999999/skill-history/"
    )
    assert answer.status_code == 404
