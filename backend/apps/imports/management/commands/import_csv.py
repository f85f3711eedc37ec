from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from apps.accounts.models import User
from apps.imports.importers import IMPORTERS
from apps.imports.parsing import ImportFileError
from apps.imports.services import import_csv


class Command(BaseCommand):
    help = "Import departments, staff or staff skills from a CSV file (all rows or none)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("kind", choices=sorted(IMPORTERS))
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check and count only.")
        parser.add_argument("--actor", help="Username recorded in the audit trail.")

    def handle(
        self, *args: Any, kind: str, path: Path, dry_run: bool, actor: str | None, **options: Any
    ) -> None:
        acting = None
        if actor:
            acting = User.objects.filter(username=actor).first()
            if acting is None:
                raise CommandError(f"No user named {actor}.")
        try:
            data = path.read_bytes()
        except OSError as unreadable:
            raise CommandError(f"Cannot read {path}: {unreadable.strerror}.") from None
        try:
            report = import_csv(kind=kind, data=data, actor=acting, dry_run=dry_run)
        except ImportFileError as rejected:
            for error in rejected.errors:
                column = f", column {error.column}" if error.column else ""
                self.stderr.write(f"{path}:{error.line}{column}: {error.reason}")
            raise CommandError(f"Nothing imported: {len(rejected.errors)} problem(s).") from None
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb} {report.rows} rows of {kind}: {report.created} created, "
            f"{report.updated} updated, {report.unchanged} unchanged."
        )
