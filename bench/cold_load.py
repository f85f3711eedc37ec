"""Benchmark of loading the web app over a slow link, as served and uncompressed, in one run.

    .venv/bin/python bench/cold_load.py [--repeat 3]

A government office's VPN is often like this: 1.6 Mbit/s each way and 150 ms of latency,
which Chromium emulates (the DevTools protocol's ``Network.emulateNetworkConditions``). Served
by daphne on its own database seeded with the demo city, with the built web app (run
``make frontend`` first), each variant in a new browser context, so with an empty cache:

- *sign-in page*: from asking for ``/login`` to the form on the screen;
- *home page, signed in*: from asking for ``/`` to its heading (the sign-in's cookie only);
- *home page again*: the same in the same context, with what the browser kept.

The baseline, in the same run: the same pages with ``Accept-Encoding: identity``, so that the
server sends every file uncompressed. Each figure is the median of ``--repeat`` loads, with the
bytes received for them.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, DEMO_PASSWORD  # noqa: E402
from tests.servers import Daphne, manage, server_environment  # noqa: E402

#: 1.6 Mbit/s each way, in bytes per second, and 150 ms of latency.
SLOW_LINK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 1_600_000 / 8,
}
VARIANTS = {"as served": {}, "uncompressed": {"Accept-Encoding": "identity"}}


def slow_page(context: BrowserContext) -> tuple[Page, list[int]]:
    """A page of ``context`` on the slow link, and the list its received bytes go into."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_LINK)
    received: list[int] = []
    cdp.on(
        "Network.loadingFinished", lambda event: received.append(int(event["encodedDataLength"]))
    )
    return page, received


def load(page: Page, received: list[int], path: str, ready: str) -> tuple[float, int]:
    """Seconds from asking for ``path`` to ``ready`` on the screen, and the bytes received."""
    received.clear()
    started = time.perf_counter()
    page.goto(path)
    page.locator(ready).first.wait_for(state="visible", timeout=120_000)
    return time.perf_counter() - started, sum(received)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    if not (ROOT / "frontend" / "dist" / "index.html").exists():
        raise SystemExit("The web app is not built: run `make frontend` first.")

    directory = Path(tempfile.mkdtemp(prefix="talentbridge-bench-load-"))
    env = server_environment(
        directory, "talentbridge_bench_load", TALENTBRIDGE_DEMO_PASSWORD=DEMO_PASSWORD
    )
    manage(env, "seed_demo", "--staff", "150")
    server = Daphne(env, directory / "daphne.log")
    url = f"http://127.0.0.1:{server.port}"
    measured: dict[tuple[str, str], list[tuple[float, int]]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            signing_in = browser.new_context(base_url=url)
            page = signing_in.new_page()
            page.goto("/login")
            page.locator("#username").fill("staff")
            page.locator("#password").fill(DEMO_PASSWORD)
            page.locator("form button[type=submit]").click()
            page.wait_for_url(f"{url}/")
            signed_in = signing_in.storage_state()
            signing_in.close()
            for _ in range(arguments.repeat):
                for variant, headers in VARIANTS.items():
                    context = browser.new_context(base_url=url, extra_http_headers=headers)
                    page, received = slow_page(context)
                    measured.setdefault(("sign-in page", variant), []).append(
                        load(page, received, "/login", "#username")
                    )
                    context.close()
                    context = browser.new_context(
                        base_url=url, extra_http_headers=headers, storage_state=signed_in
                    )
                    page, received = slow_page(context)
                    heading = "main h2, main h1"
                    measured.setdefault(("home page, signed in", variant), []).append(
                        load(page, received, "/", heading)
                    )
                    measured.setdefault(("home page again", variant), []).append(
                        load(page, received, "/", heading)
                    )
                    context.close()
            browser.close()
    finally:
        server.stop()

    print(f"1.6 Mbit/s, 150 ms latency, median of {arguments.repeat}\n")
    print("| page | as served | received | uncompressed | received | uncompressed / as served |")
    print("|---|---|---|---|---|---|")
    for page_name in ("sign-in page", "home page, signed in", "home page again"):
        served = measured[(page_name, "as served")]
        plain = measured[(page_name, "uncompressed")]
        served_s = statistics.median(seconds for seconds, _ in served)
        plain_s = statistics.median(seconds for seconds, _ in plain)
        served_kb = statistics.median(size for _, size in served) / 1024
        plain_kb = statistics.median(size for _, size in plain) / 1024
        print(
            f"| {page_name} | {served_s:.2f} s | {served_kb:,.0f} KB | {plain_s:.2f} s "
            f"| {plain_kb:,.0f} KB | {plain_s / served_s:.1f}x |"
        )


if __name__ == "__main__":
    main()
