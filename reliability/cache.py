"""A Redis cache that degrades to no cache when Redis is away.

The cache only ever saves work: if Redis is stopped, restarting or
unreachable, every read is a miss and every write is dropped, so pages are
built from the database as if there were no cache. After a failure the
process leaves Redis alone for `RETRY_AFTER` seconds (so a dead Redis costs
nothing per request), then tries again. Failures are logged as warnings, at
most once per `RETRY_AFTER` seconds per process, so an outage does not flood
the log.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0
# A cache that answers slower than this is no help: give up and build the page.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


class CacheUnavailable(Exception):
    pass


def fail_soft(fallback):
    """Run the cache operation; on any Redis failure return fallback(*args, **kwargs)."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                if time.monotonic() < self._down_until:
                    raise CacheUnavailable("skipped: failed recently")
                return method(self, *args, **kwargs)
            except (RedisError, OSError, CacheUnavailable) as exc:
                self._failed(method.__name__, exc)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _get_fallback(key, default=None, version=None):
    return default


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, with every failure turned into a miss or a dropped write."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._down_until = 0.0
        self._warned_at = -RETRY_AFTER

    def _failed(self, operation, exc):
        now = time.monotonic()
        if not isinstance(exc, CacheUnavailable):
            self._down_until = now + RETRY_AFTER
        if now - self._warned_at >= RETRY_AFTER:
            self._warned_at = now
            logger.warning(
                "Cache unavailable (%s: %s); serving without it for now.", operation, exc
            )

    get = fail_soft(_get_fallback)(RedisCache.get)
    set = fail_soft(lambda *a, **k: None)(RedisCache.set)
    add = fail_soft(lambda *a, **k: False)(RedisCache.add)
    touch = fail_soft(lambda *a, **k: False)(RedisCache.touch)
    delete = fail_soft(lambda *a, **k: False)(RedisCache.delete)
    has_key = fail_soft(lambda *a, **k: False)(RedisCache.has_key)
    get_many = fail_soft(lambda *a, **k: {})(RedisCache.get_many)
    set_many = fail_soft(lambda data, *a, **k: list(data))(RedisCache.set_many)
    delete_many = fail_soft(lambda *a, **k: None)(RedisCache.delete_many)
    clear = fail_soft(lambda *a, **k: False)(RedisCache.clear)

    def incr(self, key, delta=1, version=None):
        # A counter that cannot be read must not look like a fresh one: raise
        # ValueError, as for a missing key, which callers already handle.
        result = fail_soft(lambda *a, **k: None)(RedisCache.incr)(self, key, delta, version)
        if result is None:
            raise ValueError(f"Key {key!r} not found: the cache is unavailable.")
        return result
