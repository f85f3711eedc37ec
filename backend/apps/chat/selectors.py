"""Reading a group's chat: only its active members may."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from apps.accounts.models import User
from apps.chat.models import Message, Topic

MESSAGE_RELATIONS = ("author", "topic")


def messages_of(group_id: int) -> QuerySet[Message]:
    return (
        Message.objects.filter(group_id=group_id)
        .select_related(*MESSAGE_RELATIONS)
        .prefetch_related(Prefetch("mentions", queryset=User.objects.only("id")))
    )


def messages_between_seqs(group_id: int, first: int, last: int) -> list[Message]:
    """The group's messages numbered ``first`` to ``last``, in order (to fill a gap)."""
    return list(messages_of(group_id).filter(seq__gte=first, seq__lte=last).order_by("seq"))


def search_messages(group_id: int, text: str) -> QuerySet[Message]:
    """Messages of the group that match ``text``, best first.

    On PostgreSQL, full-text search (the ``simple`` configuration: words as written, any
    language) ranks the matches; since Chinese has no spaces between words, a plain substring
    match joins it. Elsewhere (SQLite), the substring match alone, newest first.
    """
    messages = messages_of(group_id).filter(deleted_at=None)
    if connection.vendor == "postgresql":
        vector = SearchVector("body", config="simple")
        query = SearchQuery(text, config="simple", search_type="websearch")
        return (
            messages.annotate(rank=SearchRank(vector, query))
            .filter(Q(rank__gt=0) | Q(body__icontains=text))
            .order_by("-rank", "-id")
        )
    return messages.filter(body__icontains=text).order_by("-id")


def topics_of(group_id: int) -> QuerySet[Topic]:
    return Topic.objects.filter(group_id=group_id)
