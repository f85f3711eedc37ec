"""First sign-in and forgotten passwords in the browser: an administrator gives an imported
person (who has no password) a set-password link, which is also emailed; the person chooses a
password through it and signs in, and the link is then spent. Someone who forgot their password
asks for a link on a phone, in English, finds it in their email and chooses a new one."""

import email
import email.policy
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, sign_in_through_the_form
from tests.servers import manage, wait_for

NEW_PERSON = """
from apps.accounts.models import RoleGrant, User
from apps.organisation.models import Department
user = User(
    username="firstlogin", employee_number="FL0001", display_name="首次登录的人",
    email="firstlogin@city.example", department=Department.objects.first(),
)
user.set_unusable_password()
user.save()
RoleGrant.objects.create(user=user, role="staff")
print(user.pk)
"""
FORGETFUL_PERSON = """
from apps.accounts.models import RoleGrant, User
user = User.objects.create_user(
    "forgetful", password="a passphrase long forgotten", employee_number="FG0001",
    display_name="Forgetful Person", email="forgetful@city.example", language="en",
)
RoleGrant.objects.create(user=user, role="staff")
"""
LINK = re.compile(r"http://127\.0\.0\.1:\d+/set-password/[^/\s]+/[^/\s]+")


def emailed_links(env: dict[str, str], to: str) -> list[str]:
    """The set-password links in the emails to ``to`` that the server wrote to files so far."""
    links = []
    for written in sorted(Path(env["TALENTBRIDGE_EMAIL_DIRECTORY"]).glob("*.log")):
        for raw in written.read_text().split("-" * 79):
            message = email.message_from_string(raw.strip(), policy=email.policy.default)
            if message["To"] == to:
                body = message.get_body(("plain",))
                assert body is not None
                links += LINK.findall(body.get_content())
    return links


def the_emailed_link(env: dict[str, str], to: str) -> str:
    wait_for(lambda: bool(emailed_links(env, to)), f"an email to {to}")
    return emailed_links(env, to)[-1]


def test_an_administrator_gives_a_new_person_a_link_to_choose_their_password(
    open_page, e2e_server
) -> None:
    _, env = e2e_server
    person_id = manage(env, "shell", "-c", NEW_PERSON).strip().splitlines()[-1]
    assert person_id.isdigit(), person_id
    admin = open_page("admin")
    admin.goto(f"/people/{person_id}")
    card = admin.locator(".ant-card").filter(has_text="通过链接，该人员可以自行设置密码")
    card.get_by_role("button", name=re.compile("生成设置密码链接")).click()
    expect(card).to_contain_text("链接已发送至 firstlogin@city.example")
    handed_over = card.locator("code").inner_text()
    assert LINK.fullmatch(handed_over), handed_over
    emailed = the_emailed_link(env, "firstlogin@city.example")

    person = open_page(None)
    person.goto(handed_over)
    expect(person.get_by_role("heading", name="首次登录的人，请设置密码")).to_be_visible()
    expect(person.get_by_text("firstlogin", exact=True)).to_be_visible()
    person.get_by_label("新密码", exact=True).fill("12345678")
    person.get_by_label("再次输入新密码").fill("12345678")
    person.get_by_role("button", name="保存密码").click()
    # The server's reasons, under the field: too short, too common, only digits.
    expect(person.locator(".ant-form-item-explain-error").first).to_contain_text("密码")
    person.get_by_label("新密码", exact=True).fill("my own first passphrase")
    person.get_by_label("再次输入新密码").fill("my own first passphrase")
    person.get_by_role("button", name="保存密码").click()

    expect(person.get_by_text("密码已保存，请用新密码登录。")).to_be_visible()
    expect(person.locator("#username")).to_have_value("firstlogin")
    person.locator("#password").fill("my own first passphrase")
    person.locator("form button[type=submit]").click()
    expect(person.get_by_role("heading", level=2)).to_contain_text("首次登录的人")

    # Both links are spent: the one handed over, and the one emailed.
    spent = open_page(None)
    spent.goto(emailed)
    expect(spent.get_by_role("alert")).to_contain_text("此链接已过期或已使用，请重新申请。")
    spent.get_by_role("link", name="重新申请链接").click()
    expect(spent).to_have_url(re.compile(r"/forgot-password$"))


def test_a_person_who_forgot_their_password_chooses_a_new_one_on_a_phone(
    open_page, e2e_server
) -> None:
    _, env = e2e_server
    manage(env, "shell", "-c", FORGETFUL_PERSON)
    page = open_page(None, viewport=PHONE, locale="en-US")
    page.goto("/login")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Username or email").fill("Forgetful@City.example")
    page.get_by_role("button", name="Email me a link").click()
    expect(page.get_by_role("status")).to_contain_text(
        "If an account with an email matches, a link to choose a new password is on its way."
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.goto(the_emailed_link(env, "forgetful@city.example"))
    expect(page.get_by_role("heading", name="Choose a password, Forgetful Person")).to_be_visible()
    page.get_by_label("New password", exact=True).fill("a passphrase to remember")
    page.get_by_label("New password again").fill("a passphrase to remember")
    page.get_by_role("button", name="Save password").click()
    expect(page.get_by_text("Your password is saved. Sign in with it.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    sign_in_through_the_form(page, "forgetful", password="a passphrase to remember")
    expect(page.get_by_role("heading", level=2)).to_contain_text("Forgetful Person")
