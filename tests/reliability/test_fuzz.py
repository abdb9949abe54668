"""Hostile input: every public URL with generated path segments, query strings, cookies: no 5xx.

The URL list comes from the URLconf (admin excepted), so a new public page is
fuzzed without anyone listing it here. Parameters: the filters' own names and
array-style and made-up ones; values random, over-long, Unicode, NUL,
repeated, and real ones (slugs, years, page numbers) mixed in so the
generated requests reach past the first check. Cookies: the site's own names
(session, CSRF, messages) and others, with the same hostile values. A few
fixed hostile query strings (NASTY_QUERIES) get their one expected answer on
every simple page: the status, and the notices the page shows.

    .venv/bin/pytest tests/reliability/test_fuzz.py   # 300 each (CI)
    make fuzz                                         # 10,000 each (HYPOTHESIS_PROFILE=thorough)
"""

import logging
import re
from urllib.parse import quote, urlencode

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import given, settings
from hypothesis import strategies as st

from newsletters.models import Bulletin
from resources.models import Resource, Theme
from tests.pages import invalid_choice as choice
from tests.pages import notices

logger = logging.getLogger(__name__)

SKIPPED_NAMESPACES = {"admin"}
CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")

PARAMETER_NAMES = [
    "q", "theme", "format", "audience", "publisher", "year", "time", "when", "sort", "page",
]  # fmt: skip


def public_routes():
    """Every route outside the admin, as Django spells it: 'resources/<slug:slug>/'."""

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in SKIPPED_NAMESPACES:
                    continue
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    return sorted(set(walk(get_resolver().url_patterns, "")))


ROUTES = public_routes()


def test_the_route_list_covers_the_public_site():
    assert "resources/<slug:slug>/" in ROUTES
    assert "updates/<int:number>/" in ROUTES
    assert "healthz" in ROUTES
    assert not any(route.startswith("admin/") for route in ROUTES)


def load_content():
    call_command("load_demo_content", verbosity=0)
    call_command("load_demo_updates", verbosity=0)
    slugs = list(Resource.objects.values_list("slug", flat=True)[:20])
    slugs += list(Theme.objects.values_list("slug", flat=True))
    numbers = list(Bulletin.objects.values_list("number", flat=True))
    return slugs, numbers


# Values: random text (any code point, NUL included), over-long runs,
# numbers near and beyond integer limits, and odd but plausible strings.
nasty_text = st.text(st.characters(codec=None, exclude_categories=("Cs",)), max_size=40)
over_long = st.builds(lambda c, n: c * n, st.sampled_from("a%é😀\x00 9-"), st.integers(201, 5000))
numbers = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(["0", "-1", "1e9", "NaN", "inf", "2_0", " 2", "2147483648", "0x1f", "١٢"]),
)
odd = st.sampled_from(["", " ", "\x00", "%00", "'", '"', "<script>", "../..", "[]", "{}", "\\"])


def values(real):
    return st.one_of(nasty_text, over_long, numbers, odd, st.sampled_from(real))


def parameter_names():
    known = st.sampled_from(PARAMETER_NAMES)
    return st.one_of(
        known,
        known.map(lambda name: f"{name}[]"),  # array-style
        known.map(lambda name: f"{name}[0]"),
        nasty_text,
    )


def query_strings(real):
    pairs = st.lists(st.tuples(parameter_names(), values(real)), max_size=8)
    repeated = st.tuples(st.sampled_from(PARAMETER_NAMES), values(real), st.integers(2, 60)).map(
        lambda t: [(t[0], t[1])] * t[2]
    )
    encoded = st.one_of(pairs, repeated).map(lambda p: urlencode(p, quote_via=quote))
    raw = st.sampled_from(["%", "%zz", "&&&", "=&=", "a=%ff%fe", ";;", "q=%E2%82", "page=%00"])
    return st.lists(st.one_of(encoded, raw), min_size=1, max_size=3).map("&".join)


def path_for(route, segment_values):
    """The route with each <converter:name> replaced by the drawn (percent-encoded) values."""
    drawn = iter(segment_values)
    return "/" + CONVERTER.sub(lambda m: quote(next(drawn), safe=""), route)


def segments(real_slugs, real_numbers):
    return st.one_of(
        nasty_text.filter(bool),
        over_long,
        numbers,
        st.from_regex(r"[-a-zA-Z0-9_]{1,300}", fullmatch=True),
        st.sampled_from(real_slugs),
        st.sampled_from([str(n) for n in real_numbers]),
    )


