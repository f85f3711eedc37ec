"""System checks of the settings that Django's own do not cover (``manage.py check``)."""

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from apps.core.fields import field_cipher


@checks.register(checks.Tags.security)
def field_keys_are_fernet_keys(**kwargs: Any) -> list[checks.CheckMessage]:
    """Every key of FIELD_ENCRYPTION_KEYS must be a Fernet key: a wrong one would otherwise be
    found only when the first phone number is written or read."""
    try:
        field_cipher()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="talentbridge.E001")]
    return []
