"""Check-in, attendance and feedback in the browser: the organiser shows the code of the minute;
one person types it on a phone, another opens the QR code's link; the organiser marks a third on
the roster, reads the week's attendance and takes it away as CSV; after a session of the past
week, a person rates it and its organiser reads the ratings."""

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE
from tests.e2e.helpers import label
from tests.e2e.test_live_state import call_api

PAST_WEEK = "政务服务标准化交流周"
RATED_LATER = "案例研讨：“好差评”差评整改闭环"


def a_session_starting_soon(organiser: Page) -> tuple[dict[str, Any], dict[str, Any]]:
    """A published week around today with a session starting in five minutes, an hour long."""
    organiser.goto("/")
    today = date.today()  # noqa: DTZ011
    week = call_api(
        organiser,
        "POST",
        "/api/v1/exchange-weeks/",
        {
            "title": f"签到测试周 {datetime.now(UTC):%H%M%S%f}",
            "start_date": (today - timedelta(days=1)).isoformat(),
            "end_date": (today + timedelta(days=2)).isoformat(),
        },
    )
    call_api(organiser, "PATCH", f"/api/v1/exchange-weeks/{week['id']}/", {"status": "published"})
    starts_at = datetime.now(UTC) + timedelta(minutes=5)
    session = call_api(
        organiser,
        "POST",
        f"/api/v1/exchange-weeks/{week['id']}/sessions/",
        {
            "kind": "workshop",
            "title": "现场签到演练",
            "starts_at": starts_at.isoformat(),
            "ends_at": (starts_at + timedelta(hours=1)).isoformat(),
        },
    )
    return week, session


def test_people_check_in_by_code_and_by_qr_link_and_the_organiser_keeps_the_roster(
    open_page,
) -> None:
    organiser = open_page("organiser")
    week, session = a_session_starting_soon(organiser)
    staff = open_page("staff", viewport=PHONE, language="en")
    scanner = open_page("dept_head")
    absent = open_page("hr")
    for person in (staff, scanner, absent):
        person.goto("/")
        call_api(person, "POST", f"/api/v1/sessions/{session['id']}/registration/", {})

    organiser.goto(f"/weeks/{week['id']}/sessions/{session['id']}/check-in")
    code = organiser.get_by_test_id("check-in-code")
    expect(code).to_have_text(re.compile(r"^\d{6}$"))
    expect(organiser.get_by_role("img", name="签到二维码")).to_be_visible()
    shown = code.inner_text()

    # On a phone: from My sessions to the check-in page, the code typed.
    staff.goto("/weeks")
    staff.get_by_role("region", name="My sessions").get_by_role(
        "link", name=re.compile(r"^Check in\s?: 现场签到演练$")
    ).click()
    card = staff.get_by_role("region", name="现场签到演练")
    card.get_by_label("Check-in code").fill("12")
    card.get_by_role("button", name=label("Check in")).click()
    expect(card.get_by_text("The code is the six digits shown in the room.")).to_be_visible()
    card.get_by_label("Check-in code").fill(shown)
    card.get_by_role("button", name=label("Check in")).click()
    expect(staff.get_by_text("Checked in: on time.")).to_be_visible()
    expect(card.get_by_text("On time", exact=True)).to_be_visible()

    # The QR code's link checks in on opening.
    scanner.goto(f"/check-in?session={session['id']}&code={shown}")
    expect(scanner.get_by_text("已签到：准时。")).to_be_visible()

    # The roster: two here; the organiser marks the third.
    organiser.reload()
    roster = organiser.locator(".ant-card").filter(has_text="签到名单")
    expect(roster).to_contain_text("已到 2 / 3 人")
    organiser.get_by_label("标记王静").click()  # the demo hr
    organiser.locator(".ant-select-dropdown:visible").get_by_text("迟到", exact=True).click()
    expect(organiser.get_by_text("已保存。")).to_be_visible()
    expect(roster).to_contain_text("已到 3 / 3 人")

    # The week's attendance, and its CSV.
    organiser.goto(f"/weeks/{week['id']}")
    organiser.get_by_role("tab", name="出勤").click()
    by_session = organiser.locator(".ant-card").filter(has_text="按活动")
    expect(by_session.get_by_role("row").filter(has_text="现场签到演练")).to_contain_text("3")
    with organiser.expect_download() as download:
        organiser.get_by_role("link", name=label("下载 CSV")).click()
    body = download.value.path().read_text(encoding="utf-8")
    assert body.startswith("\ufeff")
    assert sorted(line.split(",")[9] for line in body.splitlines()[1:]) == [
        "late",
        "on_time",
        "on_time",
    ]


