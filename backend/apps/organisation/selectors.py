"""Reading the department tree."""

from collections import defaultdict

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from apps.accounts.models import User
from apps.organisation.models import Department
from apps.secondments.models import NeedStatus, TalentNeed


def subtree_ids(department_id: int) -> set[int]:
    """The department and every department below it.

    The tree is small (hundreds of rows) and read in one query, which keeps it free of
    denormalised paths that every move would have to rewrite.
    """
    children: defaultdict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in Department.objects.values_list("id", "parent_id"):
        children[parent_id].append(pk)
    found: set[int] = set()
    pending = [department_id]
    while pending:
        current = pending.pop()
        if current not in found:
            found.add(current)
            pending.extend(children[current])
    return found


def departments_with_figures() -> QuerySet[Department]:
    """Departments with their active headcount and their open talent needs."""
    headcount = (
        User.objects.filter(department=OuterRef("pk"), is_active=True)
        .order_by()
        .values("department")
        .annotate(n=Count("pk"))
        .values("n")
    )
    open_needs = (
        TalentNeed.objects.filter(department=OuterRef("pk"), status=NeedStatus.OPEN)
        .order_by()
        .values("department")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Department.objects.select_related("parent").annotate(
        headcount=Coalesce(Subquery(headcount, output_field=IntegerField()), 0),
        open_need_count=Coalesce(Subquery(open_needs, output_field=IntegerField()), 0),
    )


def search_departments(queryset: QuerySet[Department], text: str) -> QuerySet[Department]:
    return queryset.filter(
        Q(code__icontains=text) | Q(name_zh__icontains=text) | Q(name_en__icontains=text)
    )
