"""The socket at /ws/, through the whole ASGI application: every frame type and every refusal."""

import asyncio
import json
import uuid

import pytest
from channels.db import database_sync_to_async as sync_to_async
from django.test import Client

from apps.chat.models import Message
from apps.groups import services as groups
from apps.groups.models import Membership
from apps.realtime import consumers
from apps.realtime.events import room_group
from apps.realtime.hub import running_hub
from tests.backend.realtime.conftest import process_listener
from tests.factories import PASSWORD, UserFactory, group_with

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


def send_frame(group_id: int, body: str, client_id: uuid.UUID | None = None) -> dict[str, object]:
    return {
        "type": "message.send",
        "group": group_id,
        "body": body,
        "client_id": str(client_id or uuid.uuid4()),
    }


@pytest.fixture
def people(db):
    return {
        name: UserFactory.create(username=name, display_name=name.title())
        for name in ("ann", "bo", "cy")
    }


@pytest.fixture
def group(people):
    return group_with(people["bo"], owner=people["ann"])


# -- connecting ---------------------------------------------------------------------------------


async def test_a_socket_from_another_site_is_refused_at_the_handshake(open_socket, people) -> None:
    with pytest.raises(ConnectionRefusedError):
        await open_socket(people["ann"], origin=b"https://evil.example")


async def test_a_socket_without_a_session_may_only_authenticate(open_socket, group) -> None:
    socket = await open_socket(None)

    await socket.send({"type": "subscribe", "group": group.pk})

    assert await socket.receive() == {
        "type": "error",
        "code": "not_authenticated",
        "detail": "Send an 'auth' frame with a token first.",
        "refused": "subscribe",
        "group": group.pk,
    }


async def test_an_api_client_authenticates_with_a_token_in_its_first_frame(
    open_socket, people
) -> None:
    token = (
        await sync_to_async(Client().post)(
            "/api/v1/auth/token/",
            {"username": "ann", "password": PASSWORD},
            content_type="application/json",
        )
    ).json()["token"]
    socket = await open_socket(None)

    await socket.send({"type": "auth", "token": "not-a-token"})
    refused = await socket.receive()
    await socket.send({"type": "auth", "token": token})

    assert refused["code"] == "not_authenticated"
    assert await socket.receive() == {
        "type": "ready",
        "user": {"id": people["ann"].pk, "username": "ann", "display_name": "Ann"},
    }


# -- messages -----------------------------------------------------------------------------------


async def test_a_message_reaches_every_member_subscribed_and_the_sender_gets_an_ack(
    open_socket, people, group
) -> None:
    ann, bo = await open_socket(people["ann"]), await open_socket(people["bo"])
    await ann.subscribe(group.pk)
    await bo.subscribe(group.pk)
    client_id = uuid.uuid4()

    await ann.send(send_frame(group.pk, "大家好 @bo", client_id))

    to_sender = [await ann.receive_until_any(("message.ack", "message.new")) for _ in range(2)]
    by_type = {frame["type"]: frame for frame in to_sender}
    received = (await bo.receive_until("message.new"))["message"]
    assert by_type["message.ack"]["client_id"] == str(client_id)
    assert received == by_type["message.ack"]["message"] == by_type["message.new"]["message"]
    assert (received["body"], received["seq"], received["author"]["username"]) == (
        "大家好 @bo",
        1,
        "ann",
    )
    assert received["mentions"] == [people["bo"].pk]


async def test_sending_the_same_client_id_twice_sends_one_message(
    open_socket, people, group
) -> None:
    ann, bo = await open_socket(people["ann"]), await open_socket(people["bo"])
    await bo.subscribe(group.pk)
    frame = send_frame(group.pk, "once")

    await ann.send(frame)
    first = await ann.receive_until("message.ack")
    await ann.send(frame)
    second = await ann.receive_until("message.ack")

    assert first["message"]["id"] == second["message"]["id"]
    assert (await bo.receive_until("message.new"))["message"]["body"] == "once"
    assert await bo.nothing_more_of("message.new")
    assert await sync_to_async(Message.objects.count)() == 1


