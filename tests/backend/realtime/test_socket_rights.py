"""A socket's rights end when the REST API's would: a revoked token, an ended or expired
session, a closed account, an account left without any role."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from channels.db import database_sync_to_async as sync_to_async
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone
from rest_framework.authtoken.models import Token

from apps.accounts import services
from apps.accounts.models import BrowserSession, RoleGrant
from apps.core import sessions
from apps.realtime import consumers as transport
from tests.backend.sockets import session_cookie
from tests.factories import UserFactory, group_with

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(db):
    ann = UserFactory.create(username="ann", language="en")
    admin = UserFactory.create(username="root", roles=["staff", "admin"], is_staff=True)
    return {"ann": ann, "admin": admin}


async def closed_with(socket: Any) -> int:
    """The code the server closes the socket with, passing over the frames before it."""
    while True:
        output = await socket.communicator.receive_output(timeout=10)
        if output["type"] == "websocket.close":
            return int(output["code"])


async def signed_in_with_a_token(open_socket: Any, user: Any) -> Any:
    token = await sync_to_async(lambda: Token.objects.create(user=user).key)()
    socket = await open_socket(None)
    await socket.send({"type": "auth", "token": token})
    assert (await socket.receive())["type"] == "ready"
    return socket


async def test_revoking_the_token_closes_the_sockets_it_opened(open_socket, people) -> None:
    socket = await signed_in_with_a_token(open_socket, people["ann"])

    await sync_to_async(services.revoke_token)(user=people["ann"])

    assert await closed_with(socket) == 4401


async def test_losing_every_role_closes_the_sockets(open_socket, people) -> None:
    ann = people["ann"]
    socket = await open_socket(ann)
    grant = await sync_to_async(RoleGrant.objects.get)(user=ann, role="staff")

    await sync_to_async(services.revoke_role)(actor=people["admin"], grant=grant)

    assert await closed_with(socket) == 4403


async def test_an_account_without_a_role_cannot_open_a_socket(open_socket, db) -> None:
    nobody = await sync_to_async(UserFactory.create)(username="nobody", roles=[])

    socket = await open_socket(nobody, ready=False)

    assert (await socket.receive())["code"] == "permission_denied"
    assert await closed_with(socket) == 4403


async def test_an_expired_session_ends_the_socket_at_its_next_frame(
    open_socket, people, monkeypatch
) -> None:
    monkeypatch.setattr(transport, "RECHECK_SECONDS", 0.0)  # check at every frame
    socket = await open_socket(people["ann"])
    await sync_to_async(Session.objects.update)(expire_date=timezone.now())

    await socket.send({"type": "ping"})

    assert await closed_with(socket) == 4401


async def test_a_session_ends_the_socket_when_it_expires(open_socket, people) -> None:
    """The socket learns its session's end when it opens, and closes then by itself."""
    cookie = await sync_to_async(session_cookie)(people["ann"])
    # Expiring a second from now; the socket opens before that or is refused: closed either way.
    await sync_to_async(Session.objects.filter(session_key=cookie).update)(
        expire_date=timezone.now() + timedelta(seconds=1)
    )

    socket = await open_socket(people["ann"], ready=False, cookie=cookie)

    assert await closed_with(socket) == 4401


async def test_a_changed_password_ends_the_sessions_sockets(open_socket, people, monkeypatch):
    """The session no longer matches the password (Django's session hash), as over REST."""
    monkeypatch.setattr(transport, "RECHECK_SECONDS", 0.0)
    socket = await open_socket(people["ann"])

    def change_password() -> None:
        people["ann"].set_password("a new and longer passphrase")
        people["ann"].save()

    await sync_to_async(change_password)()
    await socket.send({"type": "ping"})

    assert await closed_with(socket) == 4401


