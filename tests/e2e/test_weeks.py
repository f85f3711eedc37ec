"""Exchange weeks in the browser: an organiser builds a week and publishes it; two people want
the last seat of a session, the second waits and is seated live when the first gives it up."""

import re
from datetime import date, datetime, timedelta

import icalendar
from playwright.sync_api import Locator, Page, expect

from tests.e2e.helpers import label
from tests.e2e.test_groups import chat_log, send
from tests.e2e.test_live_state import call_api

# A Monday five weeks ahead: the week, and its session, are still to come.
MONDAY = date.today() + timedelta(days=35 - date.today().weekday())  # noqa: DTZ011


def session_card(page: Page, title: str) -> Locator:
    return page.locator(f'.ant-card[aria-label="{title}"]')


def test_an_organiser_builds_a_week_and_two_people_want_its_last_seat(open_page) -> None:
    organiser = open_page("organiser", language="en")
    organiser.goto("/weeks")
    organiser.get_by_role("button", name=label("Start an exchange week")).click()
    dialog = organiser.get_by_role("dialog")
    dialog.get_by_label("Title", exact=True).fill("GIS exchange week")
    days = dialog.get_by_label("Days").first
    days.fill(MONDAY.isoformat())
    days.press("Enter")
    last_day = dialog.locator(".ant-picker-range input").nth(1)
    last_day.fill((MONDAY + timedelta(days=4)).isoformat())
    last_day.press("Enter")
    dialog.get_by_role("button", name=label("Start")).click()
    expect(organiser).to_have_url(re.compile(r"/weeks/\d+$"))
    expect(organiser.get_by_text("Draft", exact=True)).to_be_visible()

    organiser.get_by_role("tab", name="Rooms").click()
    organiser.get_by_label("Room", exact=True).fill("GIS lab")
    organiser.get_by_label("Seats", exact=True).fill("0")
    organiser.get_by_role("button", name=label("Add")).click()
    expect(organiser.get_by_text("Enter a whole number from 1 to 10000.")).to_be_visible()
    organiser.get_by_label("Seats", exact=True).fill("1")
    organiser.get_by_role("button", name=label("Add")).click()
    expect(organiser.get_by_role("row").filter(has_text="GIS lab")).to_be_visible()

    organiser.get_by_role("tab", name="Programme").click()
    organiser.get_by_role("button", name=label("Add a session")).click()
    dialog = organiser.get_by_role("dialog")
    dialog.get_by_label("Title", exact=True).fill("Map-making workshop")
    dialog.get_by_label("Room", exact=True).click()
    organiser.locator(".ant-select-dropdown:visible").get_by_text("GIS lab (1 seat)").click()
    dialog.get_by_role("button", name=label("Outside speaker")).click()
    dialog.get_by_label("Outside speaker's name").fill("Prof. Liu")
    dialog.get_by_role("button", name=label("Add")).click()
    expect(organiser.get_by_text("Session added.")).to_be_visible()
    workshop = session_card(organiser, "Map-making workshop")
    expect(workshop).to_contain_text("GIS lab · with Prof. Liu")
    expect(workshop).to_contain_text("0 of 1 seats taken")

    organiser.get_by_role("button", name=label("Publish")).click()
    organiser.get_by_role("tooltip").get_by_role("button", name=label("Publish")).click()
    expect(organiser.get_by_text("Published", exact=True)).to_be_visible()
    week_url = organiser.url

    first = open_page("staff", language="en")
    first.goto(week_url)
    session_card(first, "Map-making workshop").get_by_role(
        "button", name=re.compile(r"^Register\s?: Map-making workshop$")
    ).click()
    expect(session_card(first, "Map-making workshop")).to_contain_text("Registered")

    second = open_page("hr", language="en")
    second.goto(week_url)
    card = session_card(second, "Map-making workshop")
    expect(card).to_contain_text("1 of 1 seats taken")
    card.get_by_role(
        "button", name=re.compile(r"^Join the waiting list\s?: Map-making workshop$")
    ).click()
    expect(card).to_contain_text("On the waiting list: #1")

    card = session_card(first, "Map-making workshop")
    card.get_by_role(
        "button", name=re.compile(r"^Cancel my place\s?: Map-making workshop$")
    ).click()
    first.get_by_role("tooltip").get_by_role("button", name=label("Cancel my place")).click()
    expect(first.get_by_text("Your place is given up.")).to_be_visible()

    # The second person's page follows at once: seated, and told.
    expect(session_card(second, "Map-making workshop")).to_contain_text("Registered")
    second.get_by_role("button", name=re.compile("Notifications")).click()
    told = second.get_by_role(
        "link", name="A seat opened: you are now registered for “Map-making workshop”"
    )
    expect(told).to_have_attribute("href", re.compile(r"^/weeks/\d+/sessions/\d+$"))


