"""The roles a person holds, and the predicates every app asks of them.

Roles are granted by administrators (``apps.accounts``); what they are and what holding one
means lives here, below every app, so that any app (the audit trail included) can ask "is this
person an administrator?" without importing the accounts app.
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("Staff")
    ORGANISER = "organiser", _("Organiser")
    HR = "hr", _("HR")
    DEPT_HEAD = "dept_head", _("Department head")
    ADMIN = "admin", _("Administrator")


def roles_of(user: Any) -> frozenset[str]:
    """The roles of a signed-in, active person (``User.roles``); nothing for anyone else."""
    if not user.is_authenticated:
        return frozenset()
    roles: frozenset[str] = user.roles
    return roles


def is_member(user: Any) -> bool:
    """Holds at least one role: city staff of any kind. Outside accounts hold none."""
    return bool(roles_of(user))


def is_admin(user: Any) -> bool:
    return Role.ADMIN in roles_of(user)


def is_hr(user: Any) -> bool:
    return Role.HR in roles_of(user)
