"""What happens elsewhere reaches an open page without a reload: a decision about the person, a
place freed on a waiting list, a topic someone else made, a mention while disconnected, unread
counts on the group list, and a sign-out in another tab."""

import re
import uuid
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.conftest import sign_in_through_the_form
from tests.e2e.helpers import Network, label
from tests.e2e.test_groups import PYTHON_GROUP, chat_log, open_group, send


def call_api(page: Page, method: str, path: str, data: Any = None) -> Any:
    """Arrange a scene as the page's person, through the API (with the CSRF token the browser
    holds), so that each test starts from a state of its own."""
    token = next(
        cookie["value"] for cookie in page.context.cookies() if cookie["name"] == "csrftoken"
    )
    response = page.request.fetch(path, method=method, data=data, headers={"X-CSRFToken": token})
    assert response.ok, response.text()
    return response.json() if response.status != 204 else None


def new_group(owner: Page, **fields: Any) -> dict[str, Any]:
    owner.goto("/")
    name = f"实时状态测试 {uuid.uuid4().hex[:6]}"
    group: dict[str, Any] = call_api(owner, "POST", "/api/v1/groups/", {"name": name, **fields})
    return group


def test_an_approved_request_opens_the_chat_on_the_page_already_open(open_page) -> None:
    owner, staff = open_page("dept_head"), open_page("staff")
    group = new_group(owner, join_policy="approval")
    staff.goto("/")
    call_api(staff, "POST", f"/api/v1/groups/{group['id']}/join/")
    open_group(staff, group["name"])
    expect(staff.get_by_text("待审批", exact=True)).to_be_visible()
    expect(staff.get_by_role("log")).to_have_count(0)

    open_group(owner, group["name"])
    owner.get_by_role("tab", name=re.compile("成员")).click()
    owner.get_by_role("row").filter(has_text="@staff").get_by_role(
        "button", name=label("批准")
    ).click()

    expect(chat_log(staff)).to_be_visible()
    expect(staff.get_by_text("待审批", exact=True)).to_have_count(0)


def test_a_place_freed_on_the_waiting_list_reaches_the_first_in_line(open_page) -> None:
    owner, member, staff = open_page("dept_head"), open_page("organiser"), open_page("staff")
    group = new_group(owner, capacity=2)
    member.goto("/")
    call_api(member, "POST", f"/api/v1/groups/{group['id']}/join/")
    open_group(staff, group["name"])
    staff.get_by_role("button", name="加入候补名单").click()
    expect(staff.get_by_text("候补第 1 位")).to_be_visible()

    call_api(member, "POST", f"/api/v1/groups/{group['id']}/leave/")

    expect(chat_log(staff)).to_be_visible()
    expect(staff.get_by_text("候补第 1 位")).to_have_count(0)


def test_a_topic_someone_else_makes_can_be_picked_at_once(open_page) -> None:
    staff, admin = open_page("staff"), open_page("admin")
    open_group(staff, PYTHON_GROUP)
    open_group(admin, PYTHON_GROUP)
    title = f"练习 {uuid.uuid4().hex[:4]}"

    admin.get_by_role("button", name="新建话题").click()
    admin.get_by_role("textbox", name="话题名称").fill(title)
    admin.get_by_role("dialog").get_by_role("button", name=label("添加")).click()
    staff.get_by_label("话题", exact=True).click()
    staff.locator(".ant-select-dropdown:visible").get_by_text(f"# {title}").click()
    send(staff, "我来做第一题")

    message = chat_log(admin).locator("[data-message-id]").filter(has_text="我来做第一题")
    expect(message).to_contain_text(f"# {title}")


def test_a_mention_made_while_disconnected_is_counted_after_reconnecting(open_page) -> None:
    staff, admin = open_page("staff"), open_page("admin")
    network = Network(staff)
    staff.goto("/")
    unread = call_api(staff, "GET", "/api/v1/notifications/?unread=true")["count"]
    bell = staff.get_by_role("button", name=re.compile(r"^通知"))
    expect(bell).to_have_attribute("aria-label", f"通知（{unread} 条未读）")
    open_group(admin, PYTHON_GROUP)
    expect(admin.get_by_text(re.compile(r"^(另有 \d+ 人在线|暂无其他人在线)$"))).to_be_visible()

    network.cut()
    send(admin, "@staff 断线时提到你")
    expect(chat_log(admin)).to_contain_text("@staff 断线时提到你")
    network.restore()

    expect(bell).to_have_attribute("aria-label", f"通知（{unread + 1} 条未读）", timeout=20_000)


def test_the_group_list_counts_new_messages_live(open_page) -> None:
    staff, admin = open_page("staff"), open_page("admin")
    staff.goto("/groups?mine=true")
    card = staff.locator(".ant-card").filter(has_text=PYTHON_GROUP)
    expect(card).to_be_visible()
    badge = card.locator(".ant-badge-count")
    before = int(badge.get_attribute("title") or 0) if badge.count() else 0
    open_group(admin, PYTHON_GROUP)

    send(admin, "列表上的未读数会动吗？")
    send(admin, "应该会。")

    expect(card.locator(".ant-badge-count")).to_have_attribute("title", str(before + 2))


def test_signing_out_in_one_tab_sends_the_others_to_the_sign_in_page(open_page) -> None:
    first = open_page(None)
    sign_in_through_the_form(first, "organiser")  # a session of its own, ended below
    expect(first).to_have_url(re.compile(r"/$"))
    open_group(first, PYTHON_GROUP)
    second = first.context.new_page()
    second.goto("/")

    second.get_by_role("button", name=re.compile("退出登录")).click()
    expect(second).to_have_url(re.compile(r"/login"))

    expect(first).to_have_url(re.compile(r"/login\?next=%2Fgroups%2F\d+"))
    expect(first.get_by_text("正在重新连接")).to_have_count(0)


def test_a_mention_notification_opens_its_message_in_the_chat_and_is_then_read(open_page) -> None:
    owner, staff = open_page("dept_head"), open_page("staff")
    group = new_group(owner)
    staff.goto("/")
    call_api(staff, "POST", f"/api/v1/groups/{group['id']}/join/")
    messages = f"/api/v1/rooms/{group['room']}/messages/"
    mention = call_api(
        owner, "POST", messages, {"body": "@staff 请看一下这份方案", "client_id": str(uuid.uuid4())}
    )
    # Said after it: enough to fill the log, so that its end is not where the mention is.
    for number in range(3):
        long = "\n".join(f"第 {number + 1} 条的第 {line} 行" for line in range(1, 25))
        call_api(owner, "POST", messages, {"body": long, "client_id": str(uuid.uuid4())})
    unread = call_api(staff, "GET", "/api/v1/notifications/?unread=true")["count"]

    staff.reload()
    staff.get_by_role("button", name=re.compile(r"^通知")).click()
    staff.get_by_role(
        "link", name=re.compile(f"在「{re.escape(group['name'])}」中提到了您")
    ).click()

    expect(staff).to_have_url(re.compile(rf"/groups/{group['id']}#message-{mention['id']}$"))
    shown = staff.locator(f"[data-message-id='{mention['id']}']")
    expect(shown).to_have_attribute("aria-current", "location")
    expect(shown).to_be_in_viewport()
    expect(staff.get_by_text("第 3 条的第 24 行")).not_to_be_in_viewport()
    bell = staff.get_by_role("button", name=re.compile(r"^通知"))
    expect(bell).to_have_attribute("aria-label", f"通知（{unread - 1} 条未读）")
