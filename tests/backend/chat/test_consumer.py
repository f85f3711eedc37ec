"""The socket at /ws/, through the whole ASGI application: every frame type and every refusal.
Every frame received is checked against the protocol's types (``tests.backend.sockets``)."""

import asyncio
import json
import uuid
from typing import Any

import pytest
from channels.db import database_sync_to_async as sync_to_async
from django.test import Client

from apps.chat import consumers
from apps.chat.models import Message
from apps.groups import services as groups
from apps.groups.models import Membership
from apps.realtime import consumers as transport
from apps.realtime.events import room_group
from apps.realtime.hub import running_hub
from tests.backend.sockets import process_listener
from tests.factories import PASSWORD, UserFactory, group_with

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


def send_frame(room_id: int, body: str, client_id: uuid.UUID | None = None) -> dict[str, object]:
    return {
        "type": "message.send",
        "room": room_id,
        "body": body,
        "client_id": str(client_id or uuid.uuid4()),
    }


@pytest.fixture
def people(db):
    """Three people reading English (a socket's errors are in its person's language)."""
    return {
        name: UserFactory.create(username=name, display_name=name.title(), language="en")
        for name in ("ann", "bo", "cy")
    }


@pytest.fixture
def group(people):
    return group_with(people["bo"], owner=people["ann"])


# -- connecting ---------------------------------------------------------------------------------


async def test_a_socket_from_another_site_is_refused_at_the_handshake(open_socket, people) -> None:
    with pytest.raises(ConnectionRefusedError):
        await open_socket(people["ann"], origin=b"https://evil.example")


@pytest.mark.parametrize(
    "origin",
    [b"https://localhost", b"http://localhost:8443", b"http://evil.localhost", b"null", b""],
)
async def test_only_the_sites_own_origin_opens_a_socket(open_socket, people, origin) -> None:
    """Scheme and port count, not only the host (the site here is http://localhost)."""
    with pytest.raises(ConnectionRefusedError):
        await open_socket(people["ann"], origin=origin)


async def test_a_trusted_origin_opens_a_socket(open_socket, people, settings) -> None:
    settings.CSRF_TRUSTED_ORIGINS = ["https://talentbridge.city.example"]

    socket = await open_socket(people["ann"], origin=b"https://talentbridge.city.example")

    await socket.send({"type": "ping"})
    assert (await socket.receive())["type"] == "pong"


