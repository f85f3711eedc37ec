"""End-to-end tests: real Chromium against a real daphne server on a database of its own.

The server is started once per session: migrated, seeded with a small demo city, serving the
built web app. Each role signs in once through the sign-in page; its tests reuse that session.
Every test leaves a screenshot in artifacts/e2e/. Run with ``pytest -m e2e tests/e2e``.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright._impl._api_structures import LocalStorageEntry
from playwright.sync_api import Browser, Page, StorageState, ViewportSize, expect

from tests.servers import Daphne, TaskWorker, manage, server_environment

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "e2e"
DEMO_PASSWORD = "a demo password for e2e"
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP: ViewportSize = {"width": 1366, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}

# How long an expectation may wait for its condition: a ceiling, not a pause. Playwright's 5 s
# is too short on a loaded machine, where one answer (a decision, a save) can take longer.
expect.set_options(timeout=20_000)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """The system's Chromium: Playwright cannot download its own browser here."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; `make test` installs it (apt-get install chromium).")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def e2e_redis(redis_url: str) -> str:
    """Database 15 of the Redis that REDIS_URL names, emptied: no sign-in counter left from a run
    a minute ago."""
    import redis

    url = redis_url.rsplit("/", 1)[0] + "/15"
    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture(scope="session")
def e2e_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """The server of the browser tests: its address, and its environment (for ``manage``)."""
    if not (ROOT / "frontend" / "dist" / "index.html").exists():
        pytest.fail("The web app is not built: `make test` builds it (npm run build in frontend/).")
    var_dir = tmp_path_factory.mktemp("e2e-var")
    redis = {"REDIS_URL": e2e_redis(os.environ["REDIS_URL"])} if os.environ.get("REDIS_URL") else {}
    env = server_environment(
        var_dir,
        "talentbridge_e2e",
        TALENTBRIDGE_DEMO_PASSWORD=DEMO_PASSWORD,
        # Every browser of the suite signs in from 127.0.0.1; the per-account limits stay.
        TALENTBRIDGE_SIGN_IN_FAILURES_PER_ADDRESS="1000",
        # Emails (set-password links) are written to files the tests read.
        TALENTBRIDGE_EMAIL_DIRECTORY=str(var_dir / "mail"),
        **redis,
    )
    manage(env, "seed_demo", "--staff", "150")
    server = Daphne(env, var_dir / "daphne.log")
    worker = TaskWorker(env, var_dir / "worker.log")
    try:
        yield f"http://127.0.0.1:{server.port}", env
    finally:
        worker.stop()
        server.stop()


@pytest.fixture(scope="session")
def server_url(e2e_server: tuple[str, dict[str, str]]) -> str:
    return e2e_server[0]


USERNAMES = {
    "staff": "staff",
    "organiser": "organiser",
    "hr": "hr",
    "dept_head": "depthead",
    "admin": "admin",
}


def sign_in_through_the_form(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/login")
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.locator("form button[type=submit]").click()


@pytest.fixture(scope="session")
def session_states(browser: Browser, server_url: str) -> Callable[[str], StorageState]:
    """Each role signs in through the form once; later tests start from its signed-in state."""
    states: dict[str, StorageState] = {}

    def state_for(role: str) -> StorageState:
        if role not in states:
            # In Chinese, the demo's language: signing in keeps the sign-in page's in the profile.
            context = browser.new_context(base_url=server_url, locale="zh-CN")
            page = context.new_page()
            sign_in_through_the_form(page, USERNAMES[role])
            page.wait_for_url(f"{server_url}/")
            states[role] = context.storage_state()
            context.close()
        return states[role]

    return state_for


def with_language(state: StorageState, server_url: str, language: str) -> StorageState:
    """The signed-in state with the interface language the app keeps in localStorage."""
    entry: LocalStorageEntry = {"name": "talentbridge.language", "value": language}
    return {
        "cookies": state.get("cookies", []),
        "origins": [{"origin": server_url, "localStorage": [entry]}],
    }


@pytest.fixture
def open_page(
    browser: Browser,
    server_url: str,
    session_states: Callable[[str], StorageState],
    request: pytest.FixtureRequest,
) -> Iterator[Callable[..., Page]]:
    """A page in a fresh browser, signed in as ``role`` (or not at all with ``role=None``).

    The page is screenshotted when the test ends, and fails the test on a JavaScript error or a
    Content-Security-Policy violation.
    """
    opened: list[tuple[Page, list[str]]] = []

    def open_as(
        role: str | None,
        *,
        viewport: ViewportSize = DESKTOP,
        locale: str = "zh-CN",
        language: str = "zh-hans",
    ) -> Page:
        """A signed-in page starts in ``language`` whatever another test left in the profile;
        an anonymous one follows the browser's ``locale``, as a first visit does."""
        context = browser.new_context(
            base_url=server_url,
            viewport=viewport,
            locale=locale,
            # No motion: a dialog is there at once, as for anyone who asks their system for
            # less motion, so that a click never lands on one still appearing.
            reduced_motion="reduce",
            storage_state=with_language(session_states(role), server_url, language)
            if role
            else None,
        )
        errors: list[str] = []
        # Every violation of the Content-Security-Policy, on every page the context opens.
        context.expose_binding(
            "reportCspViolation", lambda _source, text: errors.append(f"CSP: {text}")
        )
        context.add_init_script(CSP_LISTENER)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        opened.append((page, errors))
        return page

    yield open_as
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for index, (page, errors) in enumerate(opened):
        name = request.node.name.replace("/", "_").replace("[", "-").rstrip("]")
        suffix = f"-{index}" if len(opened) > 1 else ""
        page.screenshot(path=ARTIFACTS / f"{name}{suffix}.png", full_page=True)
        page.context.close()
        assert errors == [], f"JavaScript errors or CSP violations on the page: {errors}"
