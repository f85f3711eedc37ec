"""Importing a CSV file: everything checked first, then all written or nothing."""

from dataclasses import asdict, replace

from django.db import connection, transaction

from apps.accounts.models import User
from apps.accounts.services import invite
from apps.audit.services import record_event
from apps.imports.importers import IMPORTERS, Importer, ImportReport
from apps.imports.parsing import ImportFileError, RowError, read_rows

# Any number, the same in every process: the key of the PostgreSQL lock imports take.
IMPORT_LOCK_KEY = 7_301_001


def _one_import_at_a_time() -> None:
    """Imports check the file against the database, then write: two at once would both find a
    person missing and both create them. An import waits for the one before it to finish,
    and then sees what it wrote. (SQLite lets one transaction write at a time anyway.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])


def import_csv(
    *,
    kind: str,
    data: bytes,
    actor: User | None,
    dry_run: bool = False,
    invite_to: str | None = None,
) -> ImportReport:
    """Import ``data`` as a CSV file of ``kind`` (departments, staff, staff-skills).

    With ``invite_to`` (the site's address), each account the import makes that has an email
    is sent a link to choose its first password (the report counts them).

    Raises :class:`ImportFileError` with every bad row when anything is wrong, having written
    nothing. With ``dry_run`` the report says what would change, and nothing is written.
    Side effect (not of a dry run): an ``import.<kind>`` audit event with the report.
    """
    importer_class = IMPORTERS[kind]
    rows, errors = read_rows(
        data, required=importer_class.required, optional=importer_class.optional
    )
    if dry_run:
        # Only reads, outside any transaction: on SQLite a transaction takes the write lock
        # (``transaction_mode`` IMMEDIATE), which a preview of a large file would hold for
        # its whole run while nobody else could write.
        return replace(_checked(importer_class(rows), errors).plan(), dry_run=True)
    with transaction.atomic():
        _one_import_at_a_time()
        importer = _checked(importer_class(rows), errors)
        report = importer.plan()
        importer.write(actor=actor)
        if invite_to is not None:
            report = replace(
                report, invited=invite(users=importer.created_people, site_url=invite_to)
            )
        record_event(actor=actor, action=f"import.{kind}", after=asdict(report))
    return report


def _checked(importer: Importer, errors: list[RowError]) -> Importer:
    """The importer, once every row passed its checks; otherwise every bad row is raised."""
    errors = errors + importer.check()
    if errors:
        raise ImportFileError(sorted(errors, key=lambda error: error.line))
    return importer
