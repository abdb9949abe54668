"""The public pages as a reader uses them: in Chromium, through the live server.

Each test clicks and reads the page the way a reader (or a screen reader) does:
by role and accessible name, so a label that goes missing fails here too.
"""

import re
from datetime import date, timedelta
from types import SimpleNamespace
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import (
    make_format,
    make_publisher,
    make_resource,
    make_seminar,
    make_theme,
)

pytestmark = pytest.mark.browser

LEADERSHIP_IMBALANCE = "Leadership imbalance – Black and Asian leaders missing in action"
CULTURAL_COMPETENCE = "Cultural competence: what it asks of leaders"
TROUBLEMAKER = "How to be a professional troublemaker"
JUST_HOME = "Just Home: Leading in Colour"
ACADEMY_3 = "Leadership Academy 3: Inclusive leadership"
ACADEMY_2 = "Leadership Academy 2: Leading through change"
MASTERCLASS = "Systems leadership masterclass: working with the police"

LEADING_INTRODUCTION = (
    "This section contains materials on how to enable best practice to thrive, "
    "drawn from the experience of Black, Asian and minority ethnic leaders in "
    "children’s services."
)
SYSTEMS_INTRODUCTION = (
    "How leaders work across boundaries – with health, the police, schools and "
    "communities – to improve children’s lives."
)
ARTICLE_BODY = """\
Black and Asian leaders are missing from the top of children's services, and
the gap has barely moved in a decade.

## What the numbers show

- Fewer than one in twenty directors of children's services is Black or Asian.
- Most regions have no Black or Asian director at all.
- Deputies from these backgrounds wait longer for their first director post.

> We cannot ask children to believe they can be anything while our own
> leadership tells them otherwise.

## What leaders can do

1. Sponsor, not just mentor, talented deputies.
2. Publish the make-up of your senior team every year.
3. Ask who is missing from the room before a decision is made.

### Further reading

See the [Leading in Colour](https://example.org/leading-in-colour) programme.
"""


# Helpers


def url(live_server, name, *args, query=None, **kwargs):
    """The live server's address for a named URL, with an optional query string."""
    address = live_server.url + reverse(name, args=args, kwargs=kwargs or None)
    return f"{address}?{urlencode(query, doseq=True)}" if query else address


def query_of(page):
    return parse_qs(urlsplit(page.url).query)


def filters(page):
    return page.locator("form#filters")


def results(page):
    return page.get_by_role("region", name="Results")


def result_titles(page):
    return results(page).get_by_role("heading", level=3)


def checkbox(page, group, label):
    """A checkbox in the filter form, found by its fieldset's legend and its own label."""
    return filters(page).get_by_role("group", name=group).get_by_role("checkbox", name=label)


def fact(page, term):
    """The value beside `term` in a resource's facts (a <dl>)."""
    row = page.locator(".resource-facts > div").filter(
        has=page.get_by_role("term").filter(has_text=re.compile(rf"^{re.escape(term)}$"))
    )
    return row.get_by_role("definition")


# Data: a small but realistic library


