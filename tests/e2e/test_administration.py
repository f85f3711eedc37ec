import csv
import io
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.helpers import label

BAD_STAFF = (
    "employee_number,display_name,department_code,tier\n"
    "E9001,孙一,BDB,general\n"
    "E9002,,BDB,general\n"
    "E9003,周二,NOWHERE,general\n"
    "E9004,吴三,BDB,emperor\n"
)
GOOD_STAFF = (
    "employee_number,display_name,department_code,tier\n"
    "E9001,孙一,BDB,general\n"
    "E9002,钱二,FIN,leader\n"
)


def upload(page, path: Path) -> None:
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name=label("导入")).click()


def test_an_import_with_bad_rows_shows_each_row_and_changes_nothing_then_a_good_one_imports(
    open_page, tmp_path
) -> None:
    page = open_page("admin")
    page.goto("/manage/import")
    expect(
        page.get_by_text("employee_number, display_name, department_code", exact=True)
    ).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("下载模板")).click()
    template = download.value.path().read_bytes()
    assert template.startswith(b"\xef\xbb\xbf")
    assert template.decode("utf-8-sig").splitlines()[0] == (
        "employee_number,display_name,department_code,username,email,position,tier,clearance,"
        "language,phone,national_id"
    )
    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_text(BAD_STAFF, encoding="utf-8-sig")
    good.write_text(GOOD_STAFF, encoding="utf-8")

    upload(page, bad)

    report = page.locator(".ant-card").filter(has_text="文件未通过检查")
    expect(report).to_contain_text("共 3 处问题")
    rows = report.locator("tbody tr.ant-table-row")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text(re.compile(r"3\s*display_name"))
    expect(rows.nth(1)).to_contain_text("没有部门 NOWHERE。")
    expect(rows.nth(2)).to_contain_text(re.compile(r"5\s*tier"))

    upload(page, good)

    result = page.locator(".ant-card").filter(has_text="导入完成")
    expect(result).to_contain_text(re.compile(r"新增\s*[:：]?\s*2"))
    page.goto("/people?q=E900")
    expect(page.locator("tbody tr.ant-table-row")).to_have_count(2)


def test_an_administrator_grants_and_revokes_a_role(open_page) -> None:
    page = open_page("admin")
    page.goto("/manage/roles")

    grant = page.locator(".ant-card").filter(has_text="授予角色")
    grant.get_by_label("人员").click()
    grant.get_by_label("人员").fill("TB00042")
    page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter(
        has_text="TB00042"
    ).click()
    grant.get_by_label("角色").click()
    page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter(
        has_text="组织者"
    ).click()
    grant.get_by_role("button", name=label("授予")).click()

    expect(page.get_by_text("角色已授予。")).to_be_visible()
    # Granted by the demo administrator, named as every other person on the page.
    row = page.get_by_role("row").filter(has_text="组织者").filter(has_text="赵磊")
    expect(row).to_have_count(1)
    row.get_by_role("button", name=label("撤销")).click()
    page.get_by_role("tooltip").get_by_role("button", name=label("撤销")).click()
    expect(page.get_by_text("角色已撤销。")).to_be_visible()
    expect(row).to_have_count(0)


def test_the_audit_trail_shows_a_revealed_id_number_and_filters_by_action(open_page) -> None:
    hr = open_page("hr")
    hr.goto("/people?q=TB00010")
    hr.locator("tbody tr.ant-table-row").first.get_by_role("link").click()
    hr.get_by_role("button", name="查看完整电话和证件号").click()
    hr.get_by_role("dialog").get_by_role("textbox", name="查看原因").fill("核对联系方式")
    hr.get_by_role("dialog").get_by_role("button", name="查 看").click()
    expect(hr.get_by_text("本次查看已以您的名义记入审计日志")).to_be_visible()

    page = open_page("admin")
    page.goto("/manage/audit?action=person.sensitive_revealed")

    row = page.locator("tbody tr.ant-table-row").first
    # In words, with the code beside; people by name, linked to their page.
    expect(row).to_contain_text("查看完整电话和证件号")
    expect(row).to_contain_text("person.sensitive_revealed")
    expect(row.get_by_role("link", name="王静")).to_have_attribute(
        "href", re.compile(r"^/people/\d+$")
    )
    expect(row.get_by_role("link", name=re.compile(r"\(TB00010\)$"))).to_be_visible()
    expect(row).to_contain_text("人员 #")
    expect(row).to_contain_text("原因: 核对联系方式")
    expect(row).to_contain_text("字段: 电话, 证件号")
    # The action column is wide enough for its words: one line, not a letter per line.
    action = row.get_by_text("查看完整电话和证件号")
    line = action.evaluate("(element) => parseFloat(getComputedStyle(element).lineHeight)")
    box = action.bounding_box()
    assert box is not None
    assert box["height"] < 2 * line

    with page.expect_download() as download:
        page.get_by_role("link", name=label("导出 CSV")).click()
    assert download.value.suggested_filename == "talentbridge-audit-trail.csv"
    raw = download.value.path().read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header, *rows = csv.reader(io.StringIO(raw.decode("utf-8-sig")))
    assert header[:5] == ["时间", "操作人", "操作人（用户名）", "操作", "操作代码"]
    assert {row[4] for row in rows} == {"person.sensitive_revealed"}  # the page's filter
    assert ["王静", "hr", "查看完整电话和证件号"] in [row[1:4] for row in rows]

    page.goto("/manage/audit?action=audit.exported")
    expect(page.locator("tbody tr.ant-table-row").first).to_contain_text("导出审计日志")
