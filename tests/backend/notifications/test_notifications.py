import uuid

import pytest

from apps.chat.services import delete_message, edit_message, post_message
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
        "secondment_planned",
        "secondment_confirmed",
        "secondment_declined",
        "secondment_approved",
        "secondment_cancelled",
        "secondment_active",
        "secondment_completed",
        "session_seat_offered",
        "session_cancelled",
        "session_moved",
    }


def excerpts(client) -> list[str]:
    """What the person's mention notifications quote."""
    notifications = client.get("/api/v1/notifications/").json()["results"]
    return [n["excerpt"] for n in notifications if n["kind"] == "mention"]


def test_a_mention_quotes_its_message_as_it_reads_now(client_for, db) -> None:
    ann, bo = UserFactory.create(username="ann"), UserFactory.create(username="bo")
    group = group_with(bo, owner=ann)
    message, _new = post_message(
        author=ann, room_id=group.room_id, body="@bo 密码是 1234", client_id=uuid.uuid4()
    )

    edit_message(user=ann, room_id=group.room_id, message_id=message.pk, body="@bo 请私聊")
    after_edit = excerpts(client_for(bo))
    delete_message(user=ann, room_id=group.room_id, message_id=message.pk)
    after_deletion = excerpts(client_for(bo))

    assert after_edit == ["@bo 请私聊"]
    assert after_deletion == [""], "the notification stays, the deleted text does not"


def test_someone_removed_from_a_group_keeps_no_quote_of_its_chat(client_for, db) -> None:
    ann, bo = UserFactory.create(username="ann"), UserFactory.create(username="bo")
    group = group_with(bo, owner=ann)
    post_message(author=ann, room_id=group.room_id, body="@bo 内部消息", client_id=uuid.uuid4())
    membership = group.memberships.get(user=bo)

    client_for(ann).post(f"/api/v1/groups/{group.pk}/members/{membership.pk}/remove/")

    assert excerpts(client_for(bo)) == [""]
