"""Query parameters: a list answers only to those it has.

A parameter a list does not have (``/api/v1/people/?available=true``) is refused with ``400``
naming it and the ones the list has, rather than ignored: a person or a program that misspells
a filter would otherwise take every row for the filtered ones.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.views import APIView

#: What any request may carry: DRF's choice of format.
ALWAYS_KNOWN = frozenset({"format"})


def refuse_unknown_parameters(request: HttpRequest, known: Iterable[str]) -> None:
    """Raise a ``ValidationError`` (code ``unknown_parameter``) naming each query parameter of
    ``request`` that is not in ``known``."""
    known = set(known)
    unknown = sorted(set(request.GET) - known - ALWAYS_KNOWN)
    if not unknown:
        return
    listed = ", ".join(sorted(known)) or _("none")
    message = _("This list has no such parameter. Its parameters: %(known)s.") % {"known": listed}
    raise ValidationError(
        {name: [ErrorDetail(message, code="unknown_parameter")] for name in unknown}
    )


def query_serializer_fields(view: APIView) -> Iterable[str]:
    """The fields of the view's ``query_serializer_class``: the parameters it reads itself."""
    serializer_class = getattr(view, "query_serializer_class", None)
    return serializer_class().fields.keys() if serializer_class else ()


def pagination_parameters(paged: APIView | BasePagination) -> list[str]:
    """The parameters of a paginator, or of a view's (none when it does not paginate)."""
    paginator = paged if isinstance(paged, BasePagination) else getattr(paged, "paginator", None)
    names = (
        getattr(paginator, "page_query_param", None),
        getattr(paginator, "page_size_query_param", None),
    )
    return [name for name in names if name]


class KnownParametersFilterBackend(DjangoFilterBackend):
    """django-filter's backend, refusing the query parameters the list does not have: its
    filters, its pages, and the parameters its view reads itself (``query_serializer_class``)."""

    def filter_queryset(
        self, request: HttpRequest, queryset: QuerySet[Any], view: APIView
    ) -> QuerySet[Any]:
        known = {
            *self.filter_names(request, queryset, view),
            *pagination_parameters(view),
            *query_serializer_fields(view),
        }
        refuse_unknown_parameters(request, known)
        return super().filter_queryset(request, queryset, view)

    def filter_names(
        self, request: HttpRequest, queryset: QuerySet[Any], view: APIView
    ) -> list[str]:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return []
        names: list[str] = []
        for name, field in filterset_class(queryset=queryset, request=request).form.fields.items():
            # A range's two ends are two parameters (name_min, name_max); most filters are one.
            suffixes = getattr(field.widget, "suffixes", None) or [""]
            names.extend(f"{name}_{suffix}" if suffix else name for suffix in suffixes)
        return names
