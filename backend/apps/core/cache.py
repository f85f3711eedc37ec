"""The cache client of the process: one for all its threads and tasks.

Django gives each thread, and in async code each task, a cache client of its own. Every socket's
consumer runs in a task of its own, so with Redis each socket opened its own connection pool and
connection: 2,051 connections to Redis for 2,000 sockets in one process (``bench/chat.py``),
about 8 KiB more per socket in the process and as many clients on the Redis server. The
rate counters (``apps.core.limits``) and presence all go through this one client instead; both
backends in use share safely between threads (redis-py's pool, and the local-memory cache's
lock).
"""

import functools

from django.core.cache import DEFAULT_CACHE_ALIAS, BaseCache, caches


@functools.cache
def process_cache() -> BaseCache:
    return caches.create_connection(DEFAULT_CACHE_ALIAS)
