"""Who may do what with people: predicates shared by the API views and the services.

A person's reach comes from the roles an administrator granted them (``apps.core.roles``).
Department heads act on their own department and every one below it.
"""

from typing import Any

from apps.accounts.models import User
from apps.core.roles import Role, is_admin, is_hr, roles_of
from apps.organisation.selectors import subtree_ids


def headed_department_ids(user: Any) -> frozenset[int]:
    """The departments a department head acts on: their own and every one below it."""
    if Role.DEPT_HEAD not in roles_of(user) or user.department_id is None:
        return frozenset()
    cached: frozenset[int] | None = getattr(user, "_headed_department_ids", None)
    if cached is None:
        # Kept on the user object, which lives for one request.
        cached = frozenset(subtree_ids(user.department_id))
        user._headed_department_ids = cached
    return cached


def heads_department(user: Any, department_id: int | None) -> bool:
    return department_id is not None and department_id in headed_department_ids(user)


def may_read_sensitive(user: Any, person: User) -> bool:
    """Phone and national ID, unmasked: the person themself, HR and administrators."""
    return user.is_authenticated and (user.pk == person.pk or is_hr(user) or is_admin(user))


def may_see_clearance(user: Any, person: User) -> bool:
    return may_read_sensitive(user, person) or heads_department(user, person.department_id)


def may_export_people(user: Any) -> bool:
    """The directory taken away as a file: HR and administrators (every member reads it on
    the page, but a copy of all of it is theirs to make)."""
    return user.is_authenticated and (is_hr(user) or is_admin(user))


def may_read_skill_history(user: Any, person: User) -> bool:
    """Who changed a person's skills and when: the person, the heads of their department, HR
    and administrators (anyone reads the skills themselves in the directory)."""
    return (
        user.is_authenticated and (user.pk == person.pk or is_hr(user) or is_admin(user))
    ) or heads_department(user, person.department_id)