def test_after_a_session_one_rates_it_and_its_organiser_reads_the_ratings(open_page) -> None:
    staff = open_page("staff", language="en")
    staff.goto("/weeks")
    mine = staff.get_by_role("region", name="My sessions")
    expect(mine).to_contain_text("Late")
    mine.get_by_role("button", name=re.compile(rf"^Rate it\s?: {re.escape(RATED_LATER)}$")).click()
    dialog = staff.get_by_role("dialog")
    dialog.get_by_role("button", name=label("Send")).click()
    expect(dialog.get_by_text("Choose from 1 to 5 stars.")).to_be_visible()
    dialog.locator(".ant-rate-star").nth(3).click()
    dialog.get_by_label("What did you think? (optional)").fill("The three cases were well chosen.")
    dialog.get_by_role("button", name=label("Send")).click()
    expect(staff.get_by_text("Thank you for your feedback.")).to_be_visible()
    expect(
        mine.get_by_role(
            "button", name=re.compile(rf"^Change my feedback\s?: {re.escape(RATED_LATER)}$")
        )
    ).to_be_visible()

    organiser = open_page("organiser")
    organiser.goto("/weeks")
    organiser.get_by_role("link", name=PAST_WEEK).click()
    organiser.get_by_role(
        "button", name=re.compile(rf"^评价\s?: {re.escape(RATED_LATER)}$")
    ).click()
    dialog = organiser.get_by_role("dialog")
    expect(dialog).to_contain_text("The three cases were well chosen.")
    expect(dialog).to_contain_text("条评分")


def test_a_department_head_reads_their_peoples_attendance_and_tiered_programme(
    open_page,
) -> None:
    head = open_page("dept_head", language="en")
    head.goto("/weeks")
    head.get_by_role("link", name=PAST_WEEK).click()
    head.get_by_role("tab", name="Attendance").click()

    expect(head.get_by_text("The people of the departments you head.")).to_be_visible()
    by_department = head.locator(".ant-card").filter(has_text="By department")
    expect(by_department).to_contain_text("Municipal Big Data Bureau")
    expect(by_department).not_to_contain_text("Informatisation Division")  # staff's, not theirs
    programme = head.locator(".ant-card").filter(has_text="Tiered programme")
    expect(programme).to_contain_text("Mandatory for Leader: 政务服务事项标准化的要求与进展")
    expect(programme).to_contain_text("Municipal Big Data Bureau")
    expect(programme).not_to_contain_text("Informatisation Division")


def test_the_attendance_of_a_past_week_adds_up_to_the_whole_week(open_page) -> None:
    organiser = open_page("organiser")
    organiser.goto("/weeks")
    organiser.get_by_role("link", name=PAST_WEEK).click()
    organiser.get_by_role("tab", name="出勤").click()

    week = re.search(r"/weeks/(\d+)", organiser.url)
    assert week is not None
    report = call_api(organiser, "GET", f"/api/v1/exchange-weeks/{week[1]}/attendance/")
    whole_week = (
        organiser.locator(".ant-card").filter(has_text="按活动").locator(".ant-table-summary")
    )
    expect(whole_week).to_contain_text("全周合计")
    for tally in ("registered", "on_time", "absent"):
        total = sum(row[tally] for row in report["sessions"])
        expect(whole_week.get_by_role("cell", name=str(total), exact=True).first).to_be_visible()
