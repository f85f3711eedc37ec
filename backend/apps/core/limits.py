"""Counting in fixed windows of time, for the limits that slow down guessing and flooding.

The counters live in the process's cache client (Redis when configured, so every process shares
them). A limit must never take the application down with it: when the cache is unreachable a
counter reads as nothing counted, the failure is logged, and what it guards goes on unlimited
until the cache is back.
"""

import logging
import time
from dataclasses import dataclass

from apps.core.cache import process_cache

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Window:
    """At most ``limit`` within each ``seconds``, counted from the start of the window."""

    limit: int
    seconds: int

    def key(self, name: str, now: float) -> str:
        return f"limit:{name}:{self.seconds}:{int(now // self.seconds)}"

    def retry_after(self, now: float) -> int:
        """Whole seconds until the current window ends (at least 1)."""
        return max(1, self.seconds - int(now % self.seconds))


def count(name: str, window: Window) -> int:
    """Count one more under ``name`` in the current window; how many there are now (0 when
    the cache is unreachable)."""
    key = window.key(name, time.time())
    cache = process_cache()
    try:
        if cache.add(key, 1, window.seconds + 30):
            return 1
        return int(cache.incr(key))
    except ValueError:  # the counter expired between the two calls: a new window
        return 1
    except Exception:
        logger.warning("A limit's counter is unavailable; not limiting", exc_info=True)
        return 0


def counted(name: str, window: Window) -> int:
    """How many are counted under ``name`` in the current window (0 when the cache is
    unreachable)."""
    try:
        return int(process_cache().get(window.key(name, time.time()), 0))
    except Exception:
        logger.warning("A limit's counter is unavailable; not limiting", exc_info=True)
        return 0


def forget(name: str, window: Window) -> None:
    """Start counting ``name`` from nothing again."""
    try:
        process_cache().delete(window.key(name, time.time()))
    except Exception:
        logger.warning("A limit's counter is unavailable", exc_info=True)