async def test_a_closed_account_cannot_subscribe_after_a_quiet_minute(
    open_socket, people, monkeypatch
) -> None:
    """No event at all (Redis was away, say): the first frame after a quiet minute checks."""
    monkeypatch.setattr(transport, "RECHECK_SECONDS", 0.0)
    group = await sync_to_async(group_with)(people["ann"])
    socket = await open_socket(people["ann"])
    await sync_to_async(type(people["ann"]).objects.filter(pk=people["ann"].pk).update)(
        is_active=False
    )

    await socket.send({"type": "subscribe", "room": group.room_id})

    assert await closed_with(socket) == 4403


async def test_a_token_ends_the_socket_when_it_expires(open_socket, people, settings) -> None:
    """Issued a second short of its lifetime: the socket closes by itself when it runs out."""
    user = people["ann"]

    def token_about_to_expire() -> str:
        token = Token.objects.create(user=user)
        issued = timezone.now() - timedelta(days=settings.API_TOKEN_DAYS) + timedelta(seconds=1)
        Token.objects.filter(pk=token.pk).update(created=issued)
        key: str = token.key
        return key

    key = await sync_to_async(token_about_to_expire)()
    socket = await open_socket(None)
    await socket.send({"type": "auth", "token": key})

    assert await closed_with(socket) == 4401


def _move_session_back(cookie: str, seconds: float) -> None:
    """The session as it would be ``seconds`` later with nothing done, its expiry date too."""
    session = SessionStore(cookie)
    session[sessions.SIGNED_IN_AT] -= seconds
    session[sessions.LAST_SEEN_AT] -= seconds
    end = sessions.end_of(session)
    assert end is not None
    session.set_expiry(datetime.fromtimestamp(end, tz=UTC))
    session.save()


async def test_an_idle_session_ends_the_socket_at_the_idle_timeout(open_socket, people, settings):
    """A second short of its idle end when the socket opens: it closes by itself then."""
    cookie = await sync_to_async(session_cookie)(people["ann"])
    await sync_to_async(_move_session_back)(cookie, settings.SESSION_IDLE_SECONDS - 1)

    socket = await open_socket(people["ann"], ready=False, cookie=cookie)

    assert await closed_with(socket) == 4401


async def test_the_persons_frames_keep_the_session_alive_and_a_clients_own_do_not(
    open_socket, people, settings, monkeypatch
) -> None:
    monkeypatch.setattr(sessions, "NOTE_ACTIVITY_EVERY_SECONDS", 0)
    group = await sync_to_async(group_with)(people["ann"])
    cookie = await sync_to_async(session_cookie)(people["ann"])
    await sync_to_async(_move_session_back)(cookie, settings.SESSION_IDLE_SECONDS - 100)
    socket = await open_socket(people["ann"], cookie=cookie)

    def idle_end() -> float:
        end = sessions.end_of(SessionStore(cookie).load())
        assert end is not None
        return end

    before = await sync_to_async(idle_end)()
    await socket.send({"type": "ping"})
    await socket.receive_until("pong")
    await socket.send({"type": "presence", "state": "online"})
    await socket.send({"type": "ping"})
    await socket.receive_until("pong")
    after_the_clients_own = await sync_to_async(idle_end)()
    await socket.subscribe(group.room_id)
    after_acting = await sync_to_async(idle_end)()

    assert after_the_clients_own == before
    assert after_acting >= before + 99
    expiry = await sync_to_async(lambda: Session.objects.get(session_key=cookie).expire_date)()
    assert expiry.timestamp() == pytest.approx(after_acting, abs=1)


async def test_ending_a_session_from_the_profile_closes_its_sockets_only(open_socket, people):
    ann = people["ann"]
    ended_cookie = await sync_to_async(session_cookie)(ann)
    ended = await open_socket(ann, cookie=ended_cookie)
    kept = await open_socket(ann)

    def end_it() -> None:
        session = BrowserSession.objects.get(session_id=ended_cookie)
        services.end_session(user=ann, session=session)

    await sync_to_async(end_it)()

    assert await closed_with(ended) == 4401
    await kept.send({"type": "ping"})
    assert (await kept.receive_until("pong"))["type"] == "pong"
