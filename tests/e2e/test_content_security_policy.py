"""The Content-Security-Policy that every page is served with, and that the built web app, the
admin site and the API docs satisfy: every browser test fails on a violation (conftest), and
these visit the pages that no other test opens."""

from playwright.sync_api import Browser, expect


def test_the_admin_site_and_the_api_docs_run_under_the_policy(open_page) -> None:
    page = open_page("admin")

    answer = page.goto("/admin/")
    expect(page.get_by_role("link", name="Talentbridge administration")).to_be_visible()
    page.goto("/admin/accounts/user/")
    expect(page.locator("#result_list")).to_be_visible()
    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Talentbridge API")

    assert answer is not None
    policy = answer.headers["content-security-policy"]
    assert "script-src 'self';" in policy, "scripts from the site only: none inline"
    assert "camera=()" in answer.headers["permissions-policy"]


def test_an_inline_script_is_blocked_and_reported(browser: Browser, server_url: str) -> None:
    """The browser blocks an inline script under the policy and raises the event that the
    other tests listen for."""
    context = browser.new_context(base_url=server_url)
    context.add_init_script(
        """window.violations = [];
        document.addEventListener("securitypolicyviolation",
            (event) => window.violations.push(event.violatedDirective));"""
    )
    page = context.new_page()
    page.goto("/login")

    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.appendChild(script);
        }"""
    )
    page.wait_for_function("() => window.violations.length > 0")

    assert page.evaluate("() => window.violations") == ["script-src-elem"]
    assert page.evaluate("() => window.injected === undefined")
    context.close()
