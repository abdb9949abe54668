"""The header box's search-as-you-type suggestions: a small JSON endpoint."""

import pytest
from django.urls import reverse

from search.query import MAX_LENGTH
from tests.factories import make_resource

pytestmark = pytest.mark.django_db

URL = reverse("search:suggestions")


def suggest(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()["results"]


def test_an_unfinished_word_suggests_titles_containing_it(client, corpus):
    results = suggest(client, "pinb")
    assert results == [
        {
            "title": corpus["pinball"].title,
            "url": corpus["pinball"].get_absolute_url(),
            "type": "Report",
        }
    ]


def test_whole_words_suggest_the_best_matches_first_with_update_items(client, corpus):
    results = suggest(client, "behaviour hubs")
    assert results[0]["title"] == "Behaviour Hubs Programme launched by DfE"
    assert results[0]["url"].endswith("/updates/393/#item-2")
    assert results[0]["type"] == "Update No 393"


def test_browsers_get_the_opensearch_suggestions_shape(client, corpus):
    response = client.get(URL, {"q": "pinb", "format": "opensearch"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-suggestions+json"
    assert response.json() == [
        "pinb",
        [corpus["pinball"].title],
        ["Report"],
        ["http://testserver" + corpus["pinball"].get_absolute_url()],
    ]


def test_suggestions_never_include_drafts(client, corpus):
    titles = [result["title"] for result in suggest(client, "secret")]
    titles += [result["title"] for result in suggest(client, "draft plan")]
    assert titles == []


def test_at_most_six_suggestions(client, db):
    for number in range(10):
        make_resource(f"Fostering paper {number}")
    assert len(suggest(client, "fostering")) == 6


@pytest.mark.parametrize(
    "q", ["", "a", "!!", "x" * 10_000, "abc\x00def", '"', "the", "%_%", "-ofsted"]
)
def test_odd_input_gives_an_empty_or_short_list_never_a_500(client, corpus, q):
    assert len(suggest(client, q)) <= 6


def test_constant_queries(client, db, assert_constant_queries):
    def setup(start, stop):
        for number in range(start, stop):
            make_resource(f"Exclusion paper {number}")
        return lambda: client.get(URL, {"q": "exclu"})

    response = assert_constant_queries(setup, most=8)
    assert len(response.json()["results"]) == 6


def test_over_long_text_is_cut_to_the_limit(client, corpus):
    response = client.get(URL, {"q": "pinball " + "x" * (MAX_LENGTH * 2)})
    assert len(response.json()["query"]) == MAX_LENGTH
