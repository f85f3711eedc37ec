"""Reading the department tree."""

from collections import defaultdict

from django.db.models import Q, QuerySet

from apps.organisation.models import Department


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


def ancestor_ids(department_id: int) -> set[int]:
    """The department and every department above it (read in one query, as ``subtree_ids``)."""
    parents = dict(Department.objects.values_list("id", "parent_id"))
    found: set[int] = set()
    current: int | None = department_id
    while current is not None and current not in found:
        found.add(current)
        current = parents.get(current)
    return found


def search_departments(queryset: QuerySet[Department], text: str) -> QuerySet[Department]:
    return queryset.filter(
        Q(code__icontains=text) | Q(name_zh__icontains=text) | Q(name_en__icontains=text)
    )
