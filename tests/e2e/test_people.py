import re

from playwright.sync_api import expect


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
