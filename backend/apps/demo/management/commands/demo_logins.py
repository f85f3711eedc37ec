from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.demo.data import DEMO_ACCOUNTS
from apps.demo.management.commands.seed_demo import demo_password


class Command(BaseCommand):
    help = "Print the demo accounts and their password."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("There are no demo accounts in production.")
        password = demo_password()
        self.stdout.write(f"Demo accounts (password: {password}):")
        for username, display_name, department, _tier, _position, roles in DEMO_ACCOUNTS:
            self.stdout.write(
                f"  {username:<10} {display_name} · {department} · {', '.join(roles)}"
            )
