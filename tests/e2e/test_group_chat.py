"""A group's chat in the browser: a member edits a message and reads its edit history from the
message's menu; a member searches the group's history and follows a result to the message, in
its place in the chat, even when it is older than the messages the chat loads first."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import label, serious_accessibility_violations, untranslated_keys
from tests.servers import manage

# A group of its own (the demo's are left as the other tests expect them): the staff member
# belongs to it, and a talkative colleague wrote one message about a gauge, then seventy more,
# so that the chat first loads only messages newer than it.
A_LONG_CONVERSATION = """
import uuid
from django.conf import settings
from apps.accounts.models import User
from apps.chat.services import post_message
from apps.groups.services import create_group, join_group

settings.CHAT_MESSAGES_PER_MINUTE = 1000
chatter = User.objects.create_user(
    "chatter", password=None, employee_number="CH0001", display_name="话多的同事"
)
group = create_group(actor=chatter, name="防汛数据复盘小组")
join_group(user=User.objects.get(username="staff"), group=group)
gauge, _ = post_message(
    author=chatter,
    room_id=group.room_id,
    body="Gauge 7 calibration notes are on the shared drive.",
    client_id=uuid.uuid4(),
)
for number in range(1, 71):
    post_message(
        author=chatter,
        room_id=group.room_id,
        body=f"例行播报第 {number} 条",
        client_id=uuid.uuid4(),
    )
print(group.pk, gauge.pk)
"""


@pytest.fixture(scope="module")
def conversation(e2e_server: tuple[str, dict[str, str]]) -> tuple[int, int]:
    """The group of the long conversation, and its message about the gauge."""
    _, env = e2e_server
    group, gauge = manage(env, "shell", "-c", A_LONG_CONVERSATION).split()[-2:]
    return int(group), int(gauge)


def open_chat(page: Page, group: int) -> None:
    page.goto(f"/groups/{group}")
    expect(page.get_by_role("log")).to_contain_text("70")


def test_a_member_edits_a_message_and_reads_its_edit_history(open_page, conversation) -> None:
    group, _ = conversation
    page = open_page("staff")
    open_chat(page, group)
    compose = page.get_by_role("textbox", name="撰写消息")
    compose.fill("复盘会定在周五下午三点。")
    compose.press("Enter")
    sent = page.get_by_role("log").locator("[data-message-id]").filter(has_text="复盘会定在")
    expect(sent).to_contain_text("复盘会定在周五下午三点。")
    mine = page.locator(f'[data-message-id="{sent.get_attribute("data-message-id")}"]')

    mine.get_by_role("button", name="编辑", exact=True).click()
    page.get_by_role("textbox", name="编辑消息").fill("复盘会改到周五下午四点。")
    page.get_by_role("button", name=label("保存")).click()
    expect(mine).to_contain_text("复盘会改到周五下午四点。")
    expect(mine).to_contain_text("（已编辑）")
    mine.get_by_role("button", name=re.compile(r"^修改记录: 张晓明, ")).click()

    history = page.get_by_role("dialog", name="修改记录")
    versions = history.get_by_role("listitem")
    expect(versions).to_have_count(2)
    expect(versions.first).to_contain_text("原始内容")
    expect(versions.first).to_contain_text("复盘会定在周五下午三点。")
    expect(versions.last).to_contain_text("当前内容")
    expect(versions.last).to_contain_text("复盘会改到周五下午四点。")
    assert untranslated_keys(page) == []
    assert serious_accessibility_violations(page) == []
    history.get_by_role("button", name="关 闭", exact=True).click()  # the footer's, not the ×
    expect(history).to_have_count(0)


def test_a_member_finds_an_old_message_and_sees_it_in_its_place(open_page, conversation) -> None:
    group, gauge = conversation
    page = open_page("staff", language="en")
    open_chat(page, group)
    log = page.get_by_role("log", name="Messages")
    expect(log).not_to_contain_text("calibration")  # older than the messages loaded first

    search = page.get_by_role("searchbox", name="Search this conversation")
    search.fill("calibration")
    search.press("Enter")
    results = page.get_by_role("region", name="Search results")
    expect(results).to_contain_text("1 message matches “calibration”.")
    expect(results.locator("mark")).to_have_text(["calibration"])
    results.get_by_role("link", name=re.compile(r"^Show in chat ?: 话多的同事, ")).click()

    shown = log.locator("[aria-current=location]")
    expect(shown).to_contain_text("Gauge 7 calibration notes are on the shared drive.")
    expect(shown).to_have_attribute("data-message-id", str(gauge))
    expect(shown).to_be_in_viewport()
    expect(page).to_have_url(re.compile(rf"/groups/{group}#message-{gauge}$"))
    # In its place: the messages written after it follow it in the log.
    expect(log).to_contain_text("例行播报第 1 条")
    assert untranslated_keys(page) == []
    assert serious_accessibility_violations(page) == []