def test_staff_see_the_demo_weeks_programme_and_their_place_in_line(open_page) -> None:
    page = open_page("staff")
    page.goto("/weeks")
    mine = page.get_by_role("region", name="我报名的活动")
    expect(mine).to_contain_text("数据清洗实战工作坊")
    expect(mine).to_contain_text("候补第 1 位")

    page.get_by_role("link", name="数据治理与数字政务交流周").click()
    workshop = session_card(page, "数据清洗实战工作坊")
    expect(workshop).to_contain_text("已报名 12 / 12 · 候补 2 人")
    expect(workshop).to_contain_text("候补第 1 位")
    case_study = session_card(page, "案例研讨：一网通办事项的数据标准统一")
    expect(case_study.get_by_role("button", name=re.compile(r"^报 ?名\s?: "))).to_be_visible()


def test_a_person_puts_their_sessions_in_their_calendar(open_page) -> None:
    page = open_page("staff", language="en")
    page.goto("/weeks")
    page.get_by_role("region", name="My sessions").get_by_role(
        "button", name=label("In my calendar")
    ).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name=label("Make my calendar address")).click()
    expect(dialog.get_by_text("Copy the address now: it is shown only this once.")).to_be_visible()
    address = dialog.locator("code").inner_text()

    feed = page.request.get(address)

    calendar = icalendar.Calendar.from_ical(feed.body())
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert "开幕讲座：政务数据治理的新要求" in summaries
    assert "政务服务事项标准化的要求与进展" in summaries  # of the past week
    assert "数据清洗实战工作坊" not in summaries  # waiting for a seat is not having one
    assert all(event.walk("VALARM") for event in calendar.walk("VEVENT"))

    dialog.get_by_role("button", name=label("Stop the address")).click()
    page.get_by_role("tooltip").get_by_role("button", name=label("Stop the address")).click()
    expect(page.get_by_text("The address no longer works.")).to_be_visible()
    assert page.request.get(address).status == 404


def test_an_organiser_applies_the_proposed_timetable_and_the_clash_is_gone(open_page) -> None:
    organiser = open_page("organiser")
    organiser.goto("/")
    week = call_api(
        organiser,
        "POST",
        "/api/v1/exchange-weeks/",
        {
            "title": "排期测试周",
            "start_date": MONDAY.isoformat(),
            "end_date": (MONDAY + timedelta(days=1)).isoformat(),
        },
    )
    path = f"/api/v1/exchange-weeks/{week['id']}"
    room = call_api(organiser, "POST", f"{path}/rooms/", {"name": "多功能厅", "capacity": 50})
    same_time = {
        "room": room["id"],
        "starts_at": f"{MONDAY}T09:00:00+08:00",
        "ends_at": f"{MONDAY}T10:30:00+08:00",
    }
    call_api(
        organiser,
        "POST",
        f"{path}/sessions/",
        {"kind": "lecture", "title": "上午讲座", **same_time},
    )
    call_api(
        organiser,
        "POST",
        f"{path}/sessions/",
        {"kind": "workshop", "title": "同时的工作坊", "capacity": 20, **same_time},
    )
    call_api(organiser, "PATCH", f"{path}/", {"status": "published"})
    staff = open_page("staff")
    staff.goto("/")
    for session in call_api(staff, "GET", f"{path}/sessions/")["results"]:
        call_api(
            staff,
            "POST",
            f"/api/v1/sessions/{session['id']}/registration/",
            {"despite_clash": True},
        )

    organiser.goto(f"/weeks/{week['id']}")
    organiser.get_by_role("button", name=label("自动排期")).click()
    drawer = organiser.get_by_role("dialog")
    drawer.get_by_role("button", name=label("生成方案")).click()
    expect(drawer.get_by_text("已证明冲突最少", exact=False)).to_be_visible()
    expect(drawer.locator(".ant-statistic").filter(has_text="当前报名冲突")).to_contain_text("1")
    expect(drawer.locator(".ant-statistic").filter(has_text="方案报名冲突")).to_contain_text("0")
    drawer.get_by_role("button", name=label("应用整个方案")).click()
    expect(organiser.get_by_text("并已通知报名者", exact=False)).to_be_visible()

    staff.get_by_role("button", name=re.compile("通知")).click()
    expect(staff.get_by_role("link", name=re.compile("调整了活动"))).to_be_visible()


