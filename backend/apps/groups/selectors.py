"""Reading study groups, as the reader may see them."""

from collections import defaultdict
from collections.abc import Collection
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from apps.chat.selectors import last_read_of, unread_count_of
from apps.core.roles import is_admin, is_member
from apps.core.waitlists import waitlist_position as waitlist_position_of
from apps.groups.models import JoinPolicy, MemberRole, Membership, MembershipStatus, StudyGroup
from apps.groups.permissions import moderates
from apps.organisation.models import Department
from apps.skills.models import Skill
from apps.skills.selectors import skills_matching


def _count(status: MembershipStatus) -> Subquery:
    return Subquery(
        Membership.objects.filter(group=OuterRef("pk"), status=status)
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def waitlist_position() -> Case:
    """An annotation of memberships: the place on the group's waiting list (``None``: not
    waiting)."""
    return waitlist_position_of(Membership, within="group", waiting=MembershipStatus.WAITLISTED)


STANDINGS_THAT_SEE_A_PRIVATE_GROUP = (
    MembershipStatus.ACTIVE,
    MembershipStatus.INVITED,
    MembershipStatus.WAITLISTED,
    MembershipStatus.PENDING,
)


def groups_visible_to(user: Any) -> QuerySet[StudyGroup]:
    """Open and approval groups for every member of staff; invitation-only groups for those
    they concern now (members, invitees, those waiting for a place or a decision; not those who
    left, were removed or turned down) and administrators. Annotated with the figures lists
    show and the reader's own standing in each."""
    if not is_member(user):
        return StudyGroup.objects.none()
    mine = Membership.objects.filter(group=OuterRef("pk"), user=user)
    groups = (
        StudyGroup.objects.select_related("room")
        .prefetch_related(Prefetch("skills", queryset=Skill.objects.order_by("code")))
        .annotate(
            member_count=Coalesce(_count(MembershipStatus.ACTIVE), Value(0)),
            waitlist_count=Coalesce(_count(MembershipStatus.WAITLISTED), Value(0)),
            my_status=Subquery(mine.values("status")[:1]),
            my_role=Subquery(mine.values("role")[:1]),
            my_waitlist_position=Subquery(
                mine.annotate(position=waitlist_position()).values("position")[:1]
            ),
            my_last_read=last_read_of(user, OuterRef("room")),
            unread_count=unread_count_of(user, OuterRef("room")),
        )
    )
    if is_admin(user):
        return groups
    concerned = mine.filter(status__in=STANDINGS_THAT_SEE_A_PRIVATE_GROUP)
    return groups.filter(~Q(join_policy=JoinPolicy.INVITE) | Exists(concerned))


def groups_teaching(user: Any, skill_codes: Collection[str]) -> list[StudyGroup]:
    """The groups not archived that ``user`` may see and that study one of ``skill_codes``,
    by name, with their skills."""
    return list(
        groups_visible_to(user)
        .filter(archived_at__isnull=True, skills__code__in=skill_codes)
        .distinct()
        .order_by("name", "pk")
    )


def search_groups(
    groups: QuerySet[StudyGroup],
    *,
    text: str | None = None,
    skill: str | None = None,
    department: int | None = None,
) -> QuerySet[StudyGroup]:
    if text:
        groups = groups.filter(Q(name__icontains=text) | Q(description__icontains=text))
    if skill:
        groups = groups.filter(skills__in=skills_matching(skill)).distinct()
    if department:
        represented = Membership.objects.filter(
            group=OuterRef("pk"), status=MembershipStatus.ACTIVE, user__department=department
        )
        groups = groups.filter(Exists(represented))
    return groups


def departments_represented(group_ids: list[int]) -> dict[int, list[Department]]:
    """The departments of each group's active members, in one query."""
    pairs = list(
        Membership.objects.filter(
            group__in=group_ids, status=MembershipStatus.ACTIVE, user__department__isnull=False
        )
        .values_list("group_id", "user__department_id")
        .order_by()
        .distinct()
    )
    department_ids = {department for _group, department in pairs}
    departments = Department.objects.in_bulk(department_ids)
    represented: defaultdict[int, list[Department]] = defaultdict(list)
    for group_id, department_id in sorted(pairs, key=lambda pair: departments[pair[1]].code):
        represented[group_id].append(departments[department_id])
    return represented


# Who waits for a decision comes first, then the members (owner, moderators, the others), then
# the invited and the waiting list, each in the order they arrived.
STANDING_ORDER = Case(
    When(status=MembershipStatus.PENDING, then=0),
    When(status=MembershipStatus.ACTIVE, then=1),
    When(status=MembershipStatus.INVITED, then=2),
    default=3,
)
ROLE_ORDER = Case(
    When(role=MemberRole.OWNER, then=0), When(role=MemberRole.MODERATOR, then=1), default=2
)


def memberships_visible_to(
    user: Any, group: StudyGroup, *, q: str = "", status: str = ""
) -> QuerySet[Membership]:
    """Everyone who may see a group sees its members; its moderators (and administrators) also
    see who asked, who is invited and who waits. ``q`` finds people by name or username,
    ``status`` keeps one standing. Each carries its ``waitlist_position``."""
    statuses = [MembershipStatus.ACTIVE]
    if moderates(user, group):
        statuses += [
            MembershipStatus.PENDING,
            MembershipStatus.INVITED,
            MembershipStatus.WAITLISTED,
        ]
    memberships = Membership.objects.filter(group=group, status__in=statuses)
    if status:
        memberships = memberships.filter(status=status)
    if q:
        memberships = memberships.filter(
            Q(user__display_name__icontains=q) | Q(user__username__icontains=q)
        )
    return (
        memberships.select_related("user", "user__department")
        .annotate(waitlist_position=waitlist_position())
        .order_by(STANDING_ORDER, ROLE_ORDER, "status_changed_at", "id")
    )
