"""The Atom feeds, read the way a feed reader reads them (feedparser)."""

from datetime import date, timedelta

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from resources.models import Resource
from tests.factories import (
    make_bulletin,
    make_contact,
    make_item,
    make_publication,
    make_publisher,
    make_resource,
    make_seminar,
)

pytestmark = pytest.mark.django_db

FEED_URL = reverse("resources:resource_feed")
UPDATES_FEED_URL = reverse("newsletters:bulletin_feed")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def titles(feed):
    return [entry.title for entry in feed.entries]


# The library's feed


def test_feed_lists_published_resources_newest_first_without_drafts(client):
    make_resource("Older", published_on=date(2024, 1, 5))
    make_resource("Newer", published_on=date(2025, 3, 1))
    make_resource("Draft report", published_at=None)
    make_resource("Scheduled report", published_at=timezone.now() + timedelta(days=2))
    feed = parse(client.get(FEED_URL))
    assert titles(feed) == ["Report: Newer", "Report: Older"]
    assert feed.feed.title == "Resources – Leaders’ Library"


def test_feed_entries_link_to_the_resource_with_summary_author_and_themes(client, safeguarding):
    publisher = make_publisher("Ofsted", slug="ofsted")
    resource = make_resource(
        "Keeping children safe",
        summary="What leaders need to know this year.",
        themes=[safeguarding],
        publisher=publisher,
    )
    entry = parse(client.get(FEED_URL)).entries[0]
    assert entry.link == "http://testserver" + resource.get_absolute_url()
    assert "What leaders need to know this year." in entry.summary
    assert entry.author == "Ofsted"
    assert [tag.term for tag in entry.tags] == ["Safeguarding"]
    assert entry.published_parsed and entry.updated_parsed


def test_feed_takes_the_list_pages_filters_and_names_them(client, safeguarding, video):
    make_resource("Safeguarding video", themes=[safeguarding], format=video)
    make_resource("Safeguarding report", themes=[safeguarding])
    make_resource("Other video", format=video)
    feed = parse(client.get(FEED_URL, {"theme": "safeguarding", "format": "video"}))
    assert titles(feed) == ["Video: Safeguarding video"]
    assert feed.feed.title == "Resources: Safeguarding, Videos"
    # The feed and its page share the filters (but not paging or sorting).
    assert feed.feed.link == "http://testserver/resources/?theme=safeguarding&format=video"


def test_feed_title_names_search_publisher_and_upcoming(client):
    make_publisher("Ofsted", slug="ofsted")
    make_seminar("Upcoming inspection seminar", days_from_now=10)
    feed = parse(
        client.get(FEED_URL, {"when": "upcoming", "publisher": "ofsted", "q": "inspection"})
    )
    assert feed.feed.title == "Upcoming seminars: from Ofsted, matching “inspection”"


def test_feed_search_and_when_narrow_like_the_list(client):
    make_seminar("Inspection seminar", days_from_now=10)
    make_seminar("Past inspection seminar", days_from_now=-30)
    make_resource("Workforce report")
    assert sorted(titles(parse(client.get(FEED_URL, {"q": "inspection"})))) == [
        "Seminar: Inspection seminar",
        "Seminar: Past inspection seminar",
    ]
    assert titles(parse(client.get(FEED_URL, {"when": "upcoming"}))) == [
        "Seminar: Inspection seminar"
    ]


@pytest.mark.parametrize(
    "query",
    [
        {"theme": "no-such-theme"},
        {"format": ["video", "nope"]},
        {"year": "last-year"},
        {"year": "99999999999999999999"},
        {"when": "tomorrow"},
        {"sort": "sideways"},
        {"time": "forever"},
        {"q": "x" * 5000},
        {"q": "nul\x00byte"},
        {"q": "vertical\x0btab"},
        {"theme": "bell\x07theme"},
        {"page": "zzz"},
        {"theme": ["safeguarding"] * 300},
        {"publisher": "<script>alert(1)</script>"},
    ],
)
def test_bad_parameters_never_break_the_feed(client, safeguarding, video, query):
    make_resource("Safeguarding video", themes=[safeguarding], format=video)
    feed = parse(client.get(FEED_URL, query))
    assert feed.feed.title.startswith("Resources")


def test_control_characters_pasted_by_staff_are_left_out_of_the_feed(client):
    make_resource("Pasted\x0bfrom Word", summary="A summary\x0c with a form feed.")
    feed = parse(client.get(FEED_URL))
    assert titles(feed) == [f"{Resource.objects.get().format}: Pastedfrom Word"]


def test_unknown_values_are_left_out_and_said_so(client, safeguarding):
    make_resource("In safeguarding", themes=[safeguarding])
    make_resource("Elsewhere")
    feed = parse(client.get(FEED_URL, {"theme": ["safeguarding", "no-such-theme"]}))
    # As on the list page: the known theme still filters, the unknown one is dropped.
    assert titles(feed) == ["Report: In safeguarding"]
    assert feed.feed.title == "Resources: Safeguarding"
    assert "There is no theme called “no-such-theme”, so it was left out." in feed.feed.subtitle


def test_feed_query_count_is_constant(client, assert_constant_queries, safeguarding):
    def setup(start, stop):
        for number in range(start, stop):
            make_resource(f"Resource {number}", themes=[safeguarding])
        return lambda: client.get(FEED_URL, {"theme": "safeguarding"})

    feed = parse(assert_constant_queries(setup, most=8, sizes=(5, 25)))
    assert len(feed.entries) == 25


# A theme's feed


