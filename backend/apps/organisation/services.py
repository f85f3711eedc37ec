"""Writes to the department tree. A release cap and a critical-skill floor bound what the matcher
may propose, so every change to a department is audited with its values before and after."""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from apps.audit.services import record_event
from apps.core.changes import UNCHANGED, Keep, given
from apps.organisation.models import CriticalSkillFloor, Department

# People and skills belong to apps above this one: an actor is typed as Django's base user, and
# a floor's skill is named by its id.


def _shown(value: Any) -> Any:
    """A value as the audit trail keeps it (a department by its code)."""
    return value.code if isinstance(value, Department) else value


@transaction.atomic
def create_department(*, actor: AbstractBaseUser, department: Department) -> Department:
    """Store a new department (made, unsaved, by the caller). Side effect: a
    ``department.created`` event with its place in the tree and its release cap."""
    department.full_clean()
    department.save()
    record_event(
        actor=actor,
        action="department.created",
        target=department,
        after={
            "code": department.code,
            "parent": _shown(department.parent),
            "release_cap_percent": department.release_cap_percent,
        },
    )
    return department


@transaction.atomic
def update_department(
    *,
    actor: AbstractBaseUser,
    department: Department,
    name_zh: str | Keep = UNCHANGED,
    name_en: str | Keep = UNCHANGED,
    parent: Department | Keep | None = UNCHANGED,
    release_cap_percent: int | Keep = UNCHANGED,
) -> Department:
    """Rename a department, move it in the tree or change its release cap (the share of its
    staff that may be seconded out at once). Side effect: a ``department.updated`` event with
    what changed, before and after."""
    changes = given(
        name_zh=name_zh, name_en=name_en, parent=parent, release_cap_percent=release_cap_percent
    )
    changed = {name: value for name, value in changes.items() if getattr(department, name) != value}
    if not changed:
        return department
    before = {name: _shown(getattr(department, name)) for name in changed}
    for name, value in changed.items():
        setattr(department, name, value)
    department.full_clean(validate_unique=False)
    department.save(update_fields=list(changed))
    record_event(
        actor=actor,
        action="department.updated",
        target=department,
        before=before,
        after={name: _shown(value) for name, value in changed.items()},
    )
    return department


@transaction.atomic
def set_critical_skill_floor(
    *,
    actor: AbstractBaseUser,
    department: Department,
    skill_id: int,
    min_level: int,
    min_people: int,
) -> CriticalSkillFloor:
    """Keep at least ``min_people`` people with the skill at ``min_level`` or above at home
    (replacing the department's floor for that skill). Side effect: a ``floor.set`` event."""
    floor = CriticalSkillFloor.objects.filter(department=department, skill_id=skill_id).first()
    before = {"min_level": floor.min_level, "min_people": floor.min_people} if floor else None
    floor = floor or CriticalSkillFloor(department=department, skill_id=skill_id)
    floor.min_level, floor.min_people = min_level, min_people
    floor.full_clean(validate_unique=False, validate_constraints=False)
    floor.save()
    after = {"skill": floor.skill.code, "min_level": min_level, "min_people": min_people}
    if before != {"min_level": min_level, "min_people": min_people}:
        record_event(actor=actor, action="floor.set", target=department, before=before, after=after)
    return floor


@transaction.atomic
def remove_critical_skill_floor(*, actor: AbstractBaseUser, floor: CriticalSkillFloor) -> None:
    """Side effect: a ``floor.removed`` event with the floor."""
    record_event(
        actor=actor,
        action="floor.removed",
        target=floor.department,
        before={
            "skill": floor.skill.code,
            "min_level": floor.min_level,
            "min_people": floor.min_people,
        },
    )
    floor.delete()
