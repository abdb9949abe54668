from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_resource, make_seminar, make_theme
from tests.pages import invalid_choice as choice
from tests.pages import notices

pytestmark = pytest.mark.django_db

LIST_URL = reverse("resources:resource_list")


# The library


def test_list_shows_each_entrys_facts(client, leading, think_piece):
    resource = make_resource(
        "Leadership imbalance – Black and Asian leaders missing in action",
        format=think_piece,
        themes=[leading],
        duration_minutes=15,
        published_on=timezone.localdate().replace(year=2020, month=9, day=1),
        summary="A think piece by Meera Spillett. " + "word " * 80,
    )
    html = client.get(LIST_URL).content.decode()
    assert f'href="{resource.get_absolute_url()}"' in html
    assert "Think piece" in html
    assert "Read time: 15 minutes" in html
    assert "1 September 2020" in html
    assert f'href="{leading.get_absolute_url()}"' in html
    assert "word …" not in html and "word…" in html  # trimmed on a word boundary


def test_list_shows_seminar_date_venue_and_booking(client):
    make_seminar(
        "Leadership Academy 3",
        days_from_now=20,
        venue="The Studio, Birmingham",
        booking_closes_on=timezone.localdate() + timedelta(days=3),
    )
    html = client.get(LIST_URL, {"when": "upcoming"}).content.decode()
    assert "The Studio, Birmingham" in html
    assert "Booking closes in 3 days" in html


def test_result_count_is_a_status_region(client):
    make_resource("One")
    make_resource("Two")
    html = client.get(LIST_URL).content.decode()
    assert '<p class="result-count" role="status">' in html
    assert "2 resources" in html


def test_filter_options_show_counts_and_applied_filters_are_removable(
    client, leading, think_piece
):
    make_resource("Cultural Competence", themes=[leading], format=think_piece)
    make_resource("Another", themes=[leading])
    response = client.get(LIST_URL, {"theme": "leading-in-colour", "format": "think-piece"})
    html = response.content.decode()
    assert 'id="theme-leading-in-colour" checked' in html
    assert 'Leading in Colour <span class="count">(1)</span>' in html
    assert "1 resource" in html
    # Each applied filter is a link that removes just that filter.
    assert 'href="?format=think-piece"' in html
    assert 'href="?theme=leading-in-colour"' in html
    assert "Clear all filters" in html


def test_upcoming_all_switch_keeps_the_other_filters(client, leading):
    make_seminar("Seminar", themes=[leading])
    html = client.get(LIST_URL, {"theme": "leading-in-colour"}).content.decode()
    assert 'href="?theme=leading-in-colour&amp;when=upcoming"' in html
    assert 'href="?theme=leading-in-colour&amp;when=all"' in html


def test_empty_result_says_so_and_offers_to_clear(client):
    make_resource("Something")
    html = client.get(LIST_URL, {"q": "nothing-matches-this"}).content.decode()
    assert "No resources match these filters." in html
    assert "clear all filters" in html
    assert "0 resources" in html


def test_pager_keeps_filters_and_shows_20_a_page(client, leading):
    for number in range(45):
        make_resource(f"Paper {number:02}", themes=[leading])
    first = client.get(LIST_URL, {"theme": "leading-in-colour"})
    assert len(first.context["page_obj"].object_list) == 20
    assert 'href="?theme=leading-in-colour&amp;page=2"' in first.content.decode()
    third = client.get(LIST_URL, {"theme": "leading-in-colour", "page": 3})
    assert len(third.context["page_obj"].object_list) == 5


