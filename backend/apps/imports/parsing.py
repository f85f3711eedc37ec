"""Reading a CSV file as spreadsheets export it: UTF-8, with or without a byte-order mark."""

import csv
import io
from dataclasses import dataclass

from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

MAX_FILE_BYTES = 10 * 1024 * 1024

#: What each column of the imports holds, in words: a message names the column by the header
#: the file must carry and, in a language other than English, by these words too.
COLUMN_NAMES = {
    "code": pgettext_lazy("CSV column", "code"),
    "name_zh": pgettext_lazy("CSV column", "name_zh"),
    "name_en": pgettext_lazy("CSV column", "name_en"),
    "parent_code": pgettext_lazy("CSV column", "parent_code"),
    "release_cap_percent": pgettext_lazy("CSV column", "release_cap_percent"),
    "employee_number": pgettext_lazy("CSV column", "employee_number"),
    "display_name": pgettext_lazy("CSV column", "display_name"),
    "department_code": pgettext_lazy("CSV column", "department_code"),
    "username": pgettext_lazy("CSV column", "username"),
    "email": pgettext_lazy("CSV column", "email"),
    "position": pgettext_lazy("CSV column", "position"),
    "tier": pgettext_lazy("CSV column", "tier"),
    "clearance": pgettext_lazy("CSV column", "clearance"),
    "language": pgettext_lazy("CSV column", "language"),
    "phone": pgettext_lazy("CSV column", "phone"),
    "national_id": pgettext_lazy("CSV column", "national_id"),
    "skill": pgettext_lazy("CSV column", "skill"),
    "level": pgettext_lazy("CSV column", "level"),
    "provenance": pgettext_lazy("CSV column", "provenance"),
}


def column_name(column: str) -> str:
    """``column`` as a message names it: its header, with its name in words where the words are
    not the header itself (``层级（tier）``)."""
    words = str(COLUMN_NAMES.get(column, column))
    if words == column:
        return column
    return pgettext("CSV column", "%(words)s (%(column)s)") % {"words": words, "column": column}


def choices_named(choices: type[TextChoices]) -> str:
    """The values a column takes, each with its meaning where it is not the value itself
    (``leader（领导干部）、general（普通干部）``)."""
    return pgettext("CSV choices", ", ").join(
        pgettext("CSV choice", "%(value)s (%(label)s)") % {"value": value, "label": label}
        if str(label).lower() != value
        else value
        for value, label in choices.choices
    )


@dataclass(frozen=True)
class RowError:
    """One problem in an uploaded file: where it is and what is wrong."""

    line: int
    column: str | None
    reason: str


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")


class ImportFileError(Exception):
    """The file cannot be imported; ``errors`` says why, every bad row of it."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} problem(s) in the file")
        self.errors = errors


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            [
                RowError(
                    line,
                    None,
                    _(
                        "The file is not UTF-8 text. In the spreadsheet, save it as "
                        "'CSV UTF-8 (comma delimited)'."
                    ),
                )
            ]
        ) from None


def read_rows(
    data: bytes, *, required: tuple[str, ...], optional: tuple[str, ...]
) -> tuple[list[Row], list[RowError]]:
    """The well-formed rows of ``data`` with their line numbers and stripped values, and an
    error for each malformed row.

    A file that cannot be read at all (not UTF-8, empty, a bad header) raises
    :class:`ImportFileError`. The header must name every required column and nothing unknown (a
    misspelt column would otherwise be silently ignored). Empty lines are skipped.
    """
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(
            [
                RowError(
                    1,
                    None,
                    _("The file is larger than %(megabytes)d MB.")
                    % {"megabytes": MAX_FILE_BYTES // (1024 * 1024)},
                )
            ]
        )
    text = _decode(data)
    if not text.strip():
        raise ImportFileError([RowError(1, None, _("The file is empty."))])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except csv.Error as error:
        raise ImportFileError(
            [RowError(1, None, _("Unreadable CSV: %(error)s.") % {"error": error})]
        ) from None
    errors = [
        RowError(
            1,
            column,
            _("The header lacks the required column '%(column)s'.")
            % {"column": column_name(column)},
        )
        for column in required
        if column not in header
    ]
    known = set(required) | set(optional)
    errors += [
        RowError(
            1,
            column or None,
            _("Unknown column '%(column)s'; expected some of: %(known)s.")
            % {"column": column, "known": ", ".join(column_name(name) for name in sorted(known))},
        )
        for column in header
        if column not in known
    ]
    errors += [
        RowError(
            1,
            column,
            _("The column '%(column)s' appears more than once.") % {"column": column_name(column)},
        )
        for column in sorted({c for c in header if header.count(c) > 1})
    ]
    if errors:
        raise ImportFileError(errors)
    rows: list[Row] = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                errors.append(
                    RowError(
                        reader.line_num,
                        None,
                        _("The row has %(values)d values; the header has %(columns)d columns.")
                        % {"values": len(cells), "columns": len(header)},
                    )
                )
                continue
            rows.append(
                Row(reader.line_num, {c: v.strip() for c, v in zip(header, cells, strict=True)})
            )
    except csv.Error as error:
        errors.append(
            RowError(reader.line_num, None, _("Unreadable CSV: %(error)s.") % {"error": error})
        )
    if not rows and not errors:
        raise ImportFileError([RowError(2, None, _("The file has a header but no rows."))])
    return rows, errors
