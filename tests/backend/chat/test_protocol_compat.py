"""Clients of the protocol's first version name a study group's room by ``group``: for the
compatibility period (docs/realtime.md) they keep working, and frames about such a room carry
``group`` beside ``room``."""

import uuid

import pytest

from tests.factories import UserFactory, group_with

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(db):
    return {
        name: UserFactory.create(username=name, display_name=name.title(), language="en")
        for name in ("ann", "bo")
    }


@pytest.fixture
def group(people):
    return group_with(people["bo"], owner=people["ann"])


async def test_a_first_version_client_follows_and_writes_a_group_by_its_id(
    open_socket, people, group
) -> None:
    ann, bo = await open_socket(people["ann"]), await open_socket(people["bo"])

    await ann.send({"type": "subscribe", "group": group.pk, "after": 0})
    subscribed = await ann.receive_until("subscribed")
    await bo.send({"type": "subscribe", "group": group.pk, "after": None})
    await bo.receive_until("subscribed")
    await bo.send(
        {
            "type": "message.send",
            "group": group.pk,
            "body": "旧客户端",
            "client_id": str(uuid.uuid4()),
        }
    )
    received = (await ann.receive_until("message.new"))["message"]
    await ann.send({"type": "read", "group": group.pk, "message": received["id"]})
    unread = await ann.receive_until("unread")
    await ann.send({"type": "unsubscribe", "group": group.pk})

    assert subscribed == {
        "type": "subscribed",
        "room": group.room_id,
        "group": group.pk,
        "unread": 0,
    }
    assert (received["body"], received["room"], received["group"]) == (
        "旧客户端",
        group.room_id,
        group.pk,
    )
    assert (unread["group"], unread["count"]) == (group.pk, 0)


async def test_a_group_that_does_not_exist_is_refused_like_a_room_one_is_not_in(
    open_socket, people
) -> None:
    socket = await open_socket(people["ann"])

    await socket.send({"type": "subscribe", "group": 999_999, "after": 0, "ref": 7})
    refused = await socket.receive_until("error")

    assert (refused["code"], refused["group"], refused["ref"]) == ("not_member", 999_999, 7)
