import re

from playwright.sync_api import expect

from tests.e2e.helpers import choose_department, choose_option, choose_period, label


def test_a_department_head_files_opens_and_closes_a_need(open_page) -> None:
    page = open_page("dept_head")
    page.goto("/needs/new")

    choose_department(page, "部门", "BDB-PLAT")
    page.get_by_label("标题", exact=True).fill("防汛数据看板开发支援")
    page.get_by_label("需求人数").fill("2")
    choose_period(page, "时间段", "2027-05-01", "2027-08-31")
    choose_option(page, "技能 1", "python", "Python 编程")
    page.get_by_role("button", name="添加所需技能").click()
    choose_option(page, "技能 2", "数据可视化", "数据可视化")
    page.get_by_label("是否必需 2").click()

    # Skills of names of different lengths: the rows' other fields still line up.
    def left(field: str) -> float:
        box = page.get_by_label(field).bounding_box()
        assert box is not None
        x: float = box["x"]
        return x

    assert left("最低等级 1") == left("最低等级 2")
    assert left("权重 1") == left("权重 2")
    page.get_by_role("button", name="保存为草稿").click()

    expect(page).to_have_url(re.compile(r"/needs/\d+$"))
    expect(page.get_by_role("heading", level=2)).to_have_text("防汛数据看板开发支援")
    expect(page.get_by_text("草稿", exact=True)).to_be_visible()
    requirements = page.locator(".ant-card").filter(has_text="所需技能")
    expect(requirements.get_by_role("row").filter(has_text="数据可视化")).to_contain_text("加分项")

    page.get_by_role("button", name=label("发布")).click()
    expect(page.get_by_text("开放", exact=True)).to_be_visible()
    page.get_by_role("button", name=label("关闭")).click()
    page.get_by_role("tooltip").get_by_role("button", name=label("关闭")).click()
    expect(page.get_by_text("已关闭", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=label("编辑"))).to_have_count(0)


def test_the_servers_field_errors_show_next_to_the_fields(open_page) -> None:
    page = open_page("dept_head")
    page.goto("/needs/new")

    choose_department(page, "部门", "BDB-SEC")
    page.get_by_label("标题", exact=True).fill("同一技能填了两次")
    choose_period(page, "时间段", "2027-05-01", "2027-06-30")
    choose_option(page, "技能 1", "GIS", "地理信息系统")
    page.get_by_role("button", name="添加所需技能").click()
    choose_option(page, "技能 2", "GIS", "地理信息系统")
    page.get_by_role("button", name="保存为草稿").click()

    expect(page.get_by_text("每项技能只能出现一次。")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/needs/new$"))


def test_numbers_out_of_range_are_refused_with_what_is_allowed(open_page) -> None:
    page = open_page("dept_head", language="en")
    page.goto("/needs/new")
    sent = []
    page.on(
        "request", lambda request: sent.append(request.url) if request.method == "POST" else None
    )

    page.get_by_label("Title", exact=True).fill("Numbers out of range")
    page.get_by_label("Headcount").fill("0")
    page.get_by_label("Minimum level 1").fill("7")
    page.get_by_label("Weight 1").fill("20")
    page.get_by_role("button", name="Save as draft").click()

    expect(page.get_by_text("Enter a whole number of people from 1 to 100.")).to_be_visible()
    expect(page.get_by_text("Enter a level from 1 to 5.")).to_be_visible()
    expect(page.get_by_text("Enter a weight from 0.1 to 10.")).to_be_visible()
    # As typed, not clamped to 1, 5 and 10; and nothing was filed.
    expect(page.get_by_label("Headcount")).to_have_value("0")
    expect(page.get_by_label("Minimum level 1")).to_have_value("7")
    expect(page.get_by_label("Weight 1")).to_have_value("20.0")  # shown to the step's tenth
    assert sent == []


def test_staff_read_an_open_need_but_are_not_offered_to_change_it(open_page) -> None:
    page = open_page("staff")
    page.goto("/needs")

    page.locator("tbody tr.ant-table-row").first.get_by_role("link").click()

    expect(page).to_have_url(re.compile(r"/needs/\d+$"))
    # The detail page's card of required skills (not the list's column, which may linger a moment).
    expect(page.locator(".ant-card-head-title").get_by_text("所需技能", exact=True)).to_be_visible()
    expect(page.get_by_text("开放", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name=label("编辑"))).to_have_count(0)
    expect(page.get_by_role("button", name=label("关闭"))).to_have_count(0)


def test_staff_see_the_needs_that_fit_them_and_say_they_are_interested(open_page) -> None:
    page = open_page("staff")
    page.goto("/")
    page.get_by_role("navigation", name="主导航").get_by_text("适合我的需求").click()

    expect(page.get_by_role("heading", level=2)).to_have_text("适合我的人才需求")
    first = page.locator(".ant-card").first
    expect(first.get_by_text(re.compile(r"^匹配度 \d"))).to_be_visible()
    expect(first.get_by_role("img", name=re.compile("匹配度构成: 必需技能"))).to_be_visible()
    title = first.get_by_role("link").inner_text()

    first.get_by_role("button", name=re.compile(r"^我感兴趣\s?: ")).click()
    expect(page.get_by_text("已记录：下一次匹配运行会计入您的意向。")).to_be_visible()
    page.reload()
    said = page.locator(".ant-card").filter(has_text=title).first
    interested = said.get_by_role("button", name=re.compile(r"^已表示感兴趣\s?: "))
    expect(interested).to_have_attribute("aria-pressed", "true")

    interested.click()
    expect(said.get_by_role("button", name=re.compile(r"^我感兴趣\s?: "))).to_be_visible()
