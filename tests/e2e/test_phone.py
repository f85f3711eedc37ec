"""The pages staff use on a phone, 390 pixels wide, in both languages: none scrolls sideways, and
what a walk-through found out of place stays in place. The header's bell, name and navigation keep
clear of one another; the people page's filters stay in their card and its rows stay short; the
profile's forms fit their cards; the need form's first wrong field is not left under the header.
Each page leaves its screenshot."""

import re
from collections.abc import Callable
from typing import NamedTuple

import pytest
from playwright.sync_api import FloatRect, Locator, Page, expect

from tests.e2e.conftest import PHONE
from tests.e2e.helpers import choose_department, label

PHONE_WIDTH = PHONE["width"]
PYTHON_GROUP = "Python 数据分析学习小组"
NAMES = {"staff": "张晓明", "dept_head": "陈建国"}
# The tallest a row of the people table may be on a phone: three lines (of a long department's
# name) between the small table's paddings.
TALLEST_PEOPLE_ROW = 3 * 22 + 2 * 8 + 1


def in_english(language: str) -> bool:
    return language == "en"


def box(locator: Locator) -> FloatRect:
    expect(locator).to_be_visible()
    rect = locator.bounding_box()
    assert rect is not None
    return rect


def intersect(a: FloatRect, b: FloatRect) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def inside(inner: FloatRect, outer: FloatRect) -> bool:
    return (
        inner["x"] >= outer["x"] - 0.5
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5
    )


def on_screen(rect: FloatRect) -> bool:
    return rect["x"] >= 0 and rect["x"] + rect["width"] <= PHONE_WIDTH


def line_height(locator: Locator) -> float:
    return float(locator.evaluate("element => parseFloat(getComputedStyle(element).lineHeight)"))


def document_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def card_body(page: Page, field: Locator) -> Locator:
    """The body of the card the ``field`` is in."""
    return page.locator(".ant-card-body").filter(has=field)


def check_header(page: Page, language: str, person: str) -> None:
    """Bell, language, name and sign-out in one row of the header, clear of the navigation's tab;
    the name on one line."""
    header = page.locator(".ant-layout-header")
    bell = box(page.get_by_role("button", name=re.compile(r"^(通知|Notifications)")))
    tab = box(page.locator(".ant-layout-sider-zero-width-trigger"))
    name = header.get_by_text(person, exact=True)
    sign_out = box(
        header.get_by_role("button", name="Sign out" if in_english(language) else "退出登录")
    )

    assert not intersect(bell, tab)
    assert box(name)["height"] <= line_height(name) * 1.2
    assert tab["x"] + tab["width"] <= bell["x"]
    assert box(name)["x"] + box(name)["width"] <= sign_out["x"]
    assert header.evaluate("header => header.scrollWidth - header.clientWidth") == 0


def check_navigation_lies_over_the_page(page: Page, language: str) -> None:
    """Opened, the navigation lies over the page without squeezing it; the bell stays clear of the
    logo; a tap beside the navigation folds it away."""
    heading = page.get_by_role("heading", level=2)
    width_before = box(heading)["width"]
    page.locator(".ant-layout-sider-zero-width-trigger").click()
    navigation = page.get_by_role("navigation")
    expect(navigation.get_by_text("People" if in_english(language) else "人员")).to_be_visible()
    logo = box(page.locator(".ant-layout-sider img"))
    bell = box(page.get_by_role("button", name=re.compile(r"^(通知|Notifications)")))

    assert not intersect(bell, logo)
    assert box(heading)["width"] == width_before
    assert document_width(page) <= PHONE_WIDTH
    page.mouse.click(PHONE_WIDTH - 20, 400)  # beside the navigation
    expect(navigation.get_by_text("People" if in_english(language) else "人员")).to_be_hidden()


def check_home(page: Page, language: str) -> None:
    check_navigation_lies_over_the_page(page, language)


def check_notifications(page: Page, language: str) -> None:
    page.get_by_role("button", name=re.compile(r"^(通知|Notifications)")).click()
    drawer = page.get_by_role("dialog", name="Notifications" if in_english(language) else "通知")
    expect(drawer.get_by_role("listitem").first).to_be_visible()

    assert on_screen(box(drawer))
    for item in drawer.get_by_role("listitem").all():
        assert item.evaluate("item => item.scrollWidth <= item.clientWidth"), item.inner_text()


def check_groups(page: Page, language: str) -> None:
    field = "With members from" if in_english(language) else "成员所在部门"
    choose_department(page, field, "HOUS")  # a long name, in English above all
    expect(page).to_have_url(re.compile(r"department=\d+"))
    department = page.get_by_label(field, exact=True)

    assert inside(
        box(page.locator(".ant-select").filter(has=department)), box(card_body(page, department))
    )


