"""Writes about accounts: signing in and out, roles, the profile, revealing sensitive fields."""

import hashlib
import math
import time
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY, authenticate
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from apps.accounts import password_links
from apps.accounts.models import BrowserSession, RoleGrant, SignInSite, User
from apps.accounts.tasks import email_password_link
from apps.audit.services import record_event
from apps.core import sessions
from apps.core.changes import UNCHANGED, Keep, given
from apps.core.errors import RateLimitedError, field_error
from apps.core.limits import Window, count, counted, forget
from apps.core.masking import mask
from apps.core.request_context import source_address
from apps.core.roles import Role
from apps.realtime.events import publish_to_user
from apps.realtime.rights import token_digest

SENSITIVE_FIELDS = ("phone", "national_id")


def _forget_roles(user: User) -> None:
    user.__dict__.pop("roles", None)


def _sign_in_limits(username: str) -> list[tuple[str, Window]]:
    """The counters of failed sign-ins that an attempt with ``username`` falls under: the
    account at this address, the address, and the account from everywhere. A stranger's
    failures elsewhere cost the owner nothing until the account's own, larger limit."""
    account = hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]
    address = source_address() or "unknown"
    return [
        (
            f"sign-in:account-at-address:{account}:{address}",
            Window(settings.SIGN_IN_FAILURES_PER_ACCOUNT_AND_ADDRESS, 15 * 60),
        ),
        (f"sign-in:address:{address}", Window(settings.SIGN_IN_FAILURES_PER_ADDRESS, 15 * 60)),
        (f"sign-in:account:{account}", Window(settings.SIGN_IN_FAILURES_PER_ACCOUNT, 60 * 60)),
    ]


def _refuse_sign_in(username: str, site: SignInSite, reason: str) -> None:
    record_event(
        actor=None,
        action="auth.login_failed",
        after={"username": username[:150], "site": site, "reason": reason},
    )


def check_credentials(*, username: str, password: str, site: SignInSite) -> User:
    """The active account these credentials open, for every way in (the web app, an API
    token, the admin site): each failure is counted and audited, and while an account or an
    address has failed too often recently, even the right password waits.

    The error does not say whether the account exists.
    """
    limits = _sign_in_limits(username)
    for name, window in limits:
        if counted(name, window) >= window.limit:
            _refuse_sign_in(username, site, "rate_limited")
            retry_after = window.retry_after(time.time())
            raise RateLimitedError(
                _("Too many failed sign-ins; try again in %(minutes)d min.")
                % {"minutes": math.ceil(retry_after / 60)},
                retry_after=retry_after,
            )
    user = authenticate(username=username, password=password)
    if not isinstance(user, User) or not user.is_active:
        for name, window in limits:
            count(name, window)
        _refuse_sign_in(username, site, "invalid_credentials")
        raise ValidationError(_("Wrong username or password."), code="invalid_credentials")
    forget(*limits[0])
    return user


def log_in(*, username: str, password: str, site: SignInSite = SignInSite.APP) -> User:
    """The account a browser signs in to, in the web app or the admin site (the view then
    opens its session). The admin site admits only its staff. Side effect: an ``auth.login``
    event, or ``auth.login_failed``."""
    user = check_credentials(username=username, password=password, site=site)
    if site == SignInSite.ADMIN and not user.is_staff:
        _refuse_sign_in(username, site, "not_staff")
        raise ValidationError(
            _("This account does not administer the site."), code="not_administrator"
        )
    record_event(actor=user, action="auth.login", target=user, after={"site": site})
    return user


def log_out(*, user: User, session_key: str | None) -> None:
    """The person signs out of one browser session (the view then closes it). Side effects: an
    ``auth.logout`` event; the sockets that session opened are closed."""
    record_event(actor=user, action="auth.logout", target=user)
    publish_to_user(user.pk, {"kind": "session_ended", "session_key": session_key})


def open_session(*, user: User, session: SessionBase, site: SignInSite, user_agent: str) -> None:
    """The person has signed in with ``session``, by any way in that opens one (the web app,
    the admin site): the session policy starts counting, and their profile lists it."""
    sessions.start(session)
    if session.session_key is None:
        session.save()  # Django's login() flushed the session and gave it no key yet
    BrowserSession.objects.update_or_create(
        session_id=session.session_key,
        defaults={
            "user": user,
            "site": site,
            "address": source_address(),
            "user_agent": user_agent[:300],
        },
    )