async def test_a_person_outside_the_group_can_neither_read_nor_write(
    open_socket, people, group
) -> None:
    cy = await open_socket(people["cy"])

    await cy.send({"type": "subscribe", "group": group.pk, "after": 0})
    subscribe_refused = await cy.receive()
    await cy.send(send_frame(group.pk, "let me in"))
    send_refused = await cy.receive()

    assert (subscribe_refused["code"], send_refused["code"]) == ("not_member", "not_member")
    assert subscribe_refused["detail"] == "You are not a member of this group."
    assert await sync_to_async(Message.objects.count)() == 0


async def test_a_member_removed_while_connected_loses_the_room_at_once(
    open_socket, people, group
) -> None:
    ann, bo = await open_socket(people["ann"]), await open_socket(people["bo"])
    await ann.subscribe(group.pk)
    await bo.subscribe(group.pk)
    membership = await sync_to_async(Membership.objects.get)(group=group, user=people["bo"])

    await sync_to_async(groups.remove_member)(actor=people["ann"], membership=membership)
    removed = await bo.receive_until("group.removed")
    await ann.send(send_frame(group.pk, "after the removal"))
    await ann.receive_until("message.ack")

    assert removed == {"type": "group.removed", "group": group.pk}
    assert await bo.nothing_more_of("message.new")
    await bo.send({"type": "subscribe", "group": group.pk, "after": 0})
    assert (await bo.receive_until("error"))["code"] == "not_member"


async def test_a_message_written_after_a_removal_never_reaches_the_removed(
    open_socket, people, group
) -> None:
    """Even when the removal's own event is lost, the message's membership version tells."""
    ann, bo = await open_socket(people["ann"]), await open_socket(people["bo"])
    await ann.subscribe(group.pk)
    await bo.subscribe(group.pk)
    membership = await sync_to_async(Membership.objects.get)(group=group, user=people["bo"])
    layer, channel = process_listener()

    # The process stops hearing about bo personally: the removal event will not arrive.
    await layer.group_discard(f"user.{people['bo'].pk}", channel)
    await sync_to_async(groups.remove_member)(actor=people["ann"], membership=membership)
    await ann.send(send_frame(group.pk, "secret plans"))
    await ann.receive_until("message.ack")

    assert (await bo.receive_until("group.removed"))["group"] == group.pk
    assert await bo.nothing_more_of("message.new")


async def test_edits_and_deletions_reach_the_room(open_socket, people, group) -> None:
    ann, bo = await open_socket(people["ann"]), await open_socket(people["bo"])
    await bo.subscribe(group.pk)
    await ann.send(send_frame(group.pk, "draft"))
    message_id = (await ann.receive_until("message.ack"))["message"]["id"]

    await ann.send(
        {"type": "message.edit", "group": group.pk, "message": message_id, "body": "final"}
    )
    edited = (await bo.receive_until("message.edited"))["message"]
    await bo.send(
        {"type": "message.edit", "group": group.pk, "message": message_id, "body": "mine now"}
    )
    refused = await bo.receive_until("error")
    await ann.send({"type": "message.delete", "group": group.pk, "message": message_id})
    deleted = (await bo.receive_until("message.deleted"))["message"]

    assert (edited["body"], edited["edited_at"] is not None) == ("final", True)
    assert refused["code"] == "not_author"
    assert (deleted["id"], deleted["deleted"], deleted["body"]) == (message_id, True, "")


async def test_typing_is_shown_to_the_others_and_read_markers_update_the_unread_count(
    open_socket, people, group
) -> None:
    ann, bo = await open_socket(people["ann"]), await open_socket(people["bo"])
    await ann.subscribe(group.pk)
    await bo.subscribe(group.pk)
    await ann.send(send_frame(group.pk, "one"))
    last = (await bo.receive_until("message.new"))["message"]["id"]

    await ann.send({"type": "typing", "group": group.pk})
    typing = await bo.receive_until("typing")
    await bo.send({"type": "read", "group": group.pk, "message": last})
    unread = await bo.receive_until("unread")

    assert typing["user"] == {"id": people["ann"].pk, "display_name": "Ann"}
    assert unread == {"type": "unread", "group": group.pk, "count": 0, "last_read": last}