async def test_a_socket_without_a_session_may_only_authenticate(open_socket, group) -> None:
    socket = await open_socket(None)

    await socket.send({"type": "subscribe", "room": group.room_id})

    assert await socket.receive() == {
        "type": "error",
        "code": "not_authenticated",
        "detail": "Send an 'auth' frame with a token first.",
        "refused": "subscribe",
        "room": group.room_id,
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
    await ann.subscribe(group.room_id)
    await bo.subscribe(group.room_id)
    client_id = uuid.uuid4()

    await ann.send(send_frame(group.room_id, "大家好 @bo", client_id))

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
    await bo.subscribe(group.room_id)
    frame = send_frame(group.room_id, "once")

    await ann.send(frame)
    first = await ann.receive_until("message.ack")
    await ann.send(frame)
    second = await ann.receive_until("message.ack")

    assert first["message"]["id"] == second["message"]["id"]
    assert (await bo.receive_until("message.new"))["message"]["body"] == "once"
    assert await bo.nothing_more_of("message.new")
    assert await sync_to_async(Message.objects.count)() == 1


async def test_a_person_outside_the_room_can_neither_read_nor_write(
    open_socket, people, group
) -> None:
    cy = await open_socket(people["cy"])

    await cy.send({"type": "subscribe", "room": group.room_id, "after": 0})
    subscribe_refused = await cy.receive()
    await cy.send(send_frame(group.room_id, "let me in"))
    send_refused = await cy.receive()

    assert (subscribe_refused["code"], send_refused["code"]) == ("not_member", "not_member")
    assert subscribe_refused["detail"] == "You are not a member of this room."
    assert await sync_to_async(Message.objects.count)() == 0


async def test_a_member_removed_while_connected_loses_the_room_at_once(
    open_socket, people, group
) -> None:
    ann, bo = await open_socket(people["ann"]), await open_socket(people["bo"])
    await ann.subscribe(group.room_id)
    await bo.subscribe(group.room_id)
    membership = await sync_to_async(Membership.objects.get)(group=group, user=people["bo"])

    await sync_to_async(groups.remove_member)(actor=people["ann"], membership=membership)
    removed = await bo.receive_until("room.removed")
    await ann.send(send_frame(group.room_id, "after the removal"))
    await ann.receive_until("message.ack")

    assert removed == {"type": "room.removed", "room": group.room_id, "group": group.pk}
    assert await bo.nothing_more_of("message.new")
    await bo.send({"type": "subscribe", "room": group.room_id, "after": 0})
    assert (await bo.receive_until("error"))["code"] == "not_member"


async def test_a_message_written_after_a_removal_never_reaches_the_removed(
    open_socket, people, group
) -> None:
    """Even when the removal's own event is lost, the message's membership version tells."""
    ann, bo = await open_socket(people["ann"]), await open_socket(people["bo"])
    await ann.subscribe(group.room_id)
    await bo.subscribe(group.room_id)
    membership = await sync_to_async(Membership.objects.get)(group=group, user=people["bo"])
    layer, channel = process_listener()

    # The process stops hearing about bo personally: the removal event will not arrive.
    await layer.group_discard(f"user.{people['bo'].pk}", channel)
    await sync_to_async(groups.remove_member)(actor=people["ann"], membership=membership)
    await ann.send(send_frame(group.room_id, "secret plans"))
    await ann.receive_until("message.ack")

    assert (await bo.receive_until("room.removed"))["room"] == group.room_id
    assert await bo.nothing_more_of("message.new")


async def test_edits_and_deletions_reach_the_room(open_socket, people, group) -> None:
    ann, bo = await open_socket(people["ann"]), await open_socket(people["bo"])
    await bo.subscribe(group.room_id)
    await ann.send(send_frame(group.room_id, "draft"))
    message_id = (await ann.receive_until("message.ack"))["message"]["id"]

    await ann.send(
        {"type": "message.edit", "room": group.room_id, "message": message_id, "body": "final"}
    )
    edited = (await bo.receive_until("message.edited"))["message"]
    await bo.send(
        {"type": "message.edit", "room": group.room_id, "message": message_id, "body": "mine now"}
    )
    refused = await bo.receive_until("error")
    await ann.send({"type": "message.delete", "room": group.room_id, "message": message_id})
    deleted = (await bo.receive_until("message.deleted"))["message"]

    assert (edited["body"], edited["edited_at"] is not None) == ("final", True)
    assert refused["code"] == "not_author"
    assert (deleted["id"], deleted["deleted"], deleted["body"]) == (message_id, True, "")


async def test_typing_is_shown_to_the_others_and_read_markers_update_the_unread_count(
    open_socket, people, group
) -> None:
    ann, bo = await open_socket(people["ann"]), await open_socket(people["bo"])
    await ann.subscribe(group.room_id)
    await bo.subscribe(group.room_id)
    await ann.send(send_frame(group.room_id, "one"))
    last = (await bo.receive_until("message.new"))["message"]["id"]

    await ann.send({"type": "typing", "room": group.room_id})
    typing = await bo.receive_until("typing")
    await bo.send({"type": "read", "room": group.room_id, "message": last})
    unread = await bo.receive_until("unread")

    assert typing["user"] == {"id": people["ann"].pk, "display_name": "Ann"}
    assert unread == {
        "type": "unread",
        "room": group.room_id,
        "group": group.pk,
        "count": 0,
        "last_read": last,
    }


async def test_subscribing_tells_the_unread_count(open_socket, people, group) -> None:
    ann = await open_socket(people["ann"])
    for body in ("one", "two"):
        await ann.send(send_frame(group.room_id, body))
        await ann.receive_until("message.ack")
    bo = await open_socket(people["bo"])

    assert (await bo.subscribe(group.room_id)) == {
        "type": "subscribed",
        "room": group.room_id,
        "group": group.pk,
        "unread": 2,
    }


async def test_presence_online_idle_and_offline(open_socket, people, group) -> None:
    ann = await open_socket(people["ann"])
    await ann.subscribe(group.room_id)
    bo = await open_socket(people["bo"])
    await bo.send({"type": "subscribe", "room": group.room_id})
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
        await socket.subscribe(group.room_id)

    await asyncio.gather(ann.close(), bo.close())

    hub = running_hub()
    assert hub is not None
    assert (hub.rooms, hub.connections, hub.layer_groups) == ({}, {}, set())


async def test_a_mention_notifies_a_member_who_is_not_in_the_room(
    open_socket, people, group
) -> None:
    ann, bo = await open_socket(people["ann"]), await open_socket(people["bo"])

    await ann.send(send_frame(group.room_id, "@bo can you review the dashboard?"))

    notification = (await bo.receive_until("notification"))["notification"]
    assert (notification["kind"], notification["actor"], notification["target"]["id"]) == (
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
    await bo.subscribe(group.room_id)
    ann = await open_socket(people["ann"])
    await ann.send(send_frame(group.room_id, "before the cut"))
    seen = (await bo.receive_until("message.new"))["message"]["id"]
    await bo.close()

    for body in ("one", "two", "three"):
        await ann.send(send_frame(group.room_id, body))
        await ann.receive_until("message.ack")
    bo = await open_socket(people["bo"])
    await bo.send({"type": "subscribe", "room": group.room_id, "after": seen})
    missed = [(await bo.receive_until("message.new"))["message"]["body"] for _ in range(3)]
    await bo.receive_until("subscribed")
    await ann.send(send_frame(group.room_id, "live again"))

    assert missed == ["one", "two", "three"]
    assert (await bo.receive_until("message.new"))["message"]["body"] == "live again"
    assert await bo.nothing_more_of("message.new")


async def test_a_lost_event_is_filled_from_the_database_in_order(
    open_socket, people, group
) -> None:
    bo = await open_socket(people["bo"])
    await bo.subscribe(group.room_id)
    layer, channel = process_listener()
    ann = await open_socket(people["ann"])

    await layer.group_discard(room_group(group.room_id), channel)  # the next event is lost
    await ann.send(send_frame(group.room_id, "lost on the way"))
    await ann.receive_until("message.ack")
    await layer.group_add(room_group(group.room_id), channel)
    await ann.send(send_frame(group.room_id, "arrives"))

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
        ('{"type": "subscribe", "room": "seven"}', "invalid"),
        ('{"type": "subscribe", "group": "seven"}', "invalid"),
        ('{"type": "subscribe", "room": 1, "changed_after": "2026-13-45T00:00:00"}', "invalid"),
        ('{"type": "message.send", "room": 1, "body": "x", "client_id": "not-a-uuid"}', "invalid"),
        ('{"type": "presence", "state": "asleep"}', "invalid"),
        ("x" * (transport.MAX_FRAME_BYTES + 1), "frame_too_large"),
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

    await socket.send(send_frame(group.room_id, "   "))
    empty = await socket.receive_until("error")
    await socket.send(send_frame(group.room_id, "字" * 4001))
    long = await socket.receive_until("error")

    assert (empty["code"], empty["detail"]) == ("blank", "A message cannot be empty.")
    assert (long["code"], long["detail"]) == ("too_long", "A message has at most 4000 characters.")


async def test_messages_over_the_rate_are_refused(open_socket, people, group, chat_rate) -> None:
    chat_rate(2)
    socket = await open_socket(people["ann"])

    for body in ("one", "two", "three"):
        await socket.send(send_frame(group.room_id, body))
    answers = [await socket.receive_until_any(("message.ack", "error")) for _ in range(3)]

    assert [answer["type"] for answer in answers] == ["message.ack", "message.ack", "error"]
    assert answers[2]["code"] == "rate_limited"
    assert await sync_to_async(Message.objects.count)() == 2


async def test_every_kind_of_frame_counts_against_the_sockets_rate(
    open_socket, people, group, monkeypatch
) -> None:
    # A window longer than any test, so that only the count decides.
    monkeypatch.setattr(consumers.ChatConsumer, "frame_window_seconds", 3600.0)
    monkeypatch.setattr(consumers.ChatConsumer, "frames_per_window", 4)
    socket = await open_socket(people["ann"])
    await socket.subscribe(group.room_id)

    for frame in (
        {"type": "typing", "room": group.room_id},
        {"type": "presence", "state": "idle"},
        {"type": "ping"},
        {"type": "ping"},
    ):
        await socket.send(frame)
    answers = [await socket.receive_until_any(("pong", "error")) for _ in range(2)]

    assert [answer["type"] for answer in answers] == ["pong", "error"]
    assert answers[1]["code"] == "rate_limited"
    assert answers[1]["detail"] == "At most 4 frames in 3600 seconds; slow down."


async def test_a_socket_follows_a_bounded_number_of_rooms(open_socket, people, monkeypatch) -> None:
    monkeypatch.setattr(consumers, "MAX_SUBSCRIPTIONS", 1)
    first = await sync_to_async(group_with)(owner=people["ann"], name="one")
    second = await sync_to_async(group_with)(owner=people["ann"], name="two")
    socket = await open_socket(people["ann"])

    await socket.subscribe(first.room_id)
    await socket.send({"type": "subscribe", "room": second.room_id})

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
        headers=[
            (b"host", b"localhost"),
            (b"origin", b"http://localhost"),
            (b"cookie", f"sessionid={cookie}".encode()),
        ],
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


# -- the socket and the rest of the product -----------------------------------------------------


async def test_closing_an_account_closes_its_sockets(open_socket, people) -> None:
    from apps.accounts.services import deactivate_user

    admin = await sync_to_async(UserFactory.create)(roles=["admin"])
    socket = await open_socket(people["bo"])

    await sync_to_async(deactivate_user)(actor=admin, user=people["bo"])

    assert (await socket.communicator.receive_output(timeout=10)) == {
        "type": "websocket.close",
        "code": 4403,
    }


async def test_what_a_frame_changes_is_audited_with_the_sockets_address(
    open_socket, people, group
) -> None:
    from apps.audit.models import AuditEvent

    bo = await open_socket(people["bo"])
    await bo.send(send_frame(group.room_id, "off topic"))
    message_id = (await bo.receive_until("message.ack"))["message"]["id"]
    ann = await open_socket(people["ann"], client=("10.20.30.40", 51000))

    await ann.send({"type": "message.delete", "room": group.room_id, "message": message_id})
    await ann.send({"type": "ping"})
    await ann.receive_until("pong")

    event = await sync_to_async(AuditEvent.objects.get)(action="message.deleted_by_moderator")
    assert (event.actor_id, event.source_address) == (people["ann"].pk, "10.20.30.40")


async def test_a_chinese_reader_is_refused_in_chinese(
    open_socket, people, group, chat_rate
) -> None:
    chat_rate(1)
    reader = await sync_to_async(UserFactory.create)(language="zh-hans")
    await sync_to_async(group_with)(reader, owner=people["ann"], name="中文小组")
    room_id = await sync_to_async(lambda: reader.room_memberships.get().room_id)()
    socket = await open_socket(reader)

    await socket.send(send_frame(room_id, "   "))
    blank = await socket.receive_until("error")
    await socket.send(send_frame(room_id, "第一条"))
    await socket.receive_until("message.ack")
    await socket.send(send_frame(room_id, "第二条"))
    limited = await socket.receive_until("error")
    await socket.send({"type": "dance"})
    unknown = await socket.receive_until("error")

    assert blank["detail"] == "消息不能为空。"
    assert (limited["code"], limited["detail"]) == (
        "rate_limited",
        "每分钟最多发送 1 条消息，请稍候。",
    )
    assert unknown["detail"] == "未知的帧类型“dance”。"


async def test_rest_and_the_socket_share_one_rate(
    open_socket, people, group, chat_rate, client_for
) -> None:
    chat_rate(2)
    socket = await open_socket(people["ann"])
    for body in ("one", "two"):
        await socket.send(send_frame(group.room_id, body))
        await socket.receive_until("message.ack")

    client = await sync_to_async(client_for)(people["ann"])
    over = await sync_to_async(client.post)(
        f"/api/v1/rooms/{group.room_id}/messages/",
        {"body": "three", "client_id": str(uuid.uuid4())},
        format="json",
    )

    assert (over.status_code, over.json()["code"]) == (429, "rate_limited")
    assert 1 <= int(over["Retry-After"]) <= 60
    assert await sync_to_async(Message.objects.count)() == 2


async def test_a_removal_committed_while_subscribing_ends_the_subscription(
    open_socket, people, group, monkeypatch
) -> None:
    """The removal lands between the membership check and the catch-up (as another request
    would, on a busy machine): the socket is refused, and nothing written after reaches it."""
    membership = await sync_to_async(Membership.objects.get)(group=group, user=people["bo"])
    catch_up = consumers.ChatConsumer.loader.catch_up

    async def removed_meanwhile(*args: Any) -> Any:
        await sync_to_async(groups.remove_member)(actor=people["ann"], membership=membership)
        return await catch_up(*args)

    monkeypatch.setattr(consumers.ChatConsumer.loader, "catch_up", removed_meanwhile)
    ann, bo = await open_socket(people["ann"]), await open_socket(people["bo"])
    await ann.subscribe(group.room_id)

    await bo.send({"type": "subscribe", "room": group.room_id, "after": 0})
    refused = await bo.receive_until("error")
    await ann.send(send_frame(group.room_id, "after bo was removed"))
    await ann.receive_until("message.ack")

    assert refused["code"] == "not_member"
    assert await bo.nothing_more_of("message.new")


async def test_a_closed_account_is_refused_even_if_its_socket_was_not_closed(
    open_socket, people, group
) -> None:
    """The channel layer delivers at most once: were the close lost, each frame still asks the
    database."""
    from apps.accounts.models import User

    bo = await open_socket(people["bo"])
    await bo.subscribe(group.room_id)
    # Closed behind the socket's back (as if the event that closes its sockets was lost).
    await sync_to_async(User.objects.filter(pk=people["bo"].pk).update)(is_active=False)

    await bo.send(send_frame(group.room_id, "still here?"))

    assert (await bo.receive_until("error"))["code"] == "not_member"
    assert await sync_to_async(Message.objects.count)() == 0


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "subscribe", "room": 2**70, "after": 0},
        {"type": "read", "room": 1, "message": 2**63},
        {
            "type": "message.send",
            "room": 1,
            "body": "x",
            "client_id": str(uuid.uuid4()),
            "topic": 2**64,
        },
    ],
)
async def test_an_id_too_large_for_the_database_is_refused_and_the_socket_stays(
    open_socket, people, frame
) -> None:
    socket = await open_socket(people["ann"])

    await socket.send(frame)
    refused = await socket.receive_until("error")
    await socket.send({"type": "ping"})

    assert refused["code"] == "invalid"
    assert (await socket.receive_until("pong")) == {"type": "pong"}
