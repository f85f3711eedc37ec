"""Lists taken away as CSV: the audit trail, the people directory, talent needs, a group's
members. Each is UTF-8 with a byte-order mark, in the reader's language, for those allowed,
selected by the list's own filters, and audited."""

import csv
import io
import re
from pathlib import Path

import pytest

from apps.accounts import services as accounts
from apps.audit.models import AuditEvent
from apps.audit.services import record_event
from apps.audit.wording import ACTIONS
from apps.groups.services import JOIN_ACTIONS
from apps.secondments.models import NeedStatus, SecondmentStatus, SuggestionStatus
from tests.factories import (
    DepartmentFactory,
    NeedRequirementFactory,
    SkillFactory,
    StaffSkillFactory,
    TalentNeedFactory,
    UserFactory,
    group_with,
)


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))


@pytest.fixture
def admin(db):
    return UserFactory.create(roles=["admin"], display_name="管理员甲")


def test_the_audit_trail_reads_in_words_with_people_by_name(client_for, admin) -> None:
    person = UserFactory.create(display_name="王芳")
    accounts.grant_role(actor=admin, user=person, role="hr")

    (event,) = (
        client_for(admin)
        .get("/api/v1/audit-events/?action=role.granted", HTTP_ACCEPT_LANGUAGE="zh-hans")
        .json()["results"]
    )

    assert event["actor_name"] == "管理员甲"
    assert event["action_label"] == "授予角色"
    assert event["object_type_label"] == "人员"
    assert event["object_label"].startswith("王芳")
    assert event["changes"] == [{"key": "role", "field": "角色", "before": "", "after": "人事"}]


def test_changes_name_people_by_id_and_say_yes_and_no(client_for, admin) -> None:
    member = UserFactory.create(display_name="李华")
    record_event(
        actor=None,
        action="auth.password_link_issued",
        target=member,
        before={"user": member.pk},
        after={"emailed": True, "user": 987654},
    )

    (event,) = (
        client_for(admin).get("/api/v1/audit-events/", HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    )

    assert event["actor_name"] is None
    assert event["action_label"] == "Set-password link made"
    assert event["changes"] == [
        {
            "key": "user",
            "field": "Person",
            "before": f"李华 (#{member.pk})",
            "after": "unknown person (#987654)",  # an account that is gone
        },
        {"key": "emailed", "field": "Emailed", "before": "", "after": "yes"},
    ]


def test_every_action_the_code_records_is_worded() -> None:
    """Each action written anywhere in the backend, literally or from an enum, has words."""
    backend = Path(__file__).resolve().parents[2] / "backend" / "apps"
    literal = {
        found
        for path in backend.rglob("*.py")
        for found in re.findall(r'action="([a-z_]+\.[a-z_.-]+)"', path.read_text())
    }
    made = (
        {f"need.{status}" for status in NeedStatus.values}
        | {f"secondment.{status}" for status in SecondmentStatus.values}
        | {f"suggestion.{status}" for status in ("accepted", "rejected", "held")}
        | {f"membership.{action}" for action in JOIN_ACTIONS.values()}
        | {
            f"membership.{action}"
            for action in ("promoted", "left", "approved", "rejected", "invited", "removed")
        }
        | {f"import.{kind}" for kind in ("departments", "staff", "staff-skills")}
    )
    assert literal, "the scan found nothing"
    assert set(SuggestionStatus.values) >= {"accepted", "rejected", "held"}
    assert (literal | made) - set(ACTIONS) == set()


def test_the_audit_trail_exports_what_its_filters_select(client_for, admin) -> None:
    person = UserFactory.create(display_name="王芳")
    accounts.grant_role(actor=admin, user=person, role="hr")
    accounts.reveal_sensitive_fields(actor=admin, person=person, reason="=HYPERLINK(1)")
    record_event(actor=admin, action="person.changed_by_import", after={"position": "=1+1"})

    rows = rows_of(
        client_for(admin).get(
            "/api/v1/audit-events.csv?action=person.", HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
    )

    assert rows[0] == [
        "时间",
        "操作人",
        "操作人（用户名）",
        "操作",
        "操作代码",
        "对象类型",
        "对象 ID",
        "对象",
        "变更",
        "地址",
    ]
    changed, revealed = rows[1:]
    assert changed[8] == "职务: =1+1"  # inside a cell, never at its start: not a formula
    assert revealed[1:5] == [
        "管理员甲",
        admin.username,
        "查看完整电话和证件号",
        "person.sensitive_revealed",
    ]
    assert revealed[5] == "人员"
    assert revealed[8] == "字段: 电话, 证件号; 原因: =HYPERLINK(1)"
    exported = AuditEvent.objects.get(action="audit.exported")
    assert exported.after == {"count": 2, "filters": {"action": "person."}}


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/api/v1/audit-events.csv", {"admin"}),
        ("/api/v1/people.csv", {"admin", "hr"}),
        ("/api/v1/needs.csv", {"admin", "hr", "staff", "dept_head"}),
    ],
)
def test_exports_are_for_those_allowed(client_for, db, path, allowed) -> None:
    for role in ("staff", "hr", "dept_head", "admin"):
        answer = client_for(UserFactory.create(roles=[role])).get(path)
        assert (answer.status_code == 200) == (role in allowed), (role, answer.status_code)


