"""Periodic upkeep of the database."""

from django.contrib.sessions.models import Session
from django.utils import timezone
from huey import crontab

from apps.tasks.runner import periodic_task


@periodic_task(crontab(hour="3", minute="17"))
def clear_expired_sessions() -> int:
    """Every night: sessions past their expiry (signed-out or abandoned browsers) are deleted,
    as ``manage.py clearsessions`` would. Returns how many."""
    deleted, _by_model = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
