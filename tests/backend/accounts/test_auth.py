from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.audit.models import AuditEvent
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def person(db):
    return UserFactory.create(username="lihua")


def test_browser_login_needs_the_csrf_token(person) -> None:
    browser = APIClient(enforce_csrf_checks=True)
    credentials = {"username": "lihua", "password": PASSWORD}

    refused = browser.post("/api/v1/auth/login/", credentials, format="json")
    token = browser.get("/api/v1/auth/csrf/").json()["csrf_token"]
    accepted = browser.post(
        "/api/v1/auth/login/", credentials, format="json", HTTP_X_CSRFTOKEN=token
    )

    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert accepted.status_code == 200
    assert accepted.json()["username"] == "lihua"
    assert browser.get("/api/v1/me/").json()["username"] == "lihua"


def test_a_signed_in_browser_needs_the_csrf_token_to_write(person) -> None:
    browser = APIClient(enforce_csrf_checks=True)
    token = browser.get("/api/v1/auth/csrf/").json()["csrf_token"]
    browser.post(
        "/api/v1/auth/login/",
        {"username": "lihua", "password": PASSWORD},
        format="json",
        HTTP_X_CSRFTOKEN=token,
    )
    # Django rotates the token at login; the browser reads the new cookie.
    token = browser.cookies["csrftoken"].value

    refused = browser.patch("/api/v1/me/", {"language": "en"}, format="json")
    accepted = browser.patch(
        "/api/v1/me/", {"language": "en"}, format="json", HTTP_X_CSRFTOKEN=token
    )

    assert refused.status_code == 403
    assert accepted.status_code == 200


def test_the_language_of_the_sign_in_page_is_kept_in_the_profile(api_client, person) -> None:
    assert person.language == "zh-hans"
    signed_in = api_client.post(
        "/api/v1/auth/login/",
        {"username": "lihua", "password": PASSWORD, "language": "en"},
        format="json",
    )

    assert signed_in.status_code == 200
    assert signed_in.json()["language"] == "en"
    person.refresh_from_db()
    assert person.language == "en"
    changed = AuditEvent.objects.get(action="profile.updated", object_id=str(person.pk))
    assert (changed.before, changed.after) == ({"language": "zh-hans"}, {"language": "en"})


def test_an_account_left_with_a_bad_field_still_signs_in_and_keeps_its_language(
    api_client, person
) -> None:
    # Written past validation, as an old import or the database shell might have.
    type(person).objects.filter(pk=person.pk).update(email="not an address")

    signed_in = api_client.post(
        "/api/v1/auth/login/",
        {"username": "lihua", "password": PASSWORD, "language": "en"},
        format="json",
    )

    assert signed_in.status_code == 200
    person.refresh_from_db()
    assert (person.language, person.email) == ("en", "not an address")


def test_a_language_the_app_does_not_have_is_refused_before_signing_in(api_client, person) -> None:
    refused = api_client.post(
        "/api/v1/auth/login/",
        {"username": "lihua", "password": PASSWORD, "language": "fr"},
        format="json",
    )

    assert refused.status_code == 400
    assert [error["field"] for error in refused.json()["errors"]] == ["language"]
    assert not AuditEvent.objects.filter(action="auth.login").exists()


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(api_client, person) -> None:
    wrong_password = api_client.post(
        "/api/v1/auth/login/", {"username": "lihua", "password": "nope"}, format="json"
    )
    no_such_user = api_client.post(
        "/api/v1/auth/login/", {"username": "nobody", "password": "nope"}, format="json"
    )

    assert wrong_password.status_code == no_such_user.status_code == 400
    assert (
        wrong_password.json()
        == no_such_user.json()
        == {
            "code": "invalid",
            "detail": "Wrong username or password.",
            "errors": [
                {
                    "field": None,
                    "code": "invalid_credentials",
                    "message": "Wrong username or password.",
                }
            ],
        }
    )
    failures = AuditEvent.objects.filter(action="auth.login_failed").order_by("id")
    assert [event.after for event in failures] == [
        {"username": "lihua", "site": "app", "reason": "invalid_credentials"},
        {"username": "nobody", "site": "app", "reason": "invalid_credentials"},
    ]


def test_a_deactivated_account_cannot_sign_in(api_client, person) -> None:
    person.is_active = False
    person.save()

    response = api_client.post(
        "/api/v1/auth/login/", {"username": "lihua", "password": PASSWORD}, format="json"
    )

    assert response.status_code == 400


