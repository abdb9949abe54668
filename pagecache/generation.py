"""The content generation: a token that changes whenever published content changes.

Every cached page's key contains the current token, so bumping it makes every
cached page stale at once, on every gunicorn worker and every machine. The
token is random (never a counter), so a lost record can never bring an old
generation, and its old pages, back.

Where it lives: in the shared cache when there is one (REDIS_URL), else in the
database (the per-process memory cache is not shared between workers).
"""

import logging
from uuid import uuid4

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.utils import timezone

from core.publishing import has_gone_live, next_publication

from . import content

logger = logging.getLogger(__name__)

CACHE_KEY = "pagecache:generation"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def next_scheduled_change():
    """When the next scheduled content goes live (pages change then), or None.

    Scheduled content is what the apps registered as such (pagecache/content.py):
    resources and weekly updates.
    """
    return next_publication(*content.scheduled_models())


def _fresh():
    now = timezone.now()
    return {"token": uuid4().hex, "changed_at": now, "next_change_at": next_scheduled_change()}


def _store(record):
    if settings.PAGE_CACHE_SHARED:
        page_cache().set(CACHE_KEY, record, None)
    else:
        from .models import Generation

        Generation.objects.update_or_create(pk=1, defaults=record)
    return record


def _load():
    if settings.PAGE_CACHE_SHARED:
        record = page_cache().get(CACHE_KEY)
        if record is None:
            candidate = _fresh()
            # add() keeps whichever worker got there first.
            page_cache().add(CACHE_KEY, candidate, None)
            record = page_cache().get(CACHE_KEY) or candidate
        return record
    from .models import Generation

    record = Generation.objects.values("token", "changed_at", "next_change_at").filter(pk=1)
    record = next(iter(record), None)
    return record if record is not None else _store(_fresh())


def current():
    """The current generation record: token, changed_at, next_change_at."""
    record = _load()
    if has_gone_live(record["next_change_at"]):
        record = _store(_fresh())  # scheduled content has just gone live
    return record


def bump():
    """Start a new generation: every cached page is stale from now on."""
    try:
        return _store(_fresh())
    except Exception:  # the cache (Redis) is down: pages are not served from it either
        logger.exception("Could not bump the page cache generation")
        return None


def bump_after_change():
    """Bump now (this request and this process see it) and again when the transaction commits.

    The second bump stops a page rendered by another worker from the data
    before the commit being cached under the first new token.
    """
    bump()
    if connection.in_atomic_block and not any(
        func is bump for _, func, _ in connection.run_on_commit
    ):
        # Once per transaction; dropped with it if it rolls back.
        transaction.on_commit(bump)
