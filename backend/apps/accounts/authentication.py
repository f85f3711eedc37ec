"""API tokens that expire: DRF's token authentication, refusing a token past its lifetime."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from apps.accounts.services import token_expires_at


class ExpiringTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>``, for ``API_TOKEN_DAYS`` after the token was issued."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        if token_expires_at(token) <= timezone.now():
            raise AuthenticationFailed(_("The token has expired; ask for a new one."))
        return user, token
