import uuid
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.chat.models import Message, MessageRevision
from apps.chat.services import delete_message, edit_message, post_message
from tests.factories import UserFactory, group_with


@pytest.fixture
def ann(db):
    return UserFactory.create(username="ann", display_name="Ann")


@pytest.fixture
def bo(db):
    return UserFactory.create(username="bo", display_name="Bo")


@pytest.fixture
def group(ann, bo):
    return group_with(bo, owner=ann)


def say(author, group, *bodies: str) -> list[Message]:
    return [
        post_message(author=author, room_id=group.room_id, body=body, client_id=uuid.uuid4())[0]
        for body in bodies
    ]


def bodies(response) -> list[str]:
    return [message["body"] for message in response.json()["results"]]


def test_history_pages_backwards_and_forwards_by_cursor(client_for, ann, group) -> None:
    messages = say(ann, group, *(f"m{number}" for number in range(1, 8)))
    client = client_for(ann)
    url = f"/api/v1/rooms/{group.room_id}/messages/"

    latest = client.get(url, {"limit": 3})
    older = client.get(url, {"before": messages[4].pk, "limit": 3})
    oldest = client.get(url, {"before": messages[1].pk, "limit": 3})
    newer = client.get(url, {"after": messages[4].pk, "limit": 10})

    assert (bodies(latest), latest.json()["has_more"]) == (["m5", "m6", "m7"], True)
    assert (bodies(older), older.json()["has_more"]) == (["m2", "m3", "m4"], True)
    assert (bodies(oldest), oldest.json()["has_more"]) == (["m1"], False)
    assert (bodies(newer), newer.json()["has_more"]) == (["m6", "m7"], False)
    assert [message["seq"] for message in latest.json()["results"]] == [5, 6, 7]


