"""The transport half of a browser tab's socket at /ws/ (docs/realtime.md describes every frame).

The socket is authenticated by the session cookie at connect, or by an API token in its first
frame. Every frame is checked: a malformed, oversized, unknown or refused one gets an ``error``
frame naming the problem, in the person's language, and the socket stays open. This class knows
people and rooms by id; the frames about what a room holds are added by a subclass
(``apps.chat.consumers.ChatConsumer``), which also gives the hub its loader.
"""

import asyncio
import json
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

from channels.consumer import get_handler_name
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from apps.core import sessions
from apps.core.errors import NotAllowedError
from apps.core.ids import MAX_ID
from apps.core.request_context import acting_from
from apps.realtime import presence
from apps.realtime.database import in_database
from apps.realtime.events import encode
from apps.realtime.hub import Hub, Loader, hub_for_this_loop
from apps.realtime.rights import (
    NOT_SIGNED_IN,
    RECHECK_SECONDS,
    Credentials,
    note_activity,
    refusal,
    seconds_left,
    token_digest,
)

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
MAX_FRAME_BYTES = 32 * 1024  # 4,000 Chinese characters even when escaped as \uXXXX
AUTH_TIMEOUT_SECONDS = 10.0

Handler = Callable[[dict[str, Any]], Awaitable[None]]
logger = logging.getLogger(__name__)


class FrameError(Exception):
    """A frame refused, with the code the client relies on and a sentence for people."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code, self.detail = code, detail


def whole_number(frame: dict[str, Any], name: str) -> int:
    """An id or a count: a whole number from 0 to the largest id the database holds."""
    value = frame.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_ID:
        raise FrameError("invalid", _("'%(field)s' must be a whole number.") % {"field": name})
    return value


def optional_whole_number(frame: dict[str, Any], name: str) -> int | None:
    return None if frame.get(name) is None else whole_number(frame, name)


def text(frame: dict[str, Any], name: str) -> str:
    """Text that can be stored: JSON can carry a NUL or half of a surrogate pair, which no
    database column holds."""
    value = frame.get(name)
    if not isinstance(value, str):
        raise FrameError("invalid", _("'%(field)s' must be text.") % {"field": name})
    if UNSTORABLE.search(value):
        raise FrameError(
            "invalid",
            _("'%(field)s' must be text without NUL characters or lone surrogates.")
            % {"field": name},
        )
    return value


def uuid_of(frame: dict[str, Any], name: str) -> uuid.UUID:
    try:
        return uuid.UUID(text(frame, name))
    except ValueError:
        raise FrameError("invalid", _("'%(field)s' must be a UUID.") % {"field": name}) from None


def _first_error(error: ValidationError) -> tuple[str, str]:
    """The code and message of a service's refusal, in the form of a frame."""
    details = error.error_dict.values() if hasattr(error, "error_dict") else [error.error_list]
    first = next(iter(details))[0]
    return first.code or "invalid", " ".join(first.messages)