def test_an_organiser_edits_the_schedule_by_dragging_and_by_keyboard(open_page) -> None:
    organiser = open_page("organiser")
    organiser.goto("/")
    week = call_api(
        organiser,
        "POST",
        "/api/v1/exchange-weeks/",
        {
            "title": "编排测试周",
            "start_date": MONDAY.isoformat(),
            "end_date": (MONDAY + timedelta(days=1)).isoformat(),
        },
    )
    path = f"/api/v1/exchange-weeks/{week['id']}"
    hall = call_api(organiser, "POST", f"{path}/rooms/", {"name": "大厅", "capacity": 50})
    call_api(organiser, "POST", f"{path}/rooms/", {"name": "小间", "capacity": 5})
    nine = {"starts_at": f"{MONDAY}T09:00:00+08:00", "ends_at": f"{MONDAY}T10:00:00+08:00"}
    first = call_api(
        organiser,
        "POST",
        f"{path}/sessions/",
        {"kind": "lecture", "title": "九点讲座", "room": hall["id"], **nine},
    )
    call_api(
        organiser,
        "POST",
        f"{path}/sessions/",
        {"kind": "lecture", "title": "也在九点", "room": hall["id"], **nine},
    )
    waiting = call_api(
        organiser, "POST", f"{path}/sessions/", {"kind": "workshop", "title": "待排工作坊"}
    )
    call_api(organiser, "PATCH", f"{path}/", {"status": "published"})

    organiser.goto(f"/weeks/{week['id']}/schedule")
    conflicts = organiser.get_by_role("region", name="冲突")
    expect(conflicts).to_contain_text("大厅同时安排了“九点讲座”和“也在九点”。")

    # By keyboard: the second lecture to eleven o'clock.
    organiser.get_by_role("button", name=re.compile(r"^移动\s?: 也在九点$")).click()
    dialog = organiser.get_by_role("dialog")
    start = dialog.get_by_label("开始", exact=True)
    start.fill("11:00")
    start.press("Enter")
    dialog.get_by_role("button", name=label("安排")).click()
    expect(conflicts).to_contain_text("没有冲突。")

    # By dragging: the workshop from the list onto the small room, then back onto the hall at
    # the first lecture's time, a conflict again.
    unscheduled = organiser.get_by_role("region", name="未排定")
    block = organiser.get_by_test_id(f"session-{waiting['id']}")
    block.drag_to(organiser.get_by_test_id(re.compile(r"^cell-\d+-\d{4}$")).first)
    expect(unscheduled).to_contain_text("所有活动都已排定。")
    organiser.get_by_test_id(f"session-{waiting['id']}").drag_to(
        organiser.get_by_test_id(f"session-{first['id']}")
    )
    expect(conflicts).to_contain_text("大厅同时安排了")
    organiser.get_by_test_id(f"session-{waiting['id']}").drag_to(unscheduled)
    expect(unscheduled).to_contain_text("待排工作坊")

    organiser.get_by_label("本版名称（选填）").fill("上午错开")
    organiser.get_by_role("button", name=label("保存 1 项修改")).click()
    expect(organiser.get_by_text("已调整 1 个活动", exact=False)).to_be_visible()

    # The change is a version of the schedule, with its changelog, for everyone.
    staff = open_page("staff")
    staff.goto(f"/weeks/{week['id']}")
    staff.get_by_role("tab", name="日程变更").click()
    version = staff.locator(".ant-card").filter(has_text="上午错开")
    expect(version).to_contain_text("也在九点")
    expect(version).to_contain_text("大厅 改为")
    sessions = call_api(organiser, "GET", f"{path}/sessions/")["results"]
    moved = next(session for session in sessions if session["title"] == "也在九点")
    starts_at, ends_at = (datetime.fromisoformat(moved[key]) for key in ("starts_at", "ends_at"))
    assert starts_at != datetime.fromisoformat(nine["starts_at"])
    assert ends_at - starts_at == timedelta(hours=1)  # moved, its length kept
    assert next(s for s in sessions if s["title"] == "待排工作坊")["starts_at"] is None