@pytest.fixture
def library(live_server):
    today = timezone.localdate()
    leading = make_theme(
        "Leading in Colour", slug="leading-in-colour", introduction=LEADING_INTRODUCTION
    )
    systems = make_theme("Systems leadership", introduction=SYSTEMS_INTRODUCTION)
    think_piece = make_format("Think piece", slug="think-piece")
    podcast = make_format("Podcast", duration_verb="listen")
    staff_college = make_publisher("The Staff College")
    imbalance = make_resource(
        LEADERSHIP_IMBALANCE,
        format=think_piece,
        themes=[leading],
        credit="A think piece by Meera Spillett",
        summary="Why so few Black and Asian leaders reach the top of children’s services, "
        "and what directors can do about it.",
        body=ARTICLE_BODY,
        duration_minutes=15,
        published_on=date(2020, 9, 1),
        is_featured=True,
    )
    make_resource(
        CULTURAL_COMPETENCE,
        format=think_piece,
        themes=[leading],
        summary="What culturally competent leadership looks like in practice.",
        published_on=date(2021, 3, 15),
    )
    troublemaker = make_resource(
        TROUBLEMAKER,
        format=think_piece,
        themes=[systems],
        publisher=staff_college,
        summary="Good leaders disturb the system on purpose. A guide to doing it well.",
        published_on=date(2019, 5, 20),
    )
    make_resource(
        JUST_HOME,
        format=podcast,
        themes=[leading],
        duration_minutes=40,
        summary="Three directors talk about race, belonging and the work of leading.",
        published_on=date(2022, 6, 10),
    )
    seminar = make_seminar(
        ACADEMY_3,
        days_from_now=21,
        themes=[leading],
        published_on=today - timedelta(days=10),
        summary="The third session of the Leadership Academy, on inclusive leadership.",
        body="## The session\n\n- Welcome and introductions\n- Case studies\n- Next steps",
    )
    make_seminar(
        MASTERCLASS,
        days_from_now=35,
        themes=[systems],
        published_on=today - timedelta(days=5),
        summary="A half-day masterclass with senior police leaders.",
    )
    make_seminar(
        ACADEMY_2,
        days_from_now=-40,
        themes=[leading],
        published_on=today - timedelta(days=60),
        summary="The second session of the Leadership Academy, on leading through change.",
    )
    make_resource("A draft nobody sees", published_at=None, themes=[leading])
    return SimpleNamespace(
        leading=leading,
        systems=systems,
        imbalance=imbalance,
        troublemaker=troublemaker,
        seminar=seminar,
    )


# Filtering


def test_ticking_a_theme_and_a_format_filters_and_shows_removable_tags(live_server, page, library):
    page.goto(url(live_server, "resources:resource_list"))
    expect(page.get_by_role("status")).to_have_text("7 resources")

    checkbox(page, "Theme", "Leading in Colour").check()
    checkbox(page, "Format", "Think piece").check()
    filters(page).get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"format=think-piece"))
    assert query_of(page)["theme"] == ["leading-in-colour"]
    assert query_of(page)["format"] == ["think-piece"]
    expect(page.get_by_role("status")).to_have_text("2 resources")
    expect(result_titles(page)).to_have_text([CULTURAL_COMPETENCE, LEADERSHIP_IMBALANCE])
    tags = page.get_by_role("list", name="Applied filters").get_by_role("link")
    expect(tags).to_have_count(2)
    expect(tags.nth(0)).to_have_accessible_name("Leading in Colour (remove theme filter)")
    expect(tags.nth(1)).to_have_accessible_name("Think piece (remove format filter)")

    tags.filter(has_text="Leading in Colour").click()

    expect(page.get_by_role("status")).to_have_text("3 resources")
    assert "theme" not in query_of(page)
    assert query_of(page)["format"] == ["think-piece"]
    expect(result_titles(page)).to_have_text(
        [CULTURAL_COMPETENCE, LEADERSHIP_IMBALANCE, TROUBLEMAKER]
    )
    expect(checkbox(page, "Theme", "Leading in Colour")).not_to_be_checked()
    expect(tags).to_have_count(1)


