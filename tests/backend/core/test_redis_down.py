"""With Redis down (the cache and the channel layer), the API keeps working: limits count
nothing and say so in the log, events are not sent, and nothing answers 500."""

import uuid

import pytest
from channels.layers import channel_layers

from tests.factories import PASSWORD, UserFactory, group_with
from tests.servers import free_port


@pytest.fixture
def redis_down(settings, cache_on_redis):
    url = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    cache_on_redis(url)
    settings.CHANNEL_LAYERS = {
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [url]}}
    }
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.mark.django_db(transaction=True)
def test_people_sign_in_and_chat_over_rest_while_redis_is_down(
    api_client, redis_down, caplog
) -> None:
    person = UserFactory.create(username="lihua")
    group = group_with(person)

    signed_in = api_client.post(
        "/api/v1/auth/login/", {"username": "lihua", "password": PASSWORD}, format="json"
    )
    posted = api_client.post(
        f"/api/v1/rooms/{group.room_id}/messages/",
        {"body": "Redis 不在也能发", "client_id": str(uuid.uuid4())},
        format="json",
    )
    listed = api_client.get(f"/api/v1/rooms/{group.room_id}/messages/")

    assert (signed_in.status_code, posted.status_code, listed.status_code) == (200, 201, 200)
    assert [message["body"] for message in listed.json()["results"]] == ["Redis 不在也能发"]
    assert "A limit's counter is unavailable; not limiting" in caplog.text
    assert "Could not publish an event" in caplog.text
