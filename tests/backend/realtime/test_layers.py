"""The Redis channel layer waits for a free connection rather than fail when many calls run at
once (many sockets coming or going together)."""

import asyncio

import pytest

from apps.realtime.layers import WaitingRedisChannelLayer
from tests.servers import RedisServer

pytestmark = pytest.mark.asyncio


async def test_more_calls_at_once_than_connections_all_succeed(redis_server: RedisServer) -> None:
    layer = WaitingRedisChannelLayer(
        hosts=[{"address": redis_server.url, "max_connections": 3, "timeout": 10}]
    )
    channel = await layer.new_channel("hub.")
    await layer.group_add("room.1", channel)

    await asyncio.gather(
        *(layer.group_send("room.1", {"type": "hub.event", "n": n}) for n in range(60))
    )

    received = [await layer.receive(channel) for _ in range(60)]
    assert sorted(event["n"] for event in received) == list(range(60))
    await layer.flush()
    await layer.close_pools()
