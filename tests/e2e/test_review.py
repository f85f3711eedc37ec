"""HR's review in the browser: the demo city's run read and decided, a blind run started and
followed live, and a hidden name revealed with a reason."""

import csv
import io
import re

from playwright.sync_api import expect

from tests.e2e.helpers import choose_department, label

# A run takes a moment on the task runner; the page follows it (the socket, or reading again).
RUN_DONE = 60_000


def test_hr_read_an_explanation_and_accept_with_a_comment(open_page) -> None:
    page = open_page("hr")
    page.goto("/review")
    page.get_by_role("link", name=re.compile("第 1 次匹配")).click()

    expect(page.get_by_role("heading", level=2)).to_have_text("第 1 次匹配")
    page.get_by_label("状态", exact=True).click()
    page.locator(".ant-select-dropdown:visible").get_by_text("待决定", exact=True).click()
    to_decide = page.get_by_role("button", name=re.compile(r"^接受\s?: "))
    card = page.locator(".ant-card").filter(has=to_decide).first
    expect(card.get_by_text(re.compile(r"^匹配度 \d"))).not_to_have_count(0)
    expect(card.get_by_role("img", name=re.compile("匹配度构成: 必需技能"))).not_to_have_count(0)
    card.get_by_text(re.compile(r"^候补人选 \(\d+\)")).first.click()
    expect(card.get_by_text(re.compile("总匹配度将减少")).first).to_be_visible()

    card.get_by_role("button", name=re.compile(r"^接受\s?: ")).first.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("备注（可选）").fill("两个部门都同意借调。")
    dialog.get_by_role("button", name=label("接受")).click()

    expect(dialog).to_be_hidden()
    page.get_by_label("状态", exact=True).click()
    page.locator(".ant-select-dropdown:visible").get_by_text("已接受", exact=True).click()
    expect(page.get_by_text("已接受（审核人：王静） · 两个部门都同意借调。")).to_be_visible()


def test_hr_export_a_runs_decisions_for_the_hr_system_and_it_is_audited(open_page) -> None:
    page = open_page("hr")
    page.goto("/review")
    page.get_by_role("link", name=re.compile("第 1 次匹配")).click()
    with page.expect_download() as download:
        page.get_by_role("link", name=label("导出审核结果（CSV）")).click()
    filename = download.value.suggested_filename
    assert re.fullmatch(r"talentbridge-match-run-\d+-decisions\.csv", filename)
    raw = download.value.path().read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8's byte-order mark: spreadsheets read Chinese
    header, *rows = csv.reader(io.StringIO(raw.decode("utf-8-sig")))
    assert header[:3] == ["run", "suggestion", "decision"]
    decision, comment, name = (header.index(column) for column in ("decision", "comment", "name"))
    # The demo's decisions, the demo staff account's among them, by name in Chinese.
    assert {row[decision] for row in rows} == {"accepted", "rejected", "held"}
    assert ["accepted", "张晓明"] in [[row[decision], row[name]] for row in rows]
    assert "技能全面，两个部门均已口头同意。" in [row[comment] for row in rows]

    admin = open_page("admin", language="en")
    admin.goto("/manage/audit?action=match_run.exported")
    row = admin.locator("tbody tr.ant-table-row").first
    expect(row).to_contain_text("Review decisions exported")
    expect(row).to_contain_text("match_run.exported")
    expect(row).to_contain_text(f"Suggestions: {len(rows)}")


def test_hr_start_a_blind_run_follow_it_live_and_reveal_a_name(open_page) -> None:
    page = open_page("hr", language="en")
    page.goto("/review")
    page.get_by_label("Blind review: names hidden until a decision").check()
    page.get_by_role("button", name=label("Run the matcher")).click()

    expect(page).to_have_url(re.compile(r"/review/runs/\d+$"))
    expect(page.get_by_text("Blind review", exact=True)).to_be_visible()
    expect(page.get_by_role("tab", name=re.compile("Suggestions"))).to_be_visible(timeout=RUN_DONE)
    hidden = page.get_by_text(re.compile(r"^Candidate [0-9A-F]{10}$")).first
    expect(hidden).to_be_visible()

    page.get_by_role("button", name=re.compile(r"^Reveal the name\s?: Candidate")).first.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name=label("Reveal the name")).click()
    expect(dialog.get_by_text("Give a reason.")).to_be_visible()
    dialog.get_by_label("Why do you need the name? (kept in the audit trail)").fill(
        "Checking for a conflict of interest"
    )
    dialog.get_by_role("button", name=label("Reveal the name")).click()

    expect(dialog).to_be_hidden()
    expect(page.get_by_text(re.compile(r"^TB\d{5}$")).first).to_be_visible()


