"""The sample content's obvious cases rank the same on SQLite and PostgreSQL."""

import pytest

from search import engine
from search.query import parse

pytestmark = pytest.mark.django_db


def best(text, count):
    rows = list(engine.matches(parse(text))[:count])
    return [result.object.title for result in engine.results(rows, None)]


def test_titles_naming_the_subject_come_first(demo):
    first, second, third = best("exclusion", 3)
    # The two titles with the word, in either order (the engines weigh their other
    # mentions a little differently), then the one with it only in its summary.
    assert {first, second} == {
        "RSA Pinball Kids – Preventing school exclusions",
        "Schools and Communities: Working Together on Inclusion and Exclusion",
    }
    assert third == "Creating change for the ‘pinball kids’"


def test_either_word_with_or_puts_title_matches_first(demo):
    assert best("ofsted or safeguarding", 2) == [
        "Safeguarding and Keeping Children Safe in Turbulent Times",
        "Leadership Academy: Safeguarding Adolescents – Risks Outside the Home",
    ]


def test_an_update_item_named_by_the_search_comes_first(demo):
    assert best("behaviour hubs", 1) == ["Behaviour Hubs Programme launched by DfE"]


def test_a_phrase_finds_only_the_exact_wording(demo):
    assert best('"school exclusions"', 5) == ["RSA Pinball Kids – Preventing school exclusions"]
