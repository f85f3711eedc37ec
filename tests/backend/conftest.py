import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is right for production and needlessly slow for hundreds of test logins."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttle counters live in the cache (Redis in CI): each test starts from none."""
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def client_for(api_client: APIClient):
    """An API client signed in as the given user (through the session, like the browser)."""

    def sign_in(user) -> APIClient:
        api_client.force_login(user)
        return api_client

    return sign_in