def test_upcoming_and_all_keep_the_other_filters_and_the_back_button_works(
    live_server, page, library
):
    start = url(live_server, "resources:resource_list", query={"theme": "leading-in-colour"})
    page.goto(start)
    expect(page.get_by_role("status")).to_have_text("5 resources")
    switch = page.get_by_role("navigation", name="Upcoming or all resources")

    switch.get_by_role("link", name=re.compile(r"^Upcoming")).click()

    expect(page.get_by_role("status")).to_have_text("1 upcoming resource")
    assert query_of(page)["when"] == ["upcoming"]
    assert query_of(page)["theme"] == ["leading-in-colour"]
    expect(result_titles(page)).to_have_text([ACADEMY_3])
    expect(switch.get_by_role("link", name=re.compile(r"^Upcoming"))).to_have_attribute(
        "aria-current", "page"
    )
    expect(checkbox(page, "Theme", "Leading in Colour")).to_be_checked()

    switch.get_by_role("link", name=re.compile(r"^All")).click()

    expect(page.get_by_role("status")).to_have_text("5 resources")
    assert query_of(page)["when"] == ["all"]
    assert query_of(page)["theme"] == ["leading-in-colour"]
    expect(result_titles(page)).to_have_text(
        [ACADEMY_3, ACADEMY_2, JUST_HOME, CULTURAL_COMPETENCE, LEADERSHIP_IMBALANCE]
    )

    page.go_back()
    expect(page.get_by_role("status")).to_have_text("1 upcoming resource")
    assert query_of(page)["when"] == ["upcoming"]
    expect(result_titles(page)).to_have_text([ACADEMY_3])

    page.go_back()
    expect(page).to_have_url(start)
    expect(page.get_by_role("status")).to_have_text("5 resources")


# From the list to a resource and its theme


def test_a_title_opens_the_resource_and_its_theme_link_opens_the_theme(live_server, page, library):
    page.goto(url(live_server, "resources:resource_list"))

    results(page).get_by_role("link", name=TROUBLEMAKER).click()

    expect(page).to_have_url(live_server.url + library.troublemaker.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(TROUBLEMAKER)
    expect(fact(page, "Format")).to_have_text("Think piece")
    expect(fact(page, "Published")).to_have_text("20 May 2019")
    expect(fact(page, "Publisher")).to_have_text("The Staff College")
    expect(fact(page, "Themes").get_by_role("link")).to_have_text(["Systems leadership"])

    fact(page, "Themes").get_by_role("link", name="Systems leadership").click()

    expect(page).to_have_url(url(live_server, "resources:theme_detail", slug=library.systems.slug))
    expect(page.get_by_role("heading", level=1)).to_have_text("Systems leadership")
    expect(page.locator(".theme-introduction")).to_contain_text(
        "How leaders work across boundaries"
    )
    expect(result_titles(page)).to_contain_text([TROUBLEMAKER])


# Paging


def test_next_goes_to_page_two_with_the_rest_and_keeps_the_filters(live_server, page):
    leading = make_theme("Leading in Colour", slug="leading-in-colour")
    systems = make_theme("Systems leadership")
    report = make_format("Report")
    for number in range(1, 24):
        make_resource(
            f"Practice brief {number:02}: supervision that supports social workers",
            format=report,
            themes=[leading],
            published_on=date(2024, 1, 1) + timedelta(days=number),
        )
    for number in range(1, 4):
        make_resource(
            f"Partnership note {number}: safeguarding with schools",
            format=report,
            themes=[systems],
        )
    page.goto(
        url(
            live_server,
            "resources:resource_list",
            query={"theme": "leading-in-colour", "format": "report"},
        )
    )
    expect(page.get_by_role("status")).to_have_text("23 resources")
    expect(result_titles(page)).to_have_count(20)
    expect(result_titles(page).first).to_contain_text("Practice brief 23")

    pager = page.get_by_role("navigation", name="Pages of results")
    pager.get_by_role("link", name="Next page").click()

    expect(page).to_have_url(re.compile(r"page=2"))
    assert query_of(page)["theme"] == ["leading-in-colour"]
    assert query_of(page)["format"] == ["report"]
    expect(page.get_by_role("status")).to_have_text("23 resources")
    expect(result_titles(page)).to_have_text(
        [
            re.compile(r"^Practice brief 03"),
            re.compile(r"^Practice brief 02"),
            re.compile(r"^Practice brief 01"),
        ]
    )
    expect(pager).to_contain_text("Page 2 of 2")
    expect(pager.get_by_role("link", name="Next page")).to_have_count(0)
    expect(checkbox(page, "Theme", "Leading in Colour")).to_be_checked()
    expect(checkbox(page, "Format", "Report")).to_be_checked()


# Screen sizes


def test_filters_panel_is_open_on_a_wide_screen(live_server, page, library):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url(live_server, "resources:resource_list"))

    expect(checkbox(page, "Theme", "Leading in Colour")).to_be_visible()
    expect(filters(page).get_by_role("button", name="Apply filters")).to_be_visible()
    panel = page.locator("details.filters").bounding_box()
    listing = results(page).bounding_box()
    assert panel["x"] + panel["width"] <= listing["x"], "the filters sit beside the results"


