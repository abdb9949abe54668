"""The search box the library and the weekly updates share (core/filters.py)."""

import re

import pytest
from django.urls import reverse

from core.filters import SEARCH_MAX_LENGTH, TOO_LONG
from tests.factories import make_bulletin, make_resource

pytestmark = pytest.mark.django_db

LISTS = {
    "resources:resource_list": "Search the library",
    "newsletters:bulletin_list": "Search the updates",
}


@pytest.fixture
def content():
    make_resource("Leading in colour")
    make_bulletin(393)


def notice(label):
    return f"<li>{label}: {TOO_LONG}</li>"


def test_the_limit_is_the_one_readers_are_told():
    assert SEARCH_MAX_LENGTH == 200
    assert TOO_LONG == "Search text must be 200 characters or fewer."


@pytest.mark.parametrize(("url_name", "label"), LISTS.items())
def test_a_search_of_exactly_the_limit_is_searched(client, content, url_name, label):
    response = client.get(reverse(url_name), {"q": "x" * SEARCH_MAX_LENGTH})
    assert response.status_code == 200
    assert TOO_LONG not in response.content.decode()


@pytest.mark.parametrize(("url_name", "label"), LISTS.items())
def test_one_character_over_the_limit_is_refused_with_the_shared_notice(
    client, content, url_name, label
):
    response = client.get(reverse(url_name), {"q": "x" * (SEARCH_MAX_LENGTH + 1)})
    assert response.status_code == 200
    assert notice(label) in response.content.decode()


def test_the_library_and_the_updates_say_the_same_about_a_too_long_search(client, content):
    said = {}
    for url_name, label in LISTS.items():
        html = client.get(reverse(url_name), {"q": "x" * 10_000}).content.decode()
        said[url_name] = re.findall(rf"<li>{label}: (.*?)</li>", html)
    assert list(said.values()) == [[TOO_LONG], [TOO_LONG]]
