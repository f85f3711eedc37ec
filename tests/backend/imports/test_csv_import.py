"""Importing departments, staff and skills from CSV: all rows or none, and again changes nothing."""

import os
import sqlite3

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from apps.accounts.models import RoleGrant, User
from apps.audit.models import AuditEvent
from apps.imports.parsing import ImportFileError
from apps.imports.services import import_csv
from apps.organisation.models import Department
from apps.skills.models import StaffSkill, StaffSkillChange
from tests.factories import DepartmentFactory, SkillFactory, SkillSynonymFactory, UserFactory
from tests.servers import ROOT, manage

DEPARTMENTS_CSV = (
    "code,name_zh,name_en,parent_code,release_cap_percent\n"
    "BDB-SEC,网络与数据安全处,Security Division,BDB,15\n"  # its parent comes later
    "BDB,市大数据管理局,Big Data Bureau,,\n"
    "FIN,市财政局,Finance Bureau,,20\n"
)
STAFF_CSV = (
    "employee_number,display_name,department_code,tier,clearance,phone,national_id,email\n"
    "E1001,王伟,BDB-SEC,specialist,2,138 1234 5678,11010519491231002X,wangwei@city.example\n"
    "E1002,李娜,FIN,,,,,\n"
)


@pytest.fixture
def admin(db):
    return UserFactory.create(username="root", roles=["admin"])


def upload(client, kind: str, content: bytes | str, **extra):
    data = content.encode() if isinstance(content, str) else content
    return client.post(
        f"/api/v1/imports/{kind}/",
        {"file": SimpleUploadedFile("import.csv", data, "text/csv"), **extra},
        format="multipart",
    )


def test_departments_import_with_parents_in_any_order(client_for, admin) -> None:
    response = upload(client_for(admin), "departments", DEPARTMENTS_CSV)

    assert response.status_code == 200
    assert response.json() == {
        "kind": "departments",
        "rows": 3,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "invited": 0,
        "dry_run": False,
    }
    security = Department.objects.get(code="BDB-SEC")
    assert (security.parent, security.release_cap_percent) == (
        Department.objects.get(code="BDB"),
        15,
    )
    assert Department.objects.get(code="BDB").release_cap_percent == 10


def test_importing_the_same_file_again_changes_nothing(client_for, admin) -> None:
    client = client_for(admin)
    upload(client, "departments", DEPARTMENTS_CSV)
    upload(client, "staff", STAFF_CSV)
    snapshot = list(User.objects.order_by("pk").values())

    departments_again = upload(client, "departments", DEPARTMENTS_CSV).json()
    staff_again = upload(client, "staff", STAFF_CSV).json()

    assert (departments_again["unchanged"], departments_again["created"]) == (3, 0)
    assert (staff_again["unchanged"], staff_again["updated"], staff_again["created"]) == (2, 0, 0)
    assert list(User.objects.order_by("pk").values()) == snapshot


def test_a_changed_row_updates_only_that_department(client_for, admin) -> None:
    client = client_for(admin)
    upload(client, "departments", DEPARTMENTS_CSV)

    report = upload(
        client, "departments", DEPARTMENTS_CSV.replace("Finance Bureau,,20", "Finance Bureau,,25")
    ).json()

    assert (report["updated"], report["unchanged"]) == (1, 2)
    assert Department.objects.get(code="FIN").release_cap_percent == 25


def test_a_spreadsheet_file_with_a_byte_order_mark_imports(client_for, admin) -> None:
    response = upload(client_for(admin), "departments", "\ufeff" + DEPARTMENTS_CSV)

    assert response.status_code == 200
    assert response.json()["created"] == 3


def test_staff_import_creates_people_with_the_staff_role_and_no_password(client_for, admin) -> None:
    client = client_for(admin)
    upload(client, "departments", DEPARTMENTS_CSV)

    response = upload(client, "staff", STAFF_CSV)

    assert response.json()["created"] == 2
    wang = User.objects.get(employee_number="E1001")
    assert (wang.username, wang.tier, wang.clearance, wang.phone) == (
        "e1001",
        "specialist",
        2,
        "13812345678",
    )
    assert wang.national_id == "11010519491231002X"
    assert not wang.has_usable_password()
    assert list(RoleGrant.objects.filter(user=wang).values_list("role", "granted_by")) == [
        ("staff", admin.pk)
    ]
    li = User.objects.get(employee_number="E1002")
    assert (li.tier, li.clearance, li.language) == ("general", 0, "zh-hans")


