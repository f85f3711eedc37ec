"""One shape for every error the API returns.

``{"code": "invalid", "detail": "…", "errors": [{"field": "requirements.0.min_level",
"code": "max_value", "message": "…"}]}``: ``code`` and ``detail`` describe the error as a
whole; ``errors`` lists each problem with the field it belongs to (dotted for nested input,
``null`` for the input as a whole), and is empty for errors that concern no field.
"""

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.fields import get_error_detail
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from apps.core.errors import NotAllowedError, RateLimitedError


def field_errors(detail: Any, path: str = "") -> Iterator[dict[str, Any]]:
    """Flatten DRF's nested validation detail into ``{field, code, message}`` items."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "" if key in (api_settings.NON_FIELD_ERRORS_KEY, NON_FIELD_ERRORS) else str(key)
            yield from field_errors(value, f"{path}.{name}" if path and name else path or name)
    elif isinstance(detail, list):
        for index, item in enumerate(detail):
            if isinstance(item, dict | list):
                yield from field_errors(item, f"{path}.{index}" if path else str(index))
            else:
                yield from field_errors(item, path)
    else:
        yield {
            "field": path or None,
            "code": getattr(detail, "code", "invalid"),
            "message": str(detail),
        }


def error_body(
    code: str, detail: str, errors: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {"code": code, "detail": detail, "errors": errors or []}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, RateLimitedError):
        return Response(
            error_body(exc.code, exc.message),
            status=429,
            headers={"Retry-After": str(exc.retry_after)},
        )
    if isinstance(exc, NotAllowedError):
        return Response(error_body(exc.code, exc.message), status=403)
    if isinstance(exc, OverflowError | DataError):
        # A value the database cannot hold (an id of 30 digits, say), from any field or filter:
        # the request's fault, named as such.
        return Response(
            error_body(
                "out_of_range",
                _("A value in the request is outside what can be stored (a number too large?)."),
            ),
            status=400,
        )
    if isinstance(exc, OperationalError) and "database is locked" in str(exc):
        # SQLite lets one transaction write at a time, and another waited too long for it.
        return Response(
            error_body("busy", _("The database is busy; try again in a moment.")),
            status=503,
            headers={"Retry-After": "5"},
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        # Services raise Django's ValidationError; the API answers it like a serializer's.
        exc = exceptions.ValidationError(get_error_detail(exc))
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.ValidationError):
        errors = list(field_errors(exc.detail))
        summary = errors[0]["message"] if len(errors) == 1 else f"{len(errors)} problems found."
        response.data = error_body("invalid", summary, errors)
    else:
        codes = exc.get_codes()
        response.data = error_body(
            codes if isinstance(codes, str) else exc.default_code, str(exc.detail)
        )
    return response
