"""The database calls of the real-time side: on the process's one database thread, keeping
that thread's connection from one call to the next.

Under ASGI, ``CONN_MAX_AGE`` is 0: an HTTP request runs its ORM calls in a thread of its own,
which ends with the request, so its connection must not outlive it. Channels'
``database_sync_to_async`` applies the same rule to every call of a consumer, and a socket
frame therefore opened and closed a connection of its own. The consumers and the hub, though,
all run their calls in one long-lived thread (asgiref's thread for thread-sensitive calls
outside a request), where a kept connection is safe; opening one cost more than posting the
message (about 6 of 10 ms on SQLite, where closing the last connection also checkpoints the
write-ahead log, and 5 of 11 ms on PostgreSQL, measured with ``bench/chat.py``). The
connection is still checked around every call as Django checks it between requests: closed if
it failed and no longer answers, or was left outside autocommit, and then opened again by the
next call.
"""

import functools
from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

from asgiref.sync import sync_to_async
from django.db import connections

P = ParamSpec("P")
R = TypeVar("R")


def _keep_usable_connections() -> None:
    for connection in connections.all(initialized_only=True):
        # Never obsolete by age in this thread; every other check of Django's still applies.
        connection.close_at = None
        connection.close_if_unusable_or_obsolete()


def in_database(function: Callable[P, R]) -> Callable[P, Coroutine[Any, Any, R]]:
    """``function`` as a coroutine run on the real-time database thread."""

    @functools.wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        _keep_usable_connections()
        try:
            return function(*args, **kwargs)
        finally:
            _keep_usable_connections()

    return sync_to_async(call, thread_sensitive=True)


@in_database
def close_connections() -> None:
    """Close the thread's connections (when the process's hub stops, as the tests' does)."""
    connections.close_all()
