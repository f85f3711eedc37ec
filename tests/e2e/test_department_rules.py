"""HR set a department's secondment rules in the browser: its release cap, refused out of range
rather than clamped, and a critical skill it keeps at home, set and removed."""

import re

from playwright.sync_api import expect

from tests.e2e.helpers import choose_option, label


def test_hr_change_a_release_cap_and_a_critical_skill_floor(open_page) -> None:
    page = open_page("hr", language="en")
    page.goto("/departments")
    page.get_by_role("button", name="Secondment rules of Data Platform Division").click()
    drawer = page.get_by_role("dialog")
    expect(drawer).to_contain_text("Secondment rules: Data Platform Division")

    cap = drawer.get_by_label("Release cap", exact=True)
    cap.fill("120")
    drawer.get_by_role("button", name=label("Save")).first.click()
    expect(drawer.get_by_text("Enter a whole number from 0 to 100.")).to_be_visible()
    expect(cap).to_have_value("120")  # refused, not clamped to 100
    cap.fill("40")
    drawer.get_by_role("button", name=label("Save")).first.click()
    expect(page.get_by_text("Release cap saved.")).to_be_visible()

    choose_option(page, "Skill", "Data governance", "Data governance")
    drawer.get_by_label("Level at least").fill("2")
    drawer.get_by_label("Keep at home").fill("1")
    drawer.get_by_role("button", name=label("Save floor")).click()
    row = drawer.get_by_role("row").filter(has_text="Data governance")
    expect(row).to_contain_text("≥ 2 · ")
    expect(row).to_contain_text(re.compile(r"\d+ at home"))

    row.get_by_role("button", name="Remove the floor of Data governance").click()
    page.get_by_role("tooltip").get_by_role("button", name=label("Remove")).click()
    expect(drawer.get_by_text("No critical-skill floor: every skill may go.")).to_be_visible()
    drawer.get_by_role("button", name="Close").click()
    row = page.get_by_role("row").filter(has_text="Data Platform Division")
    expect(row).to_contain_text("40%")
    # As it was, for the tests after this one (once the first save's message is gone).
    expect(page.get_by_text("Release cap saved.")).to_have_count(0)
    row.get_by_role("button", name="Secondment rules of Data Platform Division").click()
    drawer.get_by_label("Release cap", exact=True).fill("25")
    drawer.get_by_role("button", name=label("Save")).first.click()
    expect(page.get_by_text("Release cap saved.")).to_be_visible()