def test_theme_feed_holds_the_themes_published_resources(client, safeguarding, video):
    make_resource("In the theme", themes=[safeguarding])
    make_resource("Video in the theme", themes=[safeguarding], format=video)
    make_resource("Draft in the theme", themes=[safeguarding], published_at=None)
    make_resource("Not in the theme")
    url = reverse("resources:theme_feed", args=["safeguarding"])
    feed = parse(client.get(url))
    assert sorted(titles(feed)) == ["Report: In the theme", "Video: Video in the theme"]
    assert feed.feed.title == "Resources: Safeguarding"
    assert feed.feed.link == "http://testserver" + safeguarding.get_absolute_url()
    narrowed = parse(client.get(url, {"format": "video"}))
    assert titles(narrowed) == ["Video: Video in the theme"]
    assert narrowed.feed.title == "Resources: Safeguarding, Videos"


def test_theme_feed_of_unknown_theme_is_404(client):
    assert client.get(reverse("resources:theme_feed", args=["no-such-theme"])).status_code == 404


# Links from the pages


def test_list_pages_link_their_feed_for_the_current_filters(client, safeguarding):
    make_resource("In safeguarding", themes=[safeguarding])
    html = client.get(
        reverse("resources:resource_list"), {"theme": "safeguarding", "page": "1", "sort": "title"}
    ).content.decode()
    feed = f"{FEED_URL}?theme=safeguarding"
    alternate = 'rel="alternate" type="application/atom+xml" title="These results as an Atom feed"'
    assert f'{alternate} href="{feed}">' in html
    assert f'<a href="{feed}" type="application/atom+xml">Subscribe (Atom feed)' in html

    theme_html = client.get(safeguarding.get_absolute_url()).content.decode()
    theme_feed = reverse("resources:theme_feed", args=["safeguarding"])
    alternate = (
        'rel="alternate" type="application/atom+xml" title="New in Safeguarding: Atom feed"'
    )
    assert f'{alternate} href="{theme_feed}"' in theme_html
    assert (
        f'<a href="{theme_feed}" type="application/atom+xml">Subscribe (Atom feed)' in theme_html
    )

    updates_html = client.get(
        reverse("newsletters:bulletin_list"), {"q": "ofsted"}
    ).content.decode()
    assert f'href="{UPDATES_FEED_URL}?q=ofsted"' in updates_html
    assert "Subscribe (Atom feed)" in updates_html


# The weekly updates' feed


@pytest.fixture
def update_394():
    richard = make_contact("Richard Tyndall")
    earlier = make_bulletin(393, items=[{"title": "Earlier item", "action_deadline": None}])
    bulletin = make_bulletin(
        394,
        introduction="Welcome to this week's update.",
        items=[
            {
                "title": "Behaviour Hubs Programme launched",
                "update": "The DfE has launched **Behaviour Hubs**.",
                "action_required": "Tell your heads about it.",
                "action_deadline": date(2026, 12, 18),
                "contacts": [richard],
            },
        ],
    )
    bulletin.reminders.add(earlier.items.get())
    bulletin.publications.add(
        make_publication(
            "Triennial Analysis of SCRs", publisher="DfE", url="https://example.org/scr"
        )
    )
    bulletin.contacts.add(richard)
    return bulletin


def test_updates_feed_carries_each_updates_full_content(client, update_394):
    feed = parse(client.get(UPDATES_FEED_URL))
    assert titles(feed)[0] == update_394.title
    entry = feed.entries[0]
    assert entry.link == "http://testserver" + update_394.get_absolute_url()
    content = entry.content[0].value
    assert "Welcome to this week" in content
    assert "<strong>Behaviour Hubs</strong>" in content
    assert "Action Required" in content and "Tell your heads about it." in content
    assert "Deadline: Friday 18 December 2026" in content
    assert 'href="http://testserver/updates/394/#item-1"' in content
    assert "Reminders from previous weeks" in content and "Earlier item" in content
    assert 'href="http://testserver/updates/393/#item-1"' in content
    assert "Triennial Analysis of SCRs" in content and 'href="https://example.org/scr"' in content
    assert "Richard Tyndall" in content and "mailto:richard.tyndall@example.org" in content
    assert "Behaviour Hubs Programme launched" in entry.summary


def test_updates_feed_holds_no_drafts_or_scheduled_updates(client, update_394):
    make_bulletin(395, published_at=None, items=["Draft news"])
    make_bulletin(396, published_at=timezone.now() + timedelta(days=3), items=["Future news"])
    feed = parse(client.get(UPDATES_FEED_URL))
    numbers = [entry.title.split(" ·")[0] for entry in feed.entries]
    assert numbers == ["Update No 394", "Update No 393"]
    assert "Draft news" not in str(feed) and "Future news" not in str(feed)


def test_updates_feed_follows_the_archive_search(client, update_394):
    feed = parse(client.get(UPDATES_FEED_URL, {"q": "behaviour"}))
    assert titles(feed) == [update_394.title]
    assert feed.feed.title == "Weekly updates: mentioning “behaviour”"


@pytest.mark.parametrize(
    "query",
    [{"year": "soon"}, {"q": "y" * 1000}, {"page": "-1"}, {"year": "1"}, {"q": "bell\x07"}],
)
def test_bad_parameters_never_break_the_updates_feed(client, update_394, query):
    feed = parse(client.get(UPDATES_FEED_URL, query))
    assert feed.feed.title.startswith("Weekly updates")


def test_updates_feed_query_count_is_constant(client, assert_constant_queries):
    def setup(start, stop):
        for number in range(400 + start, 400 + stop):
            bulletin = make_bulletin(number, items=["One", "Two"])
            make_item(bulletin, "Three", contacts=[make_contact(f"Person {number}")])
        return lambda: client.get(UPDATES_FEED_URL)

    feed = parse(assert_constant_queries(setup, most=10, sizes=(5, 20)))
    assert len(feed.entries) == 20
