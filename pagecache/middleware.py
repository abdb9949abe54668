"""Cache whole anonymous GET pages, and answer conditional requests with 304.

A page is cached with all its headers (a replayed page keeps, for instance,
its Content-Security-Policy header; public pages' has no nonce), so this
middleware must sit *outside* anything that varies a response per request:
list it before the session, CSRF, auth, messages and CSP middleware.

Never cached: anything but GET/HEAD; requests with a session or messages
cookie (staff, editors, anyone who has logged in or has a flash message) or an
Authorization header; the admin; and responses that are not 200, stream, set
cookies, used a CSRF token, vary on anything but Cookie, or ask not to be
cached (draft previews send Cache-Control: no-cache).
"""

import hashlib
import logging
from datetime import datetime, time

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from . import fragments, generation

logger = logging.getLogger(__name__)

UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store", "max-age=0")
HARMLESS_VARY = {"cookie", "accept-encoding"}
MESSAGES_COOKIE = "messages"  # django.contrib.messages' cookie storage
STATUS_HEADER = "X-Page-Cache"


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(settings.PAGE_CACHE_SKIP_PREFIXES):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or MESSAGES_COOKIE in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def is_cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the body holds a CSRF token for this visitor only
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in UNCACHEABLE_DIRECTIVES):
        return False
    vary = {h.strip().lower() for h in response.get("Vary", "").split(",") if h.strip()}
    return vary <= HARMLESS_VARY


def page_key(request, record):
    """One key per generation, day (dates on pages), scheme, host and full path."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"pagecache:page:{record['token']}:{timezone.localdate().isoformat()}:{digest}"


def last_modified(record):
    """The later of the last content change and the start of today (pages show dates)."""
    start_of_today = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    return max(record["changed_at"], start_of_today)


def add_validators(response, record=None):
    if not response.has_header("ETag"):
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{digest}"'
    if record is not None and not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(last_modified(record).timestamp())
    if not response.has_header("Cache-Control"):
        # Browsers may keep the page but must ask again each time (a cheap 304).
        patch_cache_control(response, no_cache=True)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fragments.start_request()
        if not is_cacheable_request(request):
            return self.get_response(request)
        if not settings.PAGE_CACHE_SECONDS:
            response = self.get_response(request)
            if is_cacheable_response(request, response):
                add_validators(response)
                return self.conditional(request, response)
            return response

        try:
            request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # CommonMiddleware answers 400
        try:
            record = generation.current()
            key = page_key(request, record)
            cached = generation.page_cache().get(key)
        except Exception:  # a cache that is down must not take the site with it
            logger.exception("Page cache unavailable; serving uncached")
            return self.get_response(request)

        if cached is not None:
            cached[STATUS_HEADER] = "hit"
            return self.conditional(request, cached)

        response = self.get_response(request)
        if not is_cacheable_response(request, response):
            return response
        add_validators(response, record)
        try:
            generation.page_cache().set(key, response, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("Could not store a page in the page cache")
        response[STATUS_HEADER] = "miss"
        return self.conditional(request, response)

    @staticmethod
    def conditional(request, response):
        modified = response.get("Last-Modified")
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(modified) if modified else None,
            response=response,
        )
