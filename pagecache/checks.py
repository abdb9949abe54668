"""The page cache must wrap anything that varies a response per request."""

from django.conf import settings
from django.core.checks import Error, register

PAGE_CACHE = "pagecache.middleware.PageCacheMiddleware"
# Middleware whose work a replayed page must carry, not redo: the headers it
# sets (the CSP, say) are stored with the page and replayed with its body.
MUST_BE_INSIDE = (
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
)


@register()
def page_cache_wraps_per_request_middleware(app_configs, **kwargs):
    middleware = list(settings.MIDDLEWARE)
    if PAGE_CACHE not in middleware:
        return []
    position = middleware.index(PAGE_CACHE)
    return [
        Error(
            f"{PAGE_CACHE} must come before {name} in MIDDLEWARE.",
            hint="A cached page is replayed with the headers it was rendered with; "
            "middleware listed before the page cache would add different ones.",
            id="pagecache.E001",
        )
        for name in MUST_BE_INSIDE
        if name in middleware and middleware.index(name) < position
    ]
