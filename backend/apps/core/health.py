"""The health of what the application needs: its database, its channel layer, and a worker of
its task runner."""

import asyncio
import logging
from typing import Any

from channels.layers import get_channel_layer
from django.db import connection

from apps.tasks.runner import worker_is_alive

logger = logging.getLogger(__name__)

LAYER_TIMEOUT_SECONDS = 2.0
# The prefix of the channel on which each process's hub listens (apps.realtime.hub).
# channels_redis reads one process channel at a time, for every receiver in the process: a round
# trip on a channel of any other prefix would wait behind the hub's blocking read, and fail.
PROCESS_CHANNEL_PREFIX = "hub."


def database_is_up() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return bool(cursor.fetchone() == (1,))
    except Exception:
        # Any failure means "down" to the caller; the reason goes to the log.
        logger.exception("Health check: the database is unreachable")
        return False


async def channel_layer_is_up() -> bool:
    """Send a message to a fresh channel of this process and read it back, through the real
    layer (and, once the hub listens, through its receive loop)."""
    layer: Any = get_channel_layer()  # both layers in use take a prefix; the base does not
    if layer is None:
        return False
    try:
        async with asyncio.timeout(LAYER_TIMEOUT_SECONDS):
            channel = await layer.new_channel(PROCESS_CHANNEL_PREFIX)
            await layer.send(channel, {"type": "healthz.ping"})
            message = await layer.receive(channel)
        return bool(message == {"type": "healthz.ping"})
    except Exception:
        logger.exception("Health check: the channel layer is unreachable")
        return False


def task_runner_is_up() -> bool:
    """A worker beat in the last few minutes (read from the runner's own store)."""
    try:
        return worker_is_alive()
    except Exception:
        logger.exception("Health check: the task runner's store is unreachable")
        return False
