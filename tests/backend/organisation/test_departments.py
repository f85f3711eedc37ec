import pytest

from tests.factories import (
    DepartmentFactory,
    SkillFactory,
    TalentNeedFactory,
    UserFactory,
)


@pytest.fixture
def tree(db):
    bureau = DepartmentFactory.create(
        code="BDB", name_zh="市大数据管理局", name_en="Big Data Bureau"
    )
    platform = DepartmentFactory.create(
        code="BDB-PLAT", name_en="Data Platform Division", parent=bureau
    )
    security = DepartmentFactory.create(code="BDB-SEC", name_en="Security Division", parent=bureau)
    finance = DepartmentFactory.create(code="FIN", name_zh="市财政局", name_en="Finance Bureau")
    return {"bureau": bureau, "platform": platform, "security": security, "finance": finance}


def test_the_tree_nests_divisions_under_their_bureau(client_for, tree) -> None:
    response = client_for(UserFactory.create(department=tree["finance"])).get(
        "/api/v1/departments/tree/"
    )

    def shape(nodes):
        return [(node["code"], shape(node["children"])) for node in nodes]

    assert response.status_code == 200
    assert shape(response.json()) == [
        ("BDB", [("BDB-PLAT", []), ("BDB-SEC", [])]),
        ("FIN", []),
    ]


def test_departments_show_their_active_headcount_and_open_needs(client_for, tree) -> None:
    viewer = UserFactory.create(department=tree["platform"])
    UserFactory.create(department=tree["platform"])
    UserFactory.create(department=tree["platform"], is_active=False)
    TalentNeedFactory.create(department=tree["platform"], status="open")
    TalentNeedFactory.create(department=tree["platform"], status="open")
    TalentNeedFactory.create(department=tree["platform"], status="draft")

    response = client_for(viewer).get(f"/api/v1/departments/{tree['platform'].pk}/")

    assert response.status_code == 200
    assert (response.json()["headcount"], response.json()["open_need_count"]) == (2, 2)
    assert response.json()["parent"] == tree["bureau"].pk
    assert response.json()["release_cap_percent"] == 10


def test_a_department_counts_only_the_open_needs_its_reader_is_cleared_for(
    client_for, tree
) -> None:
    staff = UserFactory.create(department=tree["platform"], clearance=1)
    hr = UserFactory.create(department=tree["finance"], roles=["staff", "hr"])
    TalentNeedFactory.create(department=tree["platform"], status="open", clearance=1)
    TalentNeedFactory.create(department=tree["platform"], status="open", clearance=3)

    def counts(reader) -> tuple[int, int]:
        one = client_for(reader).get(f"/api/v1/departments/{tree['platform'].pk}/").json()
        listed = client_for(reader).get("/api/v1/departments/", {"page_size": 100}).json()
        in_list = next(d for d in listed["results"] if d["id"] == tree["platform"].pk)
        return one["open_need_count"], in_list["open_need_count"]

    assert counts(staff) == (1, 1), "a secret need is not even counted"
    assert counts(hr) == (2, 2)


def test_a_department_lists_its_critical_skill_floors(client_for, tree) -> None:
    from apps.organisation.models import CriticalSkillFloor

    skill = SkillFactory.create(code="network-security")
    CriticalSkillFloor.objects.create(
        department=tree["security"], skill=skill, min_level=3, min_people=2
    )

    response = client_for(UserFactory.create(department=tree["finance"])).get(
        f"/api/v1/departments/{tree['security'].pk}/"
    )

    assert response.json()["critical_skill_floors"] == [
        {
            "skill": {
                "id": skill.pk,
                "code": "network-security",
                "name_zh": skill.name_zh,
                "name_en": skill.name_en,
            },
            "min_level": 3,
            "min_people": 2,
            "at_home": 0,
        }
    ]


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("q=大数据", ["BDB"]),
        ("q=division", ["BDB-PLAT", "BDB-SEC"]),
        ("root=true", ["BDB", "FIN"]),
    ],
)
def test_departments_can_be_searched(client_for, tree, query, codes) -> None:
    response = client_for(UserFactory.create(department=tree["finance"])).get(
        f"/api/v1/departments/?{query}"
    )

    assert [department["code"] for department in response.json()["results"]] == codes


def test_children_of_a_department_can_be_listed(client_for, tree) -> None:
    response = client_for(UserFactory.create(department=tree["finance"])).get(
        f"/api/v1/departments/?parent={tree['bureau'].pk}"
    )

    assert [department["code"] for department in response.json()["results"]] == [
        "BDB-PLAT",
        "BDB-SEC",
    ]


def test_a_department_cannot_move_under_its_own_division(tree) -> None:
    from django.core.exceptions import ValidationError

    tree["bureau"].parent = tree["platform"]

    with pytest.raises(ValidationError) as raised:
        tree["bureau"].full_clean()

    assert raised.value.message_dict == {"parent": ["A department cannot sit under itself."]}


def test_the_release_cap_is_a_share_of_the_headcount_rounded_down(tree) -> None:
    tree["bureau"].release_cap_percent = 15

    assert [tree["bureau"].release_cap(headcount) for headcount in (0, 6, 7, 20, 100)] == [
        0,
        0,
        1,
        3,
        15,
    ]
