import re

from playwright.sync_api import expect

from tests.e2e.conftest import sign_in_through_the_form
from tests.e2e.helpers import choose_option, label
from tests.servers import manage


def test_staff_add_change_and_remove_a_skill_found_by_its_synonym(open_page) -> None:
    page = open_page("staff")
    page.goto("/profile")
    skills = page.locator(".ant-card").filter(has_text="我的技能")

    choose_option(page, "添加技能", "等保", "等级保护")
    skills.get_by_role("button", name=label("添加")).click()

    row = skills.get_by_role("row").filter(has_text="等级保护")
    expect(row).to_contain_text("自评")
    # From 3 to 5 with the keyboard, each step seen before the next: a click on an option of a
    # list still moving into place can be lost on a busy machine.
    level = row.get_by_label("等级保护的等级")
    level.click()
    active = page.locator(".ant-select-dropdown:visible .ant-select-item-option-active")
    for shown in ("3 · 熟练", "4 · 精通"):
        expect(active).to_contain_text(shown)
        level.press("ArrowDown")
    expect(active).to_contain_text("5 · 专家")
    level.press("Enter")
    expect(row).to_contain_text("5 · 专家")
    row.get_by_role("button", name="移除等级保护").click()
    page.get_by_role("tooltip").get_by_role("button", name=label("移除")).click()
    expect(skills.get_by_role("row").filter(has_text="等级保护")).to_have_count(0)


def test_staff_opt_in_to_secondment_and_withdraw(open_page) -> None:
    page = open_page("organiser")
    page.goto("/profile")
    card = page.locator(".ant-card").filter(has_text="借调意愿")
    expect(card).to_contain_text("您尚未登记借调意愿")

    sent = []
    page.on(
        "request",
        lambda request: (
            sent.append(request.method)
            if request.url.endswith("/api/v1/me/availability/") and request.method == "PUT"
            else None
        ),
    )
    card.get_by_label("可借调起始日期").fill("2027-03-01")
    card.get_by_label("可借调起始日期").press("Enter")  # picks the date, and sends nothing
    # A share out of range is refused with what is allowed, not changed behind one's back.
    card.get_by_label("投入时间比例").fill("5")
    card.get_by_role("button", name=label("登记意愿")).click()
    expect(card.get_by_text("请输入 10% 到 100% 之间的整数比例。")).to_be_visible()
    expect(card.get_by_label("投入时间比例")).to_have_value("5")
    expect(card.get_by_label("可借调起始日期")).to_have_value("2027-03-01")
    assert sent == []  # neither Enter nor the refused share sent the opt-in
    expect(card).to_contain_text("您尚未登记借调意愿")

    card.get_by_label("投入时间比例").fill("50")
    card.get_by_role("button", name=label("登记意愿")).click()
    expect(page.get_by_text("借调意愿已保存。")).to_be_visible()
    assert sent == ["PUT"]
    expect(card).to_contain_text("您已表示愿意借调到其他部门。")
    page.reload()
    expect(card.get_by_label("投入时间比例")).to_have_value("50")
    card.get_by_role("button", name=label("撤回")).click()
    page.get_by_role("tooltip").get_by_role("button", name=label("撤回")).click()
    expect(card).to_contain_text("您尚未登记借调意愿")


NEW_ACCOUNT = """
from apps.accounts.models import RoleGrant, User
from apps.organisation.models import Department
user = User.objects.create_user(
    "pwtester", password="the first passphrase", employee_number="PW0001",
    display_name="改密码的人", department=Department.objects.first(),
)
RoleGrant.objects.create(user=user, role="staff")
"""


