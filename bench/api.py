"""Benchmark of the main list endpoints of the API, in process, on the demo city.

    .venv/bin/python bench/api.py [--requests 200]

For each list: requests per second and latency percentiles through the whole Django stack
(middleware, authentication, permissions, filters, serialisation), beside a baseline measured
in the same run: the ORM fetch of the same page of rows with the same joins and prefetches,
which is the floor of what the endpoint could cost. Then the queries per request for page
sizes 10, 50 and 100: they must not grow with the page.

It builds its own database, seeded with the demo city (600 people, 40 needs): SQLite in a
temporary directory, or, when DATABASE_URL names a PostgreSQL server, a database
``talentbridge_bench`` created beside the one it names.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "backend")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("TALENTBRIDGE_VAR_DIR", tempfile.mkdtemp(prefix="talentbridge-bench-"))
os.environ.setdefault("DJANGO_DEBUG", "false")


from tests.servers import scratch_database_url  # noqa: E402

if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.environ["DATABASE_URL"] = scratch_database_url(
        os.environ["DATABASE_URL"], "talentbridge_bench"
    )

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Prefetch  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from apps.accounts.models import User  # noqa: E402
from apps.accounts.selectors import department_headcount, people_visible_to  # noqa: E402
from apps.organisation.models import Department  # noqa: E402
from apps.secondments.selectors import (  # noqa: E402
    department_open_need_count,
    needs_visible_to,
)
from apps.skills.selectors import skills_with_synonyms, staff_skills_with_skill  # noqa: E402

PAGE = 20


def timed(call: Callable[[], object], count: int) -> list[float]:
    call()  # warm the caches of the first request
    latencies = []
    for _ in range(count):
        started = time.perf_counter()
        call()
        latencies.append(time.perf_counter() - started)
    return latencies


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    arguments = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    hr = User.objects.get(username="hr")
    client = Client(HTTP_HOST="localhost")
    client.force_login(hr)

    def orm_page(queryset_for: Callable[[], object]) -> Callable[[], object]:
        return lambda: list(queryset_for()[:PAGE])  # type: ignore[index]

    # The endpoints' own querysets, fetched without the API around them.
    endpoints = {
        "/api/v1/people/": orm_page(
            lambda: (
                people_visible_to(hr)
                .prefetch_related(Prefetch("staff_skills", queryset=staff_skills_with_skill()))
                .order_by("employee_number")
            )
        ),
        "/api/v1/needs/": orm_page(lambda: needs_visible_to(hr)),
        "/api/v1/departments/": orm_page(
            lambda: Department.objects.select_related("parent").annotate(
                headcount=department_headcount(),
                open_need_count=department_open_need_count(hr),
            )
        ),
        "/api/v1/skills/": orm_page(skills_with_synonyms),
    }
    print(f"{connection.vendor}, {arguments.requests} requests per endpoint, {PAGE} items a page\n")
    print(
        "| endpoint | requests/s | p50 ms | p99 ms | ORM fetch of the page, p50 ms "
        "| endpoint / ORM | queries at 10 / 50 / 100 a page |"
    )
    print("|---|---|---|---|---|---|---|")
    for path, fetch in endpoints.items():
        latencies = timed(partial(client.get, path, {"page_size": PAGE}), arguments.requests)
        baseline = timed(fetch, arguments.requests)
        queries = []
        for size in (10, 50, 100):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path, {"page_size": size})
            if response.status_code != 200:
                raise SystemExit(
                    f"{path} answered {response.status_code}: {response.content[:200]!r}"
                )
            queries.append(len(captured))
        p50, base_p50 = statistics.median(latencies), statistics.median(baseline)
        print(
            f"| `{path}` | {len(latencies) / sum(latencies):,.0f} | {p50 * 1000:.2f} "
            f"| {percentile(latencies, 0.99) * 1000:.2f} | {base_p50 * 1000:.2f} "
            f"| {p50 / base_p50:.1f}x | {' / '.join(map(str, queries))} |"
        )
        if len(set(queries)) != 1:
            raise SystemExit(f"{path}: the number of queries grows with the page: {queries}")


if __name__ == "__main__":
    main()
