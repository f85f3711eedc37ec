import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import USERNAMES, sign_in_through_the_form
from tests.e2e.helpers import label, serious_accessibility_violations, use_language

MENUS = {
    "staff": [
        "首页",
        "个人资料",
        "学习小组",
        "交流周",
        "人员",
        "部门",
        "人才需求",
        "适合我的需求",
        "借调",
    ],
    "organiser": [
        "首页",
        "个人资料",
        "学习小组",
        "交流周",
        "人员",
        "部门",
        "人才需求",
        "适合我的需求",
        "借调",
    ],
    "hr": [
        "首页",
        "个人资料",
        "学习小组",
        "交流周",
        "人员",
        "部门",
        "人才需求",
        "适合我的需求",
        "借调",
        "匹配与审核",
    ],
    "dept_head": [
        "首页",
        "个人资料",
        "学习小组",
        "交流周",
        "人员",
        "部门",
        "人才需求",
        "适合我的需求",
        "借调",
    ],
    "admin": [
        "首页",
        "个人资料",
        "学习小组",
        "交流周",
        "人员",
        "部门",
        "人才需求",
        "适合我的需求",
        "借调",
        "匹配与审核",
        "CSV 导入",
        "审计日志",
        "角色授权",
    ],
}
NAMES = {
    "staff": "张晓明",
    "organiser": "李芳",
    "hr": "王静",
    "dept_head": "陈建国",
    "admin": "赵磊",
}


@pytest.mark.parametrize("role", list(USERNAMES))
def test_each_role_signs_in_and_sees_its_own_navigation(open_page, role) -> None:
    page = open_page(None)

    sign_in_through_the_form(page, USERNAMES[role])
    expect(page.get_by_role("heading", level=2)).to_contain_text(NAMES[role])
    use_language(page, "zh-hans")

    expect(page.get_by_role("heading", level=2)).to_have_text(f"{NAMES[role]}，您好")
    navigation = page.get_by_role("navigation", name="主导航")
    expect(navigation.get_by_role("menuitem")).to_have_text(MENUS[role])
    expect(page).to_have_title("人才桥")


def test_the_sign_in_page_is_accessible_and_usable_by_keyboard(open_page) -> None:
    page = open_page(None, locale="en-US")
    page.goto("/login")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()

    assert serious_accessibility_violations(page) == []
    page.keyboard.type("staff")  # the username field has the focus
    page.keyboard.press("Tab")
    page.keyboard.type("a demo password for e2e")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=2)).to_contain_text("张晓明")


def test_a_wrong_password_is_refused_with_a_message(open_page) -> None:
    page = open_page(None)

    sign_in_through_the_form(page, "organiser", password="not the password")

    expect(page.get_by_role("alert")).to_have_text("用户名或密码错误。")
    expect(page).to_have_url(re.compile(r"/login$"))


def test_too_many_attempts_are_throttled_with_a_clear_message(open_page) -> None:
    page = open_page(None, locale="en-US")
    page.goto("/login")
    use_language(page, "en")

    for _ in range(6):
        sign_in_through_the_form(page, "tb00100", password="guess")
        expect(page.get_by_role("alert")).to_be_visible()

    expect(page.get_by_role("alert")).to_have_text(
        re.compile(r"Too many attempts\. Try again in \d+ (seconds|minutes)\.")
    )


def test_signing_out_returns_to_the_sign_in_page_and_closes_the_pages(open_page) -> None:
    page = open_page(None)
    sign_in_through_the_form(page, "hr")
    expect(page.get_by_role("heading", level=2)).to_be_visible()
    use_language(page, "zh-hans")

    page.get_by_role("button", name=label("退出登录")).click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.goto("/people")

    expect(page).to_have_url(re.compile(r"/login\?next=%2Fpeople$"))


def test_a_page_asked_for_before_signing_in_opens_after_it(open_page) -> None:
    page = open_page(None)
    page.goto("/departments")
    expect(page).to_have_url(re.compile(r"/login\?next=%2Fdepartments$"))

    page.locator("#username").fill("staff")
    page.locator("#password").fill("a demo password for e2e")
    page.locator("form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/departments$"))
    expect(page.get_by_role("heading", level=2)).to_have_text(re.compile("^(部门|Departments)$"))
