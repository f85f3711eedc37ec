"""Posting a message: what it costs the database, and what the room and the sender are told."""

import uuid

import pytest

from apps.chat.payloads import message_payload
from apps.chat.services import post_message
from tests.factories import UserFactory, group_with

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("body", "mentioned"), [("plain words", False), ("@bo look", True)])
def test_a_posted_message_gives_its_payload_without_another_query(
    django_assert_num_queries, body, mentioned
) -> None:
    ann, bo = UserFactory.create(username="ann"), UserFactory.create(username="bo")
    group = group_with(bo, owner=ann)
    message, _created = post_message(
        author=ann, room_id=group.room_id, body=body, client_id=uuid.uuid4()
    )

    with django_assert_num_queries(0):
        payload = message_payload(message)

    assert payload["mentions"] == ([bo.pk] if mentioned else [])
