"""Who may do what with exchange weeks: the predicates the views and the services share.

A week is managed by its organisers — people holding the organiser role whom the week lists —
and by administrators. Anyone holding the organiser role may start a new week.
"""

from typing import Any

from apps.accounts.permissions import headed_department_ids
from apps.core.roles import Role, is_admin, roles_of
from apps.events.models import ExchangeWeek


def may_create_weeks(user: Any) -> bool:
    return is_admin(user) or Role.ORGANISER in roles_of(user)


def organises(user: Any, week: ExchangeWeek) -> bool:
    """Manages the week: an administrator, or an organiser the week lists."""
    if is_admin(user):
        return True
    if Role.ORGANISER not in roles_of(user):
        return False
    return week.organisers.filter(pk=user.pk).exists()


def may_read_attendance(user: Any, week: ExchangeWeek) -> bool:
    """The week's organisers and administrators read everyone's attendance; department heads
    their departments' people's."""
    return organises(user, week) or bool(headed_department_ids(user))
