"""Caches for parts of pages, stale the moment published content changes.

Each key holds the content generation (pagecache.generation) and today's
date, so any edit, publish or delete, and midnight, retire every fragment at
once, on every instance. FRAGMENT_CACHE_SECONDS=0 turns them off.
"""

import hashlib
import logging
from contextvars import ContextVar

from django.conf import settings
from django.utils import timezone

from . import generation

logger = logging.getLogger(__name__)


# The version, looked up at most once per request (PageCacheMiddleware resets it).
_request_version = ContextVar("pagecache_fragment_version", default=None)


def start_request():
    _request_version.set(None)


def version():
    """What every fragment key holds: the content generation and today's date."""
    current = _request_version.get()
    if current is None:
        current = f"{generation.current()['token']}:{timezone.localdate().isoformat()}"
        _request_version.set(current)
    return current


def get_or_compute(name, parts, compute, current=None):
    """The cached value for (name, parts) in this generation, or compute() stored for next time.

    Pass `current` (from version()) when it is already known for this request.
    """
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if not seconds:
        return compute()
    try:
        current = current or version()
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()
        key = f"pagecache:fragment:{name}:{current}:{digest}"
        value = generation.page_cache().get(key)
    except Exception:
        logger.exception("Fragment cache unavailable; computing %s", name)
        return compute()
    if value is None:
        value = compute()
        try:
            generation.page_cache().set(key, value, seconds)
        except Exception:
            logger.exception("Could not store fragment %s", name)
    return value
