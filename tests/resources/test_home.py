"""The home page: featured resources, upcoming seminars, the newest, and the themes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_resource, make_seminar

pytestmark = pytest.mark.django_db


def test_home_shows_featured_newest_upcoming_and_themes(client, leading, think_piece):
    make_resource(
        "Just Home: Leading in Colour", is_featured=True, themes=[leading], format=think_piece
    )
    make_resource("Cultural Competence", themes=[leading])
    make_seminar("Leadership Academy 3: Inclusive leadership", days_from_now=12)
    make_resource("A draft nobody sees", published_at=None, is_featured=True)
    response = client.get(reverse("resources:home"))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Just Home: Leading in Colour",
        "Cultural Competence",
        "Leadership Academy 3: Inclusive leadership",
        "Leading in Colour",
    ):
        assert text in html
    assert "A draft nobody sees" not in html
    assert leading.get_absolute_url() in html


def test_home_with_an_empty_library(client):
    response = client.get(reverse("resources:home"))
    assert response.status_code == 200
    assert "No seminars are coming up just now." in response.content.decode()


def home_sections(client):
    """The titles under each of the home page's resource lists, in order."""
    response = client.get(reverse("resources:home"))
    assert response.status_code == 200
    return {
        name: [resource.title for resource in response.context[name]]
        for name in ("featured", "upcoming", "newest")
    }


def test_a_new_upcoming_seminar_is_listed_once_under_upcoming(client):
    make_resource("Older report", published_on=timezone.localdate() - timedelta(days=30))
    make_seminar("New seminar", days_from_now=5)  # published today, so also the newest
    response = client.get(reverse("resources:home"))
    html = response.content.decode()
    assert html.count(">New seminar</a>") == 1
    assert html.index("New seminar") < html.index('id="newest-heading"')
    assert home_sections(client) == {
        "featured": [],
        "upcoming": ["New seminar"],
        "newest": ["Older report"],
    }


def test_a_featured_seminar_is_listed_once_under_featured(client):
    make_seminar("Featured seminar", days_from_now=5, is_featured=True)
    make_seminar("Ordinary seminar", days_from_now=6)
    html = client.get(reverse("resources:home")).content.decode()
    assert html.count(">Featured seminar</a>") == 1
    assert home_sections(client) == {
        "featured": ["Featured seminar"],
        "upcoming": ["Ordinary seminar"],
        "newest": [],
    }


def test_each_home_section_still_fills_up_without_repeating_another(client):
    today = timezone.localdate()
    for day in range(4):  # the newest four are featured seminars, coming up soonest
        make_seminar(
            f"Featured seminar {day}",
            days_from_now=day + 1,
            is_featured=True,
            published_on=today - timedelta(days=day),
        )
    for day in range(4, 8):  # then four more seminars, not featured
        make_seminar(f"Seminar {day}", days_from_now=day + 1, published_on=today - timedelta(day))
    for day in range(8, 20):
        make_resource(f"Report {day}", published_on=today - timedelta(days=day))

    sections = home_sections(client)

    assert sections == {
        "featured": ["Featured seminar 0", "Featured seminar 1", "Featured seminar 2"],
        # Featured seminar 3 is not on the page above, so it leads Upcoming.
        "upcoming": ["Featured seminar 3", "Seminar 4", "Seminar 5"],
        "newest": ["Seminar 6", "Seminar 7", "Report 8", "Report 9", "Report 10", "Report 11"],
    }
    titles = [title for section in sections.values() for title in section]
    assert len(titles) == len(set(titles)) == 12


def test_home_query_count_does_not_grow(client, assert_constant_queries, leading):
    def setup(start, stop):
        for number in range(start, stop):
            make_resource(f"Resource {number}", themes=[leading], is_featured=number % 2 == 0)
            make_seminar(f"Seminar {number}", themes=[leading], days_from_now=number + 1)
        return lambda: client.get(reverse("resources:home"))

    # Featured, newest and upcoming (each with their themes), the themes,
    # the latest update with its items, and the actions due.
    assert_constant_queries(setup, most=10)
