"""The place in a waiting list, shared by the apps that keep one (a study group's, a session's)."""

from django.db.models import Case, Count, IntegerField, Model, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce


def waitlist_position(model: type[Model], *, within: str, waiting: str) -> Case:
    """An annotation of ``model``'s rows (with ``status`` and ``status_changed_at``): 1 for the
    first waiting in its ``within`` (the row's group, its session), 2 for the next…, ``None``
    for a row not waiting. First come, first served: by the time they joined the list, then by
    id for those who joined it at the same moment. It counts the whole list, so a filtered list
    of rows shows each one's true place."""
    earlier = model._default_manager.filter(**{within: OuterRef(within), "status": waiting}).filter(
        Q(status_changed_at__lt=OuterRef("status_changed_at"))
        | Q(status_changed_at=OuterRef("status_changed_at"), pk__lt=OuterRef("pk"))
    )
    ahead = Subquery(
        earlier.order_by().values(within).annotate(n=Count("pk")).values("n"),
        output_field=IntegerField(),
    )
    return Case(
        When(status=waiting, then=Coalesce(ahead, Value(0)) + 1),
        default=None,
        output_field=IntegerField(),
    )
