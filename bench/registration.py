"""Benchmark of registering for a session at once, beside the same registrations one at a time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/registration.py [--people 200] [--seats 50] [--threads 20]

It builds its own database (a database ``talentbridge_bench_registration`` beside the one
DATABASE_URL names, or SQLite in a temporary directory, where threads wait for one another's
writes) with a published week and two sessions of ``--seats`` seats, and ``--people`` people
signed in. Then, in one process, through the API's whole stack (Django's test client, one per
person):

- *one at a time*: everyone registers for the first session, one after the other;
- *at once*: everyone registers for the second session from ``--threads`` threads.

For each it checks that nobody was lost or seated twice — ``--seats`` registered, the rest
waiting at places 1, 2, 3, … without a gap — and prints the registrations per second and the
ratio (at once / one at a time).
"""

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "backend")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("TALENTBRIDGE_VAR_DIR", tempfile.mkdtemp(prefix="talentbridge-bench-"))
os.environ.setdefault("DJANGO_DEBUG", "false")

from tests.servers import scratch_database_url  # noqa: E402

if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    os.environ["DATABASE_URL"] = scratch_database_url(
        os.environ["DATABASE_URL"], "talentbridge_bench_registration"
    )

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from apps.accounts.models import RoleGrant, User  # noqa: E402
from apps.core.roles import Role  # noqa: E402
from apps.events import services  # noqa: E402
from apps.events.models import Registration, Session, WeekStatus  # noqa: E402
from apps.events.selectors import waitlist_position  # noqa: E402


def build(people: int, seats: int) -> tuple[list[Client], Session, Session]:
    call_command("flush", "--noinput", verbosity=0)
    organiser = User.objects.create(
        username="organiser", employee_number="B-ORGANISER", display_name="Organiser"
    )
    RoleGrant.objects.bulk_create(
        RoleGrant(user=organiser, role=role) for role in (Role.STAFF, Role.ORGANISER)
    )
    users = User.objects.bulk_create(
        User(
            username=f"p{n}",
            employee_number=f"B{n:05}",
            display_name=f"P {n}",
            password=make_password(None),
        )
        for n in range(people)
    )
    RoleGrant.objects.bulk_create(RoleGrant(user=user, role=Role.STAFF) for user in users)
    monday = timezone.localdate() + timedelta(days=14)
    week = services.create_week(
        actor=organiser, title="Week", start_date=monday, end_date=monday + timedelta(days=4)
    )
    week = services.update_week(actor=organiser, week=week, status=WeekStatus.PUBLISHED)
    sessions = [
        services.create_session(
            actor=organiser, week=week, kind="workshop", title=title, capacity=seats
        )
        for title in ("One at a time", "At once")
    ]
    clients = []
    for user in User.objects.filter(username__startswith="p"):
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        clients.append(client)
    return clients, sessions[0], sessions[1]


def register(session: Session) -> Callable[[Client], int]:
    def call(client: Client) -> int:
        try:
            return client.post(
                f"/api/v1/sessions/{session.pk}/registration/", {}, content_type="application/json"
            ).status_code
        finally:
            connections.close_all()

    return call


def check(session: Session, people: int, seats: int, answers: list[int]) -> None:
    if answers.count(201) != people:
        sys.exit(f"{session.title}: answers {sorted(set(answers))}, not {people} × 201")
    registered = Registration.objects.filter(session=session, status="registered").count()
    places = sorted(
        Registration.objects.filter(session=session, status="waitlisted")
        .annotate(position=waitlist_position())
        .values_list("position", flat=True)
    )
    if registered != seats or places != list(range(1, people - seats + 1)):
        sys.exit(f"{session.title}: {registered} registered, places {places[:5]}…")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--seats", type=int, default=50)
    parser.add_argument("--threads", type=int, default=20)
    options = parser.parse_args()

    call_command("migrate", "--noinput", verbosity=0)
    clients, first, second = build(options.people, options.seats)
    clients[0].get("/api/v1/exchange-weeks/")  # the first request imports the views: not timed

    started = time.perf_counter()
    answers = [register(first)(client) for client in clients]
    one_at_a_time = time.perf_counter() - started
    check(first, options.people, options.seats, answers)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=options.threads) as pool:
        answers = list(pool.map(register(second), clients))
    at_once = time.perf_counter() - started
    check(second, options.people, options.seats, answers)

    rate_one, rate_many = options.people / one_at_a_time, options.people / at_once
    print(f"database: {connection.vendor}; {options.people} people, {options.seats} seats")
    print(f"one at a time: {one_at_a_time:.2f} s, {rate_one:.0f} registrations/s")
    print(f"at once ({options.threads} threads): {at_once:.2f} s, {rate_many:.0f} registrations/s")
    print(f"ratio (at once / one at a time): {rate_many / rate_one:.2f}x")
    print("none lost, none seated twice, the waiting list without a gap: both")


if __name__ == "__main__":
    main()