def test_a_successful_login_is_audited(api_client, person) -> None:
    api_client.post(
        "/api/v1/auth/login/",
        {"username": "lihua", "password": PASSWORD},
        format="json",
        REMOTE_ADDR="10.1.2.3",
    )

    event = AuditEvent.objects.get(action="auth.login")
    assert (event.actor, event.object_id, event.source_address, event.after) == (
        person,
        str(person.pk),
        "10.1.2.3",
        {"site": "app"},
    )


def test_logout_ends_the_session(client_for, person) -> None:
    client = client_for(person)

    assert client.post("/api/v1/auth/logout/").status_code == 204
    assert client.get("/api/v1/me/").status_code == 401
    assert AuditEvent.objects.filter(action="auth.logout", actor=person).count() == 1


def test_api_clients_use_a_token_until_they_revoke_it(api_client, person) -> None:
    token = api_client.post(
        "/api/v1/auth/token/", {"username": "lihua", "password": PASSWORD}, format="json"
    ).json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    assert client.get("/api/v1/me/").json()["username"] == "lihua"
    assert client.delete("/api/v1/auth/token/").status_code == 204
    assert client.get("/api/v1/me/").status_code == 401


def test_a_token_request_with_a_wrong_password_gets_no_token(api_client, person) -> None:
    response = api_client.post(
        "/api/v1/auth/token/", {"username": "lihua", "password": "wrong"}, format="json"
    )

    assert response.status_code == 400
    assert "token" not in response.json()


def test_credentials_must_be_given(api_client, db) -> None:
    response = api_client.post("/api/v1/auth/login/", {}, format="json")

    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["username", "password"]


def test_a_token_past_its_lifetime_is_refused_and_a_new_one_issued(api_client, person) -> None:
    first = api_client.post(
        "/api/v1/auth/token/", {"username": "lihua", "password": PASSWORD}, format="json"
    ).json()["token"]
    Token.objects.filter(key=first).update(created=timezone.now() - timedelta(days=31))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {first}")

    refused = client.get("/api/v1/me/")
    second = api_client.post(
        "/api/v1/auth/token/", {"username": "lihua", "password": PASSWORD}, format="json"
    ).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {second}")
    status = client.get("/api/v1/auth/token/").json()

    assert (refused.status_code, refused.json()["detail"]) == (
        401,
        "The token has expired; ask for a new one.",
    )
    assert second != first
    assert client.get("/api/v1/me/").status_code == 200
    lifetime = datetime.fromisoformat(status["expires_at"]) - datetime.fromisoformat(
        status["created_at"]
    )
    assert lifetime == timedelta(days=30)


def test_changing_ones_password_ends_the_other_sessions_and_the_token(person) -> None:
    here, elsewhere = APIClient(), APIClient()
    for browser in (here, elsewhere):
        browser.post(
            "/api/v1/auth/login/", {"username": "lihua", "password": PASSWORD}, format="json"
        )
    token = (
        APIClient()
        .post("/api/v1/auth/token/", {"username": "lihua", "password": PASSWORD}, format="json")
        .json()["token"]
    )

    changed = here.post(
        "/api/v1/me/password/",
        {"current_password": PASSWORD, "new_password": "a new and longer passphrase"},
        format="json",
    )

    assert changed.status_code == 204
    assert here.get("/api/v1/me/").status_code == 200, "the session that asked goes on"
    assert elsewhere.get("/api/v1/me/").status_code == 401
    assert not Token.objects.filter(key=token).exists()
    assert AuditEvent.objects.filter(action="auth.password_changed", actor=person).count() == 1


@pytest.mark.parametrize(
    ("current", "new", "field", "code"),
    [
        ("not it", "a new and longer passphrase", "current_password", "wrong_password"),
        (PASSWORD, "12345", "new_password", "password_too_short"),
        (PASSWORD, "password123", "new_password", "password_too_common"),
    ],
)
def test_a_password_change_is_refused_by_name(client_for, person, current, new, field, code):
    response = client_for(person).post(
        "/api/v1/me/password/",
        {"current_password": current, "new_password": new},
        format="json",
    )

    assert response.status_code == 400
    assert (response.json()["errors"][0]["field"], response.json()["errors"][0]["code"]) == (
        field,
        code,
    )
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_asking_for_a_token_one_does_not_have_answers_nothing(client_for, person) -> None:
    answer = client_for(person).get("/api/v1/auth/token/")
    assert (answer.status_code, answer.content) == (204, b"")