def _sessions_of(user: User, *, but: str | None = None) -> list[str]:
    """The keys of the person's browser sessions, but the one ``but``."""
    sessions_of_user = BrowserSession.objects.filter(user=user).exclude(session_id=but)
    return list(sessions_of_user.values_list("session_id", flat=True))


def _end_sessions(user: User, ended: list[str]) -> None:
    Session.objects.filter(session_key__in=ended).delete()
    for session_key in ended:
        publish_to_user(user.pk, {"kind": "session_ended", "session_key": session_key})


def end_session(*, user: User, session: BrowserSession) -> None:
    """The person ends one of their browser sessions (another device's, or this one): it is
    signed out at once, with the sockets it opened. Side effect: an ``auth.session_ended``
    event."""
    _end_sessions(user, [session.session_id])
    record_event(
        actor=user,
        action="auth.session_ended",
        target=user,
        before={"site": session.site, "address": session.address},
    )


def end_other_sessions(*, user: User, keep_session: str | None) -> int:
    """The person signs out everywhere but here (``keep_session``); how many sessions ended.
    Side effect: an ``auth.other_sessions_ended`` event when any did."""
    others = _sessions_of(user, but=keep_session)
    _end_sessions(user, others)
    if others:
        record_event(
            actor=user,
            action="auth.other_sessions_ended",
            target=user,
            after={"sessions": len(others)},
        )
    return len(others)


def token_expires_at(token: Token) -> datetime:
    issued: datetime = token.created
    return issued + timedelta(days=settings.API_TOKEN_DAYS)


def issue_token(*, username: str, password: str) -> Token:
    """The API token of an account: the one it has while that one lasts, a new one otherwise
    (tokens expire ``API_TOKEN_DAYS`` after they are issued). Side effect: an audit event."""
    user = check_credentials(username=username, password=password, site=SignInSite.API)
    token = Token.objects.filter(user=user).first()
    if token is not None and token_expires_at(token) <= timezone.now():
        token.delete()
        token = None
    if token is None:
        token = Token.objects.create(user=user)
    record_event(actor=user, action="auth.token_issued", target=user)
    return token


def _revoke_tokens(user: User) -> None:
    for key in Token.objects.filter(user=user).values_list("key", flat=True):
        publish_to_user(user.pk, {"kind": "token_revoked", "token": token_digest(key)})
    Token.objects.filter(user=user).delete()


@transaction.atomic
def change_password(
    *, user: User, current_password: str, new_password: str, keep_session: SessionBase
) -> None:
    """The person changes their own password. The current one is asked for (and a wrong one
    counts as a failed sign-in); the new one must pass the validators. Every other session of
    theirs ends and their API token is revoked, with the sockets they opened; the session
    ``keep_session`` (the one asking, if it is a signed-in session) goes on. Side effect: an
    ``auth.password_changed`` event."""
    try:
        check_credentials(
            username=user.get_username(), password=current_password, site=SignInSite.APP
        )
    except ValidationError:
        raise field_error(
            "current_password", _("The current password is wrong."), "wrong_password"
        ) from None
    try:
        validate_password(new_password, user)
    except ValidationError as error:
        raise ValidationError({"new_password": error.error_list}) from None
    user.set_password(new_password)
    user.save(update_fields=["password"])
    if keep_session.get(SESSION_KEY) == str(user.pk):
        keep_session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    _end_sessions(user, _sessions_of(user, but=keep_session.session_key))
    _revoke_tokens(user)
    record_event(actor=user, action="auth.password_changed", target=user)


def revoke_token(*, user: User) -> None:
    """The person's API token ends. Side effects: an audit event; sockets opened with it close."""
    _revoke_tokens(user)
    record_event(actor=user, action="auth.token_revoked", target=user)


def check_another_administrator_remains(user: User, message: str) -> None:
    """Refuse, with ``message``, what would leave no active administrator but ``user``: someone
    must always be able to grant roles. Every administrator's grant is locked until the
    transaction ends, so that two administrators removing each other at once cannot both."""
    administrators = list(
        RoleGrant.objects.select_for_update().filter(role=Role.ADMIN).values_list("user", flat=True)
    )
    others = User.objects.filter(pk__in=administrators, is_active=True).exclude(pk=user.pk)
    if user.pk in administrators and not others.exists():
        raise ValidationError(message, code="last_admin")


