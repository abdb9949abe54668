"""Following the library in a real browser: "Cite this", "Add to calendar", printing."""

import re
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import (
    make_bulletin,
    make_contact,
    make_format,
    make_publisher,
    make_resource,
    make_seminar,
    make_theme,
)

pytestmark = pytest.mark.browser

TITLE = "Leadership imbalance – Black and Asian leaders missing in action"


@pytest.fixture
def think_piece(live_server):
    theme = make_theme("Leading in Colour", slug="leading-in-colour")
    return make_resource(
        TITLE,
        slug="leadership-imbalance",
        format=make_format("Think piece", slug="think-piece"),
        themes=[theme],
        credit="A think piece by Meera Spillett",
        publisher=make_publisher("The Staff College", slug="staff-college"),
        published_on=date(2020, 9, 1),
        body="Read the [Leading in Colour](https://example.org/leading-in-colour) programme.",
    )


def citation(page):
    return page.get_by_role("region", name="Cite this think piece")


def after_content(locator):
    return locator.evaluate("element => getComputedStyle(element, '::after').content")


def test_resource_page_with_citation_has_no_serious_accessibility_violations(
    live_server, page, think_piece, assert_accessible
):
    page.goto(live_server.url + think_piece.get_absolute_url())
    expect(citation(page)).to_contain_text(f"Spillett, M. (2020) {TITLE} [Think piece].")
    assert_accessible(page, "resource with citation")


def test_copy_button_copies_the_reference(live_server, page, think_piece):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + think_piece.get_absolute_url())
    citation(page).get_by_role("button", name="Copy reference").click()
    expect(citation(page).get_by_role("status")).to_have_text("Reference copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"Spillett, M. (2020) {TITLE} [Think piece]. The Staff College.")
    assert f"Available at: {live_server.url}{think_piece.get_absolute_url()}" in copied


def test_without_javascript_the_reference_is_plain_text_and_there_is_no_button(
    live_server, new_context, think_piece
):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + think_piece.get_absolute_url())
    expect(citation(page)).to_contain_text(f"Spillett, M. (2020) {TITLE}")
    expect(citation(page).get_by_role("button")).to_have_count(0)
    expect(citation(page).get_by_role("link", name=re.compile("^RIS file"))).to_be_visible()
    expect(citation(page).get_by_role("link", name=re.compile("^BibTeX file"))).to_be_visible()


def test_a_resource_prints_without_navigation_and_with_link_addresses(
    live_server, page, think_piece
):
    page.goto(live_server.url + think_piece.get_absolute_url())
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_be_hidden()
    expect(page.get_by_role("contentinfo")).to_be_hidden()
    expect(page.get_by_role("search")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(citation(page)).to_be_visible()
    link = page.get_by_role("link", name="Leading in Colour").last
    assert after_content(link) == '" (https://example.org/leading-in-colour)"'
    ris = citation(page).get_by_role("link", name=re.compile("^RIS file"))
    expected = (
        f"{live_server.url}{reverse('resources:resource_citation_ris', args=[think_piece.slug])}"
    )
    assert after_content(ris) == f'" ({expected})"'
    # Theme links are navigation within the site: no address after them.
    theme = page.locator(".theme-links a").first
    assert after_content(theme) in ("none", "normal")

    page.emulate_media(media="screen")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()


def test_an_update_prints_its_items_without_navigation(live_server, page):
    contact = make_contact("Richard Tyndall")
    bulletin = make_bulletin(
        394,
        items=[
            {
                "title": "Behaviour Hubs Programme launched",
                "action_required": "Tell your heads.",
                "action_deadline": date(2027, 3, 12),
                "contacts": [contact],
            }
        ],
    )
    bulletin.contacts.add(contact)
    page.goto(live_server.url + bulletin.get_absolute_url())
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("navigation", name="In this update")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Other updates")).to_be_hidden()
    expect(page.get_by_role("contentinfo")).to_be_hidden()
    expect(page.get_by_role("heading", name="Behaviour Hubs Programme launched")).to_be_visible()
    expect(page.get_by_text("Deadline: Friday 12 March 2027")).to_be_visible()
    email = page.get_by_role("link", name="richard.tyndall@example.org")
    assert after_content(email) in ("none", "normal")


def test_a_list_prints_without_filters_or_pagination(live_server, page):
    for number in range(25):
        make_resource(f"Resource {number:02}")
    page.goto(live_server.url + reverse("resources:resource_list"))
    page.emulate_media(media="print")
    expect(page.locator("form#filters")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Pages of results")).to_be_hidden()
    expect(page.get_by_role("link", name=re.compile(r"^Subscribe \(Atom feed\)"))).to_be_hidden()
    expect(page.get_by_role("heading", name="Resource 24")).to_be_visible()


def test_seminar_add_to_calendar_downloads_its_ics(live_server, page):
    seminar = make_seminar("Leadership Academy 3", days_from_now=20, venue="Leeds Civic Hall")
    page.goto(live_server.url + seminar.get_absolute_url())
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to calendar").click()
    download = download_info.value
    assert download.suggested_filename == f"{seminar.slug}.ics"
    text = open(download.path(), encoding="utf-8").read()
    assert "SUMMARY:Leadership Academy 3" in text
    assert "LOCATION:Leeds Civic Hall" in text
