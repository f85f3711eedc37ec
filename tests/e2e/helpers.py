"""What the end-to-end tests do again and again: switch language, check accessibility."""

import re
from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, WebSocketRoute, expect

AXE = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGE_LABELS = {"zh-hans": "简体中文", "en": "English"}


@cache
def axe_source() -> str:
    return AXE.read_text()


def label(text: str) -> re.Pattern[str]:
    """A button's name as written: Ant Design puts a space between two Chinese characters, and
    an icon adds its own name before the text."""
    return re.compile(r"\s?".join(map(re.escape, text)) + "$")


def choose_option(page: Page, field: str, typed: str, option: str) -> None:
    """In the select labelled ``field``, type ``typed`` and take ``option`` with the keyboard
    once the search offers it first."""
    box = page.get_by_label(field, exact=True)
    box.click()
    box.fill(typed)
    active = page.locator(".ant-select-dropdown:visible .ant-select-item-option-active")
    expect(active.last).to_contain_text(option)
    box.press("Enter")


def choose_department(page: Page, field: str, code: str) -> None:
    """Pick a department in the tree select labelled ``field`` by searching its code, once the
    tree has arrived (typed before, the search can be lost on a busy machine)."""
    nodes = page.locator(".ant-select-dropdown:visible .ant-select-tree-node-content-wrapper")
    page.get_by_label(field, exact=True).click()
    expect(nodes.first).to_be_visible()
    page.get_by_label(field, exact=True).fill(code)
    nodes.filter(has_text=code).first.click()


def choose_period(page: Page, field: str, start: str, end: str) -> None:
    """Type both dates of the range picker labelled ``field``, as a keyboard user would."""
    start_input = page.get_by_label(field).first
    start_input.fill(start)
    start_input.press("Enter")
    end_input = page.locator(".ant-picker-range input").nth(1)
    end_input.fill(end)
    end_input.press("Enter")


def use_language(page: Page, language: str) -> None:
    """Switch the interface language with the switch in the page."""
    switch = page.get_by_role("radiogroup", name="语言").or_(
        page.get_by_role("radiogroup", name="Language")
    )
    switch.get_by_text(LANGUAGE_LABELS[language], exact=True).click()
    page.wait_for_function(
        "language => document.documentElement.lang === language",
        arg={"zh-hans": "zh-Hans-CN", "en": "en"}[language],
    )


# An i18n key shown instead of its text looks like "needs.fields.title".
UNTRANSLATED_KEY = re.compile(r"\b[a-z]+(?:\.[a-zA-Z_]+){1,3}\b")
# Text the dictionaries do not own: e-mail addresses, codes and CSV column names in the page.
NOT_KEYS = re.compile(r"city\.example")


def untranslated_keys(page: Page) -> list[str]:
    """The i18n keys the main content shows instead of their text."""
    text = visible_text_without_codes(page)
    return [key for key in UNTRANSLATED_KEY.findall(text) if not NOT_KEYS.search(key)]


def visible_text_without_codes(page: Page) -> str:
    """The main content's text, leaving out what is shown as code (actions, column names), what
    people wrote (a group's chat) and what is marked not to translate (values the audit trail
    recorded)."""
    text: str = page.evaluate(
        """() => {
            const main = document.querySelector("main").cloneNode(true);
            const leftOut = "code, [role=log], [translate=no]";
            main.querySelectorAll(leftOut).forEach((element) => element.remove());
            document.body.appendChild(main);
            const text = main.innerText;
            main.remove();
            return text;
        }"""
    )
    return text


def serious_accessibility_violations(page: Page) -> list[dict[str, Any]]:
    """What axe-core finds of serious or critical impact on the page as it is now."""
    # Evaluated through the browser's devtools protocol: a <script> tag added to the page would
    # be an inline script, which the site's Content-Security-Policy blocks.
    page.evaluate(axe_source())
    result: dict[str, Any] = page.evaluate("async () => await axe.run(document)")
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "nodes": [n["target"] for n in violation["nodes"]][:5],
        }
        for violation in result["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


class Network:
    """The page's socket to the server, cut and restored at will: while the network is down, a
    new socket opens in the page but reaches no server."""

    def __init__(self, page: Page) -> None:
        self.up = True
        self.sockets: list[WebSocketRoute] = []
        page.route_web_socket(re.compile(r"/ws/$"), self._through)

    def _through(self, socket: WebSocketRoute) -> None:
        self.sockets.append(socket)
        if self.up:
            socket.connect_to_server()

    def cut(self) -> None:
        self.up = False
        self.sockets[-1].close()

    def restore(self) -> None:
        """Back up: the socket that could not reach the server closes, and the page
        reconnects."""
        self.up = True
        self.sockets[-1].close()
