"""What a browser downloads: the sign-in page's few compressed files, kept for good, and each
page's own code only when it is opened (the budget itself: `make budget`)."""

import re

from playwright.sync_api import Response, expect

from tests.e2e.conftest import sign_in_through_the_form

#: The budget of `make budget` (frontend/scripts/check-budget.mjs), over the wire.
BUDGET_BYTES = 400 * 1024


def built_files(page) -> list[Response]:
    """The responses for the web app's built files, as the page receives them."""
    received: list[Response] = []
    page.on(
        "response",
        lambda response: received.append(response) if "/static/assets/" in response.url else None,
    )
    return received


def test_the_sign_in_page_loads_few_compressed_files_that_browsers_keep(open_page) -> None:
    page = open_page(None)
    received = built_files(page)
    document = page.goto("/login")
    expect(page.locator("#username")).to_be_visible()

    # The page that names the files is read again on every visit: a new build reaches everyone.
    assert document is not None
    assert "no-cache" in document.headers["cache-control"]
    scripts = [response for response in received if response.url.endswith(".js")]
    assert scripts
    for response in scripts:
        headers = response.all_headers()
        assert headers["content-encoding"] in ("gzip", "br"), response.url
        assert re.search(r"max-age=\d{8,}.*immutable", headers["cache-control"]), response.url
    over_the_wire = sum(response.request.sizes()["responseBodySize"] for response in received)
    assert over_the_wire < BUDGET_BYTES
    # No page's own code: the review's charts above all.
    assert not [
        response.url
        for response in received
        if re.search(r"/(review|weeks|FlowSankey)-", response.url)
    ]


def test_a_pages_code_arrives_when_the_page_is_opened(open_page) -> None:
    page = open_page(None)
    received = built_files(page)
    sign_in_through_the_form(page, "hr")
    expect(page.get_by_role("heading", level=2).first).to_be_visible()
    assert not [response.url for response in received if "/FlowSankey-" in response.url]

    page.goto("/review/flow")
    chart = page.get_by_role("img", name=re.compile("^部门间人员流向图")).first
    expect(chart.locator("path").first).to_be_attached()
    assert [response.url for response in received if "/FlowSankey-" in response.url]
