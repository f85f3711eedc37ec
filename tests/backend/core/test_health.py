import pytest


@pytest.mark.django_db
def test_healthz_is_200_when_the_database_and_the_channel_layer_answer(client) -> None:
    from apps.tasks.runner import heartbeat

    heartbeat()  # a worker of the task runner is alive
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "channel_layer": "ok",
        "task_runner": "ok",
    }


@pytest.mark.django_db
def test_healthz_is_503_when_the_channel_layer_is_down(client, settings, caplog) -> None:
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:9/0"]},  # nothing listens on port 9
        }
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "channel_layer": "unavailable",
        "task_runner": "unavailable",
    }
    assert "the channel layer is unreachable" in caplog.text


def test_healthz_answers_get_only(client) -> None:
    assert client.post("/healthz").status_code == 405


def test_an_unknown_api_path_answers_in_the_error_shape(client) -> None:
    response = client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Not found.", "errors": []}