def test_a_registered_person_discusses_a_session_in_its_topic_of_the_weeks_conversation(
    open_page,
) -> None:
    staff = open_page("staff")
    organiser = open_page("organiser")
    title = "数据安全与个人信息保护"
    for page in (staff, organiser):
        page.goto("/weeks/1")
        session_card(page, title).get_by_role(
            "button", name=re.compile(rf"^讨论\s?: {re.escape(title)}$")
        ).click()
        expect(page.get_by_role("tab", name="交流讨论", selected=True)).to_be_visible()

    shown = staff.locator(".ant-select").filter(has=staff.get_by_label("显示话题"))
    expect(shown).to_contain_text(f"# {title}")
    send(staff, "分类分级的模板能会后共享吗？")
    expect(chat_log(organiser)).to_contain_text("分类分级的模板能会后共享吗？")  # live


def test_an_organiser_edits_a_session_when_its_speakers_cannot_come_and_a_room_is_unavailable(
    open_page,
) -> None:
    organiser = open_page("organiser", language="en")
    organiser.goto("/")
    day = MONDAY + timedelta(days=7)
    week = call_api(
        organiser,
        "POST",
        "/api/v1/exchange-weeks/",
        {"title": "Room week", "start_date": day.isoformat(), "end_date": day.isoformat()},
    )
    path = f"/api/v1/exchange-weeks/{week['id']}"
    room = call_api(organiser, "POST", f"{path}/rooms/", {"name": "Hall", "capacity": 50})
    call_api(
        organiser,
        "POST",
        f"{path}/sessions/",
        {
            "kind": "lecture",
            "title": "Opening talk",
            "room": room["id"],
            "starts_at": f"{day}T09:00:00+08:00",
            "ends_at": f"{day}T10:00:00+08:00",
        },
    )

    organiser.goto(f"/weeks/{week['id']}")
    organiser.get_by_role("button", name=re.compile(r"^Edit\s?: Opening talk$")).click()
    dialog = organiser.get_by_role("dialog")
    expect(dialog.get_by_label("Title", exact=True)).to_have_value("Opening talk")
    dialog.get_by_label("Title", exact=True).fill("Opening lecture")
    dialog.get_by_role("button", name=label("Add a time they cannot come")).click()
    away = dialog.locator(".ant-form-item").filter(has_text="When the speakers cannot come")
    start, end = away.locator(".ant-picker-range input").all()
    start.fill(f"{day} 09:00")
    start.press("Enter")
    end.fill(f"{day} 09:30")
    end.press("Enter")
    dialog.get_by_role("button", name=label("Save")).click()
    expect(session_card(organiser, "Opening lecture")).to_contain_text("Hall")

    organiser.get_by_role("tab", name="Rooms").click()
    organiser.get_by_role("button", name="Edit Hall").click()
    dialog = organiser.get_by_role("dialog")
    dialog.get_by_role("button", name=label("Add a time it is unavailable")).click()
    start, end = dialog.locator(".ant-picker-range input").all()
    start.fill(f"{day} 08:30")
    start.press("Enter")
    end.fill(f"{day} 09:30")
    end.press("Enter")
    dialog.get_by_role("button", name=label("Save")).click()
    expect(organiser.get_by_role("row").filter(has_text="Hall")).not_to_contain_text(
        "Always available"
    )

    organiser.goto(f"/weeks/{week['id']}/schedule")
    conflicts = organiser.get_by_role("region", name="Conflicts")
    expect(conflicts).to_contain_text("Hall is unavailable during “Opening lecture”.")
    expect(conflicts).to_contain_text("The speakers of “Opening lecture” cannot come at its time.")


def test_the_schedule_editor_fits_a_phone_without_sideways_scrolling(open_page) -> None:
    organiser = open_page("organiser", viewport={"width": 390, "height": 844})
    organiser.goto("/weeks/1/schedule")
    expect(organiser.get_by_role("region", name="冲突")).to_be_visible()
    organiser.wait_for_load_state("networkidle")

    overflow = organiser.evaluate("document.documentElement.scrollWidth - window.innerWidth")

    assert overflow == 0