def test_a_blank_optional_cell_leaves_the_field_as_it_is(client_for, admin) -> None:
    client = client_for(admin)
    upload(client, "departments", DEPARTMENTS_CSV)
    upload(client, "staff", STAFF_CSV)

    upload(client, "staff", "employee_number,display_name,department_code,tier\nE1001,王伟,FIN,\n")

    wang = User.objects.get(employee_number="E1001")
    assert (wang.department, wang.tier, wang.phone) == (
        Department.objects.get(code="FIN"),
        "specialist",
        "13812345678",
    )


def test_a_blank_username_keeps_an_existing_accounts_username(client_for, admin) -> None:
    client = client_for(admin)
    upload(client, "departments", DEPARTMENTS_CSV)
    person = UserFactory.create(employee_number="E1001", username="wang.wei")

    response = upload(
        client, "staff", "employee_number,display_name,department_code,username\nE1001,王伟,FIN,\n"
    )

    assert response.status_code == 200
    person.refresh_from_db()
    assert person.username == "wang.wei", "a blank cell changes nothing, the username neither"


def test_each_person_an_import_creates_or_changes_is_audited_with_what_changed(
    client_for, admin
) -> None:
    client = client_for(admin)
    upload(client, "departments", DEPARTMENTS_CSV)
    upload(client, "staff", STAFF_CSV)

    upload(
        client,
        "staff",
        "employee_number,display_name,department_code,phone\nE1001,王伟,FIN,139 0000 1111\n",
    )

    wang = User.objects.get(employee_number="E1001")
    created = AuditEvent.objects.get(action="person.imported", object_id=str(wang.pk))
    changed = AuditEvent.objects.get(action="person.changed_by_import")
    assert created.actor == admin
    assert created.after is not None
    assert (created.after["username"], created.after["phone"]) == ("e1001", "138****5678")
    assert (changed.actor, changed.object_id, changed.before, changed.after) == (
        admin,
        str(wang.pk),
        {"department": Department.objects.get(code="BDB-SEC").pk, "phone": "138****5678"},
        {"department": Department.objects.get(code="FIN").pk, "phone": "139****1111"},
    )


def test_a_file_with_bad_rows_writes_nothing_and_reports_every_one(client_for, admin) -> None:
    DepartmentFactory.create(code="FIN")
    UserFactory.create(username="taken", employee_number="E0001")
    bad = (
        "employee_number,display_name,department_code,tier,clearance,phone,national_id,username,email\n"
        "E2001,张三,FIN,general,1,13800000000,,,\n"  # good, but not written
        "E2002,,FIN,,,,,,\n"  # no name
        "E2003,李四,NOPE,,,,,,\n"  # unknown department
        "E2004,王五,FIN,emperor,9,,,,\n"  # bad tier and clearance
        "E2005,赵六,FIN,,,phone?,110105194912310021,,\n"  # bad phone and ID check digit
        "E2001,张三,FIN,,,,,,\n"  # duplicate employee number
        "E2006,钱七,FIN,,,,,taken,\n"  # username of someone else
        "E2007,孙八,FIN,,,,,,not-an-email\n"
        "E2008,周九,FIN\n"  # too few values
    )

    response = upload(client_for(admin), "staff", bad)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_file"
    assert body["detail"] == "The file was not imported: 11 problem(s). Nothing was changed."
    assert [(error["line"], error["field"]) for error in body["errors"]] == [
        (3, "display_name"),
        (4, "department_code"),
        (5, "tier"),
        (5, "clearance"),
        (6, "phone"),
        (6, "national_id"),
        (7, "employee_number"),
        (7, "username"),
        (8, "username"),
        (9, "email"),
        (10, None),
    ]
    assert body["errors"][1]["message"] == "No department NOPE."
    assert not User.objects.filter(employee_number__startswith="E2").exists()
    assert not AuditEvent.objects.filter(action="import.staff").exists()


