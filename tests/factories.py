"""Factories for the backend's models: each makes the plainest valid object, nothing more.

``UserFactory`` makes a member of staff (the ``staff`` role) unless ``roles`` says otherwise.
"""

from datetime import date
from typing import Any

import factory
from factory.django import DjangoModelFactory, Password

from apps.accounts.models import RoleGrant, User
from apps.groups.models import StudyGroup
from apps.organisation.models import Department
from apps.secondments.models import NeedRequirement, NeedStatus, TalentNeed
from apps.skills.models import Skill, SkillCategory, SkillSynonym, StaffSkill

PASSWORD = "correct horse battery staple"


class DepartmentFactory(DjangoModelFactory[Department]):
    class Meta:
        model = Department

    code = factory.Sequence(lambda n: f"D{n:03}")
    name_zh = factory.Sequence(lambda n: f"部门{n}")
    name_en = factory.Sequence(lambda n: f"Department {n}")


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    employee_number = factory.Sequence(lambda n: f"E{n:05}")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@city.example")
    department = factory.SubFactory(DepartmentFactory)
    password = Password(PASSWORD)

    @factory.post_generation
    def roles(user: User, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        for role in ("staff",) if extracted is None else extracted:
            RoleGrant.objects.create(user=user, role=role)
        user.__dict__.pop("roles", None)  # forget the roles read before the grants


class SkillCategoryFactory(DjangoModelFactory[SkillCategory]):
    class Meta:
        model = SkillCategory

    code = factory.Sequence(lambda n: f"category-{n}")
    name_zh = factory.Sequence(lambda n: f"类别{n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")


class SkillFactory(DjangoModelFactory[Skill]):
    class Meta:
        model = Skill

    code = factory.Sequence(lambda n: f"skill-{n}")
    category = factory.SubFactory(SkillCategoryFactory)
    name_zh = factory.Sequence(lambda n: f"技能{n}")
    name_en = factory.Sequence(lambda n: f"Skill {n}")


class SkillSynonymFactory(DjangoModelFactory[SkillSynonym]):
    class Meta:
        model = SkillSynonym

    skill = factory.SubFactory(SkillFactory)
    name = factory.Sequence(lambda n: f"Synonym {n}")


class StaffSkillFactory(DjangoModelFactory[StaffSkill]):
    class Meta:
        model = StaffSkill

    user = factory.SubFactory(UserFactory)
    skill = factory.SubFactory(SkillFactory)
    level = 3


class TalentNeedFactory(DjangoModelFactory[TalentNeed]):
    class Meta:
        model = TalentNeed

    department = factory.SubFactory(DepartmentFactory)
    title = factory.Sequence(lambda n: f"Need {n}")
    headcount = 1
    start_date = date(2027, 3, 1)
    end_date = date(2027, 8, 31)
    status = NeedStatus.OPEN


class NeedRequirementFactory(DjangoModelFactory[NeedRequirement]):
    class Meta:
        model = NeedRequirement

    need = factory.SubFactory(TalentNeedFactory)
    skill = factory.SubFactory(SkillFactory)
    min_level = 3


def group_with(*members: User, owner: User | None = None, **fields: Any) -> StudyGroup:
    """A study group made as people make one: by its owner, with ``members`` joined. An open
    group unless ``join_policy`` says otherwise (then the members are made active directly)."""
    from apps.groups import services

    owner = owner or UserFactory.create()
    group = services.create_group(actor=owner, **{"name": "数据分析学习小组", **fields})
    for member in members:
        if group.join_policy == "open":
            services.join_group(user=member, group=group)
        else:
            membership = services.invite(actor=owner, group=group, user=member)
            services.join_group(user=membership.user, group=group)
    group.refresh_from_db()
    return group
