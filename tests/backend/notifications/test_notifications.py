import uuid

import pytest

from apps.chat.services import post_message
from tests.factories import UserFactory, group_with


def test_a_mention_waits_in_the_list_until_read(client_for, db) -> None:
    ann, bo = (
        UserFactory.create(username="ann", display_name="Ann"),
        UserFactory.create(username="bo"),
    )
    group = group_with(bo, owner=ann)
    post_message(author=ann, room_id=group.room_id, body="@bo 请看一下", client_id=uuid.uuid4())
    client = client_for(bo)

    unread = client.get("/api/v1/notifications/?unread=true").json()["results"]
    marked = client.post("/api/v1/notifications/read/", {}, format="json").json()

    (message,) = group.room.messages.all()
    assert [(n["kind"], n["actor"], n["target"], n["excerpt"]) for n in unread] == [
        (
            "mention",
            "Ann",
            {
                "kind": "study_group",
                "id": group.pk,
                "label": group.name,
                "link": f"/groups/{group.pk}#message-{message.pk}",
            },
            "@bo 请看一下",
        )
    ]
    assert marked == {"marked": 1}
    assert client.get("/api/v1/notifications/?unread=true").json()["results"] == []


def test_people_see_only_their_own_notifications(client_for, db) -> None:
    ann, bo, cy = (UserFactory.create(username=name) for name in ("ann", "bo", "cy"))
    group = group_with(bo, owner=ann)
    post_message(author=ann, room_id=group.room_id, body="@bo", client_id=uuid.uuid4())

    assert client_for(cy).get("/api/v1/notifications/").json()["count"] == 0


def test_a_mention_of_someone_outside_the_group_notifies_nobody(client_for, db) -> None:
    ann, outsider = UserFactory.create(username="ann"), UserFactory.create(username="outsider")
    group = group_with(owner=ann)

    message, _ = post_message(
        author=ann, room_id=group.room_id, body="@outsider 你好", client_id=uuid.uuid4()
    )

    assert list(message.mentions.all()) == []
    assert client_for(outsider).get("/api/v1/notifications/").json()["count"] == 0


def test_a_notification_of_an_unregistered_kind_is_refused(db) -> None:
    from apps.notifications.services import notify

    with pytest.raises(ValueError, match="not a registered kind"):
        notify(user=UserFactory.create(), kind="made_up")


def test_the_kinds_are_registered_by_the_apps_that_raise_them() -> None:
    from apps.notifications.kinds import registered

    assert registered() == {
        "mention",
        "join_requested",
        "join_approved",
        "join_rejected",
        "invited",
        "promoted",
        "removed",
    }
