import pytest
from django.db.models import FETCH_RAISE, query


@pytest.fixture
def no_lazy_loading(monkeypatch):
    """Make any hidden per-row query raise FieldFetchBlocked (Django 6.1 fetch modes).

    Every queryset starts in FETCH_RAISE instead of FETCH_ONE, so touching a
    related object that was not select_related, or a deferred field, on a row
    raises rather than quietly running one query per row.
    """
    monkeypatch.setattr(query, "DEFAULT_FETCH_MODE", FETCH_RAISE)
