"""The library's own search box (q) uses the same engine: ranked, with facets still counted."""

import pytest
from django.urls import reverse

from search.query import MAX_LENGTH

pytestmark = pytest.mark.django_db

LIST_URL = reverse("resources:resource_list")


def shown(response):
    return [resource.title for resource in response.context["page_obj"].object_list]


def test_library_search_understands_word_forms(client, corpus):
    found = shown(client.get(LIST_URL, {"q": "excluded"}))
    assert set(found) == {corpus["pinball"].title, corpus["body_only"].title}


def test_library_search_sorts_by_best_match_and_says_so(client, corpus):
    response = client.get(LIST_URL, {"q": "exclusion"})
    assert shown(response) == [corpus["pinball"].title, corpus["body_only"].title]
    assert '<option value="relevance" selected>' in response.content.decode()


def test_a_chosen_sort_still_wins_over_best_match(client, corpus):
    response = client.get(LIST_URL, {"q": "exclusion", "sort": "newest"})
    assert shown(response) == [corpus["body_only"].title, corpus["pinball"].title]


def test_best_match_without_a_search_falls_back_to_newest(client, corpus):
    response = client.get(LIST_URL, {"sort": "relevance"})
    assert response.status_code == 200
    assert shown(response)[0] == corpus["troublemaker"].title


def test_facet_counts_follow_the_search(client, corpus):
    html = client.get(LIST_URL, {"q": "exclusion"}).content.decode()
    assert 'Inclusion and equity <span class="count">(1)</span>' in html
    assert 'Report <span class="count">(2)</span>' in html
    assert "2 resources matching “exclusion”" in html


def test_library_search_with_a_theme_keeps_both(client, corpus):
    response = client.get(LIST_URL, {"q": "exclusion", "theme": "inclusion-and-equity"})
    assert shown(response) == [corpus["pinball"].title]


def test_library_search_never_shows_drafts(client, corpus):
    assert corpus["draft"].title not in shown(client.get(LIST_URL, {"q": "draft plan"}))


@pytest.mark.parametrize(
    ("q", "notice"),
    [
        ("the of and", "only very common words"),
        ("!!!", "punctuation on its own"),
        ("x" * 10_000, f"{MAX_LENGTH} characters or fewer"),
        ("-pinball", "Add a word to search for"),
    ],
)
def test_searches_that_cannot_run_leave_the_list_unfiltered_with_a_notice(
    client, corpus, q, notice
):
    response = client.get(LIST_URL, {"q": q})
    assert response.status_code == 200
    assert notice in response.content.decode()
    assert len(shown(response)) == 4


def test_a_library_search_links_to_the_same_search_across_the_site(client, corpus):
    html = client.get(LIST_URL, {"q": "behaviour & care"}).content.decode()
    assert f'href="{reverse("search:search")}?q=behaviour%20%26%20care"' in html
