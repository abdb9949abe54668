"""What the public sees of an update in each publication state: only a live one, anywhere.

A draft or scheduled update, and the programme items in it, are on no page:
not the update list, its own page (404), the archive or site search, the
feed, the calendar's deadlines, the home page's latest update and actions
due, or the sitemap. Staff who may edit updates preview every one.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_publication, make_resource, make_staff
from tests.newsletters.conftest import STATES, item_title
from tests.pages import section

pytestmark = pytest.mark.django_db

LIST_URL = reverse("newsletters:bulletin_list")


def page(client, url, params=None):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_update_list_shows_only_the_live_update(client, updates, state):
    html = page(client, LIST_URL)
    assert (f"Update No {STATES[state]}<" in html) is (state == "live")


@pytest.mark.parametrize("name", ["bulletin_detail", "bulletin_email", "bulletin_text"])
def test_only_a_live_updates_pages_are_found(client, updates, state, name):
    response = client.get(reverse(f"newsletters:{name}", args=[STATES[state]]))
    if state == "live":
        assert response.status_code == 200
        assert item_title(state) in response.content.decode()
    else:
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()


def test_the_latest_update_is_the_live_one(client, updates):
    response = client.get(reverse("newsletters:bulletin_latest"))
    assert response.status_code == 302
    assert response.url == updates["live"].get_absolute_url()


def test_archive_search_finds_only_the_live_updates_items(client, updates, state):
    html = page(client, LIST_URL, {"q": "behaviour hubs"})
    assert "1 update mentioning “behaviour hubs”" in html
    assert (item_title(state) in html) is (state == "live")


def test_site_search_finds_only_the_live_updates_items(client, updates, state):
    html = page(client, reverse("search:search"), {"q": "behaviour hubs", "type": "updates"})
    assert "1 result for “behaviour hubs”" in html
    link = f'href="{updates[state].get_absolute_url()}#item-1"'
    assert (link in html) is (state == "live")


def test_the_feed_carries_only_the_live_update(client, updates, state):
    feed = page(client, reverse("newsletters:bulletin_feed"))
    assert (f"Update No {STATES[state]} " in feed) is (state == "live")
    assert (item_title(state) in feed) is (state == "live")


def test_the_calendar_holds_only_the_live_updates_deadlines(client, updates, state):
    calendar = page(client, reverse("calendar"))
    assert (f"Action deadline: {item_title(state)}" in calendar) is (state == "live")


def test_the_home_page_shows_only_the_live_update_and_its_actions(client, updates, state):
    html = page(client, reverse("resources:home"))
    latest = section(html, "latest-update-heading")
    actions = section(html, "actions-due-heading")
    assert (f"Update No {STATES[state]} " in latest) is (state == "live")
    assert (item_title(state) in latest) is (state == "live")
    assert (item_title(state) in actions) is (state == "live")


def test_the_sitemap_lists_only_the_live_update(client, updates, state):
    sitemap = page(client, reverse("sitemap"))
    assert (f"http://testserver{updates[state].get_absolute_url()}<" in sitemap) is (
        state == "live"
    )


def test_a_resource_page_names_only_the_live_updates_that_feature_it(client, updates, state):
    resource = make_resource("Creating a culture")
    item = updates[state].items.get()
    item.resource = resource
    item.save()
    updates[state].publications.add(make_publication("Creating a culture", resource=resource))
    html = page(client, resource.get_absolute_url())
    assert (f"Update No {STATES[state]}" in html) is (state == "live")


def test_staff_who_may_edit_updates_preview_every_state(updates, state):
    editor = Client()
    editor.force_login(make_staff(permissions=["newsletters.change_bulletin"]))
    response = editor.get(updates[state].get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert item_title(state) in html
    assert ('class="draft-banner"' in html) is (state != "live")
    assert ("no-cache" in response.get("Cache-Control", "")) is (state != "live")
