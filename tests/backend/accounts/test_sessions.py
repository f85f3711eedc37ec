"""The session policy: an idle timeout and a lifetime; the person's sessions listed in their
profile and ended from there; a new password ends the others."""

from datetime import UTC, datetime
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from rest_framework.test import APIClient

from apps.accounts.models import BrowserSession
from apps.audit.models import AuditEvent
from apps.core import sessions
from tests.backend.openapi import CheckedAPIClient
from tests.factories import PASSWORD, UserFactory

CHROME_ON_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture
def person(db):
    return UserFactory.create(username="lihua")


def signed_in(username: str = "lihua", user_agent: str = CHROME_ON_WINDOWS) -> APIClient:
    """A browser that signed in through the web app's sign-in."""
    browser = CheckedAPIClient(HTTP_USER_AGENT=user_agent)
    answer = browser.post(
        "/api/v1/auth/login/", {"username": username, "password": PASSWORD}, format="json"
    )
    assert answer.status_code == 200
    return browser


def session_of(browser: APIClient) -> SessionStore:
    return SessionStore(browser.cookies[settings.SESSION_COOKIE_NAME].value)


def as_if_time_went_by(browser: APIClient, seconds: float) -> None:
    """The browser's session as it would be ``seconds`` later with nothing done: the moments it
    keeps move back (Django's expiry date is left, to show that the policy is applied by the
    moments themselves)."""
    session = session_of(browser)
    session[sessions.SIGNED_IN_AT] -= seconds
    session[sessions.LAST_SEEN_AT] -= seconds
    session.save()


def test_the_profile_lists_where_i_am_signed_in(person) -> None:
    laptop = signed_in()
    phone = signed_in(user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)")

    listed = laptop.get("/api/v1/me/sessions/")

    assert listed.status_code == 200
    assert {(entry["user_agent"], entry["current"]) for entry in listed.json()} == {
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)", False),
        (CHROME_ON_WINDOWS, True),
    }
    first = listed.json()[0]
    assert first["site"] == "app"
    assert first["address"] == "127.0.0.1"
    assert first["signed_in_at"] <= first["last_seen_at"] < first["expires_at"]
    # The phone sees the same two, itself marked.
    assert sum(entry["current"] for entry in phone.get("/api/v1/me/sessions/").json()) == 1


def test_no_one_sees_or_ends_another_persons_sessions(person) -> None:
    UserFactory.create(username="zhang")
    mine = signed_in()
    theirs = signed_in("zhang")
    their_session = theirs.get("/api/v1/me/sessions/").json()[0]["id"]

    assert len(mine.get("/api/v1/me/sessions/").json()) == 1
    assert mine.delete(f"/api/v1/me/sessions/{their_session}/").status_code == 404
    assert theirs.get("/api/v1/me/").status_code == 200


def test_ending_a_session_signs_that_browser_out_at_once(person) -> None:
    laptop, phone = signed_in(), signed_in()
    phone_session = next(
        entry["id"] for entry in laptop.get("/api/v1/me/sessions/").json() if not entry["current"]
    )

    ended = laptop.delete(f"/api/v1/me/sessions/{phone_session}/")

    assert ended.status_code == 204
    assert phone.get("/api/v1/me/").status_code == 401
    assert laptop.get("/api/v1/me/").status_code == 200
    assert [entry["current"] for entry in laptop.get("/api/v1/me/sessions/").json()] == [True]
    event = AuditEvent.objects.get(action="auth.session_ended")
    assert (event.actor, event.before) == (person, {"site": "app", "address": "127.0.0.1"})


def test_ending_this_session_signs_out(person) -> None:
    laptop = signed_in()
    this_session = laptop.get("/api/v1/me/sessions/").json()[0]["id"]

    assert laptop.delete(f"/api/v1/me/sessions/{this_session}/").status_code == 204
    assert laptop.get("/api/v1/me/").status_code == 401


