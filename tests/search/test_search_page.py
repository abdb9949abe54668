"""/search/: resources and update items together, best first, on SQLite and PostgreSQL."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_bulletin, make_item, make_resource, make_theme
from tests.search.conftest import did_you_mean_needs_postgres

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("search:search")


def search(client, q, **params):
    response = client.get(SEARCH_URL, {"q": q, **params})
    assert response.status_code == 200
    return response


def titles(response):
    """Result titles in the order shown, without highlighting."""
    return [result.object.title for result in response.context["page_obj"].object_list]


def test_stemming_finds_other_forms_of_a_word(client, corpus):
    found = titles(search(client, "exclusion"))
    assert corpus["pinball"].title in found  # "exclusions" in the title, "excluded" in summary
    assert corpus["body_only"].title in found  # "exclusion" in the body
    assert corpus["pinball"].title in titles(search(client, "excluding"))


def test_an_exact_phrase_needs_the_words_together_in_order(client, corpus):
    assert titles(search(client, '"school exclusions"')) == [corpus["pinball"].title]
    assert titles(search(client, '"exclusions school"')) == []


def test_a_minus_sign_leaves_a_word_out(client, corpus):
    found = titles(search(client, "exclusion -pinball"))
    assert corpus["body_only"].title in found
    assert corpus["pinball"].title not in found


def test_or_finds_either_word(client, corpus):
    found = titles(search(client, "troublemaker or hubs"))
    assert set(found) == {corpus["troublemaker"].title, "Behaviour Hubs Programme launched by DfE"}


def test_every_word_must_match_without_or(client, corpus):
    assert titles(search(client, "troublemaker hubs")) == []


def test_a_title_match_outranks_a_body_only_match(client, corpus):
    found = titles(search(client, "exclusion"))
    assert found.index(corpus["pinball"].title) < found.index(corpus["body_only"].title)


def test_summary_and_credit_outrank_the_body(client, corpus):
    make_resource("Workforce notes", body="Meera Spillett spoke at the conference.")
    found = titles(search(client, "spillett"))
    assert found == [corpus["longer"].title, "Workforce notes"]


def test_theme_publisher_and_format_names_are_searched(client, corpus):
    assert corpus["pinball"].title in titles(search(client, "equity"))  # its theme
    assert titles(search(client, "rsa", type="resources")) == [corpus["pinball"].title]
    assert corpus["longer"].title in titles(search(client, '"think piece"'))


def test_drafts_scheduled_resources_and_unpublished_updates_are_never_found(client, corpus):
    for q in ("draft plan", "scheduled", "secret", "exclusion", "behaviour"):
        found = titles(search(client, q))
        assert corpus["draft"].title not in found
        assert corpus["scheduled"].title not in found
        assert "Secret behaviour exclusion item" not in found


def test_update_items_are_found_and_link_to_their_anchor(client, corpus):
    html = search(client, "behaviour hubs").content.decode()
    link = reverse("newsletters:bulletin_detail", kwargs={"number": 393}) + "#item-2"
    assert f'href="{link}"' in html
    assert "Weekly update item" in html
    assert "Update No 393" in html


def test_matching_words_are_marked_in_titles_and_snippets(client, corpus):
    html = search(client, "behaviour").content.decode()
    assert "<mark>Behaviour</mark> Hubs Programme" in html
    assert re.search(r"exemplary <mark>behaviour</mark> cultures", html)


def test_text_is_escaped_around_the_marks(client, corpus):
    make_resource("Ofsted <script>alert(1)</script> notes", summary="About ofsted & <b>you</b>.")
    html = search(client, "ofsted").content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
    assert "<b>you</b>" not in html


def test_type_filter_narrows_to_resources_or_update_items_and_counts_each(client, corpus):
    response = search(client, "behaviour or exclusion")
    html = response.content.decode()
    assert 'Resources <span class="count">(2)</span>' in html
    assert 'Weekly update items <span class="count">(1)</span>' in html
    assert 'Everything <span class="count">(3)</span>' in html
    only_items = titles(search(client, "behaviour or exclusion", type="updates"))
    assert only_items == ["Behaviour Hubs Programme launched by DfE"]
    only_resources = titles(search(client, "behaviour or exclusion", type="resources"))
    assert "Behaviour Hubs Programme launched by DfE" not in only_resources
    assert len(only_resources) == 2


def test_unknown_type_searches_everything_with_a_notice(client, corpus):
    response = search(client, "behaviour", type="<nope>")
    assert "There is no type of result called “&lt;nope&gt;”" in response.content.decode()
    assert titles(response) == ["Behaviour Hubs Programme launched by DfE"]


def test_twenty_a_page_with_the_pager_keeping_the_search(client, db):
    for number in range(45):
        make_resource(f"Safeguarding paper {number:02}")
    first = search(client, "safeguarding")
    assert len(first.context["page_obj"].object_list) == 20
    assert 'href="?q=safeguarding&amp;page=2"' in first.content.decode()
    third = search(client, "safeguarding", page=3)
    assert len(third.context["page_obj"].object_list) == 5


# Not "page": that name is pytest-playwright's page fixture, and borrowing it
# turns these into browser tests run out of order.
@pytest.mark.parametrize("page_number", ["zzz", "99", "-1", "1" * 30])
def test_bad_page_is_a_404(client, corpus, page_number):
    assert client.get(SEARCH_URL, {"q": "exclusion", "page": page_number}).status_code == 404


def test_no_results_says_so_and_offers_ways_on(client, corpus):
    html = search(client, "zebra").content.decode()
    assert "0 results for “zebra”" in html
    assert "Nothing matches “zebra”" in html
    assert "Browse the themes" in html


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("", "Search every resource in the library"),
        ("the and of", "only very common words"),
        ("?!*&^%", "punctuation on its own cannot be searched for"),
        ("x" * 10_000, "must be 200 characters or fewer"),
        ("-ofsted", "Add a word to search for"),
        ("abc\x00def", "cannot be searched for"),
        ('"unbalanced quotes', "A quotation mark was not closed"),
        ("'; DROP TABLE resources_resource; --", "results for"),
        ("%_%", "punctuation on its own"),
        ("NEAR(a b) AND * : ^col", "results for"),  # FTS5 syntax is read as plain words
        ("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 ", "results for"),
        ("or", "only very common words"),
    ],
)
def test_odd_input_gives_a_clear_message_never_a_500(client, corpus, q, message):
    html = search(client, q).content.decode()
    assert message in html


def test_repeated_parameters_take_their_last_value(client, corpus):
    """q=behaviour, type=x and page=2: that search has no second page, so a 404."""
    response = client.get(f"{SEARCH_URL}?q=exclusion&q=behaviour&type=all&type=x&page=1&page=2")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()

    response = client.get(f"{SEARCH_URL}?q=behaviour&q=exclusion&type=x&type=all&page=2&page=1")
    assert response.status_code == 200
    assert response.context["text"] == "exclusion"
    assert "2 results" in response.content.decode()


@did_you_mean_needs_postgres
def test_a_misspelling_with_no_results_offers_did_you_mean(client, corpus):
    html = search(client, "safegaurding leadrship").content.decode()
    assert "Did you mean" in html
    assert 'href="?q=leadership"' not in html  # the whole search is corrected
    assert "leadership" in html


@did_you_mean_needs_postgres
def test_did_you_mean_suggests_a_theme_name_and_leads_to_results(client, corpus):
    response = search(client, "inclusoin")
    assert response.context["suggestion"] == "inclusion"
    assert titles(search(client, response.context["suggestion"])) == [corpus["pinball"].title]


@pytest.mark.skipif(
    __import__("django.db").db.connection.vendor == "postgresql",
    reason="SQLite only: checks that “Did you mean” is simply absent there",
)
def test_without_postgresql_there_is_no_did_you_mean_but_the_page_works(client, corpus):
    response = search(client, "inclusoin")
    assert response.context["suggestion"] is None
    assert "Nothing matches" in response.content.decode()


def test_query_count_does_not_grow_with_results(client, db, assert_constant_queries):
    theme = make_theme("Safeguarding children")
    bulletin = make_bulletin()

    def setup(start, stop):
        for number in range(start, stop):
            make_resource(f"Safeguarding paper {number}", themes=[theme])
        for number in range(start // 10, stop // 10):
            make_item(bulletin, f"Safeguarding item {number}")
        return lambda: search(client, "safeguarding")

    response = assert_constant_queries(setup, most=10)
    assert response.context["page_obj"].paginator.count == 200 + 200 // 10