def test_both_cursors_at_once_are_refused(client_for, ann, group) -> None:
    response = client_for(ann).get(
        f"/api/v1/rooms/{group.room_id}/messages/", {"after": 1, "before": 5}
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "both_cursors"


def test_only_active_members_read_the_history(client_for, ann, bo, group) -> None:
    say(ann, group, "confidential")
    outsider = UserFactory.create()
    client_for(bo).post(f"/api/v1/groups/{group.pk}/leave/")

    for person in (outsider, bo):
        response = client_for(person).get(f"/api/v1/rooms/{group.room_id}/messages/")

        assert response.status_code == 404, "a room answers outsiders as one that does not exist"
        assert response.json()["code"] == "not_found"


def test_sending_over_rest_is_idempotent_per_client_id(client_for, ann, group) -> None:
    body = {"body": "会议改到周五", "client_id": str(uuid.uuid4())}
    url = f"/api/v1/rooms/{group.room_id}/messages/"

    first = client_for(ann).post(url, body, format="json")
    again = client_for(ann).post(url, body, format="json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert Message.objects.count() == 1


def test_the_author_edits_within_the_window_and_the_old_text_is_kept(
    client_for, ann, bo, group
) -> None:
    message, late = say(ann, group, "draft", "too late")
    Message.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    url = f"/api/v1/rooms/{group.room_id}/messages/"

    edited = client_for(ann).patch(f"{url}{message.pk}/", {"body": "final"}, format="json")
    not_author = client_for(bo).patch(f"{url}{message.pk}/", {"body": "mine"}, format="json")
    too_late = client_for(ann).patch(f"{url}{late.pk}/", {"body": "changed"}, format="json")

    assert (edited.json()["body"], edited.json()["edited_at"] is not None) == ("final", True)
    assert list(MessageRevision.objects.values_list("body", flat=True)) == ["draft"]
    assert (not_author.status_code, not_author.json()["code"]) == (403, "not_author")
    assert (too_late.status_code, too_late.json()["code"]) == (403, "edit_window")


def test_a_moderator_deletes_a_members_message_and_it_is_audited(
    client_for, ann, bo, group
) -> None:
    (message,) = say(bo, group, "off topic")

    response = client_for(ann).delete(f"/api/v1/rooms/{group.room_id}/messages/{message.pk}/")

    assert response.status_code == 204
    message.refresh_from_db()
    assert (message.body, message.deleted_at is not None) == ("", True)
    assert AuditEvent.objects.get(action="message.deleted_by_moderator").after == {
        "message": message.pk,
        "author": bo.pk,
    }


def revisions_url(group, message) -> str:
    return f"/api/v1/rooms/{group.room_id}/messages/{message.pk}/revisions/"


def test_a_member_reads_the_earlier_texts_of_an_edited_message_oldest_first(
    client_for, ann, bo, group
) -> None:
    (message,) = say(ann, group, "周三晚上七点")
    edit_message(user=ann, room_id=group.room_id, message_id=message.pk, body="周三晚上八点")
    edit_message(user=ann, room_id=group.room_id, message_id=message.pk, body="周四晚上八点")

    response = client_for(bo).get(revisions_url(group, message))

    assert response.status_code == 200
    page = response.json()
    assert (page["count"], page["next"], page["previous"]) == (2, None, None)
    assert [revision["body"] for revision in page["results"]] == ["周三晚上七点", "周三晚上八点"]
    assert [
        datetime.fromisoformat(revision["replaced_at"]) for revision in page["results"]
    ] == list(MessageRevision.objects.order_by("id").values_list("replaced_at", flat=True))
    current = client_for(bo).get(f"/api/v1/rooms/{group.room_id}/messages/").json()["results"]
    assert [(item["body"], item["edited_at"] is not None) for item in current] == [
        ("周四晚上八点", True)
    ]


def test_a_message_never_edited_has_an_empty_history(client_for, ann, group) -> None:
    (message,) = say(ann, group, "hello")

    response = client_for(ann).get(revisions_url(group, message))

    assert (response.status_code, response.json()) == (
        200,
        {"count": 0, "next": None, "previous": None, "results": []},
    )


def test_only_the_rooms_active_members_read_a_messages_history(client_for, ann, bo, group) -> None:
    (message,) = say(ann, group, "draft")
    edit_message(user=ann, room_id=group.room_id, message_id=message.pk, body="final")
    outsider = UserFactory.create()
    other = group_with(outsider, owner=ann, name="另一个小组")
    client_for(bo).post(f"/api/v1/groups/{group.pk}/leave/")

    answers = [client_for(person).get(revisions_url(group, message)) for person in (outsider, bo)]
    # A member of another room asks for this message through their own room.
    elsewhere = client_for(outsider).get(revisions_url(other, message))

    assert [(answer.status_code, answer.json()["code"]) for answer in answers] == [
        (404, "not_found"),
        (404, "not_found"),
    ]
    assert (elsewhere.status_code, elsewhere.json()["code"]) == (404, "not_found")
    assert "draft" not in elsewhere.content.decode()


def test_a_deleted_messages_history_is_not_shown(client_for, ann, bo, group) -> None:
    (message,) = say(ann, group, "a first thought")
    edit_message(user=ann, room_id=group.room_id, message_id=message.pk, body="a second thought")
    delete_message(user=ann, room_id=group.room_id, message_id=message.pk)

    english = client_for(bo).get(revisions_url(group, message), HTTP_ACCEPT_LANGUAGE="en")
    chinese = client_for(bo).get(revisions_url(group, message), HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert english.status_code == 404
    assert english.json() == {
        "code": "message_deleted",
        "detail": "This message was deleted: its earlier texts are no longer shown.",
        "errors": [],
    }
    assert chinese.json()["detail"] == "这条消息已删除，不再显示其修改记录。"
    assert "thought" not in english.content.decode()
    assert MessageRevision.objects.filter(message=message).count() == 2, "kept for the record"


def test_history_can_be_searched_in_chinese_and_english(client_for, ann, group) -> None:
    say(ann, group, "防汛数据看板的需求", "dashboard review on Friday", "其他事情")
    client = client_for(ann)
    url = f"/api/v1/rooms/{group.room_id}/messages/search/"

    assert bodies(client.get(url, {"q": "数据看板"})) == ["防汛数据看板的需求"]
    assert bodies(client.get(url, {"q": "dashboard"})) == ["dashboard review on Friday"]
    assert client.get(url).status_code == 400


def test_topics_are_threads_of_a_room(client_for, ann, group) -> None:
    url = f"/api/v1/rooms/{group.room_id}/topics/"

    created = client_for(ann).post(url, {"title": "Python 练习"}, format="json")
    duplicate = client_for(ann).post(url, {"title": "Python 练习"}, format="json")
    post = client_for(ann).post(
        f"/api/v1/rooms/{group.room_id}/messages/",
        {"body": "第一题", "client_id": str(uuid.uuid4()), "topic": created.json()["id"]},
        format="json",
    )

    assert created.status_code == 201
    assert [topic["title"] for topic in client_for(ann).get(url).json()] == ["Python 练习"]
    assert duplicate.json()["errors"][0]["code"] == "unique"
    assert post.json()["topic"] == created.json()["id"]


def test_read_markers_drive_the_unread_count_of_the_group_list(client_for, ann, bo, group) -> None:
    first, _second = say(ann, group, "one", "two")
    client = client_for(bo)

    before = client.get("/api/v1/groups/?mine=true").json()["results"][0]["unread_count"]
    marked = client.post(
        f"/api/v1/rooms/{group.room_id}/read/", {"message": first.pk}, format="json"
    )
    back = client.post(f"/api/v1/rooms/{group.room_id}/read/", {"message": 0}, format="json")

    assert before == 2
    assert marked.json() == {"unread": 1, "last_read": first.pk}
    assert back.json() == {"unread": 1, "last_read": first.pk}, "a read marker never moves back"
    assert client.get("/api/v1/groups/?mine=true").json()["results"][0]["unread_count"] == 1


def test_a_member_reads_the_room_and_who_is_in_it(client_for, ann, bo, group) -> None:
    (message,) = say(ann, group, "hello")
    client = client_for(bo)

    room = client.get(f"/api/v1/rooms/{group.room_id}/").json()
    people = client.get(f"/api/v1/rooms/{group.room_id}/members/").json()["results"]
    found = client.get(f"/api/v1/rooms/{group.room_id}/members/?q=an").json()["results"]

    assert room == {
        "id": group.room_id,
        "kind": "study_group",
        "title": group.name,
        "link": f"/groups/{group.pk}",
        "archived": False,
        "is_moderator": False,
        "last_read_message_id": 0,
        "unread_count": 1,
    }
    assert [person["username"] for person in people] == ["ann", "bo"]
    assert found == [{"id": ann.pk, "username": "ann", "display_name": "Ann"}]
    assert client_for(ann).get(f"/api/v1/rooms/{group.room_id}/").json()["is_moderator"] is True
    assert message.room_id == group.room_id


def test_an_id_too_large_for_the_database_answers_like_a_missing_one(
    client_for, ann, group
) -> None:
    client = client_for(ann)
    huge = 2**70

    assert client.get(f"/api/v1/rooms/{huge}/").status_code == 404
    assert client.get(f"/api/v1/rooms/{huge}/messages/").status_code == 404
    marker = client.post(f"/api/v1/rooms/{group.room_id}/read/", {"message": huge}, format="json")
    assert (marker.status_code, marker.json()["errors"][0]["field"]) == (400, "message")


def test_a_read_marker_never_passes_the_rooms_last_message(client_for, ann, bo, group) -> None:
    (first,) = say(ann, group, "one")
    client = client_for(bo)

    marked = client.post(f"/api/v1/rooms/{group.room_id}/read/", {"message": 10**12}, format="json")
    say(ann, group, "two")

    assert marked.json() == {"unread": 0, "last_read": first.pk}
    assert client.get(f"/api/v1/rooms/{group.room_id}/").json()["unread_count"] == 1


def test_sending_is_idempotent_per_room(client_for, ann, bo, group) -> None:
    other = group_with(owner=ann, name="另一个小组")
    body = {"body": "你好", "client_id": str(uuid.uuid4())}
    client = client_for(ann)
    first = client.post(f"/api/v1/rooms/{group.room_id}/messages/", body, format="json")

    elsewhere = client.post(f"/api/v1/rooms/{other.room_id}/messages/", body, format="json")

    assert (first.status_code, elsewhere.status_code) == (201, 201)
    assert elsewhere.json()["room"] == other.room_id != first.json()["room"]


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the tests' SQLite database lives in memory, where threads lock each other out; "
    "CI's second run takes this on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_the_same_message_sent_many_times_at_once_is_stored_once(ann, bo) -> None:
    """Ten sends of one client id at the same moment (a client resending after a reconnection):
    one message, and every answer is that message."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    from tests.backend.openapi import CheckedAPIClient

    group = group_with(bo, owner=ann)
    body = {"body": "只发一次", "client_id": str(uuid.uuid4())}

    def send(_: int) -> tuple[int, int]:
        client = CheckedAPIClient()
        client.force_login(ann)
        try:
            response = client.post(f"/api/v1/rooms/{group.room_id}/messages/", body, format="json")
            return response.status_code, response.json()["id"]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(send, range(10)))

    assert sorted(status for status, _id in answers) == [200] * 9 + [201]
    assert len({message_id for _status, message_id in answers}) == 1
    assert Message.objects.filter(client_id=body["client_id"]).count() == 1


def test_a_messages_times_are_in_the_sites_time_zone_like_every_other_time(
    client_for, ann, group
) -> None:
    sent = client_for(ann).post(
        f"/api/v1/rooms/{group.room_id}/messages/",
        {"body": "几点了", "client_id": str(uuid.uuid4())},
        format="json",
    )
    group_page = client_for(ann).get(f"/api/v1/groups/{group.pk}/")

    assert sent.json()["created_at"].endswith("+08:00")
    assert group_page.json()["created_at"].endswith("+08:00")