def test_signing_out_everywhere_else_keeps_this_session(person) -> None:
    laptop, phone, tablet = signed_in(), signed_in(), signed_in()

    answer = laptop.post("/api/v1/me/sessions/others/")

    assert answer.json() == {"ended": 2}
    assert phone.get("/api/v1/me/").status_code == 401
    assert tablet.get("/api/v1/me/").status_code == 401
    assert laptop.get("/api/v1/me/").status_code == 200
    assert AuditEvent.objects.get(action="auth.other_sessions_ended").after == {"sessions": 2}


def test_a_new_password_ends_the_other_sessions_and_keeps_this_one(person) -> None:
    laptop, phone = signed_in(), signed_in()

    changed = laptop.post(
        "/api/v1/me/password/",
        {"current_password": PASSWORD, "new_password": "a long new passphrase 2026"},
        format="json",
    )

    assert changed.status_code == 204
    assert phone.get("/api/v1/me/").status_code == 401
    assert laptop.get("/api/v1/me/").status_code == 200
    assert len(laptop.get("/api/v1/me/sessions/").json()) == 1
    # The other session is gone from the store, not merely unusable.
    assert Session.objects.count() == 1


def test_a_session_ends_after_the_idle_timeout(person) -> None:
    browser = signed_in()

    as_if_time_went_by(browser, settings.SESSION_IDLE_SECONDS + 1)

    assert browser.get("/api/v1/me/").status_code == 401
    assert not BrowserSession.objects.exists()


def test_acting_moves_the_idle_end(person) -> None:
    browser = signed_in()
    expiry_before = session_of(browser).get_expiry_date()

    as_if_time_went_by(browser, settings.SESSION_IDLE_SECONDS - 5)
    assert browser.get("/api/v1/me/").status_code == 200
    as_if_time_went_by(browser, settings.SESSION_IDLE_SECONDS - 5)

    assert browser.get("/api/v1/me/").status_code == 200
    stored = Session.objects.get()
    # Two idle spans after signing in, the session stands because the person acted between.
    assert stored.expire_date > expiry_before
    entry = browser.get("/api/v1/me/sessions/").json()[0]
    assert datetime.fromisoformat(entry["expires_at"]) == stored.expire_date.astimezone(UTC)


def test_a_session_ends_at_its_lifetime_however_active(person, settings) -> None:
    settings.SESSION_AGE = 2 * settings.SESSION_IDLE_SECONDS
    browser = signed_in()

    as_if_time_went_by(browser, settings.SESSION_IDLE_SECONDS - 5)
    assert browser.get("/api/v1/me/").status_code == 200
    as_if_time_went_by(browser, settings.SESSION_IDLE_SECONDS - 5)
    assert browser.get("/api/v1/me/").status_code == 200
    as_if_time_went_by(browser, 11)

    assert browser.get("/api/v1/me/").status_code == 401


def test_activity_is_written_down_at_most_once_a_minute(person) -> None:
    browser = signed_in()
    seen = session_of(browser)[sessions.LAST_SEEN_AT]

    browser.get("/api/v1/me/")

    assert session_of(browser)[sessions.LAST_SEEN_AT] == seen


def test_a_session_no_sign_in_started_is_signed_out(person) -> None:
    """Sessions from before the policy (or made by hand) carry no moments: deny by default."""
    browser = signed_in()
    session = session_of(browser)
    del session[sessions.SIGNED_IN_AT]
    session.save()

    assert browser.get("/api/v1/me/").status_code == 401


def test_the_admin_sites_sign_in_is_listed_as_such(admin_user) -> None:
    admin_site = Client(HTTP_USER_AGENT=CHROME_ON_WINDOWS)
    signed_in_to_admin = admin_site.post(
        "/admin/login/?next=/admin/", {"username": "admin", "password": PASSWORD}
    )
    assert signed_in_to_admin.status_code == 302

    listed = admin_site.get("/api/v1/me/sessions/").json()

    assert [(entry["site"], entry["current"]) for entry in listed] == [("admin", True)]


def test_deactivating_an_account_ends_its_sessions(person, admin_user, client_for: Any) -> None:
    signed_in()
    signed_in()
    assert Session.objects.count() == 2

    client_for(admin_user).post(f"/api/v1/people/{person.pk}/deactivate/")

    assert not BrowserSession.objects.filter(user=person).exists()
    assert BrowserSession.objects.filter(user=admin_user).count() == 1
