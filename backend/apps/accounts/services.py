"""Writes about accounts: signing in and out, roles, the profile, revealing sensitive fields."""

from typing import Any

from django.contrib.auth import authenticate, login, logout
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from apps.accounts.models import Role, RoleGrant, User
from apps.audit.services import record_event
from apps.core.errors import field_error
from apps.core.masking import mask
from apps.realtime.events import publish_to_user

SENSITIVE_FIELDS = ("phone", "national_id")


def _forget_roles(user: User) -> None:
    user.__dict__.pop("roles", None)


def check_credentials(*, request: HttpRequest, username: str, password: str) -> User:
    """The active account these credentials open; a failed attempt is audited.

    The error does not say whether the account exists.
    """
    user = authenticate(request, username=username, password=password)
    if not isinstance(user, User) or not user.is_active:
        record_event(
            actor=None,
            action="auth.login_failed",
            after={"username": username[:150]},
            request=request,
        )
        raise ValidationError(_("Wrong username or password."), code="invalid_credentials")
    return user


def log_in(*, request: HttpRequest, username: str, password: str) -> User:
    """Open a browser session. Side effects: a session cookie, an ``auth.login`` event."""
    user = check_credentials(request=request, username=username, password=password)
    login(request, user)
    record_event(actor=user, action="auth.login", target=user, request=request)
    return user


def log_out(*, request: HttpRequest, user: User) -> None:
    """Close the browser session of ``user``. Side effects: an ``auth.logout`` event; the
    session's open sockets are closed."""
    record_event(actor=user, action="auth.logout", target=user, request=request)
    publish_to_user(user.pk, {"kind": "session_ended", "session_key": request.session.session_key})
    logout(request)


def account_deactivated(*, user: User) -> None:
    """Close every open socket of a person whose account was deactivated."""
    publish_to_user(user.pk, {"kind": "deactivated"})


def issue_token(*, request: HttpRequest, username: str, password: str) -> Token:
    """The API token of an account (created on first use). Side effect: an audit event."""
    user = check_credentials(request=request, username=username, password=password)
    token, _created = Token.objects.get_or_create(user=user)
    record_event(actor=user, action="auth.token_issued", target=user, request=request)
    return token


def revoke_token(*, request: HttpRequest, user: User) -> None:
    Token.objects.filter(user=user).delete()
    record_event(actor=user, action="auth.token_revoked", target=user, request=request)


@transaction.atomic
def grant_role(
    *, actor: User, user: User, role: str, request: HttpRequest | None = None
) -> RoleGrant:
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
    record_event(
        actor=actor, action="role.granted", target=user, after={"role": role}, request=request
    )
    return grant


@transaction.atomic
def revoke_role(*, actor: User, grant: RoleGrant, request: HttpRequest | None = None) -> None:
    """Take a role back. The last administrator keeps theirs, so that someone always can.

    Side effects: revoking admin closes the Django admin site to the person; a
    ``role.revoked`` audit event.
    """
    user = grant.user
    if grant.role == Role.ADMIN and RoleGrant.objects.filter(role=Role.ADMIN).count() == 1:
        raise ValidationError(
            _("The last administrator cannot lose the admin role."), code="last_admin"
        )
    grant.delete()
    if grant.role == Role.ADMIN:
        user.is_staff = user.is_superuser = False
        user.save(update_fields=["is_staff", "is_superuser"])
    _forget_roles(user)
    record_event(
        actor=actor,
        action="role.revoked",
        target=user,
        before={"role": grant.role},
        request=request,
    )


def _audit_value(field: str, value: Any) -> Any:
    return mask(value) if field in SENSITIVE_FIELDS and value else value


@transaction.atomic
def update_profile(
    *, actor: User, user: User, changes: dict[str, Any], request: HttpRequest | None = None
) -> User:
    """Change fields of a profile. Side effect: a ``profile.updated`` event with the fields
    that changed, sensitive values masked even in the trail."""
    changed = {field: value for field, value in changes.items() if getattr(user, field) != value}
    if not changed:
        return user
    before = {field: _audit_value(field, getattr(user, field)) for field in changed}
    for field, value in changed.items():
        setattr(user, field, value)
    user.full_clean(validate_unique=False, validate_constraints=False)
    user.save(update_fields=list(changed))
    record_event(
        actor=actor,
        action="profile.updated",
        target=user,
        before=before,
        after={field: _audit_value(field, value) for field, value in changed.items()},
        request=request,
    )
    return user


def reveal_sensitive_fields(*, actor: User, person: User, request: HttpRequest) -> dict[str, str]:
    """The unmasked phone and national ID. Side effect: a ``person.sensitive_revealed`` event.

    The caller checks that ``actor`` may read them (``permissions.may_read_sensitive``).
    """
    record_event(
        actor=actor,
        action="person.sensitive_revealed",
        target=person,
        after={"fields": list(SENSITIVE_FIELDS)},
        request=request,
    )
    return {field: getattr(person, field) for field in SENSITIVE_FIELDS}