def test_in_chinese_a_bad_row_names_its_column_and_choices_in_chinese(client_for, admin) -> None:
    DepartmentFactory.create(code="FIN")
    bad = "employee_number,display_name,department_code,tier,clearance\nE2004,,FIN,emperor,9\n"

    response = client_for(admin).post(
        "/api/v1/imports/staff/",
        {"file": SimpleUploadedFile("import.csv", bad.encode(), "text/csv")},
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert response.status_code == 400
    assert [error["message"] for error in response.json()["errors"]] == [
        "“姓名（display_name）”为必填项。",
        "“层级（tier）”必须是 leader（领导干部）、general（一般干部）、"
        "specialist（专业技术人员） 之一，而不是“emperor”。",
        "“涉密等级（clearance）”必须在 0 到 3 之间，而不是 9。",
    ]


def test_departments_that_loop_or_lack_a_parent_are_reported(client_for, admin) -> None:
    looping = (
        "code,name_zh,name_en,parent_code\nA,甲,A,B\nB,乙,B,A\nC,丙,C,MISSING\nbad code!,丁,D,\n"
    )

    response = upload(client_for(admin), "departments", looping)

    assert [(e["line"], e["field"], e["message"]) for e in response.json()["errors"]] == [
        (2, "parent_code", "Placing A under B would make a loop."),
        (3, "parent_code", "Placing B under A would make a loop."),
        (4, "parent_code", "No department MISSING in the file or the database."),
        (5, "code", "'bad code!' is not a code: use letters, digits, '-', '_' or '.'."),
    ]
    assert not Department.objects.filter(code__in=["A", "B", "C"]).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The submitted file is empty."),
        (b"\n", "The file is empty."),
        (b"code,name_zh,name_en\n", "The file has a header but no rows."),
        ("code,名称\nA,甲\n".encode("gb18030"), "The file is not UTF-8 text."),
        (b"code,name_en\nA,B\n", "The header lacks the required column 'name_zh'."),
        (
            b"code,name_zh,name_en,colour\nA,B,C,red\n",
            "Unknown column 'colour'; expected some of: "
            "code, name_en, name_zh, parent_code, release_cap_percent.",
        ),
    ],
)
def test_an_unreadable_file_is_refused_with_the_reason(client_for, admin, content, message) -> None:
    response = upload(client_for(admin), "departments", content)

    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith(message)


def test_skills_import_resolves_names_and_synonyms(client_for, admin) -> None:
    person = UserFactory.create(employee_number="E3001")
    gis = SkillFactory.create(
        code="gis", name_zh="地理信息系统", name_en="Geographic information systems"
    )
    SkillSynonymFactory.create(skill=gis, name="GIS")
    python = SkillFactory.create(code="python", name_zh="Python 编程", name_en="Python programming")
    content = (
        "employee_number,skill,level,provenance\n"
        "E3001,gis,4,manager_verified\n"
        "E3001,Python 编程,2,\n"
    )

    first = upload(client_for(admin), "staff-skills", content).json()
    again = upload(client_for(admin), "staff-skills", content).json()
    renamed = upload(client_for(admin), "staff-skills", content.replace("gis,4", "GIS,4")).json()

    assert (first["created"], again["unchanged"], renamed["unchanged"]) == (2, 2, 2)
    assert sorted(
        StaffSkill.objects.filter(user=person).values_list("skill__code", "level", "provenance")
    ) == [("gis", 4, "manager_verified"), ("python", 2, "self")]
    assert StaffSkillChange.objects.filter(user=person).count() == 2
    assert python.holders.count() == 1


def test_skills_import_reports_unknown_people_skills_and_levels(client_for, admin) -> None:
    UserFactory.create(employee_number="E3001")
    SkillFactory.create(code="gis")
    SkillFactory.create(code="python")
    content = (
        "employee_number,skill,level\n"
        "E9999,gis,3\n"
        "E3001,knitting,3\n"
        "E3001,gis,6\n"
        "E3001,python,\n"
        "E3001,gis,2\n"
    )

    response = upload(client_for(admin), "staff-skills", content)

    assert [(e["line"], e["field"]) for e in response.json()["errors"]] == [
        (2, "employee_number"),
        (3, "skill"),
        (4, "level"),
        (5, "level"),
        (6, "skill"),
    ]
    assert response.json()["errors"][-1]["message"].endswith("already on line 4.")
    assert not StaffSkill.objects.exists()


def test_a_dry_run_reports_and_keeps_nothing(client_for, admin) -> None:
    response = upload(client_for(admin), "departments", DEPARTMENTS_CSV, dry_run="true")

    assert response.json()["created"] == 3
    assert response.json()["dry_run"] is True
    assert not Department.objects.filter(code__in=["BDB", "BDB-SEC", "FIN"]).exists()