def test_a_person_changes_their_password_and_their_other_session_ends(browser, e2e_server) -> None:
    url, env = e2e_server
    manage(env, "shell", "-c", NEW_ACCOUNT)
    here = browser.new_context(base_url=url, locale="zh-CN").new_page()
    elsewhere = browser.new_context(base_url=url, locale="zh-CN").new_page()
    for page in (here, elsewhere):
        sign_in_through_the_form(page, "pwtester", password="the first passphrase")
        expect(page.get_by_role("heading", level=2)).to_contain_text("改密码的人")

    here.goto("/profile")
    card = here.locator(".ant-card").filter(has=here.get_by_label("当前密码"))
    card.get_by_label("当前密码").fill("the first passphrase")
    card.get_by_label("新密码", exact=True).fill("12345")
    card.get_by_label("再次输入新密码").fill("12345")
    card.get_by_role("button", name="修改密码").click()
    expect(card).to_contain_text("密码")  # the server's reason, under the field
    expect(card.locator(".ant-form-item-explain-error")).not_to_have_count(0)

    card.get_by_label("新密码", exact=True).fill("a second, longer passphrase")
    card.get_by_label("再次输入新密码").fill("a second, longer passphrase")
    card.get_by_role("button", name="修改密码").click()
    expect(here.get_by_text("密码已修改，您的其他会话已退出登录。")).to_be_visible()

    elsewhere.goto("/people")
    expect(elsewhere).to_have_url(re.compile(r"/login"))
    sign_in_through_the_form(elsewhere, "pwtester", password="a second, longer passphrase")
    expect(elsewhere.get_by_role("heading", level=2)).to_contain_text("改密码的人")
    for page in (here, elsewhere):
        page.context.close()


SESSIONS_ACCOUNT = """
from apps.accounts.models import RoleGrant, User
user = User.objects.create_user(
    "sessiontester", password="a passphrase for sessions", employee_number="SE0001",
    display_name="Session Tester", language="en",
)
RoleGrant.objects.create(user=user, role="staff")
"""
FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def test_a_person_sees_where_they_are_signed_in_and_signs_another_browser_out(
    browser, e2e_server
) -> None:
    url, env = e2e_server
    manage(env, "shell", "-c", SESSIONS_ACCOUNT)
    here = browser.new_context(base_url=url, locale="en-US").new_page()
    elsewhere = browser.new_context(
        base_url=url, locale="en-US", user_agent=FIREFOX_ON_LINUX
    ).new_page()
    for page in (elsewhere, here):
        sign_in_through_the_form(page, "sessiontester", password="a passphrase for sessions")
        expect(page.get_by_role("heading", level=2)).to_contain_text("Session Tester")
    elsewhere.goto("/groups")

    here.goto("/profile")
    card = here.locator(".ant-card").filter(has_text="Where you are signed in")
    rows = card.locator("li")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="This browser")).to_contain_text("Chrome · Linux")
    other = rows.filter(has_text="Firefox · Linux")
    expect(other).to_contain_text("from 127.0.0.1")

    other.get_by_role("button", name="Sign out there").click()
    here.get_by_role("tooltip").get_by_role("button", name="OK").click()

    expect(rows).to_have_count(1)
    # The other browser's socket closes at once, and its page goes to sign-in by itself.
    expect(elsewhere).to_have_url(re.compile(r"/login"))
    rows.get_by_role("button", name="Sign out").click()
    here.get_by_role("tooltip").get_by_role("button", name="OK").click()
    expect(here).to_have_url(re.compile(r"/login"))
    for page in (here, elsewhere):
        page.context.close()


QUIET_ACCOUNT = """
from apps.accounts.models import RoleGrant, User
user = User.objects.create_user(
    "quiettester", password="a passphrase kept quiet", employee_number="QT0001",
    display_name="没有登记的人",
)
RoleGrant.objects.create(user=user, role="staff")
"""


def test_a_profile_without_an_opt_in_or_a_token_loads_without_a_failed_request(
    browser, e2e_server
) -> None:
    url, env = e2e_server
    manage(env, "shell", "-c", QUIET_ACCOUNT)
    page = browser.new_context(base_url=url, locale="zh-CN").new_page()
    sign_in_through_the_form(page, "quiettester", password="a passphrase kept quiet")
    expect(page.get_by_role("heading", level=2)).to_contain_text("没有登记的人")
    failed: list[str] = []
    errors: list[str] = []
    page.on("response", lambda answer: failed.append(answer.url) if answer.status >= 400 else None)
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )

    with page.expect_response(lambda answer: answer.url.endswith("/api/v1/auth/token/")) as token:
        page.goto("/profile")
    expect(page.get_by_text("您尚未登记借调意愿")).to_be_visible()

    assert token.value.status == 204

    assert failed == []
    assert errors == []
    page.context.close()
