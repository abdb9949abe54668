"""Reading what readers type: web-search syntax, checked before any database sees it."""

import pytest

from search.query import MAX_LENGTH, parse, parse_prefix, related_forms


def test_words_phrases_exclusions_and_or_read_as_web_search():
    query = parse('"children in care" ofsted or dfe -academies')
    assert query.is_searchable
    assert query.websearch_text == '"children in care" ofsted or dfe -academies'


def test_stop_words_are_dropped_outside_phrases_and_kept_inside():
    assert parse("the leadership of schools").websearch_text == "leadership schools"
    assert parse('"leadership of schools"').websearch_text == '"leadership of schools"'


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("exclusion", ["exclude"]),
        ("excluded", ["exclusion"]),
        ("intervention", ["intervene"]),
        ("decisions", ["decide"]),
        ("leadership", []),
        ("side", []),  # too short a stem to guess at
    ],
)
def test_word_families_the_stemmer_keeps_apart_are_searched_together(word, forms):
    assert related_forms(word) == forms


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "Type a word or two"),
        ("   ", "Type a word or two"),
        ("the and of", "only very common words"),
        ("!!! ... ???", "punctuation on its own"),
        ("-ofsted", "as well as the words to leave out"),
        ("x" * 10_000, f"{MAX_LENGTH} characters or fewer (this has 10,000)"),
        (" ".join(f"word{n}" for n in range(25)), "20 words or fewer"),
    ],
)
def test_searches_that_cannot_run_say_why(text, problem):
    query = parse(text)
    assert not query.is_searchable
    assert problem in query.problem


def test_nul_bytes_and_control_characters_are_left_out_with_a_notice():
    query = parse("abc\x00def\x07")
    assert query.websearch_text == "abc def"
    assert "cannot be searched for" in query.notices[0]


def test_an_unclosed_quotation_mark_makes_the_rest_a_phrase_with_a_notice():
    query = parse('ofsted "children in care')
    assert query.websearch_text == 'ofsted "children in care"'
    assert "not closed" in query.notices[0]


def test_suggestions_keep_the_unfinished_last_word():
    assert parse_prefix("the school exclu") == ["school", "exclu"]
    assert parse_prefix("?!") == []
