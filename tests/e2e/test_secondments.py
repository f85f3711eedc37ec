"""A secondment after HR accepted it: the person confirms, the receiving department's head
approves (the lending side is approved in the demo city), and the person sees it approved."""

from playwright.sync_api import expect

from tests.e2e.helpers import label


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
    theirs.get_by_role("button", name=label("Approve")).click()
    expect(theirs).to_contain_text("Approved")
    expect(theirs).to_contain_text("Receiving: 陈建国")

    staff.reload()
    expect(staff.get_by_role("row").filter(has_text="张晓明")).to_contain_text("已批准")
    expect(staff.get_by_role("button", name=label("确认"))).to_have_count(0)