async def test_subscribing_tells_the_unread_count(open_socket, people, group) -> None:
    ann = await open_socket(people["ann"])
    for body in ("one", "two"):
        await ann.send(send_frame(group.pk, body))
        await ann.receive_until("message.ack")
    bo = await open_socket(people["bo"])

    assert (await bo.subscribe(group.pk)) == {"type": "subscribed", "group": group.pk, "unread": 2}


async def test_presence_online_idle_and_offline(open_socket, people, group) -> None:
    ann = await open_socket(people["ann"])
    await ann.subscribe(group.pk)
    bo = await open_socket(people["bo"])
    await bo.send({"type": "subscribe", "group": group.pk})
    snapshot = await bo.receive_until("presence")
    bo_id = str(people["bo"].pk)

    came = await ann.receive_until("presence")
    await bo.send({"type": "presence", "state": "idle"})
    idle = await ann.receive_until("presence")
    await bo.close()
    left = await ann.receive_until("presence")

    assert snapshot["users"][str(people["ann"].pk)] == "online"
    assert (came["users"], idle["users"], left["users"]) == (
        {bo_id: "online"},
        {bo_id: "idle"},
        {bo_id: "offline"},
    )


async def test_the_sockets_of_a_room_closing_at_once_leave_nothing_behind(
    open_socket, people, group
) -> None:
    ann = await open_socket(people["ann"])
    bo = await open_socket(people["bo"])
    for socket in (ann, bo):
        await socket.subscribe(group.pk)

    await asyncio.gather(ann.close(), bo.close())

    hub = running_hub()
    assert hub is not None
    assert (hub.rooms, hub.connections, hub.layer_groups) == ({}, {}, set())


async def test_a_mention_notifies_a_member_who_is_not_in_the_room(
    open_socket, people, group
) -> None:
    ann, bo = await open_socket(people["ann"]), await open_socket(people["bo"])

    await ann.send(send_frame(group.pk, "@bo can you review the dashboard?"))

    notification = (await bo.receive_until("notification"))["notification"]
    assert (notification["kind"], notification["actor"], notification["group"]["id"]) == (
        "mention",
        "Ann",
        group.pk,
    )
    assert notification["excerpt"] == "@bo can you review the dashboard?"


# -- catching up --------------------------------------------------------------------------------


async def test_a_client_that_reconnects_gets_each_missed_message_once_and_in_order(
    open_socket, people, group
) -> None:
    bo = await open_socket(people["bo"])
    await bo.subscribe(group.pk)
    ann = await open_socket(people["ann"])
    await ann.send(send_frame(group.pk, "before the cut"))
    seen = (await bo.receive_until("message.new"))["message"]["id"]
    await bo.close()

    for body in ("one", "two", "three"):
        await ann.send(send_frame(group.pk, body))
        await ann.receive_until("message.ack")
    bo = await open_socket(people["bo"])
    await bo.send({"type": "subscribe", "group": group.pk, "after": seen})
    missed = [(await bo.receive_until("message.new"))["message"]["body"] for _ in range(3)]
    await bo.receive_until("subscribed")
    await ann.send(send_frame(group.pk, "live again"))

    assert missed == ["one", "two", "three"]
    assert (await bo.receive_until("message.new"))["message"]["body"] == "live again"
    assert await bo.nothing_more_of("message.new")