def check_group(page: Page, language: str) -> None:
    log = page.get_by_role("log", name="Messages" if in_english(language) else "消息")
    expect(log).to_contain_text("期待！")  # the demo chat's last message
    compose = page.get_by_role("textbox", name="Message" if in_english(language) else "撰写消息")

    assert on_screen(box(log))
    assert inside(box(compose), box(card_body(page, compose)))


def check_profile(page: Page, language: str) -> None:
    add_skill = page.get_by_label("Add a skill" if in_english(language) else "添加技能", exact=True)
    skills = page.get_by_role("table").filter(has_text="API")
    level = skills.get_by_role("combobox").first
    expect(level).to_be_visible()

    assert inside(
        box(page.locator(".ant-select").filter(has=add_skill)), box(card_body(page, add_skill))
    )
    # The level of each skill is in sight, not behind a sideways scroll of the table.
    assert inside(box(level), box(card_body(page, level)))
    page.get_by_role(
        "button", name="Edit contact details" if in_english(language) else "修改联系方式"
    ).click()
    email = page.get_by_label("E-mail" if in_english(language) else "电子邮箱")
    assert inside(box(email), box(card_body(page, email)))
    assert document_width(page) <= PHONE_WIDTH


def check_check_in(page: Page, language: str) -> None:
    """Nothing to check in to (with a link to the weeks), or a session open for check-in: which
    depends on what other tests of the run registered the person for."""
    main = page.get_by_role("main")
    nothing_open = main.get_by_role(
        "link", name="Exchange weeks" if in_english(language) else "交流周"
    )
    expect(nothing_open.or_(main.locator(".ant-card")).first).to_be_visible()


def check_people(page: Page, language: str) -> None:
    field = "Department" if in_english(language) else "部门"
    choose_department(page, field, "HOUS")  # a long name, in English above all
    rows = page.locator(".ant-table-tbody .ant-table-row")
    expect(rows.filter(has_text="钟建华")).to_be_visible()
    expect(page.locator(".ant-spin-spinning")).to_have_count(0)
    department = page.get_by_label(field, exact=True)

    assert inside(
        box(page.locator(".ant-select").filter(has=department)), box(card_body(page, department))
    )
    table = page.locator(".ant-table-content")
    assert table.evaluate("table => table.scrollWidth <= table.clientWidth")
    assert max(box(row)["height"] for row in rows.all()) <= TALLEST_PEOPLE_ROW


def check_need_form(page: Page, language: str) -> None:
    """Sent empty from the bottom of the form, it brings the first wrong field, the department,
    into sight with its label: not under the header that stays on top."""
    page.get_by_role(
        "button", name=label("Save as draft" if in_english(language) else "保存为草稿")
    ).click()
    error = page.get_by_text("Choose the department." if in_english(language) else "请选择部门。")
    expect(error).to_be_in_viewport()
    department_label = page.locator("label").filter(has_text=re.compile(r"^(Department|部门)$"))
    header = box(page.locator(".ant-layout-header"))

    assert box(department_label)["y"] >= header["y"] + header["height"]


class PhonePage(NamedTuple):
    path: str
    headings: tuple[str, str]  # in Chinese, in English
    check: Callable[[Page, str], None]
    role: str = "staff"


PAGES = {
    "home": PhonePage("/", ("您好", "Hello"), check_home),
    "notifications": PhonePage("/", ("您好", "Hello"), check_notifications),
    "groups": PhonePage("/groups", ("学习小组", "Study groups"), check_groups),
    # From the list into the group.
    "group": PhonePage("/groups", (PYTHON_GROUP, PYTHON_GROUP), check_group),
    "profile": PhonePage("/profile", ("个人资料", "My profile"), check_profile),
    "check-in": PhonePage("/check-in", ("签到", "Check in"), check_check_in),
    "people": PhonePage("/people", ("人员", "People"), check_people),
    "need form": PhonePage(
        "/needs/new", ("提交人才需求", "File a talent need"), check_need_form, role="dept_head"
    ),
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_a_page_used_on_a_phone_fits_its_width_and_reads_well(open_page, name, language) -> None:
    shown = PAGES[name]
    page = open_page(shown.role, viewport=PHONE, language=language)
    page.goto(shown.path)
    if name == "group":
        page.get_by_role("link", name=re.compile(re.escape(PYTHON_GROUP))).click()
    heading = shown.headings[1 if in_english(language) else 0]
    expect(page.get_by_role("heading", level=2)).to_contain_text(heading)
    expect(page.locator(".ant-spin-spinning")).to_have_count(0)

    assert document_width(page) <= PHONE_WIDTH
    check_header(page, language, NAMES[shown.role])
    shown.check(page, language)
    assert document_width(page) <= PHONE_WIDTH
