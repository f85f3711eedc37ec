"""Errors services raise, which the API (and the socket) answer naming the field."""

from django.core.exceptions import ValidationError


def field_error(field: str, message: str, code: str) -> ValidationError:
    """A refusal of one field's value, with a code that clients can rely on.

    (``ValidationError({field: message}, code=...)`` would lose the code.)
    """
    return ValidationError({field: ValidationError(message, code=code)})


class NotAllowedError(Exception):
    """A rule forbids this person this action here (not a member, not the author, an archived
    group…). The API answers 403 with ``code``; the socket, an error frame with it."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message, self.code = message, code


class RateLimitedError(NotAllowedError):
    """Too many of something in too little time. The API answers 429 with ``Retry-After``;
    the socket, an error frame ``rate_limited``."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message, "rate_limited")
        self.retry_after = retry_after
