"""The real-time side's database calls keep their thread's connection, unless it went wrong;
its cache client is one for the whole process."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from django.db import connection, transaction

from apps.accounts.models import User
from apps.core.cache import process_cache
from apps.realtime.database import close_connections, in_database

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


@pytest_asyncio.fixture(autouse=True)
async def closed_afterwards() -> AsyncIterator[None]:
    yield
    await close_connections()


@in_database
def connection_in_use() -> Any:
    User.objects.exists()
    return connection.connection


@in_database
def connection_left_in_a_transaction() -> Any:
    User.objects.exists()
    transaction.set_autocommit(False)
    return connection.connection


async def test_calls_share_the_connection_of_the_database_thread() -> None:
    first = await connection_in_use()
    second = await connection_in_use()

    assert first is second


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the tests' SQLite database lives in memory, and Django never closes its connections",
)
async def test_a_connection_left_outside_autocommit_is_not_used_again() -> None:
    left = await connection_left_in_a_transaction()

    assert await connection_in_use() is not left


async def test_every_socket_task_gets_the_same_cache_client() -> None:
    async def client() -> Any:
        return process_cache()

    first, second = await asyncio.gather(client(), client())

    assert first is second
