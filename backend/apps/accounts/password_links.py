"""Set-password links: how a person whose account has no password yet (made by an import, or by
an administrator) signs in for the first time, and how someone who forgot theirs chooses a new
one.

This module makes and reads the links and writes their email; ``services`` issues them.
A link carries Django's password-reset token: it expires ``PASSWORD_RESET_TIMEOUT`` after it is
made, and works once, since it is signed with the account's password hash and last sign-in,
which setting the password changes. Nothing is stored. Links are emailed through Django's email
backend by the task runner (``tasks.email_password_link``), so that an answer never waits on a
mail server, nor tells by its timing whether an account exists.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from apps.accounts.models import User


@dataclass(frozen=True)
class PasswordLink:
    url: str
    expires_at: datetime


def make_link(user: User, site_url: str) -> PasswordLink:
    """A set-password link of ``user`` on the site at ``site_url`` (``https://host``)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return PasswordLink(
        url=f"{site_url.rstrip('/')}/set-password/{uid}/{token}",
        expires_at=timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
    )


def holder_of(uid: str, token: str) -> User | None:
    """The active account a link opens, or ``None`` when it is unknown, used or expired."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uid)))
    except (ValueError, TypeError, OverflowError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


def _send(user: User, link: PasswordLink, *, first: bool) -> None:
    with translation.override(user.language):
        hours = settings.PASSWORD_RESET_TIMEOUT // 3600
        if first:
            subject = _("Your Talentbridge account")
            opening = _(
                "An account on Talentbridge is ready for you. Your username is %(username)s."
            )
        else:
            subject = _("Choose a new Talentbridge password")
            opening = _(
                "Someone asked to choose a new password for your Talentbridge account "
                "(username %(username)s). If it was not you, ignore this message."
            )
        body = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": user.display_name},
                opening % {"username": user.get_username()},
                _("Choose your password here (the link works once, for %(hours)d hours):")
                % {"hours": hours},
                link.url,
            ]
        )
    send_mail(subject, body, None, [user.email])


def email_link(*, user_id: int, site_url: str, first: bool) -> None:
    """Email a new set-password link to an active account with an email (the task runner
    calls this; a person gone or without an email by then gets nothing)."""
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is not None:
        _send(user, make_link(user, site_url), first=first)