def test_skip_link_to_results(client):
    html = client.get(LIST_URL).content.decode()
    assert 'href="#results"' in html and 'id="results"' in html


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        (
            {"theme": "no-such-theme"},
            "There is no theme called “no-such-theme”, so it was left out.",
        ),
        ({"format": "nope"}, "There is no format called “nope”, so it was left out."),
        ({"when": "bogus"}, choice("Show", "bogus")),
        ({"q": "x" * 10_000}, "Search the library: Search text must be 200 characters or fewer."),
        ({"q": "abc\x00def"}, "Search the library: Null characters are not allowed."),
        ({"theme": "\x00"}, "There is no theme called “\x00”, so it was left out."),
        ({"year": "abc"}, "Year published: Enter a number."),
        (
            {"year": "99999999999999999999"},
            "Year published: Ensure this value is less than or equal to 2100.",
        ),
        ({"time": "forever"}, choice("Time to read, watch or listen", "forever")),
        ({"sort": "random"}, choice("Sort by", "random")),
        (
            {"audience": "a" * 5000},
            f"There is no audience called “{'a' * 60}”, so it was left out.",
        ),
        ({"q": "'; DROP TABLE resources_resource; --"}, None),  # searched for, and not found
        (
            {"q": "%_%"},
            "Search the library: There are no words to search for in “%_%”. Type a word or "
            "two: punctuation on its own cannot be searched for.",
        ),
    ],
)
def test_bad_input_never_gives_a_500(client, query, notice):
    make_resource("Still here")
    response = client.get(LIST_URL, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Still here" in html or "q" in query
    assert notices(html) == ([notice] if notice else [])
    if notice is None:
        assert "No resources match these filters." in html


def test_repeated_parameters_are_fine(client):
    make_resource("Still here")
    # The last of each counts: page 2 of a one-resource list is not there.
    response = client.get(f"{LIST_URL}?when=all&when=upcoming&q=a&q=b&page=1&page=2&sort=x")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    response = client.get(f"{LIST_URL}?when=upcoming&when=all&q=b&q=still&page=2&page=1&sort=x")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Still here" in html
    assert notices(html) == [choice("Sort by", "x")]


def test_unknown_filter_value_is_explained(client):
    make_resource("Still here")
    html = client.get(LIST_URL, {"format": "nope"}).content.decode()
    assert "There is no format called “nope”, so it was left out." in html
    assert "Still here" in html


@pytest.mark.parametrize("page_number", ["abc", "99999", "0", "-1", "1.5"])
def test_bad_page_is_a_site_styled_404(client, page_number):
    make_resource("Only one")
    response = client.get(LIST_URL, {"page": page_number})
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_time_filter_and_shortest_sort_together(client):
    make_resource("Short", duration_minutes=5)
    make_resource("Long", duration_minutes=50)
    response = client.get(LIST_URL, {"time": "10", "sort": "shortest"})
    assert [r.title for r in response.context["page_obj"]] == ["Short"]


def test_list_query_count_does_not_grow_with_the_library(client, assert_constant_queries, leading):
    def setup(start, stop):
        for number in range(start, stop):
            make_resource(f"Resource {number}", themes=[leading])
        return lambda: client.get(LIST_URL, {"theme": "leading-in-colour", "time": "30"})

    assert_constant_queries(setup, most=12)


# A resource


def test_detail_shows_everything_about_the_resource(client, leading, think_piece):
    from tests.factories import make_audience, make_publisher

    resource = make_resource(
        "Cultural Competence",
        format=think_piece,
        themes=[leading],
        audiences=[make_audience("Directors of children's services")],
        publisher=make_publisher("The Staff College"),
        credit="A think piece by Meera Spillett",
        duration_minutes=45,
        body="## Why it matters\n\nA uniting concept.\n\n- one\n- two",
        external_url="https://www.thestaffcollege.uk/cultural-competence",
    )
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Cultural Competence</h1>" in html
    assert "A think piece by Meera Spillett" in html
    assert "<dt>Read time</dt><dd>45 minutes</dd>" in html
    assert "The Staff College" in html
    assert "Directors of children&#x27;s services" in html
    assert "<h2>Why it matters</h2>" in html
    assert 'href="https://www.thestaffcollege.uk/cultural-competence"' in html
    assert "on thestaffcollege.uk" in html
    assert f'href="{leading.get_absolute_url()}"' in html


def test_detail_shows_related_resources_most_shared_themes_first(client, leading):
    other = make_theme("Workforce")
    resource = make_resource("Main", themes=[leading, other])
    make_resource("Shares one", themes=[leading])
    make_resource("Shares both", themes=[leading, other])
    html = client.get(resource.get_absolute_url()).content.decode()
    assert "Related resources" in html
    assert html.index("Shares both") < html.index("Shares one")


def test_seminar_detail_has_booking_and_calendar(client):
    seminar = make_seminar("Leadership Academy 3", days_from_now=14, venue="Leeds")
    html = client.get(seminar.get_absolute_url()).content.decode()
    assert "Book a place" in html
    assert reverse("resources:resource_calendar", args=[seminar.slug]) in html
    assert "Booking open" in html


def test_past_seminar_stays_as_a_resource_with_its_slides(client):
    seminar = make_seminar(
        "Safeguarding and Keeping Children Safe in Turbulent Times",
        days_from_now=-400,
        external_url="https://example.org/slides",
    )
    html = client.get(seminar.get_absolute_url()).content.decode()
    assert "This seminar has taken place" in html
    assert "Book a place" not in html
    assert 'href="https://example.org/slides"' in html
    all_html = client.get(LIST_URL).content.decode()
    assert seminar.title in all_html
    upcoming_html = client.get(LIST_URL, {"when": "upcoming"}).content.decode()
    assert seminar.title not in upcoming_html


def test_calendar_file(client):
    seminar = make_seminar("Leadership Academy 3", venue="Leeds, Civic Hall")
    response = client.get(reverse("resources:resource_calendar", args=[seminar.slug]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert "SUMMARY:Leadership Academy 3" in body
    assert "LOCATION:Leeds\\, Civic Hall" in body


def test_calendar_404_for_a_resource_that_is_not_an_event(client):
    resource = make_resource("A report")
    response = client.get(reverse("resources:resource_calendar", args=[resource.slug]))
    assert response.status_code == 404


def test_unknown_resource_is_404(client):
    assert client.get(reverse("resources:resource_detail", args=["no-such"])).status_code == 404


@pytest.mark.parametrize("published_at", [None, timezone.now() + timedelta(days=3)])
def test_drafts_and_scheduled_are_404_to_the_public(client, published_at):
    draft = make_resource("Secret draft", published_at=published_at)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Secret draft" not in client.get(LIST_URL).content.decode()
    assert "Secret draft" not in client.get(reverse("resources:home")).content.decode()


def test_staff_preview_drafts_with_a_banner_and_no_caching(staff_client):
    draft = make_resource("Secret draft", published_at=None)
    response = staff_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="draft-banner"' in html
    assert "<strong>Draft</strong>" in html
    assert "no-cache" in response["Cache-Control"]


def test_live_resource_has_no_draft_banner_for_staff(staff_client):
    live = make_resource("Live")
    assert 'class="draft-banner"' not in staff_client.get(live.get_absolute_url()).content.decode()


def test_detail_query_count_does_not_grow(client, assert_constant_queries, leading):
    resource = make_resource("Main", themes=[leading])

    def setup(start, stop):
        for number in range(start, stop):
            make_resource(f"Related {number}", themes=[leading])
        return lambda: client.get(resource.get_absolute_url())

    # The resource, its themes and audiences, related resources and their
    # themes, and the weekly updates that feature it.
    assert_constant_queries(setup, most=7)


# Themes


def test_theme_list_shows_themes_with_counts(client, leading):
    make_resource("One", themes=[leading])
    make_resource("Draft", themes=[leading], published_at=None)
    html = client.get(reverse("resources:theme_list")).content.decode()
    assert "Leading in Colour" in html
    assert "1 resource" in html


def test_theme_page_shows_introduction_and_its_resources_with_filters(
    client, leading, think_piece
):
    make_resource("Cultural Competence", themes=[leading], format=think_piece)
    make_resource("Elsewhere")
    response = client.get(leading.get_absolute_url(), {"format": "think-piece"})
    html = response.content.decode()
    assert "This section contains materials on how to enable best practice to thrive." in html
    assert "Cultural Competence" in html
    assert "Elsewhere" not in html
    assert "1 resource" in html


def test_unknown_theme_page_is_404(client):
    response = client.get(reverse("resources:theme_detail", args=["no-such-theme"]))
    assert response.status_code == 404


def test_theme_page_query_count_does_not_grow(client, assert_constant_queries, leading):
    def setup(start, stop):
        for number in range(start, stop):
            make_resource(f"Resource {number}", themes=[leading])
        return lambda: client.get(leading.get_absolute_url())

    assert_constant_queries(setup, most=12)


# Feed, download, static pages


def test_feed_follows_the_filters(client, leading):
    make_resource("In theme", themes=[leading])
    make_resource("Out of theme")
    response = client.get(reverse("resources:resource_feed"), {"theme": "leading-in-colour"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "In theme" in body and "Out of theme" not in body


def test_download_serves_the_file(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    resource = make_resource(
        "With a file", file=SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    response = client.get(reverse("resources:resource_download", args=[resource.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    detail = client.get(resource.get_absolute_url()).content.decode()
    assert "PDF, 15" in detail  # type and size


def test_download_of_a_draft_is_404_to_the_public(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    draft = make_resource(
        "Draft file", published_at=None, file=SimpleUploadedFile("x.pdf", b"%PDF-1.4\n")
    )
    response = client.get(reverse("resources:resource_download", args=[draft.slug]))
    assert response.status_code == 404


def test_accessibility_statement(client):
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    assert "WCAG 2.2" in response.content.decode()


def test_unknown_address_gets_the_site_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
