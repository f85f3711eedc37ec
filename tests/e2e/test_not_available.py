import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("staff", "/manage/audit"),
        ("hr", "/manage/roles"),
        ("organiser", "/needs/new"),
        ("staff", "/manage/import"),
        ("dept_head", "/manage/audit"),
        ("admin", "/needs/new"),  # administrators do not file needs; department heads do
    ],
)
def test_a_forbidden_page_says_it_is_not_available(open_page, role, path) -> None:
    page = open_page(role)

    page.goto(path)

    expect(page.get_by_text("无法访问")).to_be_visible()
    expect(page.get_by_text("您的账号无权访问此页面")).to_be_visible()
    expect(page.get_by_role("link", name="返回首页")).to_be_visible()


def test_an_object_the_person_may_not_see_is_not_available(open_page) -> None:
    page = open_page("staff")

    page.goto("/needs/999999")

    expect(page.get_by_text("无法访问")).to_be_visible()
    expect(page.get_by_text("此处没有内容，或您的账号无权访问。")).to_be_visible()


def test_an_unknown_address_is_not_available(open_page) -> None:
    page = open_page("staff")

    page.goto("/no/such/page")

    expect(page.get_by_text("此处没有内容，或您的账号无权访问。")).to_be_visible()


def test_actions_a_person_may_not_take_are_not_offered(open_page) -> None:
    page = open_page("staff")
    page.goto("/needs")
    expect(page.get_by_role("heading", level=2)).to_have_text("人才需求")

    expect(page.get_by_role("button", name="提交人才需求")).to_have_count(0)
    navigation = page.get_by_role("navigation", name="主导航")
    expect(navigation.get_by_text("审计日志")).to_have_count(0)
