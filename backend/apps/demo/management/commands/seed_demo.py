import os
from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.demo.services import (
    DEFAULT_SEED,
    MIN_STAFF,
    DemoRefusedError,
    build_demo_city,
    plan_demo_city,
)
from apps.organisation.models import Department
from apps.secondments.models import TalentNeed

DEFAULT_DEMO_PASSWORD = "talentbridge-demo"  # noqa: S105 - printed by make run, for demo data


def demo_password() -> str:
    return os.environ.get("TALENTBRIDGE_DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD


class Command(BaseCommand):
    help = "Fill an empty database with a demo city: departments, skills, staff, needs, groups."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Same seed, same city.")
        parser.add_argument("--staff", type=int, default=600, help="How many people.")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (successfully) when the database already has departments.",
        )

    def handle(self, *args: Any, seed: int, staff: int, if_empty: bool, **options: Any) -> None:
        if Department.objects.exists():
            if if_empty:
                self.stdout.write("The database already has data; the demo city was not added.")
                return
            raise CommandError("The database is not empty; seed_demo fills an empty one only.")
        if staff < MIN_STAFF:
            raise CommandError(f"--staff must be at least {MIN_STAFF}.")
        city = plan_demo_city(seed=seed, staff_count=staff)
        try:
            build_demo_city(city=city, password=demo_password())
        except DemoRefusedError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(
                "TALENTBRIDGE_DEMO_PASSWORD is too weak: " + " ".join(error.messages)
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded the demo city (seed {seed}): {len(city.people)} people, "
                f"{TalentNeed.objects.count()} talent needs, "
                f"{len(city.groups)} study groups."
            )
        )
