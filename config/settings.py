"""Pamong settings, read from environment variables.

Production is the default: DEBUG off, secure cookies, HSTS, a strict
Content-Security-Policy. Development and the demo set DEBUG=1 explicitly.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# Without DEBUG the key must come from the environment. Management commands that sign nothing (migrate,
# makemigrations, check) run without it; the web server refuses to start (config/wsgi.py), and Django refuses
# to sign anything with an empty key.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = "pamong-development-only-secret-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The kabupaten/kota this deployment serves (Kemendagri code, e.g. "13.71" for Kota Padang).
PAMONG_REGION_CODE = os.environ.get("PAMONG_REGION_CODE", "13.71")
# TOTP is required for admin and pimpinan daerah unless explicitly switched off (development only).
PAMONG_REQUIRE_OTP = env_bool("PAMONG_REQUIRE_OTP", not DEBUG)
PAMONG_UPLOAD_MAX_BYTES = 5 * 1024 * 1024

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "bootstrap",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "pamong.core",
    "pamong.regions",
    "pamong.organization",
    "pamong.accounts",
    "pamong.workdays",
    "pamong.catalog",
    "pamong.servicerequests",
    "pamong.surveys",
    "pamong.complaints",
    "pamong.programmes",
    "pamong.portal",
    "pamong.reports",
    "pamong.kinerja",
    "pamong.skp",
    "pamong.training",
    "pamong.meetings",
    "pamong.attendance",
    "pamong.innovation",
    "ninja",  # serves the API docs (Swagger UI) from its own static files, not a CDN
    "pamong.api",
    "pamong.open311",
    "pamong.notifications",
    "pamong.ops",
    "pamong.desk",
    "pamong.demo",
]

MIDDLEWARE = [
    # Version counters and the deployment's facts read from the shared cache once per request.
    "pamong.core.requestmemo.RequestMemoMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # A database outage during a view answers 503 with Retry-After (after it, outside views: core.views.error_500).
    "pamong.core.unavailable.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "pamong.accounts.middleware.RequireOTPMiddleware",
    "pamong.regions.middleware.RegionTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Axes must come last so that it sees the final response of a login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "pamong" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pamong.regions.context_processors.pamong",
                "pamong.core.pagecache.csrf_slot",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'pamong.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A server that does not answer (stopped host, network gone) fails a connection in seconds, not minutes: pages
    # answer 503 at once and the workers go on retrying.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DB_CONNECT_TIMEOUT", "5"))
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    # WAL and a busy timeout let the web server and the worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "pamong.accounts.backends.PamongBackend",
    # Sessions signed in before PamongBackend name this one; they stay valid.
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "desk:home"
LOGOUT_REDIRECT_URL = "portal:front"

# django-axes: lock an account/IP pair after 5 failures for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "pamong.core.client_ip.client_ip"
# How many reverse proxies in front of gunicorn append to X-Forwarded-For (0: clients connect directly).
PAMONG_TRUSTED_PROXIES = int(os.environ.get("PAMONG_TRUSTED_PROXIES", "0"))

OTP_TOTP_ISSUER = "Pamong"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "pamong" / "static"]
STORAGES = {
    # Files land whole or not at all; a full or read-only disk is a clear message (pamong/core/storage.py).
    "default": {"BACKEND": "pamong.core.storage.SafeFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploads live outside the web root and are served only by views that check permission.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# A cache shared by the web workers and the commands (no Redis needed): imports clear what they change.
# Two caches. "default" is shared by every worker process (files unless CACHE_BACKEND says otherwise, e.g.
# django.core.cache.backends.redis.RedisCache): rate limits and the version counters that say when a cached
# page is stale. "local" lives in each worker's memory: rendered pages and fragments, looked up under the
# current version, so a stale one is simply never asked for again.
CACHE_BACKEND = os.environ.get("CACHE_BACKEND", "pamong.core.cache.LockingFileCache")
CACHES = {
    "default": {
        "BACKEND": CACHE_BACKEND,
        "LOCATION": os.environ.get("CACHE_LOCATION", str(BASE_DIR / "var" / "cache")),
        # Keeps two deployments (or a test) apart on one Redis; with several app servers every one must use the
        # same backend, location and prefix (docs/OPERATIONS.md).
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
        "TIMEOUT": 600,
        # Redis takes connection options (a Redis that does not answer fails a page in 2 s instead of hanging
        # it); the file cache its size.
        "OPTIONS": (
            {"socket_connect_timeout": 2, "socket_timeout": 2}
            if CACHE_BACKEND.endswith(".RedisCache")
            else {"MAX_ENTRIES": 20_000}
        ),
    },
    "local": {
        "BACKEND": "pamong.core.cache.LocalMemoryCache",
        "LOCATION": "pamong-local",
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 5_000},
    },
}
# Whole pages kept in memory (pamong.core.pagecache); off to measure or debug the cold path. Fragment caches
# (charts, region overviews) stay on either way.
PAMONG_PAGE_CACHE = env_bool("PAMONG_PAGE_CACHE", True)

# Map tiles for complaint locations: a tile URL template ({z}/{x}/{y}) and its attribution; empty turns the map
# off (the page still shows the coordinates and a link to open them in a maps app). The tiles' host is added to
# the Content-Security-Policy's img-src.
PAMONG_MAP_TILES = os.environ.get("PAMONG_MAP_TILES", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
PAMONG_MAP_ATTRIBUTION = os.environ.get("PAMONG_MAP_ATTRIBUTION", "© kontributor OpenStreetMap")


def _map_bounds(raw: str) -> tuple[float, float, float, float]:
    """South, west, north, east of the area complaints may be located in (the kabupaten/kota's bounding box, set
    by the deployment's admin); Indonesia's by default."""
    from django.core.exceptions import ImproperlyConfigured

    try:
        south, west, north, east = (float(part) for part in raw.split(","))
    except ValueError as exc:
        raise ImproperlyConfigured(f"PAMONG_MAP_BOUNDS: four numbers 'selatan,barat,utara,timur', not {raw!r}") from exc
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        raise ImproperlyConfigured(f"PAMONG_MAP_BOUNDS: south < north and west < east expected, not {raw!r}")
    return south, west, north, east


PAMONG_MAP_BOUNDS = _map_bounds(os.environ.get("PAMONG_MAP_BOUNDS", "-11.5,94,6.5,141.5"))

# One queue per kind of work, each served by its own worker (bin/serve), so that a slow SMS gateway never holds
# back e-mail, and a long indicator build never holds back a letter's PDF.
TASK_QUEUES = ["default", "sms", "email", "pdf"]
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": TASK_QUEUES,
    }
}
# A task RUNNING this long on a worker that has not been seen for as long is queued again (the worker died).
PAMONG_WORKER_LEASE = int(os.environ.get("PAMONG_WORKER_LEASE", "60"))
# The operations status as JSON (/operasional/status.json) for a monitor without a staff session: sent as
# "Authorization: Bearer <token>". Empty: staff only. PAMONG_METRICS=1 adds Prometheus text at /operasional/metrics
# (same token or staff).
PAMONG_STATUS_TOKEN = os.environ.get("PAMONG_STATUS_TOKEN", "")
PAMONG_METRICS = env_bool("PAMONG_METRICS", False)

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
# Seconds an SMTP connection may take to connect or to answer: a hung mail server must not stall the e-mail queue.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Pamong <pamong@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: safe in production, relaxed only where DEBUG serves plain http on localhost.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sessions are read from the shared cache (written through to the database): no query per staff page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]


def _map_tile_hosts() -> list[str]:
    """The tile server's origin, for img-src ("{s}" subdomains become a wildcard)."""
    from urllib.parse import urlsplit

    if not PAMONG_MAP_TILES:
        return []
    parts = urlsplit(PAMONG_MAP_TILES)
    return [f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"]


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_map_tile_hosts()],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
CSRF_FAILURE_VIEW = "pamong.core.views.csrf_failure"

# Error reporting (config/sentry.py): only when SENTRY_DSN is set; no personal data is sent.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from config.sentry import init_sentry

    init_sentry(SENTRY_DSN)
PAMONG_BASE_URL = os.environ.get("PAMONG_BASE_URL", "http://127.0.0.1:8000")

# SMS/WhatsApp gateway: ConsoleSmsBackend (development), FileSmsBackend (demo), HttpSmsBackend (production).
PAMONG_SMS_BACKEND = os.environ.get(
    "PAMONG_SMS_BACKEND",
    "pamong.notifications.backends.ConsoleSmsBackend" if DEBUG else "pamong.notifications.backends.HttpSmsBackend",
)
PAMONG_SMS_HTTP_URL = os.environ.get("PAMONG_SMS_HTTP_URL", "")
PAMONG_SMS_HTTP_TOKEN = os.environ.get("PAMONG_SMS_HTTP_TOKEN", "")
# Seconds to connect to the gateway, and to get its whole answer: a hung gateway costs one try, not the queue.
PAMONG_SMS_HTTP_CONNECT_TIMEOUT = float(os.environ.get("PAMONG_SMS_HTTP_CONNECT_TIMEOUT", "3"))
PAMONG_SMS_HTTP_READ_TIMEOUT = float(os.environ.get("PAMONG_SMS_HTTP_READ_TIMEOUT", "10"))
# Signing letters: "local" (PAdES with the unit's certificate, pyHanko) or "bsre" (the BSrE esign API v2, the
# signer's own certificate, unlocked by the passphrase typed at signing; see pamong/servicerequests/bsre.py).
PAMONG_SIGNING_BACKEND = os.environ.get("PAMONG_SIGNING_BACKEND", "local")
PAMONG_BSRE_URL = os.environ.get("PAMONG_BSRE_URL", "")
PAMONG_BSRE_USERNAME = os.environ.get("PAMONG_BSRE_USERNAME", "")
PAMONG_BSRE_PASSWORD = os.environ.get("PAMONG_BSRE_PASSWORD", "")
# Seconds: the signer waits for the service while the letter's number is held.
PAMONG_BSRE_TIMEOUT = float(os.environ.get("PAMONG_BSRE_TIMEOUT", "20"))
PAMONG_BSRE_STATUS_TIMEOUT = float(os.environ.get("PAMONG_BSRE_STATUS_TIMEOUT", "5"))
PAMONG_TRACK_LIMIT = int(os.environ.get("PAMONG_TRACK_LIMIT", "30"))  # unknown-code lookups per client per 10 min
PAMONG_APPLY_LIMIT = int(os.environ.get("PAMONG_APPLY_LIMIT", "20"))  # applications per client address per hour
# Working days per complaint stage (SP4N-LAPOR!): verify, forward (disposition), first follow-up.
PAMONG_COMPLAINT_STAGE_DAYS = {"verifikasi": 3, "disposisi": 3, "tindak_lanjut": 5}
PAMONG_KIOSK_LIMIT = int(os.environ.get("PAMONG_KIOSK_LIMIT", "120"))  # survey answers per kiosk per hour
PAMONG_KIOSK_DAILY = int(os.environ.get("PAMONG_KIOSK_DAILY", "300"))  # survey answers per kiosk per day
