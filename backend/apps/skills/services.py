"""Writes to people's skills. Every change leaves a row in the skill's history."""

from django.db import transaction

from apps.accounts.models import User
from apps.audit.services import record_event
from apps.skills.models import Provenance, Skill, StaffSkill, StaffSkillChange


@transaction.atomic
def set_own_skill(*, user: User, skill: Skill, level: int) -> StaffSkill:
    """Declare one's own level in a skill.

    A declared level is self-declared: changing the level of a verified skill makes it
    self-declared again, since the verification was of the old level. Setting the same level
    again changes nothing. Side effect: a history row when something changed.
    """
    staff_skill = StaffSkill.objects.filter(user=user, skill=skill).first()
    if staff_skill is not None and staff_skill.level == level:
        return staff_skill
    if staff_skill is None:
        staff_skill = StaffSkill(user=user, skill=skill)
    staff_skill.level = level
    staff_skill.provenance = Provenance.SELF
    staff_skill.verified_by = None
    staff_skill.save()
    StaffSkillChange.objects.create(
        user=user,
        skill=skill,
        kind=StaffSkillChange.Kind.SET,
        level=level,
        provenance=Provenance.SELF,
        changed_by=user,
    )
    return staff_skill


@transaction.atomic
def remove_own_skill(*, staff_skill: StaffSkill) -> None:
    """Side effect: a history row saying the skill was removed."""
    StaffSkillChange.objects.create(
        user=staff_skill.user,
        skill=staff_skill.skill,
        kind=StaffSkillChange.Kind.REMOVED,
        changed_by=staff_skill.user,
    )
    staff_skill.delete()


@transaction.atomic
def verify_skill(*, actor: User, staff_skill: StaffSkill) -> StaffSkill:
    """A department head confirms a person's level. The caller checks that ``actor`` heads the
    person's department. Side effects: a history row and a ``skill.verified`` audit event."""
    if staff_skill.provenance != Provenance.SELF:
        return staff_skill  # already verified, or evidenced, which outranks a manager's word
    staff_skill.provenance = Provenance.MANAGER_VERIFIED
    staff_skill.verified_by = actor
    staff_skill.save(update_fields=["provenance", "verified_by", "updated_at"])
    StaffSkillChange.objects.create(
        user=staff_skill.user,
        skill=staff_skill.skill,
        kind=StaffSkillChange.Kind.VERIFIED,
        level=staff_skill.level,
        provenance=Provenance.MANAGER_VERIFIED,
        changed_by=actor,
    )
    record_event(
        actor=actor,
        action="skill.verified",
        target=staff_skill.user,
        after={"skill": staff_skill.skill.code, "level": staff_skill.level},
    )
    return staff_skill