def cookies(real):
    """A Cookie header: the site's own cookie names (and others) with hostile values."""
    name = st.sampled_from(["sessionid", "csrftoken", "messages"]) | nasty_text.filter(bool)
    value = st.one_of(values(real), st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789\x00"))
    pair = st.tuples(name, value).map(lambda p: f"{p[0]}={p[1]}")
    return st.lists(pair, max_size=3).map("; ".join)


def assert_no_server_error(client, path, query="", cookie=None):
    # A header arrives as bytes, which WSGI hands over decoded as Latin-1.
    extra = {"HTTP_COOKIE": cookie.encode().decode("latin-1")} if cookie else {}
    response = client.get(f"{path}?{query}" if query else path, **extra)
    assert response.status_code < 500, f"{response.status_code} for {path}?{query} {extra}"
    return response.status_code


def report(kind, statuses):
    """Say how many requests were generated (--log-cli-level=INFO), and that it was many."""
    counts = {status: statuses.count(status) for status in sorted(set(statuses))}
    logger.info("%s generated requests with hostile %s; statuses %s", len(statuses), kind, counts)
    assert len(statuses) >= settings().max_examples // 2


@pytest.mark.django_db
def test_query_strings_on_every_public_url_give_no_server_error(client):
    real_slugs, real_numbers = load_content()
    real = real_slugs + [str(n) for n in real_numbers] + ["upcoming", "all", "newest", "2025"]

    @given(
        route=st.sampled_from(ROUTES),
        query=query_strings(real),
        cookie=cookies(real),
        data=st.data(),
    )
    def check(route, query, cookie, data):
        slots = CONVERTER.findall(route)
        filled = [
            data.draw(
                st.sampled_from([str(n) for n in real_numbers])
                if kind == "int"
                else st.sampled_from(real_slugs)
            )
            for kind, _name in slots
        ]
        statuses.append(assert_no_server_error(client, path_for(route, filled), query, cookie))

    statuses = []
    check()
    report("query strings and cookies", statuses)


@pytest.mark.django_db
def test_path_segments_on_every_public_url_give_no_server_error(client):
    real_slugs, real_numbers = load_content()
    routes_with_segments = [route for route in ROUTES if CONVERTER.search(route)]
    assert routes_with_segments

    @given(route=st.sampled_from(routes_with_segments), data=st.data())
    def check(route, data):
        slots = CONVERTER.findall(route)
        filled = [data.draw(segments(real_slugs, real_numbers)) for _ in slots]
        statuses.append(assert_no_server_error(client, path_for(route, filled)))

    statuses = []
    check()
    report("path segments", statuses)


NULL_SEARCH = [
    "Your search had characters that cannot be searched for (such as control characters), "
    "so they were left out.",
    "There are no words to search for in “”. Type a word or two: punctuation on its own "
    "cannot be searched for.",
]
# Fixed hostile queries and the one answer each gets from the pages that read
# them: (status, the notices shown) on the library, the updates and site search.
# Every other simple page ignores the query string (ANSWERS_WITHOUT_A_QUERY).
NASTY_QUERIES = {
    "q=" + "a" * 10_000: {
        "resources/": (200, ["Search the library: Search text must be 200 characters or fewer."]),
        "updates/": (200, ["Search the updates: Search text must be 200 characters or fewer."]),
        "search/": (
            200,
            [
                "Search text must be 200 characters or fewer (this has 10,000). "
                "Shorten it and search again."
            ],
        ),
    },
    "q=%00": {
        "resources/": (200, ["Search the library: Null characters are not allowed."]),
        "updates/": (200, ["Search the updates: Null characters are not allowed."]),
        "search/": (200, NULL_SEARCH),
    },
    "q=%00%00%00&theme=%00": {
        "resources/": (
            200,
            [
                "There is no theme called “\x00”, so it was left out.",
                "Search the library: Null characters are not allowed.",
            ],
        ),
        "updates/": (200, ["Search the updates: Null characters are not allowed."]),
        "search/": (200, NULL_SEARCH),
    },
    "theme[]=x&theme[]=y&format[]=z": {},
    "page=99999999999999999999999": {"resources/": (404, []), "updates/": (404, [])},
    "page=-1&page=2&page=%00": {"resources/": (404, []), "updates/": (404, [])},
    "year=99999999999999999999&year=1e9": {
        "resources/": (200, ["Year published: Ensure this value is less than or equal to 2100."]),
        "updates/": (200, ["Year: Ensure this value is less than or equal to 2100."]),
    },
    "year=-5000": {
        "resources/": (
            200,
            ["Year published: Ensure this value is greater than or equal to 1900."],
        ),
        "updates/": (200, ["Year: Ensure this value is greater than or equal to 1900."]),
    },
    "sort=%E2%82": {"resources/": (200, [choice("Sort by", "\ufffd")])},
    "when=🙂&time=%ff": {
        "resources/": (
            200,
            [choice("Show", "🙂"), choice("Time to read, watch or listen", "\ufffd")],
        )
    },
    "&".join(["theme=x"] * 500): {
        "resources/": (200, ["There is no theme called “x”, so it was left out."])
    },
    "%zz=%zz": {},
}
# What the pages that ignore the query string answer: their status, 200 unless said here.
ANSWERS_WITHOUT_A_QUERY = {"updates/latest/": 302}


@pytest.mark.django_db
@pytest.mark.parametrize("route", [r for r in ROUTES if not CONVERTER.search(r)])
def test_known_nasty_query_strings_on_every_simple_url(client, route):
    load_content()
    plain = client.get("/" + route)
    assert plain.status_code == ANSWERS_WITHOUT_A_QUERY.get(route, 200)
    for query, answers in NASTY_QUERIES.items():
        response = client.get(f"/{route}?{query}")
        expected_status, expected_notices = answers.get(route, (plain.status_code, []))
        assert (response.status_code, response["Content-Type"]) == (
            expected_status,
            plain["Content-Type"],
        ), query[:60]
        html = response.content.decode()
        assert notices(html) == expected_notices, query[:60]
        if expected_status == 404:
            assert "Page not found" in html
        elif expected_status == 302:
            assert response.url == plain.url
