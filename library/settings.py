"""
Settings for the resource library, read from environment variables.

Every difference between a laptop and production is an environment variable
with a safe default; see the README's "Production" section for the list.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Security

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Cookies: the session cookie is HttpOnly (Django's default); the CSRF cookie
# is too, as the admin's forms carry the token in the page, not from JS.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Off by default so a plain-HTTP trial deploy works; turn both on behind HTTPS
# (https://docs.djangoproject.com/en/6.1/ref/middleware/#http-strict-transport-security).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy, from Django's own middleware
# (https://docs.djangoproject.com/en/6.1/ref/csp/): only this origin's files,
# and inline <script>/<style> only with the nonce of the response that carries
# them (templates use {% csp_nonce_attr %}). No 'unsafe-inline' anywhere.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Browser features no page here uses (core/security.py sends it).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Staff login throttling (django-axes): after AXES_FAILURE_LIMIT wrong
# passwords for one username from one IP address, that pair is locked out for
# the cool-off period, whether or not the username exists.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]


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
]
# Feeds, calendars and sitemaps (issue 5): the sitemap framework's views and template.
INSTALLED_APPS += ["django.contrib.sitemaps"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Security headers: CSP with per-response nonces, Permissions-Policy.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.security.PermissionsPolicyMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "library.urls"
WSGI_APPLICATION = "library.wsgi.application"

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
            ],
        },
    },
]


# Database
# DATABASE_URL unset: a SQLite file in the project, so a newcomer needs no server.
# Production: postgres://USER:PASSWORD@HOST:5432/NAME (psycopg 3).

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}


# Cache
# One machine: per-process memory. Several gunicorn machines share Redis
# through REDIS_URL (https://docs.djangoproject.com/en/6.1/topics/cache/#redis).

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


# Passwords

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


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

# Uploaded resource files: PDF and Office documents up to this size.
RESOURCE_FILE_MAX_BYTES = int(os.environ.get("RESOURCE_FILE_MAX_MB", "25")) * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000


# Logging: errors to the console, where gunicorn and the platform collect them.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}


# Reliability (docs/reliability.md, the `reliability` app): one log line per
# request with a request id, a site-styled 503 while the database is away,
# /healthz and /readyz, and a Redis cache whose failures degrade to no cache.

INSTALLED_APPS += ["reliability"]
MIDDLEWARE.insert(0, "reliability.logging.RequestLogMiddleware")
# Sessions in the database, as before, but a malformed session cookie is no 500.
SESSION_ENGINE = "reliability.sessions"
# Load balancers probe health over plain HTTP, inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

for _cache in CACHES.values():
    if _cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        _cache["BACKEND"] = "reliability.cache.ResilientRedisCache"

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast (and show the 503 page) rather than hang while PostgreSQL is away.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DJANGO_DB_CONNECT_TIMEOUT", "5"))
    )

LOGGING["filters"] = {"request_id": {"()": "reliability.logging.RequestIdFilter"}}
LOGGING["formatters"] = {
    "line": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
}
LOGGING["handlers"]["console"].update(
    stream="ext://sys.stdout", filters=["request_id"], formatter="line"
)
LOGGING.setdefault("loggers", {}).update(
    {
        # The request log says every 4xx already; Django's own logger keeps to 5xx.
        "django.request": {"level": "ERROR"},
        "library.requests": {"level": os.environ.get("DJANGO_REQUEST_LOG_LEVEL", "INFO")},
    }
)
# Whole-page cache for anonymous visitors (the pagecache app; README "Speed").
# Sits just inside whitenoise, outside session, CSRF, auth, messages and CSP,
# so a cached page is replayed with the very headers it was rendered with.
# PAGE_CACHE_SECONDS=0 turns it off (ETags and 304s stay).

INSTALLED_APPS += ["pagecache"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "pagecache.middleware.PageCacheMiddleware",
)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_ALIAS = "default"
# With Redis every instance shares pages and the generation; without it each
# worker caches in its own memory and reads the generation from the database.
PAGE_CACHE_SHARED = bool(os.environ.get("REDIS_URL"))
PAGE_CACHE_SKIP_PREFIXES = ("/admin/",)
# Parts of pages (e.g. the library's facet counts), cached under the same
# content generation: stale the moment anything published changes. 0 turns off.
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "600"))
TEMPLATES[0]["OPTIONS"]["context_processors"].append("pagecache.context_processors.fragment_cache")
