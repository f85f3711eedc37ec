import re

from playwright.sync_api import expect

from tests.e2e.conftest import sign_in_through_the_form
from tests.e2e.helpers import label, use_language


def test_the_first_visit_follows_the_browser_language(open_page) -> None:
    english = open_page(None, locale="en-US")
    chinese = open_page(None, locale="zh-CN")

    english.goto("/login")
    chinese.goto("/login")

    expect(english.get_by_role("button", name="Sign in")).to_be_visible()
    expect(chinese.get_by_role("button", name=label("登录"))).to_be_visible()
    assert english.evaluate("document.documentElement.lang") == "en"
    assert chinese.evaluate("document.documentElement.lang") == "zh-Hans-CN"


def test_switching_language_translates_the_page_and_is_kept_in_the_profile(open_page) -> None:
    page = open_page("organiser")
    page.goto("/departments")
    expect(page.get_by_role("heading", level=2)).to_have_text("部门")

    use_language(page, "en")

    expect(page.get_by_role("heading", level=2)).to_have_text("Departments")
    expect(page.get_by_role("row").filter(has_text="Municipal Big Data Bureau")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", level=2)).to_have_text("Departments")
    # Signing in from another browser goes on in the language its sign-in page was in, and
    # that becomes the profile's.
    elsewhere = open_page(None, locale="zh-CN")
    sign_in_through_the_form(elsewhere, "organiser")
    expect(elsewhere.get_by_role("heading", level=2)).to_have_text("李芳，您好")
    assert elsewhere.request.get("/api/v1/me/").json()["language"] == "zh-hans"


def test_the_language_chosen_on_the_sign_in_page_is_kept_after_signing_in(open_page) -> None:
    page = open_page(None, locale="zh-CN")
    page.goto("/login")
    page.get_by_text("English", exact=True).click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    sign_in_through_the_form(page, "hr")

    expect(page.get_by_role("heading", level=2)).to_have_text("Hello, 王静")
    assert page.request.get("/api/v1/me/").json()["language"] == "en"


def test_dates_and_names_follow_the_language(open_page) -> None:
    page = open_page("hr", language="en")
    page.goto("/needs")
    first_row = page.locator("tbody tr.ant-table-row").first
    expect(first_row).to_contain_text(re.compile(r"[A-Z][a-z]{2} \d{1,2}, 2027"))

    use_language(page, "zh-hans")

    expect(first_row).to_contain_text(re.compile(r"2027年\d{1,2}月\d{1,2}日"))
