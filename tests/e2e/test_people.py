import re

from playwright.sync_api import expect

from tests.e2e.conftest import sign_in_through_the_form
from tests.servers import manage


def test_hr_find_people_by_a_skill_synonym_and_reveal_an_id_number_on_record(open_page) -> None:
    page = open_page("hr")
    page.goto("/people")

    page.get_by_role("searchbox", name="技能（中英文或别名）").fill("等保")
    page.get_by_role("searchbox", name="技能（中英文或别名）").press("Enter")
    expect(page).to_have_url(re.compile(r"skill=%E7%AD%89%E4%BF%9D"))
    rows = page.locator("tbody tr.ant-table-row")
    expect(rows.first).to_contain_text("等级保护")
    phone = rows.first.locator("td").last
    expect(phone).to_have_text(re.compile(r"^1\d{2}\*{4}\d{4}$"))

    rows.first.get_by_role("link").click()
    page.get_by_role("button", name="查看完整电话和证件号").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name="查 看").click()  # antd spaces two-character labels
    expect(dialog.get_by_text("请说明查看原因。")).to_be_visible()
    expect(page.locator(".ant-descriptions")).to_contain_text("****")
    dialog.get_by_role("textbox", name="查看原因").fill("核实借调人员身份")
    dialog.get_by_role("button", name="查 看").click()

    expect(page.get_by_text("本次查看已以您的名义记入审计日志")).to_be_visible()
    expect(page.locator(".ant-descriptions")).to_contain_text(
        re.compile(r"电话\s*[:：]?\s*1\d{10}")
    )


def test_staff_see_masked_values_and_no_reveal(open_page) -> None:
    page = open_page("staff")
    page.goto("/people?q=TB00003")
    page.locator("tbody tr.ant-table-row").first.get_by_role("link").click()

    expect(page.get_by_role("heading", level=2)).to_have_text("王静")
    expect(page.locator(".ant-descriptions")).to_contain_text("****")
    expect(page.get_by_role("button", name="查看完整电话和证件号")).to_have_count(0)


HISTORY_PERSON = """
from apps.accounts.models import RoleGrant, User
from apps.organisation.models import Department
from apps.skills.models import Skill
from apps.skills.services import set_own_skill
user = User.objects.create_user(
    "historytester", password="a passphrase for history", employee_number="HI0001",
    display_name="技能记录测试", department=Department.objects.get(code="BDB"), language="en",
)
RoleGrant.objects.create(user=user, role="staff")
skill = Skill.objects.get(code="python")
set_own_skill(user=user, skill=skill, level=2)
set_own_skill(user=user, skill=skill, level=3)
print(user.pk)
"""


def test_a_department_head_verifies_a_skill_and_its_history_shows_who(
    open_page, e2e_server
) -> None:
    _, env = e2e_server
    person_id = manage(env, "shell", "-c", HISTORY_PERSON).strip().splitlines()[-1]
    head = open_page("dept_head")
    head.goto(f"/people/{person_id}")
    head.get_by_role("button", name=re.compile(r"^核\s?实")).click()
    expect(head.get_by_text("技能等级已核实。").first).to_be_visible()
    history = head.locator(".ant-card").filter(has_text="技能变更记录")
    rows = history.locator("tbody tr.ant-table-row")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("核实为 3")
    expect(rows.nth(0)).to_contain_text("陈建国")
    expect(rows.nth(2)).to_contain_text("等级设为 2")

    # The person reads it on their profile, in English; a colleague does not see it.
    person = open_page(None, locale="en-US")
    sign_in_through_the_form(person, "historytester", password="a passphrase for history")
    expect(person.get_by_role("heading", level=2)).to_contain_text("技能记录测试")
    person.goto("/profile")
    mine = person.locator(".ant-card").filter(has_text="Skill history")
    expect(mine.locator("tbody tr.ant-table-row").first).to_contain_text("Verified at 3")
    colleague = open_page("staff")
    colleague.goto(f"/people/{person_id}")
    expect(colleague.get_by_role("heading", name="技能记录测试")).to_be_visible()
    expect(colleague.get_by_text("技能变更记录")).to_have_count(0)
