"""Every page, for the roles that use it, in both languages: it shows its content, nothing is
left untranslated, and axe-core finds no serious accessibility violation."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    serious_accessibility_violations,
    untranslated_keys,
    use_language,
)

PAGES = {
    # path: (heading in Chinese, heading in English)
    "/": ("您好", "Hello"),
    "/profile": ("个人资料", "My profile"),
    "/people": ("人员", "People"),
    "/departments": ("部门", "Departments"),
    "/needs": ("人才需求", "Talent needs"),
    "/needs/new": ("提交人才需求", "File a talent need"),
    "/groups": ("学习小组", "Study groups"),
    "/weeks": ("交流周", "Exchange weeks"),
    "/weeks/1": ("数据治理与数字政务交流周", "数据治理与数字政务交流周"),  # the demo city's week
    "/weeks/2": ("政务服务标准化交流周", "政务服务标准化交流周"),  # and its past one
    "/weeks/1/schedule": (
        "日程编排：数据治理与数字政务交流周",
        "Schedule: 数据治理与数字政务交流周",
    ),
    "/weeks/1/sessions/1/check-in": (
        "签到：开幕讲座：政务数据治理的新要求",
        "Check-in: 开幕讲座：政务数据治理的新要求",
    ),
    "/check-in": ("签到", "Check in"),
    "/secondments": ("借调", "Secondments"),
    "/review": ("匹配与审核", "Matching and review"),
    "/review/runs/1": ("第 1 次匹配", "Run 1"),  # the demo city's run, partly decided
    "/review/pool": ("借调意愿人员", "Who opted in"),
    "/manage/import": ("CSV 导入", "Import from CSV"),
    "/manage/audit": ("审计日志", "Audit trail"),
    "/manage/roles": ("角色授权", "Role grants"),
}
ROLE_PAGES = {
    "staff": [
        "/",
        "/profile",
        "/people",
        "/departments",
        "/needs",
        "/groups",
        "/weeks",
        "/weeks/1",
        "/weeks/2",
        "/check-in",
        "/secondments",
    ],
    "organiser": [
        "/",
        "/people",
        "/groups",
        "/weeks",
        "/weeks/1",
        "/weeks/2",
        "/weeks/1/schedule",
        "/weeks/1/sessions/1/check-in",
    ],
    "hr": ["/", "/needs", "/review", "/review/runs/1", "/review/pool"],
    "dept_head": ["/", "/needs", "/needs/new", "/secondments"],
    "admin": ["/", "/manage/import", "/manage/audit", "/manage/roles"],
}


def check_page(page: Page, path: str, language: str) -> None:
    page.goto(path)
    heading = PAGES[path][0 if language == "zh-hans" else 1]
    expect(page.get_by_role("heading", level=2)).to_contain_text(heading)
    page.wait_for_load_state("networkidle")
    expect(page.locator(".ant-spin-spinning")).to_have_count(0)
    assert untranslated_keys(page) == [], path
    assert serious_accessibility_violations(page) == [], path


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(
    ("role", "path"), [(r, p) for r, paths in ROLE_PAGES.items() for p in paths]
)
def test_each_page_shows_its_content_translated_and_accessible(
    open_page, role, path, language
) -> None:
    page = open_page(role)
    page.goto("/")
    use_language(page, language)

    check_page(page, path, language)


def test_the_departments_page_shows_the_tree_with_headcounts(open_page) -> None:
    page = open_page("staff")
    page.goto("/departments")

    bureau = page.get_by_role("row").filter(has_text="市大数据管理局")
    division = page.get_by_role("row").filter(has_text="数据平台处")
    expect(bureau).to_have_attribute("class", re.compile(r"ant-table-row-level-0"))
    expect(division).to_have_attribute("class", re.compile(r"ant-table-row-level-1"))
    page.get_by_role("searchbox", name="名称或代码").fill("BDB-SEC")
    expect(page.get_by_role("row").filter(has_text="网络与数据安全处")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="市财政局")).to_have_count(0)


@pytest.mark.parametrize(
    "path", ["/", "/people", "/needs", "/profile", "/groups", "/review", "/review/runs/1"]
)
def test_pages_fit_a_tablet_without_sideways_scrolling(open_page, path) -> None:
    page = open_page("hr", viewport={"width": 768, "height": 1024})
    page.goto(path)
    expect(page.get_by_role("heading", level=2)).to_be_visible()
    page.wait_for_load_state("networkidle")

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")

    assert overflow <= 0


@pytest.mark.parametrize("path", ["/", "/secondments", "/review/runs/1", "/weeks", "/check-in"])
def test_pages_fit_a_phone_without_sideways_scrolling(open_page, path) -> None:
    page = open_page("hr", viewport={"width": 390, "height": 844})
    page.goto(path)
    expect(page.get_by_role("heading", level=2)).to_be_visible()
    expect(page.get_by_role("button", name="退出登录")).to_be_visible()
    page.wait_for_load_state("networkidle")

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    header = page.evaluate(
        "(() => { const h = document.querySelector('.ant-layout-header');"
        " return h.scrollWidth - h.clientWidth; })()"
    )

    assert (overflow, header) == (0, 0)
    # The navigation is folded away; its tab opens it.
    page.locator(".ant-layout-sider-zero-width-trigger").click()
    expect(page.get_by_role("navigation").get_by_text("人员")).to_be_visible()
