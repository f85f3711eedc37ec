from typing import cast

from django.http import HttpRequest
from rest_framework.request import Request

from apps.accounts.models import User


def acting_user(request: HttpRequest | Request) -> User:
    """The signed-in user of a request that a permission class has already let through."""
    return cast(User, request.user)
