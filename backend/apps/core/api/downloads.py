"""Lists taken away as CSV: UTF-8 with a byte-order mark, so that spreadsheets read Chinese,
and no cell a spreadsheet would run as a formula."""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TypeVar

from django.db import models
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

#: A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> HttpResponse:
    """A download of ``rows`` under ``header``, named ``filename``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CsvDownloadView(APIView):
    """A view answering with ``csv_response``: CSV whatever the Accept header asks, errors as
    JSON like everywhere else in the API."""

    def perform_content_negotiation(
        self, request: Request, force: bool = False
    ) -> tuple[BaseRenderer, str]:
        return JSONRenderer(), JSONRenderer.media_type


#: The most rows one export takes: past it, the filters must be narrower.
EXPORT_LIMIT = 50_000


Model = TypeVar("Model", bound=models.Model)


class CsvExportView(CsvDownloadView, generics.GenericAPIView[Model]):
    """A list taken away: the rows its filters select, all of them (no pages), up to
    ``EXPORT_LIMIT``."""

    pagination_class = None

    def exported_rows(self) -> list[Model]:
        rows = list(self.filter_queryset(self.get_queryset())[: EXPORT_LIMIT + 1])
        if len(rows) > EXPORT_LIMIT:
            raise ValidationError(
                _("More than %(limit)s rows match: narrow the filters and export again.")
                % {"limit": f"{EXPORT_LIMIT:,}"},
                code="too_many_rows",
            )
        return rows


def bilingual(name_zh: str, name_en: str) -> str:
    """A name kept in both languages, in the reader's."""
    return name_en if translation.get_language() == "en" else name_zh
