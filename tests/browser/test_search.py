"""Site search in a real browser: the results and no-results pages, the plain form, suggestions."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect


def search_url(live_server, **params):
    from urllib.parse import urlencode

    return f"{live_server.url}{reverse('search:search')}?{urlencode(params)}"


@pytest.mark.parametrize(
    ("name", "q"),
    [("results", "school exclusions"), ("no-results", "zebra crossings")],
)
def test_search_pages_have_no_serious_accessibility_violations(
    live_server, page, demo, assert_accessible, name, q
):
    assert page.goto(search_url(live_server, q=q)).status == 200
    assert_accessible(page, f"search {name}")


def test_results_are_best_first_with_matches_marked(live_server, page, demo):
    page.goto(search_url(live_server, q="exclusion"))
    expect(page.get_by_role("status")).to_contain_text("results for “exclusion”")
    results = page.locator(".search-results__list > li")
    expect(results.first.locator("mark").first).to_be_visible()
    expect(results.first.get_by_role("heading")).to_contain_text(re.compile("xclusion"))


def test_an_update_item_result_opens_its_place_in_the_update(live_server, page, demo):
    page.goto(search_url(live_server, q="behaviour hubs"))
    page.get_by_role("link", name="Behaviour Hubs Programme launched by DfE").click()
    assert page.url.endswith("/updates/393/#item-2")
    expect(page.locator("#item-2")).to_be_visible()


def test_header_search_works_without_javascript(live_server, new_context, demo):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + reverse("resources:home"))
    page.get_by_label("Search the site").fill("succession planning")
    page.get_by_role("search", name="Site").get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=succession\+planning"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.get_by_role("status")).to_contain_text("for “succession planning”")


def test_suggestions_appear_as_you_type_and_work_from_the_keyboard(
    live_server, page, demo, assert_accessible
):
    page.goto(live_server.url + reverse("resources:home"))
    box = page.get_by_role("combobox", name="Search the site")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("pinba", delay=30)

    listbox = page.get_by_role("listbox", name="Search suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    first = listbox.get_by_role("option").first
    expect(first).to_contain_text("Pinball")
    assert_accessible(page, "home with search suggestions open")

    box.press("ArrowDown")
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("pinba")

    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/resources/.*pinball"))


def test_the_last_suggestion_searches_everything(live_server, page, demo):
    page.goto(live_server.url + reverse("resources:home"))
    box = page.get_by_role("combobox", name="Search the site")
    box.press_sequentially("leadership", delay=20)
    page.get_by_role("option", name=re.compile("See all results")).click()
    expect(page).to_have_url(re.compile(r"/search/\?q=leadership"))
