"""The permission matrix of the socket, as the REST one is of the API: every chat operation, as
every role, by a member of the room, someone who never was, and someone removed from it.

Chat belongs to a room's active members whatever their roles (administering gives no reading,
docs/api.md), so each role expects the same; an account without any role cannot open a socket
at all (test_socket_rights).
"""

import json
import uuid
from typing import Any

import pytest
from channels.db import database_sync_to_async as sync_to_async

from apps.chat.services import post_message
from apps.groups import services as groups
from apps.groups.models import Membership
from tests.factories import UserFactory, group_with

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

ROLES = ["staff", "organiser", "hr", "dept_head", "admin"]
STANDINGS = ["member", "never a member", "removed"]
OPERATIONS = ["subscribe", "message.send", "message.edit", "message.delete", "typing", "read"]
# What a member gets (the frame that answers, or None: no error), and what the others get.
ALLOWED = {
    "subscribe": "subscribed",
    "message.send": "message.ack",
    "message.edit": None,
    "message.delete": None,
    "typing": None,
    "read": None,
}
REFUSED = dict.fromkeys(OPERATIONS, "not_member") | {"typing": "not_subscribed"}


def scene(role: str, standing: str) -> tuple[Any, int, int]:
    """A group's room, the person (with ``role``) in the given standing, and a message of theirs
    (written while they were a member) or, if they never were one, of the owner's."""
    owner = UserFactory.create(username="owner")
    roles = ["staff"] if role == "staff" else ["staff", role]
    person = UserFactory.create(username="person", language="en", roles=roles)
    group = group_with(owner=owner)
    author = owner
    if standing != "never a member":
        groups.join_group(user=person, group=group)
        author = person
    message, _new = post_message(
        author=author, room_id=group.room_id, body="原来的消息", client_id=uuid.uuid4()
    )
    if standing == "removed":
        membership = Membership.objects.get(group=group, user=person)
        groups.remove_member(actor=owner, membership=membership)
    return person, group.room_id, message.pk


def frame_for(operation: str, room_id: int, message_id: int) -> dict[str, Any]:
    frame: dict[str, Any] = {"type": operation, "room": room_id}
    if operation == "message.send":
        frame |= {"body": "新消息", "client_id": str(uuid.uuid4())}
    elif operation == "message.edit":
        frame |= {"message": message_id, "body": "改过的消息"}
    elif operation in {"message.delete", "read"}:
        frame |= {"message": message_id}
    return frame


async def answers_to(socket: Any, frame: dict[str, Any]) -> list[dict[str, Any]]:
    """The frames that answer ``frame`` (up to the ``pong`` of a ping sent after it)."""
    await socket.send(frame)
    await socket.send({"type": "ping"})
    answers = []
    while (answer := await socket.receive())["type"] != "pong":
        answers.append(answer)
    return answers


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("standing", STANDINGS)
@pytest.mark.parametrize("role", ROLES)
async def test_socket_permission_matrix(open_socket, role, standing, operation) -> None:
    person, room_id, message_id = await sync_to_async(scene)(role, standing)
    socket = await open_socket(person)
    if operation == "typing" and standing == "member":
        await socket.subscribe(room_id)

    answers = await answers_to(socket, frame_for(operation, room_id, message_id))
    errors = [answer["code"] for answer in answers if answer["type"] == "error"]
    kinds = [answer["type"] for answer in answers if answer["type"] != "presence"]

    if standing == "member":
        assert errors == [], json.dumps(answers, ensure_ascii=False)
        expected = ALLOWED[operation]
        assert expected is None or expected in kinds
    else:
        assert errors == [REFUSED[operation]], json.dumps(answers, ensure_ascii=False)