def check_may_deactivate(user: User) -> None:
    check_another_administrator_remains(user, _("The last administrator cannot be deactivated."))


@transaction.atomic
def deactivate_user(*, actor: User, user: User) -> User:
    """Close an account: the person can no longer sign in, their API token is revoked and their
    open sockets are closed. The last active administrator stays. Side effect: a
    ``user.deactivated`` event."""
    if not user.is_active:
        return user
    check_may_deactivate(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    _forget_roles(user)
    Token.objects.filter(user=user).delete()
    Session.objects.filter(session_key__in=_sessions_of(user)).delete()
    record_event(actor=actor, action="user.deactivated", target=user)
    publish_to_user(user.pk, {"kind": "deactivated"})
    return user


@transaction.atomic
def reactivate_user(*, actor: User, user: User) -> User:
    """Open a closed account again. Side effect: a ``user.reactivated`` event."""
    if user.is_active:
        return user
    user.is_active = True
    user.save(update_fields=["is_active"])
    _forget_roles(user)
    record_event(actor=actor, action="user.reactivated", target=user)
    return user


@transaction.atomic
def grant_role(*, actor: User, user: User, role: str) -> RoleGrant:
    """Give ``user`` a role. Only administrators call this (the API checks).

    Side effects: the admin role also opens the Django admin site (``is_staff``,
    ``is_superuser``); a ``role.granted`` audit event.
    """
    if RoleGrant.objects.filter(user=user, role=role).exists():
        raise field_error("role", _("This person already holds this role."), "unique")
    grant = RoleGrant.objects.create(user=user, role=role, granted_by=actor)
    if role == Role.ADMIN:
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    _forget_roles(user)
    record_event(actor=actor, action="role.granted", target=user, after={"role": role})
    return grant


@transaction.atomic
def revoke_role(*, actor: User, grant: RoleGrant) -> None:
    """Take a role back. The last administrator keeps theirs, so that someone always can.

    Side effects: revoking admin closes the Django admin site to the person; a
    ``role.revoked`` audit event.
    """
    user = grant.user
    if grant.role == Role.ADMIN:
        check_another_administrator_remains(
            user, _("The last administrator cannot lose the admin role.")
        )
    grant.delete()
    if grant.role == Role.ADMIN:
        user.is_staff = user.is_superuser = False
        user.save(update_fields=["is_staff", "is_superuser"])
    _forget_roles(user)
    # An account left with no role may not use its open sockets either.
    publish_to_user(user.pk, {"kind": "recheck"})
    record_event(
        actor=actor,
        action="role.revoked",
        target=user,
        before={"role": grant.role},
    )


def audit_value(field: str, value: Any) -> Any:
    """A person's field as the audit trail keeps it: phone and national ID masked."""
    return mask(value) if field in SENSITIVE_FIELDS and value else value


def _change_person(*, actor: User, user: User, action: str, changes: dict[str, Any]) -> User:
    changed = {field: value for field, value in changes.items() if getattr(user, field) != value}
    if not changed:
        return user
    before = {field: audit_value(field, getattr(user, field)) for field in changed}
    for field, value in changed.items():
        setattr(user, field, value)
    # Only what changes is checked: a field another way in left invalid (an old import, say)
    # must not stop a person from changing their language.
    unchanged = [field.name for field in User._meta.fields if field.name not in changed]
    user.full_clean(exclude=unchanged, validate_unique=False, validate_constraints=False)
    user.save(update_fields=list(changed))
    record_event(
        actor=actor,
        action=action,
        target=user,
        before=before,
        after={field: audit_value(field, value) for field, value in changed.items()},
    )
    return user


@transaction.atomic
def update_profile(
    *,
    user: User,
    language: str | Keep = UNCHANGED,
    email: str | Keep = UNCHANGED,
    phone: str | Keep = UNCHANGED,
) -> User:
    """The person changes their own profile. Side effect: a ``profile.updated`` event with the
    fields that changed, the phone masked even in the trail."""
    return _change_person(
        actor=user,
        user=user,
        action="profile.updated",
        changes=given(language=language, email=email, phone=phone),
    )


@transaction.atomic
def replace_sensitive_fields(
    *,
    actor: User,
    person: User,
    phone: str | Keep = UNCHANGED,
    national_id: str | Keep = UNCHANGED,
) -> User:
    """An administrator replaces a person's phone or national ID (they are never shown, only
    replaced). Side effect: a ``person.sensitive_replaced`` event, the values masked."""
    return _change_person(
        actor=actor,
        user=person,
        action="person.sensitive_replaced",
        changes=given(phone=phone, national_id=national_id),
    )


def reveal_sensitive_fields(*, actor: User, person: User, reason: str) -> dict[str, str]:
    """The unmasked phone and national ID, read for ``reason`` (a short text the reader
    gives). Side effect: a ``person.sensitive_revealed`` event with the reason.

    The caller checks that ``actor`` may read them (``permissions.may_read_sensitive``).
    """
    reason = reason.strip()
    if not reason:
        raise field_error("reason", _("Say why you need to see them."), "blank")
    record_event(
        actor=actor,
        action="person.sensitive_revealed",
        target=person,
        after={"fields": list(SENSITIVE_FIELDS), "reason": reason[:200]},
    )
    return {field: getattr(person, field) for field in SENSITIVE_FIELDS}


def _email_link_later(user: User, site_url: str, *, first: bool) -> None:
    transaction.on_commit(lambda: email_password_link(user.pk, site_url, first))


@transaction.atomic
def issue_password_link(
    *, actor: User, user: User, site_url: str
) -> tuple[password_links.PasswordLink, bool]:
    """An administrator makes a set-password link for ``user`` to hand over, and it is also
    emailed when the person has an email; the link, and whether it is emailed. Side effect: an
    ``auth.password_link_issued`` event."""
    if not user.is_active:
        raise ValidationError(
            _("This account is closed: open it again before sending a link."), code="inactive"
        )
    emailed = bool(user.email)
    if emailed:
        _email_link_later(user, site_url, first=not user.has_usable_password())
    record_event(
        actor=actor, action="auth.password_link_issued", target=user, after={"emailed": emailed}
    )
    return password_links.make_link(user, site_url), emailed


def invite(*, users: list[User], site_url: str) -> int:
    """Email each new account with an email a link to choose its first password; how many."""
    invited = [user for user in users if user.email and user.is_active]
    for user in invited:
        _email_link_later(user, site_url, first=True)
    return len(invited)


RESET_REQUESTS = Window(limit=10, seconds=60 * 60)


@transaction.atomic
def request_password_reset(*, login: str, site_url: str) -> None:
    """Someone who forgot their password gives their username or email: the account it names,
    if it is active and has an email, is sent a link. The caller is told nothing either way.
    At most ``RESET_REQUESTS`` an hour from an address. Side effect: an
    ``auth.password_reset_requested`` event when a link is sent."""
    address = source_address() or "unknown"
    if count(f"password-reset:address:{address}", RESET_REQUESTS) > RESET_REQUESTS.limit:
        raise RateLimitedError(
            _("Too many requests for a new password from here; try again later."),
            retry_after=RESET_REQUESTS.retry_after(time.time()),
        )
    login = login.strip()
    named = User.objects.filter(is_active=True).exclude(email="")
    matches = list(named.filter(username=login)) or list(named.filter(email__iexact=login)[:2])
    if len(matches) != 1:  # nobody, or an email two accounts share: nobody to send to
        return
    user = matches[0]
    _email_link_later(user, site_url, first=not user.has_usable_password())
    record_event(actor=None, action="auth.password_reset_requested", target=user)


@transaction.atomic
def set_password_by_link(*, user: User, new_password: str) -> None:
    """The holder of a link chooses the account's password: it must pass the validators. The
    link then no longer works; every session and API token of the account ends. Side effect:
    an ``auth.password_set`` event."""
    try:
        validate_password(new_password, user)
    except ValidationError as error:
        raise ValidationError({"new_password": error.error_list}) from None
    user.set_password(new_password)
    user.save(update_fields=["password"])
    _end_sessions(user, _sessions_of(user))
    _revoke_tokens(user)
    record_event(actor=user, action="auth.password_set", target=user)
