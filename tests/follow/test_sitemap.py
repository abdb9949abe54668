"""/sitemap.xml, /robots.txt and /opensearch.xml."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_bulletin, make_resource, make_theme

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# W3C Datetime (https://www.w3.org/TR/NOTE-datetime): YYYY-MM-DD, optionally with a time.
W3C_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$")


def sitemap_entries(client):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    entries = {}
    for url in root.findall("sm:url", SITEMAP_NS):
        loc = url.findtext("sm:loc", namespaces=SITEMAP_NS)
        entries[loc] = url.findtext("sm:lastmod", namespaces=SITEMAP_NS)
    return entries


@pytest.fixture
def content():
    theme = make_theme("Safeguarding", slug="safeguarding")
    live = make_resource("Live report", themes=[theme])
    draft = make_resource("Draft report", published_at=None, themes=[theme])
    scheduled = make_resource("Scheduled report", published_at=timezone.now() + timedelta(days=1))
    bulletin = make_bulletin(394)
    draft_bulletin = make_bulletin(395, published_at=None)
    return {
        "theme": theme,
        "live": live,
        "draft": draft,
        "scheduled": scheduled,
        "bulletin": bulletin,
        "draft_bulletin": draft_bulletin,
    }


def test_sitemap_covers_home_sections_themes_resources_and_updates(client, content):
    entries = sitemap_entries(client)
    expected = [
        reverse("resources:home"),
        reverse("resources:resource_list"),
        reverse("resources:theme_list"),
        reverse("newsletters:bulletin_list"),
        content["theme"].get_absolute_url(),
        content["live"].get_absolute_url(),
        content["bulletin"].get_absolute_url(),
    ]
    assert sorted(urlsplit(loc).path for loc in entries) == sorted(expected)


def test_sitemap_holds_no_drafts_or_scheduled_rows(client, content):
    paths = {urlsplit(loc).path for loc in sitemap_entries(client)}
    for name in ("draft", "scheduled", "draft_bulletin"):
        assert content[name].get_absolute_url() not in paths


def test_sitemap_urls_are_absolute_and_dates_are_w3c(client, content):
    entries = sitemap_entries(client)
    for loc, lastmod in entries.items():
        parts = urlsplit(loc)
        assert parts.scheme in ("http", "https") and parts.netloc == "testserver", loc
        assert lastmod and W3C_DATE.match(lastmod), (loc, lastmod)


def test_sitemap_dates_come_from_the_rows(client, content):
    live = content["live"]
    type(live).objects.filter(pk=live.pk).update(updated_at=timezone.now() - timedelta(days=40))
    entries = sitemap_entries(client)
    expected = timezone.localdate(timezone.now() - timedelta(days=40)).isoformat()
    assert entries["http://testserver" + live.get_absolute_url()] == expected


def test_sitemap_query_count_is_constant(client, assert_constant_queries):
    themes = [make_theme(f"Theme {number}") for number in range(5)]

    def setup(start, stop):
        for number in range(start, stop):
            make_resource(f"Resource {number}", themes=themes[: number % 5 + 1])
            make_bulletin(400 + number)
        return lambda: client.get(reverse("sitemap"))

    assert_constant_queries(setup, most=8, sizes=(10, 30))
    assert len(sitemap_entries(client)) == 69


def test_robots_txt_points_at_the_absolute_sitemap_and_keeps_out_of_admin(client):
    response = client.get(reverse("robots_txt"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert f"Disallow: {reverse('admin:index')}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_opensearch_description_searches_the_whole_site(client):
    response = client.get(reverse("opensearch"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    root = ET.fromstring(response.content)
    ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    assert root.findtext("os:ShortName", namespaces=ns) == "Leaders’ Library"
    assert len(root.findtext("os:ShortName", namespaces=ns)) <= 16
    templates = {url.get("type"): url.get("template") for url in root.findall("os:Url", ns)}
    assert templates["text/html"] == "http://testserver/search/?q={searchTerms}"
    assert templates["application/x-suggestions+json"] == (
        "http://testserver/search/suggestions/?q={searchTerms}&format=opensearch"
    )
    assert templates["application/atom+xml"] == "http://testserver/resources/feed/?q={searchTerms}"


def test_every_page_links_the_opensearch_description(client):
    html = client.get(reverse("resources:home")).content.decode()
    assert (
        '<link rel="search" type="application/opensearchdescription+xml" '
        f'title="Leaders’ Library" href="{reverse("opensearch")}">'
    ) in html
