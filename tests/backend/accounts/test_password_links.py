"""Set-password links: an administrator's, an import's, and "forgot password"."""

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.http import urlsafe_base64_encode
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.accounts import password_links
from apps.accounts.models import User
from apps.audit.models import AuditEvent
from tests.factories import PASSWORD, DepartmentFactory, UserFactory

NEW_PASSWORD = "a long new password 7"
LINK = re.compile(r"http://testserver/set-password/(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)")


@pytest.fixture
def newcomer(db) -> User:
    """An account as the import makes it: no usable password yet."""
    person = UserFactory.create(username="wangfang", email="wangfang@city.gov.cn", language="en")
    person.set_unusable_password()
    person.save()
    return person


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A request method whose work left for after the commit (emailing) runs as the request
    ends, as it does outside a test's transaction."""

    def wrap(send):
        def send_and_commit(*args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return send(*args, **kwargs)

        return send_and_commit

    return wrap


def emailed_link(to: str) -> str:
    (message,) = [message for message in mail.outbox if message.to == [to]]
    found = LINK.search(str(message.body))
    assert found, message.body
    return found.group(0).removeprefix("http://testserver")


def api_path(link: str) -> str:
    _, uid, token = link.removeprefix("/").split("/")
    return f"/api/v1/auth/password-links/{uid}/{token}/"


def test_an_administrator_hands_over_a_link_and_it_is_emailed_too(
    client_for, admin_user, newcomer, committed
) -> None:
    answer = committed(client_for(admin_user).post)(f"/api/v1/people/{newcomer.pk}/password-link/")

    assert answer.status_code == 201
    body = answer.json()
    assert body["emailed"] is True
    assert body["url"].startswith("http://testserver/set-password/")
    assert answer["Cache-Control"] == "no-store"
    (message,) = mail.outbox
    assert message.subject == "Your Talentbridge account"
    assert "Your username is wangfang" in message.body
    assert "for 72 hours" in message.body
    issued = AuditEvent.objects.get(action="auth.password_link_issued")
    assert (issued.actor, issued.object_id, issued.after) == (
        admin_user,
        str(newcomer.pk),
        {"emailed": True},
    )


def test_the_link_opens_once_and_the_person_signs_in_with_what_they_chose(
    client_for, admin_user, newcomer
) -> None:
    url = client_for(admin_user).post(f"/api/v1/people/{newcomer.pk}/password-link/").json()["url"]
    path = api_path(url.removeprefix("http://testserver"))
    browser = APIClient()

    holder = browser.get(path)
    weak = browser.post(path, {"new_password": "12345678"}, format="json")
    chosen = browser.post(path, {"new_password": NEW_PASSWORD}, format="json")
    again = browser.post(path, {"new_password": "another long password 8"}, format="json")

    assert holder.status_code == 200
    assert holder.json() == {"username": "wangfang", "display_name": newcomer.display_name}
    assert weak.status_code == 400
    assert weak.json()["errors"][0]["field"] == "new_password"
    assert chosen.status_code == 204
    assert again.status_code == 404
    assert again.json()["code"] == "link_invalid"
    assert "expired or was already used" in again.json()["detail"]
    assert browser.get(path).status_code == 404
    signed_in = browser.post(
        "/api/v1/auth/login/",
        {"username": "wangfang", "password": NEW_PASSWORD},
        format="json",
    )
    assert signed_in.status_code == 200
    assert AuditEvent.objects.filter(action="auth.password_set", actor=newcomer).count() == 1


class MadeEarlier(PasswordResetTokenGenerator):
    """Django's tokens, as they were made ``ago``."""

    def __init__(self, ago: timedelta) -> None:
        super().__init__()
        self.ago = ago

    def _now(self) -> datetime:
        return super()._now() - self.ago


def test_a_link_works_for_72_hours(newcomer) -> None:
    uid = urlsafe_base64_encode(str(newcomer.pk).encode())

    def opens(ago: timedelta) -> int:
        token = MadeEarlier(ago).make_token(newcomer)
        return APIClient().get(f"/api/v1/auth/password-links/{uid}/{token}/").status_code

    assert opens(timedelta(hours=71, minutes=59)) == 200
    assert opens(timedelta(hours=72, minutes=1)) == 404


@pytest.mark.parametrize(
    ("uid", "token"),
    [("MQ", "nonsense"), ("!!", "x"), ("OTk5OTk5OTk5OTk5OTk5OTk5OTk5", "x"), ("_w", "a-b")],
)
def test_a_made_up_link_opens_nothing(db, uid, token) -> None:
    UserFactory.create()
    answer = APIClient().get(f"/api/v1/auth/password-links/{uid}/{token}/")
    assert answer.status_code == 404
    assert answer.json()["code"] == "link_invalid"


def test_setting_a_password_by_link_ends_every_session_and_token(
    client_for, admin_user, newcomer
) -> None:
    newcomer.set_password(PASSWORD)
    newcomer.save()
    elsewhere = APIClient()
    elsewhere.post(
        "/api/v1/auth/login/", {"username": "wangfang", "password": PASSWORD}, format="json"
    )
    Token.objects.create(user=newcomer)
    url = client_for(admin_user).post(f"/api/v1/people/{newcomer.pk}/password-link/").json()["url"]

    APIClient().post(
        api_path(url.removeprefix("http://testserver")),
        {"new_password": NEW_PASSWORD},
        format="json",
    )

    assert elsewhere.get("/api/v1/me/").status_code in {401, 403}
    assert not Token.objects.filter(user=newcomer).exists()


def test_only_administrators_make_links_and_not_for_closed_accounts(
    client_for, admin_user, newcomer, committed
) -> None:
    staff = UserFactory.create()
    refused = committed(client_for(staff).post)(f"/api/v1/people/{newcomer.pk}/password-link/")
    newcomer.is_active = False
    newcomer.save()
    closed = committed(client_for(admin_user).post)(f"/api/v1/people/{newcomer.pk}/password-link/")

    assert refused.status_code == 403
    assert closed.status_code == 400
    assert closed.json()["errors"][0]["code"] == "inactive"
    assert mail.outbox == []


def test_a_person_without_email_gets_a_link_to_hand_over_only(
    client_for, admin_user, committed
) -> None:
    person = UserFactory.create(email="")
    answer = committed(client_for(admin_user).post)(f"/api/v1/people/{person.pk}/password-link/")
    assert answer.status_code == 201
    assert answer.json()["emailed"] is False
    assert mail.outbox == []


@pytest.mark.parametrize("login", ["wangfang", "WangFang@City.gov.cn"])
def test_forgot_password_emails_a_link_in_the_persons_language(newcomer, login, committed) -> None:
    newcomer.set_password(PASSWORD)
    newcomer.language = "zh-hans"
    newcomer.save()

    answer = committed(APIClient().post)(
        "/api/v1/auth/password-reset/", {"login": login}, format="json"
    )

    assert answer.status_code == 202
    (message,) = mail.outbox
    assert message.subject == "设置新的 Talentbridge 密码"
    link = emailed_link("wangfang@city.gov.cn")
    chosen = APIClient().post(api_path(link), {"new_password": NEW_PASSWORD}, format="json")
    assert chosen.status_code == 204
    requested = AuditEvent.objects.get(action="auth.password_reset_requested")
    assert (requested.actor, requested.object_id) == (None, str(newcomer.pk))


def test_forgot_password_answers_the_same_whoever_is_named(newcomer, committed) -> None:
    UserFactory.create(username="noemail", email="")
    UserFactory.create(username="closed", email="closed@city.gov.cn", is_active=False)
    UserFactory.create(email="shared@city.gov.cn")
    UserFactory.create(email="shared@city.gov.cn")
    answers = [
        committed(APIClient().post)("/api/v1/auth/password-reset/", {"login": login}, format="json")
        for login in ["nobody", "noemail", "closed", "shared@city.gov.cn", "wangfang"]
    ]

    assert {answer.status_code for answer in answers} == {202}
    assert len({answer.json()["detail"] for answer in answers}) == 1
    assert [message.to for message in mail.outbox] == [["wangfang@city.gov.cn"]]


def test_forgot_password_is_limited_per_address(newcomer, committed) -> None:
    post = committed(APIClient().post)
    answers = [
        post("/api/v1/auth/password-reset/", {"login": "wangfang"}, format="json")
        for _ in range(11)
    ]

    assert [answer.status_code for answer in answers] == [202] * 10 + [429]
    assert answers[-1].json()["code"] == "rate_limited"
    assert "Retry-After" in answers[-1]
    assert len(mail.outbox) == 10


def test_forgot_password_needs_the_csrf_token_in_a_browser(newcomer, committed) -> None:
    refused = committed(APIClient(enforce_csrf_checks=True).post)(
        "/api/v1/auth/password-reset/", {"login": "wangfang"}, format="json"
    )
    assert refused.status_code == 403
    assert mail.outbox == []


def test_an_import_invites_the_new_people_with_an_email(client_for, admin_user, committed) -> None:
    DepartmentFactory.create(code="BDB")
    csv = (
        "employee_number,username,display_name,department_code,email\n"
        "E1,zhaolei,赵磊,BDB,zhaolei@city.gov.cn\n"
        "E2,qianli,钱立,BDB,\n"
    )
    upload = SimpleUploadedFile("staff.csv", csv.encode(), content_type="text/csv")

    answer = committed(client_for(admin_user).post)(
        "/api/v1/imports/staff/", {"file": upload, "invite": True}, format="multipart"
    )

    assert answer.status_code == 200, answer.json()
    assert (answer.json()["created"], answer.json()["invited"]) == (2, 1)
    assert [message.to for message in mail.outbox] == [["zhaolei@city.gov.cn"]]
    link = emailed_link("zhaolei@city.gov.cn")
    assert APIClient().get(api_path(link)).json()["username"] == "zhaolei"


def test_a_refused_password_is_explained_in_the_readers_language(newcomer) -> None:
    link = password_links.make_link(newcomer, "http://testserver")
    answer = APIClient().post(
        api_path(link.url.removeprefix("http://testserver")),
        {"new_password": "12345678"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert [error["message"] for error in answer.json()["errors"]] == [
        "密码太短：至少需要 10 个字符。",
        "这个密码太常见了。",
        "密码只包含数字。",
    ]