def test_hr_ask_what_if_a_proposal_were_ruled_out_and_a_department_lent_no_one(
    open_page,
) -> None:
    page = open_page("hr", language="en")
    page.goto("/review")
    page.get_by_role("link", name=re.compile(r"^Run 1 ·")).click()
    page.get_by_role("tab", name="What if").click()

    choices = page.get_by_label("Not these proposals")
    choices.click()
    option = page.locator(".ant-select-dropdown:visible .ant-select-item-option").first
    expect(option).to_be_visible()
    person = option.inner_text().split(" → ")[0]
    option.click()
    choices.press("Escape")
    page.get_by_role("button", name=label("What if?")).click()

    result = page.get_by_role("region", name="What would change")
    expect(result.get_by_text(re.compile(r"^Answered in [\d.]+ s\.$"))).to_be_visible()
    # Ruled out of that need, the person is proposed for another or no longer at all.
    removed = result.locator(".ant-card").filter(has_text="No longer proposed")
    moved = result.locator(".ant-card").filter(has_text="Proposed for another need")
    expect(removed.or_(moved).get_by_role("row").filter(has_text=person).first).to_be_visible()
    # Without one of the optimal proposals, the total fit cannot be higher.
    total = result.locator(".ant-statistic").filter(has_text="Total fit")
    expect(total).to_contain_text(" → ")
    before, after = (
        float(figure.replace(",", ""))
        for figure in total.locator(".ant-statistic-content").inner_text().split("→")
    )
    assert after <= before
    change = result.locator(".ant-statistic").filter(has_text=re.compile("^Change"))
    shown = float(change.locator(".ant-statistic-content").inner_text().replace(",", ""))
    assert abs(shown - (after - before)) < 0.015  # each figure rounded to two places

    # The rows of a change: a department that may lend no one, a weight set to nothing.
    page.get_by_role("button", name=label("Add a release cap")).click()
    choose_department(page, "Department 1", "GAO-DIGI")
    page.get_by_label("People it may lend now 1").fill("0")
    page.get_by_label("Preferred department").fill("0")
    page.get_by_role("button", name=label("What if?")).click()
    expect(result.get_by_text(re.compile(r"^Answered in [\d.]+ s\.$"))).to_be_visible()


def test_hr_see_who_could_fill_an_empty_seat_later(open_page) -> None:
    page = open_page("hr")
    page.goto("/review")
    page.get_by_role("link", name=re.compile("第 1 次匹配")).click()
    page.get_by_role("tab", name=re.compile("空缺名额")).click()

    expect(page.get_by_role("columnheader", name="日后可补")).to_be_visible()
    learn = page.locator(".ant-space").filter(has_text=re.compile("^可在以下学习小组学习：")).first
    expect(learn).to_be_visible()
    group = learn.get_by_role("link").first
    name = group.inner_text()
    group.click()
    expect(page).to_have_url(re.compile(r"/groups/\d+$"))
    expect(page.get_by_role("heading", level=2)).to_have_text(name)


def test_hr_see_who_opted_in_and_who_the_next_run_considers(open_page) -> None:
    page = open_page("hr")
    page.goto("/review")
    page.get_by_role("link", name="借调意愿人员").click()

    expect(page.get_by_role("heading", level=2)).to_have_text("借调意愿人员")
    rows = page.get_by_role("row").filter(has_text="%")
    expect(rows.first).to_be_visible()
    # The demo staff account has a secondment going ahead: seconded, not in the next run.
    page.get_by_label("状态").click()
    page.locator(".ant-select-dropdown:visible").get_by_text("借调中", exact=True).click()
    expect(page.get_by_role("row").filter(has_text="张晓明")).to_contain_text("借调中")
    expect(page).to_have_url(re.compile(r"standing=seconded"))


def test_hr_see_who_lends_to_whom_in_a_run_and_now(open_page) -> None:
    page = open_page("hr", language="en")
    page.goto("/review")
    page.get_by_role("link", name=re.compile("Run 1")).click()
    page.get_by_role("tab", name="Department flow").click()

    chart = page.get_by_role("img", name=re.compile("^Chart of who lends to whom"))
    expect(chart.locator("path").first).to_be_attached()
    run = re.search(r"/review/runs/(\d+)", page.url)
    assert run is not None
    busiest = page.request.get(f"/api/v1/match-runs/{run[1]}/flow/").json()["links"][0]
    cells = (
        busiest["lending_department"]["name_en"],
        busiest["receiving_department"]["name_en"],
        busiest["suggestions"],
        busiest["accepted"],
    )
    expect(page.get_by_role("row", name=" ".join(map(str, cells)), exact=True)).to_be_visible()

    page.goto("/review")
    page.get_by_role("link", name="Secondments under way, and approval times").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("Secondments under way")
    expect(page.get_by_role("columnheader", name="Waiting longest")).to_have_count(2)