class SocketConsumer(AsyncWebsocketConsumer):
    """One browser tab's socket. It has no channel-layer channel of its own: the process's hub
    receives each event once and writes it to the sockets that want it."""

    channel_layer_alias = None  # type: ignore[assignment]
    loader: ClassVar[Loader]
    # Frames that carry these fields have them echoed in an error about the frame.
    echoed: ClassVar[tuple[str, ...]] = ("ref",)

    user_id: int
    session_key: str | None
    token_key: str | None
    # Every frame counts (typing, reads, subscriptions, presence, auth), not only messages,
    # which the chat service limits per person on top: a client may send at most this many
    # frames in each window; the rest are refused until the window ends.
    frames_per_window: ClassVar[int] = 120
    frame_window_seconds: ClassVar[float] = 10.0
    # Frames a client sends of itself, which are not the person acting: they keep no session
    # from its idle end.
    unattended_frames: ClassVar[frozenset[str]] = frozenset({"auth", "presence", "ping"})

    async def dispatch(self, message: dict[str, Any]) -> None:
        """As Channels dispatches, without its hop to the database thread before every event
        to close old connections: every database call here goes through ``in_database``,
        which checks the connection itself, and the hop made each frame wait for the thread."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def connect(self) -> None:
        self.window_started, self.frames_in_window = time.monotonic(), 0
        await self.accept()
        self.user: AbstractBaseUser | None = None
        self.session_key, self.token_key = None, None
        self.checked_at = self.activity_noted_at = time.monotonic()
        self.expiry: asyncio.TimerHandle | None = None
        self.refused = False
        # Errors before signing in are in the site's language, then in the person's.
        self.language = settings.LANGUAGE_CODE
        self.hub: Hub = hub_for_this_loop(self.loader)
        user = self.scope.get("user")
        if user is not None and user.is_authenticated and user.is_active:
            session = self.scope.get("session")
            self.session_key = session.session_key if session is not None else None
            await self._start(user)  # resolved by the auth middleware
        else:
            self.auth_timeout = asyncio.get_running_loop().call_later(
                AUTH_TIMEOUT_SECONDS, lambda: asyncio.ensure_future(self._close_unauthenticated())
            )

    @property
    def client_address(self) -> str | None:
        """The client's address, for the audit trail (``apps.core.proxy`` put the
        client's behind the proxy)."""
        client = self.scope.get("client")
        return client[0] if client else None

    @property
    def me(self) -> AbstractBaseUser:
        """The signed-in person (frames other than 'auth' arrive only once there is one)."""
        if self.user is None:
            raise FrameError("not_authenticated", _("Send an 'auth' frame with a token first."))
        return self.user

    def who(self, user: Any) -> dict[str, Any]:
        """How the ``ready`` frame names the person."""
        return {"id": user.pk, "username": user.get_username()}

    @property
    def token_digest(self) -> str | None:
        return token_digest(self.token_key) if self.token_key else None

    def credentials(self) -> Credentials:
        return Credentials(self.user_id, self.session_key, self.token_key)

    async def _start(self, user: AbstractBaseUser) -> None:
        self.user_id = user.pk
        self.language = getattr(user, "language", None) or self.language
        code = await refusal(self.credentials())
        if code is not None:
            await self._close_refused(code)
            return
        self.user = user
        await self.hub.connect(self)
        await self.send_frame({"type": "ready", "user": self.who(user)})
        await self._watch_expiry()

    async def _watch_expiry(self) -> None:
        """Check again when the session or the token would expire; a session that the person
        kept alive meanwhile is watched on to its new end."""
        seconds = await seconds_left(self.credentials())
        self.expiry = asyncio.get_running_loop().call_later(
            seconds, lambda: asyncio.ensure_future(self._expired())
        )

    async def _expired(self) -> None:
        await self.recheck()
        if not self.refused:
            await self._watch_expiry()

    async def recheck(self) -> None:
        """Ask again whether the socket may go on (an event said something changed, the session
        expired, or a quiet minute passed); close it when not."""
        self.checked_at = time.monotonic()
        code = await refusal(self.credentials())
        if code is not None:
            await self._close_refused(code)

    async def _close_refused(self, code: int) -> None:
        self.refused = True
        with translation.override(self.language):
            detail = (
                _("The session or token that opened this socket has ended.")
                if code == NOT_SIGNED_IN
                else _("This account may no longer use Talentbridge.")
            )
        error = "not_authenticated" if code == NOT_SIGNED_IN else "permission_denied"
        await self.send_frame({"type": "error", "code": error, "detail": detail})
        await self.close(code=code)

    async def _close_unauthenticated(self) -> None:
        if self.user is None:
            with translation.override(self.language):
                detail = _("No session or token.")
            await self.send_frame({"type": "error", "code": "not_authenticated", "detail": detail})
            await self.close(code=4401)

    async def disconnect(self, code: int) -> None:
        if getattr(self, "expiry", None) is not None:
            self.expiry.cancel()  # type: ignore[union-attr]
        if getattr(self, "user", None) is not None:
            await self.hub.disconnect(self)
        elif hasattr(self, "auth_timeout"):
            self.auth_timeout.cancel()

    # -- the hub's side ---------------------------------------------------------------------

    async def send_text(self, text: str) -> None:
        await self.send(text_data=text)

    async def close_with(self, code: int) -> None:
        await self.close(code=code)

    async def send_frame(self, frame: dict[str, Any]) -> None:
        await self.send(text_data=encode(frame))

    # -- frames from the client ---------------------------------------------------------------

    def frame_handlers(self) -> dict[str, Handler]:
        """The frames this socket understands, by type; subclasses add theirs."""
        return {"auth": self.on_auth, "presence": self.on_presence, "ping": self.on_ping}

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        frame: Any = None
        with translation.override(self.language):
            try:
                self._count_frame()
                if text_data is None:
                    raise FrameError("malformed", _("Frames are JSON text."))
                if len(text_data.encode()) > MAX_FRAME_BYTES:
                    raise FrameError(
                        "frame_too_large",
                        _("A frame has at most %(limit)d bytes.") % {"limit": MAX_FRAME_BYTES},
                    )
                try:
                    frame = json.loads(text_data)
                except json.JSONDecodeError:
                    raise FrameError("malformed", _("The frame is not valid JSON.")) from None
                except RecursionError:
                    raise FrameError("malformed", _("The frame is nested too deeply.")) from None
                if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
                    raise FrameError("malformed", _("A frame is a JSON object with a 'type'."))
                handler = self.frame_handlers().get(frame["type"])
                if handler is None:
                    raise FrameError(
                        "unknown_type",
                        _("Unknown frame type '%(type)s'.") % {"type": frame["type"][:50]},
                    )
                if self.user is None and frame["type"] != "auth":
                    raise FrameError(
                        "not_authenticated", _("Send an 'auth' frame with a token first.")
                    )
                if self.user is not None and time.monotonic() - self.checked_at > RECHECK_SECONDS:
                    await self.recheck()
                    if self.refused:
                        return
                if frame["type"] not in self.unattended_frames:
                    await self._note_activity()
                with acting_from(self.client_address):
                    await handler(frame)
            except FrameError as error:
                await self._refuse(frame, error.code, error.detail)
            except ValidationError as error:
                await self._refuse(frame, *_first_error(error))
            except NotAllowedError as error:
                await self._refuse(frame, error.code, error.message)
            except DatabaseError:
                # The database failed (or is away): the frame is refused, the socket stays.
                logger.exception("A frame failed in the database")
                await self._refuse(
                    frame, "unavailable", _("The server could not do this now; try again.")
                )
            except Exception:
                # A bug, or a part of the system (the cache) failing: the frame is refused and
                # logged, and the socket stays open for the next one.
                logger.exception("A frame failed on the server")
                await self._refuse(
                    frame, "server_error", _("The server could not do this; try again later.")
                )

    async def _note_activity(self) -> None:
        now = time.monotonic()
        if (
            self.session_key is not None
            and now - self.activity_noted_at >= sessions.NOTE_ACTIVITY_EVERY_SECONDS
        ):
            self.activity_noted_at = now
            await note_activity(self.session_key)

    def _count_frame(self) -> None:
        now = time.monotonic()
        if now - self.window_started >= self.frame_window_seconds:
            self.window_started, self.frames_in_window = now, 0
        self.frames_in_window += 1
        if self.frames_in_window > self.frames_per_window:
            raise FrameError(
                "rate_limited",
                _("At most %(limit)d frames in %(seconds)d seconds; slow down.")
                % {"limit": self.frames_per_window, "seconds": self.frame_window_seconds},
            )

    async def _refuse(self, frame: Any, code: str, detail: str) -> None:
        refused: dict[str, Any] = {"type": "error", "code": code, "detail": detail}
        if isinstance(frame, dict):
            refused["refused"] = frame.get("type")
            for echo in self.echoed:
                if echo in frame:
                    refused[echo] = frame[echo]
        await self.send_frame(refused)

    async def on_auth(self, frame: dict[str, Any]) -> None:
        if self.user is not None:
            raise FrameError("already_authenticated", _("This socket is signed in already."))
        key = text(frame, "token")
        user = await _user_of_token(key)
        if user is None:
            raise FrameError("not_authenticated", _("The token is not valid."))
        self.auth_timeout.cancel()
        self.token_key = key
        await self._start(user)

    async def on_presence(self, frame: dict[str, Any]) -> None:
        state = frame.get("state")
        if state not in (presence.ONLINE, presence.IDLE):
            raise FrameError("invalid", _("'state' is 'online' or 'idle'."))
        await presence.set_state(self.hub, self, state)

    async def on_ping(self, frame: dict[str, Any]) -> None:
        await self.send_frame({"type": "pong"})


@in_database
def _user_of_token(key: str) -> AbstractBaseUser | None:
    """The active person the token belongs to (whether it still stands is ``refusal``'s)."""
    token = Token.objects.select_related("user").filter(key=key).first()
    return token.user if token is not None and token.user.is_active else None
