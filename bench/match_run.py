"""Benchmark of a match run from the database, beside the matcher library alone in the same run.

    .venv/bin/python bench/match_run.py [--people 10000] [--needs 2000] [--seed 2026]

It builds its own database (SQLite in a temporary directory or, when DATABASE_URL names a
PostgreSQL server, a database ``talentbridge_bench_match`` created beside the one it names)
and seeds it with a city made from ``matching.random_instance``: departments (a tight one
lends 4 % of its staff, the others everyone), skills, staff who all opted in with their
skills, windows and preferred departments, and open needs with their requirements.

Then, in one process:

- *library alone*: ``matching.propose`` with explanations on the input as the database gives
  it (loaded once beforehand);
- *whole run*: ``apps.secondments.runs.execute``, what the task runner does: load the input
  from the database, propose with explanations, hash the input, store every suggestion and
  unfilled seat;
- *load*: ``matcher_input`` alone, and *store*: the whole run less the rest;
- a what-if of the stored run (a department that lent someone lends no one): the matcher
  twice without explanations, as ``POST .../what-if/`` does;
- the review page's first screen of the stored run: the run, the first page of its
  suggestions and of its unfilled seats, through the whole Django stack, with their queries.

The whole run's target is at most twice the library alone.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "backend")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("TALENTBRIDGE_VAR_DIR", tempfile.mkdtemp(prefix="talentbridge-bench-"))
os.environ.setdefault("DJANGO_DEBUG", "false")

from tests.servers import scratch_database_url  # noqa: E402

if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.environ["DATABASE_URL"] = scratch_database_url(
        os.environ["DATABASE_URL"], "talentbridge_bench_match"
    )

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from apps.accounts.models import RoleGrant, User  # noqa: E402
from apps.core.roles import Role  # noqa: E402
from apps.organisation.models import Department  # noqa: E402
from apps.secondments.matcher_input import matcher_input  # noqa: E402
from apps.secondments.models import (  # noqa: E402
    MatchRun,
    MatchRunStatus,
    NeedRequirement,
    NeedStatus,
    SecondmentAvailability,
    TalentNeed,
)
from apps.secondments.runs import execute  # noqa: E402
from apps.secondments.what_if import Changes, what_if  # noqa: E402
from apps.skills.models import Skill, SkillCategory, StaffSkill  # noqa: E402
from matching import Instance, propose, random_instance  # noqa: E402

#: The release cap, in per cent, of a department the generator made tight (1 per 25 staff).
TIGHT_CAP_PERCENT = 4
BATCH = 2000
UNUSABLE_PASSWORD = make_password(None)


def seed(instance: Instance) -> User:
    """Write ``instance`` into the database; returns an HR account to start runs with."""
    departments = {
        department.id: Department(
            code=department.id,
            name_zh=f"部门 {department.id}",
            name_en=f"Department {department.id}",
            release_cap_percent=100 if department.release_cap > 1 else TIGHT_CAP_PERCENT,
        )
        for department in instance.departments
    }
    Department.objects.bulk_create(departments.values())
    category = SkillCategory.objects.create(name_zh="基准", name_en="Benchmark")
    names = sorted(
        {name for person in instance.people for name in person.skills}
        | {r.skill for need in instance.needs for r in need.requirements}
    )
    skills = {
        name: Skill(
            code=name.replace(" ", "-"), category=category, name_zh=f"技能 {name}", name_en=name
        )
        for name in names
    }
    Skill.objects.bulk_create(skills.values())
    users = [
        User(
            username=f"p{index}",
            employee_number=f"B{index:06d}",
            display_name=f"Person {index}",
            department=departments[person.department],
            tier=person.tier,
            clearance=person.clearance,
            password=UNUSABLE_PASSWORD,
        )
        for index, person in enumerate(instance.people)
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    StaffSkill.objects.bulk_create(
        (
            StaffSkill(
                user=user, skill=skills[name], level=evidence.level, provenance=evidence.provenance
            )
            for user, person in zip(users, instance.people, strict=True)
            for name, evidence in person.skills.items()
        ),
        batch_size=BATCH,
    )
    availabilities = SecondmentAvailability.objects.bulk_create(
        (
            SecondmentAvailability(
                user=user,
                available_from=person.available_from or date(2026, 1, 1),
                available_to=person.available_to,
            )
            for user, person in zip(users, instance.people, strict=True)
        ),
        batch_size=BATCH,
    )
    preference = SecondmentAvailability.preferred_departments.through
    preference.objects.bulk_create(
        (
            preference(secondmentavailability=availability, department=departments[preferred])
            for availability, person in zip(availabilities, instance.people, strict=True)
            for preferred in person.preferred_departments
        ),
        batch_size=BATCH,
    )
    needs = TalentNeed.objects.bulk_create(
        (
            TalentNeed(
                department=departments[need.department],
                title=f"Need {need.id}",
                headcount=need.headcount,
                start_date=need.start,
                end_date=need.end,
                tier=need.tier or "",
                clearance=need.clearance,
                status=NeedStatus.OPEN,
            )
            for need in instance.needs
        ),
        batch_size=BATCH,
    )
    NeedRequirement.objects.bulk_create(
        (
            NeedRequirement(
                need=row,
                skill=skills[requirement.skill],
                min_level=requirement.min_level,
                weight=requirement.weight,
                must=requirement.must,
            )
            for row, need in zip(needs, instance.needs, strict=True)
            for requirement in need.requirements
        ),
        batch_size=BATCH,
    )
    hr = User.objects.create(username="hr", employee_number="HR0001", display_name="HR")
    RoleGrant.objects.create(user=hr, role=Role.HR)
    return hr


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def whole_run(hr: User) -> tuple[float, MatchRun]:
    run = MatchRun.objects.create(started_by=hr)
    seconds, _ = timed(lambda: execute(run.pk))
    run.refresh_from_db()
    if run.status != MatchRunStatus.DONE:
        raise SystemExit(f"The run ended {run.status}: {run.error}")
    return seconds, run


def first_screen(hr: User, run: MatchRun, requests: int) -> list[tuple[str, float, int]]:
    """The p50 latency and the queries of each request the review page makes first."""
    client = Client(HTTP_HOST="localhost")
    client.force_login(hr)
    measured = []
    for shown in ("{id}/", "{id}/suggestions/?page_size=20", "{id}/unfilled/?page_size=20"):
        path = "/api/v1/match-runs/" + shown.format(id=run.pk)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        queries = len(captured)  # before the next request empties the log
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}: {response.content[:200]!r}")
        latencies = [timed(partial(client.get, path))[0] for _ in range(requests)]
        measured.append((shown, statistics.median(latencies), queries))
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--needs", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (best of)")
    parser.add_argument("--requests", type=int, default=20, help="per first-screen request")
    arguments = parser.parse_args()

    call_command("migrate", verbosity=0)
    origin = timezone.localdate()
    instance = random_instance(
        arguments.people, arguments.needs, seed=arguments.seed, origin=origin
    )
    with transaction.atomic():
        seed_seconds, hr = timed(lambda: seed(instance))

    loads, libraries, wholes, proposes = [], [], [], []
    for _ in range(arguments.repeat):
        load_seconds, given = timed(lambda: matcher_input(timezone.localdate()))
        library_seconds, proposal = timed(
            partial(propose, given.people, given.needs, given.departments)
        )
        whole_seconds, run = whole_run(hr)
        if run.total_fit is None or abs(float(run.total_fit) - proposal.total_fit) > 0.01:
            raise SystemExit(f"The run's total fit {run.total_fit} is not {proposal.total_fit}")
        loads.append(load_seconds)
        libraries.append(library_seconds)
        wholes.append(whole_seconds)
        proposes.append(run.timings["total"])
    library_seconds, whole_seconds = min(libraries), min(wholes)
    rest = whole_seconds - min(loads) - min(proposes)

    print(
        f"{connection.vendor}, {len(given.people):,} people x {len(given.needs):,} needs "
        f"(seeded in {seed_seconds:.1f} s), {run.suggestions.count():,} suggestions, "
        f"{run.unfilled.count():,} unfilled entries, best of {arguments.repeat}\n"
    )
    print(
        "| library alone | whole run | whole / library | load | propose in the run "
        "| hash, store and the rest |"
    )
    print("|---|---|---|---|---|---|")
    print(
        f"| {library_seconds:.2f} s | {whole_seconds:.2f} s | "
        f"{whole_seconds / library_seconds:.2f}x | {min(loads):.2f} s | "
        f"{min(proposes):.2f} s | {rest:.2f} s |\n"
    )
    lender = run.suggestions.order_by("pk").values_list("person__department", flat=True)[0]
    fewer = Changes(release_caps={lender: 0}, headcounts={}, policy={}, pins=[], forbidden=[])
    asked = min(what_if(run, fewer, timezone.localdate()).seconds for _ in range(arguments.repeat))
    print(
        f"What if a department lent no one: {asked:.2f} s (two proposals without "
        f"explanations, {asked / library_seconds:.2f}x the library's run with them)\n"
    )
    print("| first screen request | p50 ms | queries |")
    print("|---|---|---|")
    for path, p50, queries in first_screen(hr, run, arguments.requests):
        print(f"| `/api/v1/match-runs/{path}` | {p50 * 1000:.1f} | {queries} |")


if __name__ == "__main__":
    main()
