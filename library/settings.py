"""
Settings for the resource library, read from environment variables.

Every difference between a laptop and production is an environment variable
with a safe default; see the README's "Production" section for the list.
Each setting is written once, in the order Django's own settings reference
groups them, then the apps' own settings. Tests and the benchmark override a
few in tests/settings.py and bench/settings.py; nothing else changes them.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    return int(os.environ.get(name, str(default)))


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_env():
    """DATABASE_URL as Django's DATABASES["default"]; unset: a SQLite file in the project."""
    database = dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    if database["ENGINE"] != "django.db.backends.postgresql":
        return database
    # Fail fast (and show the 503 page) rather than hang while PostgreSQL is
    # away; a connect_timeout in DATABASE_URL's query string wins.
    options = {"connect_timeout": env_int("DJANGO_DB_CONNECT_TIMEOUT", 5)}
    return {**database, "OPTIONS": {**options, **database.get("OPTIONS", {})}}


# With Redis, every gunicorn instance shares the cache, the whole-page cache
# and its content generation; without it each process caches in its own memory.
redis_url = os.environ.get("REDIS_URL", "")


# Core

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or (
    "django-insecure-local-development-only" if DEBUG else ""
)
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
        "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")


# Applications

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "axes",
    "core",
    "resources",
    "newsletters",
    # Site search: PostgreSQL full-text search (SQLite: FTS5); see search/.
    "django.contrib.postgres",
    "search",
    # Feeds, calendars and sitemaps (issue 5): the sitemap framework's views and template.
    "django.contrib.sitemaps",
    # Request logs, the 503 page, /healthz and /readyz, the resilient Redis
    # cache (docs/reliability.md).
    "reliability",
    # Whole-page and fragment caches (README "Speed").
    "pagecache",
]

MIDDLEWARE = [
    # First, so every response (even one from whitenoise or the page cache)
    # gets its request id and its line in the request log.
    "reliability.logging.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Whole-page cache for anonymous visitors: just inside whitenoise, outside
    # session, CSRF, auth, messages and CSP, so a cached page is replayed with
    # the very headers it was rendered with (pagecache.E001 checks the order).
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Security headers: the CSP (SECURE_CSP; ADMIN_CSP for the admin, chosen
    # just inside the CSP middleware), Permissions-Policy.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.security.AdminContentSecurityPolicyMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "library.urls"
WSGI_APPLICATION = "library.wsgi.application"
ASGI_APPLICATION = "library.asgi.application"


# Templates

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "core.security.login_limits",
                "pagecache.context_processors.fragment_cache",
            ],
        },
    },
]


# Database
# DATABASE_URL unset: a SQLite file in the project, so a newcomer needs no server.
# Production: postgres://USER:PASSWORD@HOST:5432/NAME (psycopg 3).

DATABASES = {"default": database_from_env()}


# Cache
# One machine: per-process memory. Several gunicorn machines share Redis
# through REDIS_URL (https://docs.djangoproject.com/en/6.1/topics/cache/#redis),
# in a backend whose failures degrade to no cache rather than errors.

CACHES = {
    "default": (
        {"BACKEND": "reliability.cache.ResilientRedisCache", "LOCATION": redis_url}
        if redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}


# Authentication, passwords and sessions

# django-axes first: it refuses a locked-out username before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions in the database, as Django's default, but a malformed session
# cookie is no 500.
SESSION_ENGINE = "reliability.sessions"


# Internationalisation

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True


# Static files and uploads

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000


# Security

# Cookies: Secure whenever debug is off (DJANGO_SECURE_COOKIES=0 only for
# plain HTTP behind no proxy). The session cookie is HttpOnly (Django's
# default); the CSRF cookie is too, as the admin's forms carry the token in
# the page, not from JS.
SESSION_COOKIE_SECURE = not DEBUG and env_bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Production runs behind a proxy that terminates HTTPS and says so.
SECURE_PROXY_SSL_HEADER = None if DEBUG else ("HTTP_X_FORWARDED_PROTO", "https")
# Off by default so a plain-HTTP trial deploy works; turn both on behind HTTPS
# (https://docs.djangoproject.com/en/6.1/ref/middleware/#http-strict-transport-security).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", default=False)
# Load balancers probe health over plain HTTP, inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy, from Django's own middleware
# (https://docs.djangoproject.com/en/6.1/ref/csp/). Public pages: only this
# origin's files, no inline script or style, and no nonce. A nonce must be
# unique to one response, and the whole-page cache replays a public page, its
# header and body, to every anonymous reader for up to PAGE_CACHE_SECONDS, so
# a nonce there would be public and protect nothing. Nothing public needs one:
# the site's scripts are files (static/js/) and its inline <script>s are
# JSON-LD data blocks, which browsers never run. No 'unsafe-inline' anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# The admin's own templates have inline <script>s and <style>s marked with the
# response's nonce ({% csp_nonce_attr %}), so its pages, never page-cached
# (Django's admin sends Cache-Control: private, no-store), get the same policy
# plus a fresh nonce per response (core.security.AdminContentSecurityPolicyMiddleware).
ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
}
# Browser features no page here uses (core/security.py sends it).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)


# Logging: to stdout, where gunicorn and the platform collect them, one line
# per request with its request id (reliability/logging.py).

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "reliability.logging.RequestIdFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        # The request log says every 4xx already; Django's own logger keeps to 5xx.
        "django.request": {"level": "ERROR"},
        "library.requests": {"level": os.environ.get("DJANGO_REQUEST_LOG_LEVEL", "INFO")},
    },
}


# The apps' own settings

# Staff login throttling (django-axes): after AXES_FAILURE_LIMIT wrong
# passwords for one username from one IP address, that pair is locked out for
# the cool-off period, whether or not the username exists.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False

# resources: uploaded resource files, PDF and Office documents up to this size.
RESOURCE_FILE_MAX_BYTES = env_int("RESOURCE_FILE_MAX_MB", 25) * 1024 * 1024

# pagecache: whole pages for anonymous visitors (README "Speed").
# PAGE_CACHE_SECONDS=0 turns it off (ETags and 304s stay).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_ALIAS = "default"
# With Redis every instance shares pages and the generation; without it each
# worker caches in its own memory and reads the generation from the database.
PAGE_CACHE_SHARED = bool(redis_url)
PAGE_CACHE_SKIP_PREFIXES = ("/admin/",)
# Parts of pages (e.g. the library's facet counts), cached under the same
# content generation: stale the moment anything published changes. 0 turns off.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 600)
