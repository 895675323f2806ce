"""Django settings for junkan, configured only through environment variables.

Every variable is listed with its default in README.md ("Configuration"). Values are read
through the typed helpers in ``junkan.envconf``, which raise on a malformed value.
"""

from __future__ import annotations

import os
import secrets
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from junkan.envconf import email_config, env_bool, env_int, env_links, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("DATA_DIR", str(BASE_DIR / "data"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

# The development server is the only place where DEBUG defaults to on.
DEBUG = env_bool("DEBUG", default=len(sys.argv) > 1 and sys.argv[1] == "runserver")


def _secret_key() -> str:
    """Use SECRET_KEY, or a key generated once into the data folder."""
    value = env_str("SECRET_KEY")
    if value:
        if len(value) < 50:
            raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long")
        return value
    path = DATA_DIR / "secret_key"
    try:
        # O_EXCL: when several processes start at once, exactly one writes the key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
    for _attempt in range(50):
        key = path.read_text().strip()
        if key:
            return key
        time.sleep(0.01)  # the writer has created the file but not yet written it
    raise ImproperlyConfigured(f"{path} is empty; delete it or set SECRET_KEY")


SECRET_KEY = _secret_key()

SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
_site = urlsplit(SITE_URL)
if _site.scheme not in {"http", "https"} or not _site.hostname:
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} must be an absolute http(s) URL")
HTTPS = _site.scheme == "https"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [_site.hostname, "127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # The person's list of signed-in browsers with "sign out elsewhere" (ASVS V3).
    "allauth.usersessions",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    # Project apps: one per domain.
    "junkan.common",
    "junkan.audit",
    "junkan.accounts",
    "junkan.municipalities",
    "junkan.organizations",
    "junkan.carbon",
    "junkan.programs",
    "junkan.registry",
    "junkan.applications",
    "junkan.review",
    "junkan.grants",
    "junkan.economy",
    "junkan.support",
    "junkan.regional",
    "junkan.hubs",
    "junkan.finance",
    "junkan.exchange",
    "junkan.callqa",
    "junkan.localbiz",
    "junkan.cases",
    "junkan.events",
    "junkan.newsletter",
    "junkan.search",
    "junkan.matching",
    "junkan.portal",
    "junkan.dashboard",
]

MIDDLEWARE = [
    "junkan.common.middleware.BodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "junkan.common.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "junkan.accounts.signals.DeviceCookieMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "junkan.accounts.middleware.StaffIdleTimeoutMiddleware",
    "junkan.accounts.middleware.RequireTwoFactorMiddleware",
]

ROOT_URLCONF = "junkan.urls"
WSGI_APPLICATION = "junkan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "junkan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "junkan.common.context_processors.site",
            ],
        },
    },
]
FORM_RENDERER = "junkan.common.forms.AccessibleFormRenderer"

# Database: PostgreSQL in production; a SQLite file in the data folder by default.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'junkan.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while a request writes; IMMEDIATE avoids "database is locked"
        # when two transactions upgrade from read to write at once.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side binding: with persistent connections (DATABASE_CONN_MAX_AGE) psycopg prepares a query
    # run five times on a connection, and PostgreSQL then skips planning it (a project's 7-table join
    # planned in ~1.5 ms and ran in 0.15 ms).
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": env_bool("DATABASE_SERVER_SIDE_BINDING", True),
        "prepare_threshold": env_int("DATABASE_PREPARE_THRESHOLD", 5, minimum=0),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_redis_url = env_str("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        # One process's memory: room for the rendered fragments (the layout's header per section and kind
        # of person, the directories' pages) beside the derived data; Django's default is 300 entries.
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}
    )
}
if _redis_url:
    # Rendered fragments and derived values, stored under keys that carry their data's generation tokens
    # (a key never changes meaning): each process keeps a copy of what it read in front of Redis
    # (junkan/common/cache_backends.py). The {% cache %} tag uses this alias by its name.
    CACHES["template_fragments"] = {
        "BACKEND": "junkan.common.cache_backends.TieredRedisCache",
        "LOCATION": _redis_url,
        "KEY_PREFIX": "f",
    }

# Sessions: in the database, read through the shared cache when there is one (Redis): a signed-in page no
# longer queries django_session. With one process's memory as the cache, a logout seen by one worker would
# not be seen by another, so the database alone is used.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if _redis_url else "django.contrib.sessions.backends.db"
)

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "mail"],
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard:home"

# django-allauth: e-mail as the login, mandatory verification, throttled failures, TOTP.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "junkan.accounts.forms.SignupForm"
ACCOUNT_FORMS = {"login": "junkan.accounts.login_form.LoginForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "junkan.accounts.adapters.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[循環 junkan] "
# The person is told by e-mail when their password, e-mail address or second factor changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "junkan"
# One 30-second step either way: phones drift, and officers type codes slowly.
MFA_TOTP_TOLERANCE = 1

# Mail: console by default; EMAIL_URL=smtp://user:pass@host:587?tls=1 in production.
globals().update(email_config(env_str("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "junkan <noreply@junkan.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where applicants' messages to the secretariat are announced (empty: only shown in the inbox).
SECRETARIAT_EMAIL = env_str("SECRETARIAT_EMAIL", "")
# The platform's social accounts, shown in the footer: "Facebook|https://www.facebook.com/…,X|https://x.com/…".
SOCIAL_LINKS = env_links("SOCIAL_LINKS")

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "junkan" / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "junkan" / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns about a missing folder before collectstatic
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))

# How many app servers (hosts) serve the site; more than one requires S3_BUCKET (check --deploy: junkan.E002).
APP_SERVERS = env_int("APP_SERVERS", 1, minimum=1)

# Uploads go to object storage (S3 API) when a bucket is named; otherwise to MEDIA_ROOT.
_bucket = env_str("S3_BUCKET")
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": _bucket,
                "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
                "region_name": env_str("S3_REGION") or None,
                "access_key": env_str("S3_ACCESS_KEY_ID") or None,
                "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
        if _bucket
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if not env_bool("STATIC_MANIFEST", not DEBUG)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)

# Security: HTTPS settings follow SITE_URL; behind a load balancer set TRUST_X_FORWARDED_PROTO=1.
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp), enforced: every script and style is ours, served from /static/.
# No inline <script>, style="" or on…= attribute in templates (htmx is configured by a meta tag in
# base.html). Downloads carry their own "sandbox" policy (junkan.common.files), which this one keeps.
_SELF = "'self'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "object-src": ["'none'"],
        "base-uri": [_SELF],
        "frame-ancestors": ["'none'"],
        "form-action": [_SELF],
    }
}
# Browser features no page uses are switched off for this site and anything it might embed.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(self), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "picture-in-picture=(), publickey-credentials-get=(self), screen-wake-lock=(), usb=(), "
    "xr-spatial-tracking=()"
)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12, minimum=300)
# Staff, reviewers and administrators are signed out after this long without a request.
STAFF_IDLE_SECONDS = env_int("STAFF_IDLE_SECONDS", 30 * 60, minimum=60)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# A whole request body (a 20 MB file and its form); larger declared bodies get 413 before they are read.
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 25 * 1024 * 1024, minimum=1024 * 1024)
# The ClamAV daemon that scans every upload (tcp://host:3310 or unix:///run/clamav/clamd.ctl); unset: none.
CLAMD_ADDRESS = env_str("CLAMD_ADDRESS", "")

if env_bool("SILENCE_HSTS_PRELOAD_WARNING", not SECURE_HSTS_PRELOAD):
    # Preload is a one-way commitment for the whole domain; it stays the operator's choice.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
