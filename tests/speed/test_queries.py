"""Every public page costs a small, fixed number of queries, whatever the library's size.

Run with hidden per-row queries made to raise (the no_lazy_loading fixture:
Django 6.1's FETCH_RAISE fetch mode), so an N+1 fails loudly here.
"""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.generate import generate
from newsletters.models import Bulletin, Contact, ProgrammeItem, Publication
from pagecache import generation
from resources.models import Audience, Format, Publisher, Resource, Theme

MAX_QUERIES = 8

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_lazy_loading")]


def public_pages():
    resource = Resource.objects.published().filter(starts_at__isnull=True).first()
    event = Resource.objects.published().filter(starts_at__isnull=False).first()
    last_page = -(-Resource.objects.published().count() // 20)
    number = Bulletin.objects.latest_published().number
    # Filters that match something at any size: the theme and format of a resource.
    theme = Theme.objects.filter(resources=resource).first().slug
    fmt = Format.objects.get(resources=resource).slug
    return {
        "home": "/",
        "library": "/resources/",
        "filtered": f"/resources/?theme={theme}&theme=safeguarding&format={fmt}",
        "every filter": "/resources/?theme=leadership&format=report&audience=headteachers"
        "&publisher=publisher-1&year=2024&time=30&sort=shortest",
        "upcoming": "/resources/?when=upcoming",
        "search": "/resources/?q=family+support",
        "site search": "/search/?q=family+support",
        "site search, update items": "/search/?q=children&type=updates",
        "search suggestions": "/search/suggestions/?q=fam",
        "last page": f"/resources/?page={last_page}",
        "resource": f"/resources/{resource.slug}/",
        "event": f"/resources/{event.slug}/" if event else "/resources/",
        "event calendar": f"/resources/{event.slug}/calendar.ics" if event else "/",
        "feed": "/resources/feed/?theme=leadership",
        "theme feed": f"/themes/{theme}/feed/",
        "updates feed": "/updates/feed/",
        "calendar": "/calendar.ics",
        "citation (RIS)": f"/resources/{resource.slug}/cite.ris",
        "citation (BibTeX)": f"/resources/{resource.slug}/cite.bib",
        "sitemap": "/sitemap.xml",
        "themes": "/themes/",
        "theme": f"/themes/{theme}/?format={fmt}",
        "updates": "/updates/",
        "updates search": "/updates/?q=children",
        "update": f"/updates/{number}/",
        "update e-mail": f"/updates/{number}/email/",
        "update text": f"/updates/{number}/text/",
        "contacts": "/contacts/",
    }


def query_counts(client):
    generation.current()  # created once in a database's life: not a page's cost
    counts = {}
    for name, path in public_pages().items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (name, path)
        counts[name] = len(queries)
    return counts


def empty_library():
    for model in (ProgrammeItem, Bulletin, Publication, Contact, Resource):
        model.objects.all().delete()
    for model in (Theme, Format, Publisher, Audience):
        model.objects.all().delete()


def test_query_counts_are_small_and_do_not_grow_with_the_library(client, settings):
    # As the benchmark measures: the whole-page cache off, fragment caches on
    # (each page is fetched once, so every fragment is a miss: the worst case).
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600
    caches["default"].clear()
    generate(size=100, updates=8, quiet=True, body_words=(30, 60), seed=2)
    small = query_counts(client)
    empty_library()
    generate(size=300, updates=16, quiet=True, body_words=(30, 60), seed=2)
    large = query_counts(client)

    assert large == small
    assert max(small.values()) <= MAX_QUERIES, small


def test_the_guard_really_blocks_hidden_per_row_queries():
    from django.core.exceptions import FieldFetchBlocked

    generate(size=3, updates=1, quiet=True, body_words=(30, 60))
    resource = Resource.objects.for_listing().first()
    with pytest.raises(FieldFetchBlocked):
        resource.body  # noqa: B018 (deferred in lists)
    with pytest.raises(FieldFetchBlocked):
        Resource.objects.first().format  # noqa: B018 (not select_related)


def test_home_lists_the_newest_that_are_not_featured(client):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import make_resource

    today = timezone.localdate()
    for day in range(12):  # the newest twelve all featured: the list must look further
        make_resource(f"Featured {day}", is_featured=True, published_on=today - timedelta(day))
    for day in range(12, 20):
        make_resource(f"Ordinary {day}", published_on=today - timedelta(day))
    newest = client.get("/").context["newest"]
    assert [r.title for r in newest] == [f"Ordinary {day}" for day in range(12, 18)]


def test_the_constant_queries_check_fails_when_a_page_costs_a_query_a_row(
    client, assert_constant_queries
):
    from tests.factories import make_resource

    def setup(start, stop):
        for number in range(start, stop):
            make_resource(f"Resource {number}")

        def request():
            for pk in Resource.objects.values_list("pk", flat=True):
                Resource.objects.filter(pk=pk).exists()  # one more query a row
            return client.get("/")

        return request

    with pytest.raises(AssertionError, match=r"queries at sizes \(2, 4\)"):
        assert_constant_queries(setup, most=100, sizes=(2, 4))
