"""Every filter and sort of the library has an index PostgreSQL uses (EXPLAIN, generated data).

The planner is asked with sequential scans priced out (enable_seqscan off):
if the plan still reads the whole resource table, no index can serve that
filter or order. Ordered pages must also come from an index in order, not
from sorting every matching row.
"""

import pytest
from django.db import connection
from django.http import QueryDict

from bench.generate import generate
from resources.filters import ResourceFilter
from resources.models import Resource

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="EXPLAIN plans are checked on PostgreSQL, the production database "
        "(run with DATABASE_URL=postgres://…)",
    ),
]

WHOLE_TABLE = "Seq Scan on resources_resource "


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        generate(size=3000, updates=10, quiet=True, body_words=(30, 60), seed=3)
    yield
    with django_db_blocker.unblock():  # remove what was generated, and only that
        from tests.speed.test_queries import empty_library

        empty_library()


def plan(query_string, page_size=20):
    resource_filter = ResourceFilter(
        QueryDict(query_string), queryset=Resource.objects.published().for_listing()
    )
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    try:
        return resource_filter.qs[:page_size].explain(), resource_filter
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_seqscan")


@pytest.mark.parametrize(
    ("query_string", "index"),
    [
        ("", "resource_newest_idx"),
        ("sort=newest", "resource_newest_idx"),
        ("sort=oldest", "Index Scan Backward"),
        ("sort=title", "resource_title_idx"),
        ("sort=soonest", "starts"),
        ("when=upcoming", "starts"),
        ("theme=leadership", "resource_newest_idx"),
        ("format=report", "format_id"),
        ("publisher=publisher-1", "publisher_id"),
        ("audience=headteachers", "resource_newest_idx"),
        ("year=2024", "resource_newest_idx"),
    ],
)
def test_filters_and_sorts_use_an_index(generated, query_string, index):
    text, _ = plan(query_string)
    assert WHOLE_TABLE not in text, text
    assert index in text, text


@pytest.mark.parametrize("query_string", ["", "theme=leadership&format=report", "year=2024"])
def test_the_counts_never_read_the_whole_resource_table(generated, query_string):
    resource_filter = ResourceFilter(
        QueryDict(query_string), queryset=Resource.objects.published().for_listing()
    )
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    try:
        text = resource_filter.counts_query().explain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_seqscan")
    assert WHOLE_TABLE not in text, text
