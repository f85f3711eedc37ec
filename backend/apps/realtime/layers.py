"""The channel layer on Redis: channels_redis's, with a connection pool that waits.

Every call of channels_redis takes a connection from redis-py's asyncio pool for as long as it
runs. That pool raises ``MaxConnectionsError`` as soon as all of its connections are busy, and a
daphne process makes many calls at once when many sockets come or go together (2,000 sockets
closing at once each leave their rooms and tell them): ``bench/chat.py`` saw sockets fail to
open with "Too many connections" at a limit of 1,000. redis-py's ``BlockingConnectionPool``
makes a call wait for a free connection instead, up to ``timeout`` seconds.
"""

from typing import Any

import redis.asyncio
from channels_redis.core import RedisChannelLayer


class WaitingRedisChannelLayer(RedisChannelLayer):  # type: ignore[misc]  # untyped base
    """``hosts`` as channels_redis takes them: ``address`` and the pool's options
    (``max_connections``, ``timeout``)."""

    def create_pool(self, index: int) -> Any:
        options = dict(self.hosts[index])
        return redis.asyncio.BlockingConnectionPool.from_url(options.pop("address"), **options)
