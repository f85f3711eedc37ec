"""Times as the site gives them: in its time zone (``TALENTBRIDGE_TIME_ZONE``), with the offset.

The REST API's serializers write times so (DRF uses the current time zone); the socket's frames
use this, so that a message reads ``…+08:00`` whichever way it came."""

from datetime import datetime

from django.utils import timezone


def site_time(moment: datetime) -> str:
    """``moment`` in ISO 8601, in the site's time zone (``2026-12-03T17:43:00.123456+08:00``)."""
    return timezone.localtime(moment).isoformat()
