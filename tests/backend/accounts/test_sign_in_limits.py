"""Every way in (the web app, an API token, the admin site) shares one limit on failed sign-ins
and one audit trail of them; a stranger's guesses do not lock the owner out; a cache that is
down limits nothing and breaks nothing."""

import re

import pytest
from django.test import Client

from apps.audit.models import AuditEvent
from tests.factories import PASSWORD, UserFactory
from tests.servers import free_port

STRANGER, OWNER = "203.0.113.9", "198.51.100.7"


@pytest.fixture
def person(db):
    return UserFactory.create(username="lihua")


@pytest.fixture
def administrator(db):
    return UserFactory.create(
        username="boss", roles=["staff", "admin"], is_staff=True, is_superuser=True
    )


def sign_in(api_client, password: str, *, address: str = STRANGER, username: str = "lihua"):
    return api_client.post(
        "/api/v1/auth/login/",
        {"username": username, "password": password},
        format="json",
        REMOTE_ADDR=address,
    )


def admin_sign_in(password: str, *, username: str = "boss", address: str = STRANGER):
    return Client().post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_after_five_failures_even_the_right_password_waits(api_client, person) -> None:
    failures = [sign_in(api_client, f"guess{n}").status_code for n in range(5)]
    refused = sign_in(api_client, PASSWORD)

    assert failures == [400] * 5
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited"
    assert re.fullmatch(
        r"Too many failed sign-ins; try again in \d+ min\.", refused.json()["detail"]
    )
    assert 0 < int(refused["Retry-After"]) <= 15 * 60
    reasons = AuditEvent.objects.filter(action="auth.login_failed").values_list(
        "after__reason", flat=True
    )
    assert list(reasons.order_by("id")) == ["invalid_credentials"] * 5 + ["rate_limited"]


def test_a_strangers_failures_do_not_lock_the_owner_out(api_client, person) -> None:
    for n in range(6):
        sign_in(api_client, f"guess{n}", address=STRANGER)

    owner = sign_in(api_client, PASSWORD, address=OWNER)

    assert owner.status_code == 200
    assert sign_in(api_client, PASSWORD, address=STRANGER).status_code == 429


def test_a_success_forgets_the_mistakes_made_before_it(api_client, person) -> None:
    for n in range(4):
        sign_in(api_client, f"typo{n}", address=OWNER)
    assert sign_in(api_client, PASSWORD, address=OWNER).status_code == 200

    later = [sign_in(api_client, f"again{n}", address=OWNER).status_code for n in range(4)]

    assert later == [400] * 4
    assert sign_in(api_client, PASSWORD, address=OWNER).status_code == 200


def test_guesses_at_one_account_from_many_addresses_stop_at_the_accounts_limit(
    api_client, person, settings
) -> None:
    settings.SIGN_IN_FAILURES_PER_ACCOUNT = 8
    for n in range(8):
        assert sign_in(api_client, "guess", address=f"192.0.2.{n}").status_code == 400

    assert sign_in(api_client, "guess", address="192.0.2.200").status_code == 429
    assert sign_in(api_client, PASSWORD, address=OWNER).status_code == 429


def test_one_address_guessing_many_accounts_stops_at_the_addresss_limit(
    api_client, db, settings
) -> None:
    settings.SIGN_IN_FAILURES_PER_ADDRESS = 6
    UserFactory.create(username="zhangwei")
    for n in range(6):
        assert sign_in(api_client, "guess", username=f"someone{n}").status_code == 400

    assert sign_in(api_client, PASSWORD, username="zhangwei").status_code == 429
    assert sign_in(api_client, PASSWORD, username="zhangwei", address=OWNER).status_code == 200


def test_token_requests_count_against_the_same_limit(api_client, person) -> None:
    for n in range(3):
        sign_in(api_client, f"guess{n}")
    for n in range(2):
        api_client.post(
            "/api/v1/auth/token/",
            {"username": "lihua", "password": f"other{n}"},
            format="json",
            REMOTE_ADDR=STRANGER,
        )

    token = api_client.post(
        "/api/v1/auth/token/",
        {"username": "lihua", "password": PASSWORD},
        format="json",
        REMOTE_ADDR=STRANGER,
    )

    assert token.status_code == 429
    sites = AuditEvent.objects.filter(action="auth.login_failed").values_list(
        "after__site", flat=True
    )
    assert list(sites.order_by("id")) == ["app"] * 3 + ["api"] * 3


def test_the_admin_site_audits_its_sign_ins(administrator) -> None:
    failed = admin_sign_in("wrong")
    signed_in = admin_sign_in(PASSWORD)

    assert failed.status_code == 200
    assert "Please enter the correct username and password" in failed.content.decode()
    assert signed_in.status_code == 302
    failure = AuditEvent.objects.get(action="auth.login_failed")
    assert (failure.after, failure.source_address) == (
        {"username": "boss", "site": "admin", "reason": "invalid_credentials"},
        STRANGER,
    )
    success = AuditEvent.objects.get(action="auth.login")
    assert (success.actor, success.after) == (administrator, {"site": "admin"})


def test_the_admin_site_stops_guessing_like_every_other_way_in(administrator) -> None:
    answers = [admin_sign_in(f"guess{n}") for n in range(40)]
    right_password = admin_sign_in(PASSWORD)

    assert [answer.status_code for answer in answers] == [200] * 40
    assert "Too many failed sign-ins" not in answers[4].content.decode()
    assert "Too many failed sign-ins" in answers[5].content.decode()
    assert right_password.status_code == 200, "the right password waits too"
    assert "_auth_user_id" not in right_password.wsgi_request.session
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == 41
    assert not AuditEvent.objects.filter(action="auth.login").exists()


def test_the_admin_site_admits_only_its_staff(person) -> None:
    answer = admin_sign_in(PASSWORD, username="lihua")

    assert answer.status_code == 200
    assert "_auth_user_id" not in answer.wsgi_request.session
    failure = AuditEvent.objects.get(action="auth.login_failed")
    assert failure.after == {"username": "lihua", "site": "admin", "reason": "not_staff"}


def test_with_the_cache_down_sign_in_works_unlimited(api_client, person, cache_on_redis) -> None:
    cache_on_redis(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there

    wrong = [sign_in(api_client, f"guess{n}").status_code for n in range(7)]
    right = sign_in(api_client, PASSWORD)

    assert wrong == [400] * 7
    assert right.status_code == 200
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == 7
