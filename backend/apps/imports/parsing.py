"""Reading a CSV file as spreadsheets export it: UTF-8, with or without a byte-order mark."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_FILE_BYTES = 10 * 1024 * 1024


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
            1, column, _("The header lacks the required column '%(column)s'.") % {"column": column}
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
            % {"column": column, "known": ", ".join(sorted(known))},
        )
        for column in header
        if column not in known
    ]
    errors += [
        RowError(
            1, column, _("The column '%(column)s' appears more than once.") % {"column": column}
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