def test_an_export_refuses_an_unknown_filter(client_for, admin) -> None:
    answer = client_for(admin).get("/api/v1/people.csv?available=true")
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["code"] == "unknown_parameter"
    assert not AuditEvent.objects.filter(action="people.exported").exists()


def test_the_people_directory_exports_without_phones_or_id_numbers(client_for, db) -> None:
    hr = UserFactory.create(roles=["hr"])
    bureau = DepartmentFactory.create(code="BDB", name_zh="大数据局", name_en="Big Data Bureau")
    person = UserFactory.create(
        display_name="张晓明", department=bureau, phone="13812345678", national_id=""
    )
    StaffSkillFactory.create(
        user=person, skill=SkillFactory.create(name_zh="数据分析", name_en="Data analysis"), level=4
    )
    UserFactory.create(display_name="其他部门的人")

    rows = rows_of(
        client_for(hr).get(f"/api/v1/people.csv?department={bureau.pk}", HTTP_ACCEPT_LANGUAGE="en")
    )

    assert rows[0][:5] == ["Employee number", "Name", "Username", "Department code", "Department"]
    (exported,) = rows[1:]
    assert exported[1] == "张晓明"
    assert exported[3:5] == ["BDB", "Big Data Bureau"]
    assert exported[9] == "Data analysis 4"
    assert "13812345678" not in ",".join(exported)
    event = AuditEvent.objects.get(action="people.exported")
    assert (event.actor, event.after) == (
        hr,
        {"count": 1, "filters": {"department": str(bureau.pk)}},
    )


def test_needs_export_what_the_reader_sees(client_for, db) -> None:
    staff = UserFactory.create()
    need = TalentNeedFactory.create(title="数据治理专家", status=NeedStatus.OPEN)
    NeedRequirementFactory.create(
        need=need,
        skill=SkillFactory.create(name_zh="数据治理", name_en="Data governance"),
        min_level=3,
    )
    TalentNeedFactory.create(title="草稿需求", status=NeedStatus.DRAFT)

    rows = rows_of(client_for(staff).get("/api/v1/needs.csv", HTTP_ACCEPT_LANGUAGE="zh-hans"))

    assert [row[1] for row in rows[1:]] == ["数据治理专家"]
    assert rows[1][4] == "开放"
    assert rows[1][9] == "数据治理 3 级及以上"
    assert AuditEvent.objects.get(action="needs.exported").after == {"count": 1, "filters": {}}


def test_a_groups_members_export_for_its_moderators_and_administrators(client_for, admin) -> None:
    owner = UserFactory.create(display_name="组长")
    member = UserFactory.create(display_name="组员")
    group = group_with(member, owner=owner)
    path = f"/api/v1/groups/{group.pk}/members.csv"

    refused = client_for(member).get(path)
    rows = rows_of(client_for(owner).get(path, HTTP_ACCEPT_LANGUAGE="zh-hans"))

    assert refused.status_code == 403
    assert sorted(row[1] for row in rows[1:]) == ["组员", "组长"]
    assert client_for(admin).get(path).status_code == 200
    event = AuditEvent.objects.filter(action="group.members_exported").first()
    assert event is not None
    assert event.object_id == str(group.pk)
