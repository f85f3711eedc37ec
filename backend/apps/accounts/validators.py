from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def normalise_phone(text: str) -> str:
    """A phone number without spaces and dashes; empty stays empty.

    >>> normalise_phone("138 1234-5678")
    '13812345678'
    >>> normalise_phone("+86 10 6512 3456")
    '+861065123456'
    """
    digits = text.strip().replace(" ", "").replace("-", "")
    if digits and not (digits.removeprefix("+").isdigit() and 5 <= len(digits) <= 20):
        raise ValidationError(_("Enter a phone number of 5 to 20 digits."), code="invalid_phone")
    return digits


NATIONAL_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
NATIONAL_ID_CHECK_CHARACTERS = "10X98765432"


def normalise_national_id(text: str) -> str:
    """A resident identity number (GB 11643): 17 digits and a check character.

    >>> normalise_national_id("11010519491231002x")
    '11010519491231002X'
    >>> normalise_national_id("110105194912310021")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    django.core.exceptions.ValidationError: ['The check character of this identity number ...']
    """
    value = text.strip().upper()
    if not value:
        return value
    if len(value) != 18 or not value[:17].isdigit():
        raise ValidationError(
            _("An identity number has 17 digits and a check character."), code="invalid_national_id"
        )
    total = sum(
        int(digit) * weight for digit, weight in zip(value[:17], NATIONAL_ID_WEIGHTS, strict=True)
    )
    if NATIONAL_ID_CHECK_CHARACTERS[total % 11] != value[17]:
        raise ValidationError(
            _("The check character of this identity number is wrong."), code="invalid_national_id"
        )
    return value


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with its refusal in our catalogue: Django 5.2 changed the message, and its
    Chinese catalogue still translates the old one, so Chinese readers got English."""

    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short: it must have at least %(min_length)d character.",
            "This password is too short: it must have at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