def test_filters_panel_is_collapsed_but_opens_on_a_phone(live_server, page, library):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(url(live_server, "resources:resource_list"))
    theme = checkbox(page, "Theme", "Leading in Colour")
    expect(page.get_by_role("status")).to_be_visible()
    expect(theme).to_be_hidden()

    page.locator("details.filters > summary").filter(has_text="Filter results").click()

    expect(theme).to_be_visible()
    expect(filters(page).get_by_role("button", name="Apply filters")).to_be_visible()


def test_nothing_scrolls_sideways_on_a_320px_screen(live_server, page, library):
    page.set_viewport_size({"width": 320, "height": 640})
    pages = {
        "home": url(live_server, "resources:home"),
        "library": url(live_server, "resources:resource_list"),
        "resource": live_server.url + library.imbalance.get_absolute_url(),
        "seminar": live_server.url + library.seminar.get_absolute_url(),
        "theme": url(live_server, "resources:theme_detail", slug=library.leading.slug),
    }
    too_wide = {}
    for name, address in pages.items():
        page.goto(address)
        summary = page.locator("details.filters > summary")
        if summary.count():
            summary.click()  # the open panel must fit too
            expect(checkbox(page, "Format", "Think piece")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[name] = width
    assert not too_wide, f"These pages scroll sideways at 320px (scrollWidth): {too_wide}"


# Without JavaScript


def test_filter_form_works_without_javascript(live_server, new_context, library):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(url(live_server, "resources:resource_list"))
    expect(page.get_by_role("status")).to_have_text("7 resources")

    checkbox(page, "Theme", "Systems leadership").check()
    filters(page).get_by_role("button", name="Apply filters").click()

    expect(page).to_have_url(re.compile(r"theme=systems-leadership"))
    expect(page.get_by_role("status")).to_have_text("2 resources")
    expect(result_titles(page)).to_have_text([MASTERCLASS, TROUBLEMAKER])
    expect(checkbox(page, "Theme", "Systems leadership")).to_be_checked()


# Accessibility: axe-core finds nothing serious or critical


AXE_PAGES = {
    "home": lambda lib: reverse("resources:home"),
    "library": lambda lib: reverse("resources:resource_list"),
    "filtered library": lambda lib: (
        reverse("resources:resource_list")
        + "?"
        + urlencode({"theme": lib.leading.slug, "format": "think-piece", "q": "leaders"})
    ),
    "resource": lambda lib: lib.imbalance.get_absolute_url(),
    "seminar": lambda lib: lib.seminar.get_absolute_url(),
    "themes": lambda lib: reverse("resources:theme_list"),
    "theme": lambda lib: lib.leading.get_absolute_url(),
    "not found": lambda lib: reverse(
        "resources:resource_detail", kwargs={"slug": "no-such-resource"}
    ),
}


@pytest.mark.parametrize("name", AXE_PAGES)
def test_page_has_no_serious_accessibility_violations(
    live_server, page, library, assert_accessible, name
):
    response = page.goto(live_server.url + AXE_PAGES[name](library))
    assert response.status == (404 if name == "not found" else 200)
    assert_accessible(page, name)
