"""Importing a CSV file: everything checked first, then all written or nothing."""

from dataclasses import asdict

from django.db import transaction

from apps.accounts.models import User
from apps.audit.services import record_event
from apps.imports.importers import IMPORTERS, ImportReport
from apps.imports.parsing import ImportFileError, read_rows


def import_csv(
    *,
    kind: str,
    data: bytes,
    actor: User | None,
    dry_run: bool = False,
) -> ImportReport:
    """Import ``data`` as a CSV file of ``kind`` (departments, staff, staff-skills).

    Raises :class:`ImportFileError` with every bad row when anything is wrong, having written
    nothing. With ``dry_run`` the report says what would change and nothing is kept.
    Side effect: an ``import.<kind>`` audit event with the report.
    """
    importer_class = IMPORTERS[kind]
    rows, errors = read_rows(
        data, required=importer_class.required, optional=importer_class.optional
    )
    with transaction.atomic():
        importer = importer_class(rows)
        errors += importer.check()
        if errors:
            raise ImportFileError(sorted(errors, key=lambda error: error.line))
        report = importer.apply(actor=actor)
        report.dry_run = dry_run
        record_event(actor=actor, action=f"import.{kind}", after=asdict(report))
        if dry_run:
            transaction.set_rollback(True)
    return report
