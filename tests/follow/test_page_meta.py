"""What each page tells search engines and link previews: canonical, description, Open Graph,
Twitter card, and schema.org JSON-LD on resources and updates."""

import json
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.factories import (
    make_audience,
    make_bulletin,
    make_contact,
    make_format,
    make_publisher,
    make_resource,
    make_seminar,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


class HeadReader(HTMLParser):
    """Collects <meta>, <link rel=canonical> and JSON-LD blocks, as a crawler reads them."""

    def __init__(self):
        super().__init__()
        self.meta = {}
        self.canonicals = []
        self.json_ld = []
        self.title = None
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                assert key not in self.meta, f"{key} appears twice"
                self.meta[key] = attrs.get("content")
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonicals.append(attrs["href"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "json_ld"
            self.json_ld.append("")
        elif tag == "title":
            self._in = "title"
            self.title = ""

    def handle_endtag(self, tag):
        if tag in ("script", "title"):
            self._in = None

    def handle_data(self, data):
        if self._in == "json_ld":
            self.json_ld[-1] += data
        elif self._in == "title":
            self.title += data


def read(client, url, query=None):
    response = client.get(url, query or {})
    assert response.status_code == 200, url
    reader = HeadReader()
    reader.feed(response.content.decode())
    reader.html = response.content.decode()
    reader.data = [json.loads(block) for block in reader.json_ld]
    return reader


@pytest.fixture
def pages(safeguarding):
    resource = make_resource("Keeping children safe", themes=[safeguarding])
    bulletin = make_bulletin(394, items=["Behaviour Hubs"])
    make_contact()
    return [
        reverse("resources:home"),
        reverse("resources:resource_list"),
        resource.get_absolute_url(),
        reverse("resources:theme_list"),
        safeguarding.get_absolute_url(),
        reverse("newsletters:bulletin_list"),
        bulletin.get_absolute_url(),
        reverse("newsletters:contact_list"),
        reverse("accessibility"),
    ]


def test_every_page_has_canonical_description_open_graph_and_twitter_card(client, pages):
    for url in pages:
        page = read(client, url)
        assert page.canonicals == [f"http://testserver{url}"], url
        assert page.meta["description"], url
        title = page.title.removesuffix(" – Leaders’ Library")
        assert page.meta["og:title"] == title, url
        assert page.meta["og:description"] == page.meta["description"], url
        assert page.meta["og:url"] == page.canonicals[0], url
        assert page.meta["og:type"] in ("website", "article"), url
        assert page.meta["og:site_name"] == "Leaders’ Library"
        assert page.meta["twitter:card"] == "summary"
        assert page.meta["twitter:title"] == title


def test_canonical_leaves_out_tracking_parameters(client):
    resource = make_resource("Keeping children safe")
    page = read(client, resource.get_absolute_url(), {"utm_source": "email", "fbclid": "abc"})
    assert page.canonicals == [f"http://testserver{resource.get_absolute_url()}"]
    assert page.meta["og:url"] == page.canonicals[0]


def test_filtered_list_is_canonical_with_its_known_filters_only(client, safeguarding, video):
    make_resource("A safeguarding video", themes=[safeguarding], format=video)
    query = {
        "format": "video",
        "theme": ["safeguarding", "no-such-theme"],
        "sort": "title",
        "q": "children",
        "utm_campaign": "autumn",
        "page": "1",
    }
    page = read(client, reverse("resources:resource_list"), query)
    assert page.canonicals == ["http://testserver/resources/?theme=safeguarding&format=video"]


def test_later_pages_and_upcoming_keep_their_place_in_the_canonical(client):
    for number in range(25):
        make_resource(f"Resource {number}")
    page = read(client, reverse("resources:resource_list"), {"page": "2", "when": "all"})
    assert page.canonicals == ["http://testserver/resources/?page=2"]
    upcoming = read(client, reverse("resources:resource_list"), {"when": "upcoming"})
    assert upcoming.canonicals == ["http://testserver/resources/?when=upcoming"]


def test_updates_archive_canonical_keeps_the_year_not_the_search(client):
    make_bulletin(394, issued_on=date(2025, 3, 6))
    page = read(client, reverse("newsletters:bulletin_list"), {"year": "2025", "q": "hubs"})
    assert page.canonicals == ["http://testserver/updates/?year=2025"]


def test_titles_and_descriptions_are_escaped_once_in_attributes(client):
    resource = make_resource(
        'Tom & "Jerry" <b>leadership</b>', summary="Cats & dogs: “quotes” <i>and</i> tags."
    )
    page = read(client, resource.get_absolute_url())
    assert page.meta["og:title"] == 'Tom & "Jerry" <b>leadership</b>'
    assert page.meta["og:description"] == "Cats & dogs: “quotes” <i>and</i> tags."
    assert "<b>leadership</b>" not in page.html


# JSON-LD


def test_report_is_a_schema_org_report_with_publisher_dates_and_time_required(
    client, safeguarding
):
    publisher = make_publisher("Ofsted", slug="ofsted", website="https://www.gov.uk/ofsted")
    resource = make_resource(
        "Annual report",
        format=make_format("Report", slug="report"),
        publisher=publisher,
        published_on=date(2025, 11, 20),
        duration_minutes=90,
        themes=[safeguarding],
        audiences=[make_audience("Directors of children’s services")],
    )
    [data] = read(client, resource.get_absolute_url()).data
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Report"
    assert data["name"] == "Annual report"
    assert data["url"] == f"http://testserver{resource.get_absolute_url()}"
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Ofsted",
        "url": "https://www.gov.uk/ofsted",
    }
    assert data["datePublished"] == "2025-11-20"
    assert datetime.fromisoformat(data["dateModified"])
    assert data["timeRequired"] == "PT1H30M"
    assert data["keywords"] == "Safeguarding"


@pytest.mark.parametrize(
    ("slug", "name", "verb", "schema_type", "key"),
    [
        ("video", "Video", "watch", "VideoObject", "duration"),
        ("podcast", "Podcast", "listen", "PodcastEpisode", "duration"),
        ("think-piece", "Think piece", "read", "CreativeWork", "timeRequired"),
    ],
)
def test_each_format_has_its_schema_org_type_and_iso_duration(
    client, slug, name, verb, schema_type, key
):
    resource = make_resource(
        f"A {name}",
        format=make_format(name, slug=slug, duration_verb=verb),
        duration_minutes=45,
    )
    [data] = read(client, resource.get_absolute_url()).data
    assert data["@type"] == schema_type
    assert data[key] == "PT45M"
    # No publisher on the row: the library itself publishes it.
    assert data["publisher"]["name"] == "Leaders’ Library"


def test_seminar_is_an_event_with_location_and_times_in_london(client):
    starts = datetime(2027, 7, 14, 10, 0, tzinfo=LONDON)
    seminar = make_seminar(
        "Leadership Academy 3",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        venue="Leeds Civic Hall, Leeds",
        booking_url="https://example.org/book",
        publisher=make_publisher("The Staff College", slug="staff-college"),
    )
    [data] = read(client, seminar.get_absolute_url()).data
    assert data["@type"] == "Event"
    assert data["startDate"] == "2027-07-14T10:00:00+01:00"
    assert data["endDate"] == "2027-07-14T13:00:00+01:00"
    assert data["duration"] == "PT3H"
    assert data["location"] == {
        "@type": "Place",
        "name": "Leeds Civic Hall, Leeds",
        "address": "Leeds Civic Hall, Leeds",
    }
    assert data["organizer"]["name"] == "The Staff College"
    assert data["offers"]["url"] == "https://example.org/book"


def test_update_is_a_publication_issue_with_its_items(client):
    bulletin = make_bulletin(394, issued_on=date(2026, 11, 20), items=["Behaviour Hubs", "KCSIE"])
    [data] = read(client, bulletin.get_absolute_url()).data
    assert data["@type"] == "PublicationIssue"
    assert data["issueNumber"] == "394"
    assert data["datePublished"] == "2026-11-20"
    assert data["publisher"]["name"] == "Leaders’ Library"
    assert [part["name"] for part in data["hasPart"]] == ["Behaviour Hubs", "KCSIE"]
    assert data["hasPart"][1]["url"] == "http://testserver/updates/394/#item-2"


def test_staff_text_cannot_close_the_json_ld_script(client):
    attack = "</script><script>alert('title')</script><!--"
    resource = make_resource(
        attack,
        summary="Summary </SCRIPT><img src=x onerror=alert(1)> & more",
        credit="By </script>",
        publisher=make_publisher("Evil </script> Ltd", slug="evil"),
    )
    page = read(client, resource.get_absolute_url())
    assert "<script>alert(" not in page.html
    assert "<img src=x" not in page.html
    [data] = page.data  # still one JSON-LD block, parsing back to the staff's exact text
    assert data["name"] == attack
    assert data["description"].startswith("Summary </SCRIPT><img src=x onerror=alert(1)>")
    assert data["publisher"]["name"] == "Evil </script> Ltd"
    block = page.json_ld[0]
    assert "</" not in block and "<" not in block


def test_credited_people_are_authors(client):
    resource = make_resource("Just Home", credit="A think piece by Meera Spillett")
    [data] = read(client, resource.get_absolute_url()).data
    assert data["author"] == [{"@type": "Person", "name": "Meera Spillett"}]
    assert data["creditText"] == "A think piece by Meera Spillett"


def test_error_pages_claim_no_canonical_address(client):
    response = client.get(reverse("resources:resource_detail", args=["no-such-thing"]))
    assert response.status_code == 404
    reader = HeadReader()
    reader.feed(response.content.decode())
    assert reader.canonicals == []
    assert "og:url" not in reader.meta
