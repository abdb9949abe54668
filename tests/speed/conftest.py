import pytest
from django.core.cache import caches
from django.db.models import FETCH_RAISE, query


@pytest.fixture
def page_cache(settings):
    """The whole-page cache on, as in production, starting empty."""
    settings.PAGE_CACHE_SECONDS = 600
    caches[settings.PAGE_CACHE_ALIAS].clear()
    yield
    caches[settings.PAGE_CACHE_ALIAS].clear()


@pytest.fixture
def no_lazy_loading(monkeypatch):
    """Make any hidden per-row query raise FieldFetchBlocked (Django 6.1 fetch modes).

    Every queryset starts in FETCH_RAISE instead of FETCH_ONE, so touching a
    related object that was not select_related, or a deferred field, on a row
    raises rather than quietly running one query per row.
    """
    monkeypatch.setattr(query, "DEFAULT_FETCH_MODE", FETCH_RAISE)