def test_an_import_is_audited_with_its_report(client_for, admin) -> None:
    upload(client_for(admin), "departments", DEPARTMENTS_CSV)

    event = AuditEvent.objects.get(action="import.departments")
    assert (event.actor, event.after) == (
        admin,
        {
            "kind": "departments",
            "rows": 3,
            "created": 3,
            "updated": 0,
            "unchanged": 0,
            "invited": 0,
            "dry_run": False,
        },
    )


def test_the_command_imports_and_reports_bad_rows(tmp_path, db, capsys) -> None:
    good = tmp_path / "departments.csv"
    good.write_text(DEPARTMENTS_CSV, encoding="utf-8-sig")
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name_zh,name_en\nX,,Nameless\n")

    call_command("import_csv", "departments", str(good))
    with pytest.raises(CommandError, match=r"Nothing imported: 1 problem\(s\)\."):
        call_command("import_csv", "departments", str(bad))

    output = capsys.readouterr()
    assert "Imported 3 rows of departments: 3 created, 0 updated, 0 unchanged." in output.out
    assert f"{bad}:2, column name_zh: 'name_zh' is required." in output.err
    assert Department.objects.count() == 3


def test_the_service_refuses_before_writing(db) -> None:
    with pytest.raises(ImportFileError) as raised:
        import_csv(kind="departments", data=b"code,name_zh,name_en\nA,,\n", actor=None)

    assert [(error.line, error.column) for error in raised.value.errors] == [
        (2, "name_zh"),
        (2, "name_en"),
    ]


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the tests' SQLite database lives in memory, where threads lock each other out; "
    "CI's second run takes this on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_the_same_people_imported_six_times_at_once_are_created_once() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    from tests.backend.openapi import CheckedAPIClient

    admin = UserFactory.create(username="root", roles=["admin"])
    DepartmentFactory.create(code="BDB-SEC")
    DepartmentFactory.create(code="FIN")

    def run(_: int) -> tuple[int, int]:
        client = CheckedAPIClient()
        client.force_login(admin)
        try:
            response = upload(client, "staff", STAFF_CSV)
            return response.status_code, response.json().get("created", -1)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(run, range(6)))

    assert sorted(answers) == [(200, 0)] * 5 + [(200, 2)]
    assert User.objects.filter(employee_number__in=["E1001", "E1002"]).count() == 2


def test_a_dry_run_reports_what_the_import_then_does(client_for, admin) -> None:
    """The preview counts what the import writes: new, changed and unchanged people alike."""
    department = DepartmentFactory.create(code="BDB")
    UserFactory.create(employee_number="E1", display_name="张伟", department=department)
    UserFactory.create(employee_number="E2", display_name="旧名字", department=department)
    staff = (
        "employee_number,display_name,department_code\n"
        "E1,张伟,BDB\nE2,李娜,BDB\nE3,王芳,BDB\nE4,刘洋,BDB\n"
    ).encode()

    preview = upload(client_for(admin), "staff", staff, dry_run="true").json()
    assert not User.objects.filter(employee_number__in=["E3", "E4"]).exists()
    done = upload(client_for(admin), "staff", staff).json()

    counts = ("created", "updated", "unchanged")
    assert [preview[count] for count in counts] == [done[count] for count in counts] == [2, 1, 1]
    assert not AuditEvent.objects.filter(after__dry_run=True).exists()


def test_a_dry_run_on_sqlite_waits_for_no_writer(tmp_path) -> None:
    """A preview only reads: it runs while another connection holds SQLite's write lock (it
    used to take that lock itself, for the whole run, and wait here for the other writer)."""
    env = {
        **{name: value for name, value in os.environ.items() if name != "DATABASE_URL"},
        "TALENTBRIDGE_VAR_DIR": str(tmp_path),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    manage(env, "migrate", "--noinput")
    departments = tmp_path / "departments.csv"
    departments.write_text(DEPARTMENTS_CSV)
    writer = sqlite3.connect(tmp_path / "talentbridge.sqlite3", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # the write lock, held until the end of the test
    try:
        previewed = manage(env, "import_csv", "departments", str(departments), "--dry-run")
    finally:
        writer.execute("ROLLBACK")
        writer.close()

    assert "Would import 3 rows of departments: 3 created" in previewed
