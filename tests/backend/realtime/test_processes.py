"""Several daphne processes on one Redis, with real websocket clients: a message sent through
one process reaches sockets on the other, and a Redis restart loses nothing, not even who is
present."""

import asyncio
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.backend.realtime.servers import Client, prepare_database
from tests.servers import Daphne, RedisServer


@pytest.fixture
def two_processes(
    tmp_path: Path, redis_server: RedisServer
) -> Iterator[tuple[Daphne, Daphne, dict[str, Any]]]:
    env, data = prepare_database(tmp_path, redis_server.url)
    first, second = Daphne(env, tmp_path / "first.log"), Daphne(env, tmp_path / "second.log")
    yield first, second, data
    first.stop()
    second.stop()


def test_a_message_sent_through_one_process_reaches_a_socket_on_the_other(two_processes) -> None:
    first, second, data = two_processes

    async def conversation() -> list[str]:
        sender = Client(first.port, data["tokens"][0], data["room"])
        listener = Client(second.port, data["tokens"][1], data["room"])
        await sender.connect()
        await listener.connect()
        await sender.send("跨进程的消息")
        await listener.wait_for_bodies(["跨进程的消息"])
        await sender.close()
        await listener.close()
        return [message["body"] for message in listener.received]

    assert asyncio.run(conversation()) == ["跨进程的消息"]


def test_a_redis_restart_during_a_conversation_loses_and_repeats_nothing(
    two_processes, redis_server
) -> None:
    first, second, data = two_processes

    async def conversation() -> list[dict[str, Any]]:
        sender = Client(first.port, data["tokens"][0], data["room"])
        listener = Client(second.port, data["tokens"][1], data["room"])
        await sender.connect()
        await listener.connect()
        for body in ("one", "two"):
            await sender.send(body)
        await listener.wait_for_bodies(["one", "two"])

        await asyncio.to_thread(redis_server.stop)
        for body in ("three", "four"):  # stored; their events have nowhere to go
            await sender.send(body)
        await asyncio.to_thread(redis_server.start)
        await sender.send("five")
        try:
            await listener.wait_for_bodies(["three", "four", "five"], timeout=20)
        except TimeoutError:  # the socket went with Redis: reconnect and catch up
            await listener.close()
            await listener.connect()
            await listener.wait_for_bodies(["three", "four", "five"], timeout=20)
        await sender.close()
        await listener.close()
        return listener.received

    received = asyncio.run(conversation())
    assert [message["body"] for message in received] == ["one", "two", "three", "four", "five"]
    assert [message["seq"] for message in received] == [1, 2, 3, 4, 5]


def test_after_a_redis_restart_a_newcomer_sees_everyone_present(
    two_processes, redis_server
) -> None:
    """Redis forgets presence when it restarts; each process tells its rooms again who of its
    sockets is there, so that a socket that arrives afterwards sees all of them."""
    first, second, data = two_processes
    tokens, room = data["tokens"], data["room"]

    async def scene() -> set[str]:
        ann, bo = Client(first.port, tokens[0], room), Client(second.port, tokens[1], room)
        await ann.connect()
        await bo.connect()
        await asyncio.to_thread(redis_server.stop)
        await asyncio.to_thread(redis_server.start)
        await ann.still_connected()
        await bo.still_connected()
        async with asyncio.timeout(30):
            while True:  # until the processes have recovered and told their rooms again
                newcomer = Client(first.port, tokens[2], room)
                try:
                    await newcomer.connect()
                    seen = await newcomer.online()
                    await newcomer.close()
                except (OSError, TimeoutError):
                    seen = set()
                if len(seen) == 3:
                    break
                await asyncio.sleep(0.5)
        await ann.close()
        await bo.close()
        return seen

    assert len(asyncio.run(scene())) == 3


def health_of(port: int) -> tuple[int, dict[str, str]]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_a_process_whose_hub_listens_is_reported_healthy(two_processes) -> None:
    """The hub holds the process's blocking read on Redis for good once a socket connects; the
    health check's round trip goes through it, across several of its 5-second reads."""
    first, _second, data = two_processes

    async def checks() -> list[tuple[int, dict[str, str]]]:
        client = Client(first.port, data["tokens"][0], data["room"])
        await client.connect()
        answers = []
        for _ in range(14):
            answers.append(await asyncio.to_thread(health_of, first.port))
            await asyncio.sleep(0.5)
        await client.close()
        return answers

    answers = asyncio.run(checks())

    assert {status for status, _body in answers} == {200}
    assert {body["channel_layer"] for _status, body in answers} == {"ok"}