async def test_a_lost_event_is_filled_from_the_database_in_order(
    open_socket, people, group
) -> None:
    bo = await open_socket(people["bo"])
    await bo.subscribe(group.pk)
    layer, channel = process_listener()
    ann = await open_socket(people["ann"])

    await layer.group_discard(room_group(group.pk), channel)  # the next event is lost
    await ann.send(send_frame(group.pk, "lost on the way"))
    await ann.receive_until("message.ack")
    await layer.group_add(room_group(group.pk), channel)
    await ann.send(send_frame(group.pk, "arrives"))

    bodies = [(await bo.receive_until("message.new"))["message"]["body"] for _ in range(2)]
    assert bodies == ["lost on the way", "arrives"]


# -- bounds and bad frames ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("{not json", "malformed"),
        ('["a", "list"]', "malformed"),
        ('{"no": "type"}', "malformed"),
        ('{"type": "dance"}', "unknown_type"),
        ('{"type": "subscribe", "group": "seven"}', "invalid"),
        ('{"type": "message.send", "group": 1, "body": "x", "client_id": "not-a-uuid"}', "invalid"),
        ('{"type": "presence", "state": "asleep"}', "invalid"),
        ("x" * (consumers.MAX_FRAME_BYTES + 1), "frame_too_large"),
    ],
)
async def test_a_bad_frame_gets_an_error_and_the_socket_stays_open(
    open_socket, people, text, code
) -> None:
    socket = await open_socket(people["ann"])

    await socket.send(text)
    refused = await socket.receive()
    await socket.send({"type": "ping"})

    assert (refused["type"], refused["code"]) == ("error", code)
    assert await socket.receive() == {"type": "pong"}


async def test_an_empty_or_overlong_message_is_refused_naming_the_body(
    open_socket, people, group
) -> None:
    socket = await open_socket(people["ann"])

    await socket.send(send_frame(group.pk, "   "))
    empty = await socket.receive_until("error")
    await socket.send(send_frame(group.pk, "字" * 4001))
    long = await socket.receive_until("error")

    assert (empty["code"], empty["detail"]) == ("blank", "A message cannot be empty.")
    assert (long["code"], long["detail"]) == ("too_long", "A message has at most 4000 characters.")


async def test_messages_over_the_rate_are_refused(open_socket, people, group, chat_rate) -> None:
    chat_rate(2)
    socket = await open_socket(people["ann"])

    for body in ("one", "two", "three"):
        await socket.send(send_frame(group.pk, body))
    answers = [await socket.receive_until_any(("message.ack", "error")) for _ in range(3)]

    assert [answer["type"] for answer in answers] == ["message.ack", "message.ack", "error"]
    assert answers[2]["code"] == "rate_limited"
    assert await sync_to_async(Message.objects.count)() == 2


async def test_a_socket_follows_a_bounded_number_of_groups(
    open_socket, people, monkeypatch
) -> None:
    monkeypatch.setattr(consumers, "MAX_SUBSCRIPTIONS", 1)
    first = await sync_to_async(group_with)(owner=people["ann"], name="one")
    second = await sync_to_async(group_with)(owner=people["ann"], name="two")
    socket = await open_socket(people["ann"])

    await socket.subscribe(first.pk)
    await socket.send({"type": "subscribe", "group": second.pk})

    assert (await socket.receive_until("error"))["code"] == "too_many_subscriptions"


async def test_signing_out_closes_the_sockets_of_that_session(people) -> None:
    from channels.testing import WebsocketCommunicator

    from config.asgi import application

    client = Client()
    await sync_to_async(client.force_login)(people["ann"])
    cookie = client.cookies["sessionid"].value
    communicator = WebsocketCommunicator(
        application,
        "/ws/",
        headers=[(b"origin", b"http://localhost"), (b"cookie", f"sessionid={cookie}".encode())],
    )
    await communicator.connect()
    assert json.loads(await communicator.receive_from())["type"] == "ready"

    await sync_to_async(client.post)("/api/v1/auth/logout/")

    assert (await communicator.receive_output(timeout=3)) == {
        "type": "websocket.close",
        "code": 4401,
    }
    hub = running_hub()
    if hub is not None:
        await hub.stop()
