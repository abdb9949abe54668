from datetime import date

import pytest
from django.http import QueryDict

from resources.filters import ResourceFilter
from resources.models import Resource
from tests.factories import (
    make_audience,
    make_format,
    make_publisher,
    make_resource,
    make_seminar,
    make_theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    """A small library drawn from the seed pages."""
    leading = make_theme("Leading in Colour", slug="leading-in-colour")
    safeguarding = make_theme("Safeguarding", slug="safeguarding")
    schools = make_theme("Schools and communities", slug="schools-and-communities")
    think_piece = make_format("Think piece", slug="think-piece")
    video = make_format("Video", slug="video", duration_verb="watch")
    report = make_format("Report", slug="report")
    seminar = make_format("Seminar", slug="seminar")
    rsa = make_publisher("RSA", slug="rsa")
    staff_college = make_publisher("The Staff College", slug="the-staff-college")
    dcs = make_audience("Directors of children's services", slug="dcs")
    heads = make_audience("Head teachers", slug="head-teachers")
    return {
        "imbalance": make_resource(
            "Leadership imbalance – Black and Asian leaders missing in action",
            format=think_piece,
            themes=[leading],
            audiences=[dcs],
            publisher=staff_college,
            duration_minutes=15,
            published_on=date(2020, 9, 1),
            credit="A think piece by Meera Spillett",
        ),
        "troublemaker": make_resource(
            "How to be a professional troublemaker",
            format=video,
            themes=[leading],
            duration_minutes=13,
            published_on=date(2021, 3, 1),
        ),
        "pinball": make_resource(
            "RSA Pinball Kids – Preventing school exclusions",
            format=report,
            themes=[schools],
            audiences=[heads],
            publisher=rsa,
            duration_minutes=45,
            published_on=date(2020, 3, 1),
            summary="In the last five years, there has been a 60 percent increase in exclusions.",
        ),
        "safeguarding": make_seminar(
            "Safeguarding and Keeping Children Safe in Turbulent Times",
            format=seminar,
            themes=[safeguarding, leading],
            audiences=[dcs],
            publisher=staff_college,
            days_from_now=10,
            published_on=date(2021, 1, 5),
        ),
        "draft": make_resource(
            "Draft think piece", format=think_piece, themes=[leading], published_at=None
        ),
    }


def run(query, queryset=None):
    queryset = queryset if queryset is not None else Resource.objects.published()
    return ResourceFilter(QueryDict(query), queryset=queryset)


def titles(resource_filter):
    return {resource.title for resource in resource_filter.qs}


def test_no_filters_lists_every_published_resource_newest_first(library):
    result = list(run("").qs)
    assert [r.title for r in result] == [
        "How to be a professional troublemaker",
        "Safeguarding and Keeping Children Safe in Turbulent Times",
        "Leadership imbalance – Black and Asian leaders missing in action",
        "RSA Pinball Kids – Preventing school exclusions",
    ]


def test_theme_filter(library):
    assert titles(run("theme=schools-and-communities")) == {library["pinball"].title}


def test_several_themes_match_any_of_them(library):
    assert titles(run("theme=schools-and-communities&theme=safeguarding")) == {
        library["pinball"].title,
        library["safeguarding"].title,
    }


def test_format_filter_and_several_formats(library):
    assert titles(run("format=video")) == {library["troublemaker"].title}
    assert titles(run("format=video&format=report")) == {
        library["troublemaker"].title,
        library["pinball"].title,
    }


def test_theme_and_format_combine(library):
    assert titles(run("theme=leading-in-colour&format=think-piece")) == {
        library["imbalance"].title
    }


def test_audience_publisher_and_year_filters(library):
    assert titles(run("audience=head-teachers")) == {library["pinball"].title}
    assert titles(run("publisher=the-staff-college")) == {
        library["imbalance"].title,
        library["safeguarding"].title,
    }
    assert titles(run("year=2020")) == {library["imbalance"].title, library["pinball"].title}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("10", set()), ("30", {"imbalance", "troublemaker"}), ("longer", {"pinball"})],
)
def test_time_filter(library, value, expected):
    assert titles(run(f"time={value}")) == {library[key].title for key in expected}


def test_search_looks_in_title_summary_credit_and_publisher(library):
    assert titles(run("q=troublemaker")) == {library["troublemaker"].title}
    assert titles(run("q=60+percent")) == {library["pinball"].title}
    assert titles(run("q=Spillett")) == {library["imbalance"].title}
    assert titles(run("q=rsa")) == {library["pinball"].title}


def test_search_needs_every_word(library):
    assert titles(run("q=pinball+troublemaker")) == set()


def test_upcoming_shows_events_soonest_first(library):
    assert titles(run("when=upcoming")) == {library["safeguarding"].title}


def test_filters_never_reveal_drafts(library):
    assert library["draft"].title not in titles(run("theme=leading-in-colour&q=draft"))


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("oldest", "pinball"),
        ("title", "troublemaker"),
        ("shortest", "troublemaker"),
        ("soonest", "safeguarding"),
    ],
)
def test_sort_orders(library, sort, first):
    assert next(iter(run(f"sort={sort}").qs)).title == library[first].title


def test_unknown_theme_is_left_out_and_the_known_one_still_applies(library):
    result = run("theme=schools-and-communities&theme=no-such-theme")
    assert titles(result) == {library["pinball"].title}
    assert result.notices == ["There is no theme called “no-such-theme”, so it was left out."]


def test_bad_values_are_ignored_with_a_notice(library):
    result = run("when=bogus&year=abc&time=forever&sort=random")
    assert len(titles(result)) == 4
    assert len(result.notices) == 4


def test_over_long_search_is_refused_with_a_message(library):
    result = run("q=" + "a" * 10_000)
    assert len(titles(result)) == 4
    assert result.notices == ["Search the library: Search text must be 200 characters or fewer."]


def test_nul_bytes_do_not_break_filtering(library):
    result = run("q=abc%00def&theme=safe%00guarding&format=%00")
    assert len(titles(result)) == 4
    assert result.notices


def test_facet_counts_reflect_the_other_filters(library):
    facets = {facet.name: facet for facet in run("format=think-piece&format=video").facets()}
    themes = {option.value: option.count for option in facets["theme"].options}
    # Counted among think pieces and videos; choosing a theme adds to that.
    assert themes == {"leading-in-colour": 2}
    formats = {
        option.value: (option.count, option.selected) for option in facets["format"].options
    }
    # The format counts ignore the format filter itself, so others can be added.
    assert formats == {
        "think-piece": (1, True),
        "video": (1, True),
        "report": (1, False),
        "seminar": (1, False),
    }


def test_year_and_time_facet_counts(library):
    facets = {facet.name: facet for facet in run("").facets()}
    assert [(o.value, o.count) for o in facets["year"].options] == [("2021", 2), ("2020", 2)]
    assert [(o.value, o.count) for o in facets["time"].options] == [
        ("10", 0),
        ("30", 2),
        ("longer", 1),
    ]


def test_when_counts(library):
    assert run("theme=leading-in-colour").when_counts == {"all": 3, "upcoming": 1}


def test_theme_page_filter_has_no_theme_facet(library):
    theme = library["imbalance"].themes.get()
    result = ResourceFilter(
        QueryDict("theme=safeguarding"),
        queryset=Resource.objects.published().in_theme(theme),
        fixed_theme=theme,
    )
    assert "theme" not in [facet.name for facet in result.facets()]
    assert len(titles(result)) == 3
