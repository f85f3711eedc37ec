"""Talentbridge settings: one base, read from the environment.

Without any environment variable the project runs on its embedded default: SQLite under
``var/``, an in-memory channel layer and a local-memory cache. ``DATABASE_URL`` switches to
PostgreSQL, ``REDIS_URL`` to Redis for the channel layer and the cache. ``DJANGO_ENV=production``
hardens everything and refuses to start without the secrets it needs. Every variable is listed
in ``docs/operations.md``.
"""

import ipaddress
import os
import re
import secrets
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

# Lets Django's generic classes be subscripted at run time (admin.ModelAdmin[Department]).
django_stubs_ext.monkeypatch()

BACKEND_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BACKEND_DIR.parent
VAR_DIR = Path(os.environ.get("TALENTBRIDGE_VAR_DIR", PROJECT_DIR / "var"))
FRONTEND_DIST_DIR = PROJECT_DIR / "frontend" / "dist"


def env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, *, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from None


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def env_networks(name: str) -> list[str]:
    """Comma-separated addresses or networks (``172.30.0.10``, ``10.0.0.0/8``)."""
    entries = env_list(name)
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name}: {entry!r} is not an address or a network."
            ) from None
    return entries


DJANGO_ENV = os.environ.get("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be development or production, not {DJANGO_ENV!r}.")
PRODUCTION = DJANGO_ENV == "production"


def development_secret_key() -> str:
    """A random key kept under var/ so that sessions survive restarts on a developer machine."""
    key_file = VAR_DIR / "development-secret-key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


if PRODUCTION:
    missing = [
        name
        for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "FIELD_ENCRYPTION_KEYS")
        if not os.environ.get(name)
    ]
    if missing:
        raise ImproperlyConfigured(
            "Production needs these environment variables: " + ", ".join(missing) + "."
        )
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    DEBUG = False
else:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or development_secret_key()
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS") or ["127.0.0.1", "localhost", "[::1]"]
    DEBUG = env_bool("DJANGO_DEBUG", default=True)

# Fernet keys for the encrypted personal fields, newest first (older keys still decrypt, which
# is how a key is rotated). Development derives one from SECRET_KEY; production must set them.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The reverse proxies in front (addresses or networks): only requests from them may say, in
# X-Forwarded-For and X-Forwarded-Proto, who the client is and whether it came over TLS
# (apps.core.proxy). None by default: the headers are then ignored.
TRUSTED_PROXIES = env_networks("TALENTBRIDGE_TRUSTED_PROXIES")

INSTALLED_APPS = [
    "daphne",  # before staticfiles, so that runserver serves through daphne
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "huey.contrib.djhuey",
    "apps.core",
    "apps.tasks",
    "apps.audit",
    "apps.organisation",
    "apps.accounts",
    "apps.skills",
    "apps.secondments",
    "apps.imports",
    "apps.groups",
    "apps.events",
    "apps.chat",
    "apps.notifications",
    "apps.realtime",
    "apps.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "apps.core.security.SecurityHeadersMiddleware",
    "apps.core.request_context.RequestContextMiddleware",
    "apps.core.static.StaticFilesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "apps.accounts.middleware.SessionPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL names another. Under ASGI every request may
# run in another thread, so connections are not kept between requests.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=0, conn_health_checks=True)
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "talentbridge.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

# Redis carries the channel layer (between daphne processes) and the cache (sign-in and chat
# limits, presence) when REDIS_URL is set; otherwise both stay inside the one process.
REDIS_URL = os.environ.get("REDIS_URL", "")
# Each process reads its events from one channel ("hub.*", see apps.realtime.hub): a burst in a
# busy room must not overflow it (the layer drops what exceeds a channel's capacity).
HUB_CHANNEL_CAPACITY = 100_000
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "apps.realtime.layers.WaitingRedisChannelLayer",
            "CONFIG": {
                # Calls beyond 100 at once wait (up to 20 s) for a free connection. A read
                # may block for channels_redis's 5 s BZPOPMIN: redis-py's own default socket
                # timeout (also 5 s) would cut it, fail the process's receive loop every few
                # seconds, and with it /healthz's round trip.
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "max_connections": 100,
                        "timeout": 20,
                        "socket_timeout": 30,
                        "socket_connect_timeout": 5,
                    }
                ],
                "prefix": "talentbridge",
                "capacity": 1000,
                "channel_capacity": {"hub.*": HUB_CHANNEL_CAPACITY},
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "talentbridge",
        }
    }
else:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels.layers.InMemoryChannelLayer",
            # Unlike channels_redis, the in-memory layer takes its patterns compiled.
            "CONFIG": {
                "capacity": 1000,
                "channel_capacity": [(re.compile(r"hub\."), HUB_CHANNEL_CAPACITY)],
            },
        }
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The task runner (apps.tasks): Huey on Redis when REDIS_URL is set, otherwise on a SQLite file
# of its own under var/. ``manage.py run_huey`` is the worker; ``make run`` starts one.
HUEY = {
    "name": "talentbridge",
    "huey_class": "huey.RedisHuey" if REDIS_URL else "huey.SqliteHuey",
    "connection": {"url": REDIS_URL} if REDIS_URL else {"filename": str(VAR_DIR / "tasks.sqlite3")},
    "immediate": False,  # djhuey would run tasks inline whenever DEBUG is on
    "utc": True,
    "consumer": {
        "workers": env_int("TALENTBRIDGE_TASK_WORKERS", default=2),
        "worker_type": "thread",
    },
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "apps.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A set-password link (first sign-in, forgotten password) works once, for this long.
PASSWORD_RESET_TIMEOUT = env_int("TALENTBRIDGE_PASSWORD_LINK_HOURS", default=72) * 3600

# Email (set-password links) goes through Django's email backend: SMTP when EMAIL_HOST is set;
# otherwise each message is written to the worker's output, or, with
# TALENTBRIDGE_EMAIL_DIRECTORY, to a file there (the browser tests read them).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Talentbridge <noreply@localhost>")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif os.environ.get("TALENTBRIDGE_EMAIL_DIRECTORY"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["TALENTBRIDGE_EMAIL_DIRECTORY"]
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

LANGUAGE_CODE = "en"
LOCALE_PATHS = [BACKEND_DIR / "locale"]
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = os.environ.get("TALENTBRIDGE_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [FRONTEND_DIST_DIR] if FRONTEND_DIST_DIR.is_dir() else []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

REST_FRAMEWORK = {
    # Token first: a request without credentials then gets 401 with WWW-Authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "apps.accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Deny by default: every view names the permission it needs.
    "DEFAULT_PERMISSION_CLASSES": ["apps.core.permissions.DenyAll"],
    # JSON only: the web app and API clients send JSON; the CSV imports name their own parser.
    "DEFAULT_PARSER_CLASSES": ["apps.core.api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "apps.core.api.pagination.PagePagination",
    "DEFAULT_FILTER_BACKENDS": ["apps.core.api.filters.KnownParametersFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "apps.core.api.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Talentbridge API",
    "DESCRIPTION": (
        "Cross-department talent sharing for a city's government. Errors share one shape, "
        "described by the Error component; see docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PATH_CONVERTER_OVERRIDES": {"id": int},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.core.api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "TierEnum": "apps.accounts.models.Tier",
        "RoleEnum": "apps.core.roles.Role",
        "LanguageEnum": "apps.accounts.models.Language",
        "ProvenanceEnum": "apps.skills.models.Provenance",
        "NeedStatusEnum": "apps.secondments.models.NeedStatus",
        "MemberRoleEnum": "apps.groups.models.MemberRole",
        "MembershipStatusEnum": "apps.groups.models.MembershipStatus",
        "JoinPolicyEnum": "apps.groups.models.JoinPolicy",
        "NotificationKindEnum": "apps.notifications.kinds.KINDS",
        "RunnerUpReasonEnum": "apps.secondments.api.serializers.RUNNER_UP_REASONS",
        "UnfilledReasonEnum": "apps.secondments.api.serializers.UNFILLED_REASONS",
        "FixKindEnum": "apps.secondments.api.serializers.FIX_KINDS",
        "SideEnum": "apps.secondments.lifecycle.SIDES",
        "SessionKindEnum": "apps.events.models.SessionKind",
        "WeekStatusEnum": "apps.events.models.WeekStatus",
        "RegistrationStandingEnum": "apps.events.api.serializers.STANDINGS",
        "AttendanceStatusEnum": "apps.events.models.AttendanceStatus",
    },
}

# Failed sign-ins (web app, API token, admin site) before the way in waits: per account at one
# address and per address in 15 minutes, per account from everywhere in an hour.
SIGN_IN_FAILURES_PER_ACCOUNT_AND_ADDRESS = env_int(
    "TALENTBRIDGE_SIGN_IN_FAILURES_PER_ACCOUNT_AND_ADDRESS", default=5
)
SIGN_IN_FAILURES_PER_ADDRESS = env_int("TALENTBRIDGE_SIGN_IN_FAILURES_PER_ADDRESS", default=30)
SIGN_IN_FAILURES_PER_ACCOUNT = env_int("TALENTBRIDGE_SIGN_IN_FAILURES_PER_ACCOUNT", default=30)

# API tokens last this many days from when they are issued; then the client asks for a new one.
API_TOKEN_DAYS = env_int("TALENTBRIDGE_API_TOKEN_DAYS", default=30)

CHAT_MESSAGES_PER_MINUTE = env_int("TALENTBRIDGE_CHAT_MESSAGES_PER_MINUTE", default=30)

# After a secondment ends, its person is left out of match runs for this many days.
SECONDMENT_COOLING_OFF_DAYS = env_int("TALENTBRIDGE_COOLING_OFF_DAYS", default=90)

# Check-in at an exchange week's session opens this many minutes before it starts; a person
# checking in more than the grace period after the start is late. Wrong check-in codes a person
# may type in ten minutes.
CHECK_IN_OPENS_MINUTES = env_int("TALENTBRIDGE_CHECK_IN_OPENS_MINUTES", default=30)
CHECK_IN_GRACE_MINUTES = env_int("TALENTBRIDGE_CHECK_IN_GRACE_MINUTES", default=10)
CHECK_IN_WRONG_CODES = env_int("TALENTBRIDGE_CHECK_IN_WRONG_CODES", default=10)

# Seconds the automatic timetable of an exchange week searches before answering with the best
# it found.
TIMETABLE_SECONDS = env_int("TALENTBRIDGE_TIMETABLE_SECONDS", default=5)
# The schedule editor warns when more than this share (percent) of a department's staff, and at
# least two people, would be at sessions at one time (the organiser may change it there).
EXCHANGE_DEPARTMENT_SHARE = env_int("TALENTBRIDGE_DEPARTMENT_SHARE", default=50)

LOGIN_URL = "/admin/login/"
# A browser session ends this long after signing in, whatever the person does (the lifetime),
# and this long after they last acted (the idle timeout): ``apps.core.sessions``.
SESSION_AGE = env_int("TALENTBRIDGE_SESSION_AGE", default=8 * 60 * 60)
SESSION_IDLE_SECONDS = env_int("TALENTBRIDGE_SESSION_IDLE", default=30 * 60)
SESSION_COOKIE_AGE = SESSION_AGE
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    # TLS ends at the proxy, which says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TALENTBRIDGE_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
    },
}
