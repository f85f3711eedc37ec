"""Secondments in the browser: the demo staff account's, which HR accepted, confirmed and
approved; and the whole way from a department head's need to an approved secondment."""

import re

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import sign_in_through_the_form
from tests.e2e.helpers import choose_department, choose_option, choose_period, label
from tests.servers import manage


def test_the_person_confirms_and_the_head_approves(open_page) -> None:
    staff = open_page("staff")
    staff.goto("/secondments")
    mine = staff.get_by_role("row").filter(has_text="张晓明")
    expect(mine).to_contain_text("待本人确认")
    expect(mine).to_contain_text("借出部门：")
    mine.get_by_role("button", name=label("确认")).click()
    expect(mine).to_contain_text("待部门审批")

    head = open_page("dept_head", language="en")
    head.goto("/secondments")
    theirs = head.get_by_role("row").filter(has_text="张晓明")
    expect(theirs).to_contain_text("Awaiting approval")
    theirs.get_by_role("button", name=label("Approve: Receiving")).click()
    expect(theirs).to_contain_text("Approved")
    expect(theirs).to_contain_text("Receiving: approved by 陈建国")

    staff.reload()
    expect(staff.get_by_role("row").filter(has_text="张晓明")).to_contain_text("已批准")
    expect(staff.get_by_role("button", name=label("确认"))).to_have_count(0)


JOURNEY_PASSWORD = "a passphrase for the journey"
# An office of two people made for the journey: its head, and a person who opted in to be
# seconded to the Digital Applications Division with three skills no one else has together.
JOURNEY_ACCOUNTS = f"""
from datetime import date
from apps.accounts.models import RoleGrant, User
from apps.organisation.models import Department
from apps.secondments.models import SecondmentAvailability
from apps.skills.models import Skill, StaffSkill
office = Department.objects.create(
    code="NEWZONE", name_zh="滨海新区管委会办公室", name_en="Binhai New Area Office",
    release_cap_percent=50,
)
head = User.objects.create_user(
    "zonehead", password="{JOURNEY_PASSWORD}", employee_number="NZ0001",
    display_name="顾海峰", department=office, tier="leader", language="en",
)
person = User.objects.create_user(
    "zonestaff", password="{JOURNEY_PASSWORD}", employee_number="NZ0002",
    display_name="沈一鸣", department=office,
)
RoleGrant.objects.bulk_create(
    [RoleGrant(user=head, role="staff"), RoleGrant(user=head, role="dept_head"),
     RoleGrant(user=person, role="staff")]
)
for code in ("python", "digital-twin", "bim"):
    StaffSkill.objects.create(
        user=person, skill=Skill.objects.get(code=code), level=5, provenance="evidenced"
    )
availability = SecondmentAvailability.objects.create(user=person, available_from=date(2027, 1, 1))
availability.preferred_departments.set([Department.objects.get(code="BDB-APP")])
"""
NEED = "城市数字孪生平台开发"
# A run takes a moment on the task runner; the page follows it (the socket, or reading again).
RUN_DONE = 60_000


def signed_in(browser: Browser, url: str, username: str, locale: str = "zh-CN") -> Page:
    page = browser.new_context(base_url=url, locale=locale).new_page()
    sign_in_through_the_form(page, username, password=JOURNEY_PASSWORD)
    page.wait_for_url(f"{url}/")
    return page


def test_the_whole_way_from_a_need_to_a_secondment(open_page, browser, e2e_server) -> None:
    url, env = e2e_server
    manage(env, "shell", "-c", JOURNEY_ACCOUNTS)

    # The head of the Big Data Bureau files a need of its Digital Applications Division.
    head = open_page("dept_head")
    head.goto("/needs/new")
    choose_department(head, "部门", "BDB-APP")
    head.get_by_label("标题", exact=True).fill(NEED)
    head.get_by_label("需求人数").fill("1")
    choose_period(head, "时间段", "2027-03-01", "2027-08-31")
    for index, (typed, skill) in enumerate(
        [("python", "Python 编程"), ("数字孪生", "数字孪生城市"), ("BIM", "建筑信息模型")], start=1
    ):
        if index > 1:
            head.get_by_role("button", name="添加所需技能").click()
        choose_option(head, f"技能 {index}", typed, skill)
        head.get_by_label(f"最低等级 {index}").fill("5")
    head.get_by_role("button", name="保存为草稿").click()
    expect(head.get_by_role("heading", level=2)).to_have_text(NEED)
    head.get_by_role("button", name=label("发布")).click()
    expect(head.get_by_text("开放", exact=True)).to_be_visible()

    # HR run the matcher, read why the person fits and accept.
    hr = open_page("hr", language="en")
    hr.goto("/review")
    hr.get_by_role("button", name=label("Run the matcher")).click()
    expect(hr).to_have_url(re.compile(r"/review/runs/\d+$"))
    expect(hr.get_by_role("tab", name=re.compile("Suggestions"))).to_be_visible(timeout=RUN_DONE)
    choose_department(hr, "Need's department", "BDB-APP")
    card = hr.locator(".ant-card").filter(has_text=NEED).filter(has_text="沈一鸣")
    expect(card).to_contain_text("Python programming")
    expect(card).to_contain_text("Building information modelling")
    expect(card.get_by_text(re.compile(r"^Fit \d"))).not_to_have_count(0)
    card.get_by_role("button", name=re.compile(r"^Accept\s?: 沈一鸣")).click()
    dialog = hr.get_by_role("dialog")
    # Done zooming in: a click while it still moves can land beside the button.
    expect(dialog).not_to_have_class(re.compile(r"ant-zoom-appear"))
    dialog.get_by_label("Comment (optional)").fill("Both offices agreed on the phone.")
    dialog.get_by_role("button", name=label("Accept")).click()
    expect(dialog).to_be_hidden()
    expect(card).to_contain_text("Accepted")

    # The person confirms; the heads of the receiving and the lending side approve theirs.
    person = signed_in(browser, url, "zonestaff")
    person.goto("/secondments")
    mine = person.get_by_role("row").filter(has_text="沈一鸣")
    expect(mine).to_contain_text(NEED)
    expect(mine).to_contain_text("待本人确认")
    mine.get_by_role("button", name=label("确认")).click()
    expect(mine).to_contain_text("待部门审批")

    head.goto("/secondments")
    receiving = head.get_by_role("row").filter(has_text="沈一鸣")
    receiving.get_by_role("button", name=label("批准：借入部门")).click()
    expect(receiving).to_contain_text("借入部门：陈建国 已批准")
    expect(receiving).to_contain_text("待部门审批")

    lender = signed_in(browser, url, "zonehead", locale="en-GB")
    lender.goto("/secondments")
    lending = lender.get_by_role("row").filter(has_text="沈一鸣")
    lending.get_by_role("button", name=label("Approve: Lending")).click()
    expect(lending).to_contain_text("Approved")

    # The person sees it approved, with nothing left to do.
    person.reload()
    expect(person.get_by_role("row").filter(has_text="沈一鸣")).to_contain_text("已批准")
    expect(person.get_by_role("button", name=label("确认"))).to_have_count(0)
    for page in (person, lender):
        page.context.close()
