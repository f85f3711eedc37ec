"""Study groups in the browser: live chat between two people, catching up after a dropped
connection, a waiting list, a request to join decided by the owner."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.helpers import Network, label, serious_accessibility_violations, untranslated_keys

PYTHON_GROUP = "Python 数据分析学习小组"


def open_group(page: Page, name: str) -> None:
    page.goto("/groups")
    page.get_by_role("link", name=re.compile(re.escape(name))).click()
    expect(page.get_by_role("heading", level=2)).to_have_text(name)


def send(page: Page, text: str) -> None:
    box = page.get_by_role("textbox", name="撰写消息")
    box.fill(text)
    box.press("Enter")


def chat_log(page: Page) -> Locator:
    return page.get_by_role("log", name="消息")


def test_two_members_chat_live_and_a_mention_by_name_reaches_the_bell(open_page) -> None:
    staff = open_page("staff")
    admin = open_page("admin")
    open_group(staff, PYTHON_GROUP)
    open_group(admin, PYTHON_GROUP)
    bell = staff.get_by_role("button", name=re.compile(r"^通知"))
    unread_before = int(re.sub(r"\D", "", bell.get_attribute("aria-label") or "") or 0)

    send(staff, "日期处理的讲稿我周二发群里。")
    expect(chat_log(admin)).to_contain_text("日期处理的讲稿我周二发群里。")
    compose = admin.get_by_role("textbox", name="撰写消息")
    compose.press_sequentially("@张晓")
    admin.locator(".ant-mentions-dropdown").get_by_text("张晓明 (@staff)").click()
    compose.press_sequentially("好的，谢谢！")
    compose.press("Enter")

    expect(chat_log(staff)).to_contain_text("好的，谢谢！")
    expect(bell).to_have_attribute("aria-label", re.compile(rf"{unread_before + 1}"))
    expect(chat_log(staff).get_by_text("发送中……")).to_have_count(0)


def test_a_member_whose_connection_drops_sees_what_was_said_meanwhile(open_page) -> None:
    staff = open_page("staff")
    admin = open_page("admin")
    network = Network(staff)
    open_group(staff, PYTHON_GROUP)
    open_group(admin, PYTHON_GROUP)
    expect(staff.get_by_text("另有 1 人在线", exact=True)).to_be_visible()  # the administrator

    network.cut()
    expect(staff.get_by_role("status").filter(has_text="正在重新连接")).to_be_visible()
    for number in range(1, 4):
        send(admin, f"掉线期间的第 {number} 条消息")
    expect(chat_log(admin)).to_contain_text("掉线期间的第 3 条消息")
    expect(chat_log(staff)).not_to_contain_text("掉线期间")
    network.restore()

    for number in range(1, 4):
        expect(chat_log(staff)).to_contain_text(f"掉线期间的第 {number} 条消息", timeout=15_000)
    expect(staff.get_by_role("status").filter(has_text="正在重新连接")).to_have_count(0)


def test_someone_outside_a_group_sees_its_members_but_not_its_chat(open_page) -> None:
    page = open_page("hr")
    open_group(page, PYTHON_GROUP)

    expect(page.get_by_text("只有成员可以查看小组聊天")).to_be_visible()
    expect(page.get_by_role("log")).to_have_count(0)
    expect(page.get_by_role("cell").filter(has_text="@staff")).to_be_visible()


def test_joining_a_full_group_puts_you_on_its_waiting_list(open_page) -> None:
    page = open_page("staff")
    open_group(page, "低代码实践营")

    page.get_by_role("button", name="加入候补名单").click()

    expect(page.get_by_text("候补第 1 位")).to_be_visible()
    expect(page.get_by_role("button", name="退出候补")).to_be_visible()


def test_the_owner_approves_a_request_and_the_newcomer_can_chat(open_page) -> None:
    owner = open_page("dept_head")
    open_group(owner, "等保 2.0 备考互助")

    owner.get_by_role("tab", name=re.compile("成员")).click()
    request = owner.get_by_role("row").filter(has_text="@staff")
    expect(request).to_contain_text("待审批")
    request.get_by_role("button", name=label("批准")).click()
    expect(request).to_contain_text("已加入")  # the status beside the role 成员, not the same word

    newcomer = open_page("staff")
    open_group(newcomer, "等保 2.0 备考互助")
    send(newcomer, "谢谢通过，请多指教！")
    expect(chat_log(newcomer)).to_contain_text("谢谢通过，请多指教！")
    expect(chat_log(newcomer).get_by_text("发送中……")).to_have_count(0)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_group_page_with_its_chat_is_translated_and_accessible(open_page, language) -> None:
    page = open_page("staff", language=language)
    open_group(page, PYTHON_GROUP)
    expect(page.get_by_role("log")).to_contain_text("期待！")

    assert untranslated_keys(page) == []
    assert serious_accessibility_violations(page) == []
