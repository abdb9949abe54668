from datetime import timedelta

import pytest
from django.utils import timezone

from resources.models import Format, Resource
from tests.factories import make_format, make_resource, make_seminar, make_theme

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def grid():
    """One resource in each publication state."""
    return {
        "draft": make_resource("Draft", published_at=None),
        "scheduled": make_resource("Scheduled", published_at=NOW + timedelta(days=2)),
        "live": make_resource("Live", published_at=NOW - timedelta(minutes=5)),
    }


def test_published_includes_only_live(grid):
    assert list(Resource.objects.published()) == [grid["live"]]


def test_drafts_and_scheduled_are_named_querysets(grid):
    assert list(Resource.objects.drafts()) == [grid["draft"]]
    assert list(Resource.objects.scheduled()) == [grid["scheduled"]]


@pytest.mark.parametrize(
    ("state", "expected"), [("draft", False), ("scheduled", False), ("live", True)]
)
def test_is_published_mirrors_the_queryset(grid, state, expected):
    resource = grid[state]
    assert resource.is_published is expected
    assert Resource.objects.published().filter(pk=resource.pk).exists() is expected


def test_visible_to_staff_includes_drafts(grid, django_user_model):
    from tests.factories import make_staff

    staff = make_staff(permissions=["resources.change_resource"])
    assert set(Resource.objects.visible_to(staff)) == set(grid.values())


def test_visible_to_staff_without_change_permission_is_published_only(grid):
    from tests.factories import make_staff

    viewer = make_staff("viewer")
    assert list(Resource.objects.visible_to(viewer)) == [grid["live"]]


def test_upcoming_holds_published_events_from_today_soonest_first():
    later = make_seminar("Later seminar", days_from_now=20)
    sooner = make_seminar("Sooner seminar", days_from_now=3)
    make_seminar("Past seminar", days_from_now=-30)
    make_seminar("Draft seminar", days_from_now=5, published_at=None)
    make_resource("A report")
    assert list(Resource.objects.upcoming()) == [sooner, later]


def test_upcoming_includes_an_event_earlier_today():
    start_of_today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    seminar = make_seminar("This morning", starts_at=start_of_today, ends_at=start_of_today)
    assert list(Resource.objects.upcoming()) == [seminar]


def test_featured_is_published_only():
    live = make_resource("Featured live", is_featured=True)
    make_resource("Featured draft", is_featured=True, published_at=None)
    assert list(Resource.objects.featured()) == [live]


def test_related_orders_by_most_shared_themes():
    a, b, c = make_theme("Leadership"), make_theme("Inclusion"), make_theme("Workforce")
    resource = make_resource("Main", themes=[a, b, c])
    one = make_resource("Shares one", themes=[a])
    three = make_resource("Shares three", themes=[a, b, c])
    make_resource("Shares none", themes=[])
    make_resource("Draft sharing all", themes=[a, b, c], published_at=None)
    assert list(Resource.objects.related_to(resource)) == [three, one]


@pytest.mark.parametrize(
    ("verb", "minutes", "each", "label"),
    [
        ("read", 20, False, "Read time: 20 minutes"),
        ("read", 45, True, "Read time: 45 minutes each"),
        ("watch", 13, False, "Watch time: 13 minutes"),
        ("listen", 1, False, "Listen time: 1 minute"),
    ],
)
def test_duration_label_uses_the_formats_verb(verb, minutes, each, label):
    fmt = make_format(f"Format {verb}", duration_verb=verb)
    resource = make_resource(format=fmt, duration_minutes=minutes, duration_is_per_part=each)
    assert resource.duration_label == label


def test_read_time_is_estimated_from_the_body_when_left_empty():
    body = "word " * 1000  # 1,000 words at 200 a minute
    resource = make_resource(format=make_format("Paper"), body=body)
    assert resource.word_count == 1000
    assert resource.duration_label == "Read time: about 5 minutes"
    assert resource.duration_is_estimate


def test_no_estimate_for_a_video_without_a_duration():
    video = make_format("Video", duration_verb=Format.DurationVerb.WATCH)
    resource = make_resource(format=video, body="A description of the talk.")
    assert resource.duration_label == ""


def test_with_minutes_matches_the_duration_shown():
    make_resource("Given", duration_minutes=12)
    make_resource("Estimated", body="word " * 401)
    video = make_format("Video", duration_verb="watch")
    make_resource("Video without duration", format=video, body="word " * 400)
    minutes = dict(Resource.objects.with_minutes().values_list("title", "length_minutes"))
    assert minutes == {"Given": 12, "Estimated": 3, "Video without duration": None}


def test_long_summary_is_trimmed_on_a_word_boundary_with_an_ellipsis():
    summary = " ".join(f"word{n}" for n in range(100))
    resource = make_resource(summary=summary)
    assert resource.trimmed_summary.endswith("word59…")
    assert len(resource.trimmed_summary.split()) == 60


def test_short_summary_is_not_trimmed():
    resource = make_resource(summary="The rising number of pupils excluded from school.")
    assert resource.trimmed_summary == "The rising number of pupils excluded from school."


def test_body_markdown_renders_headings_lists_quotes_and_links():
    body = (
        "# Schools and communities\n\n"
        "> It takes a whole village to raise a child\n\n"
        "- closing the gap\n- transitions\n\n"
        "See [C4EO](https://www.c4eo.org.uk)."
    )
    html = make_resource(body=body).body_html
    assert "<h2>Schools and communities</h2>" in html  # the page's h1 is the title
    assert "<blockquote>" in html
    assert "<li>closing the gap</li>" in html
    assert 'href="https://www.c4eo.org.uk"' in html


def test_body_html_is_sanitised():
    body = (
        '<script>alert(1)</script><p onclick="x()">Hi</p>'
        '<a href="javascript:alert(1)">bad</a><iframe src="https://evil"></iframe>'
    )
    html = make_resource(body=body).body_html
    assert "<script" not in html
    assert "onclick" not in html
    assert "javascript:" not in html
    assert "<iframe" not in html
    assert "Hi" in html


@pytest.mark.parametrize(
    ("closes_in", "status"),
    [
        (10, "Booking open"),
        (3, "Booking closes in 3 days"),
        (1, "Booking closes tomorrow"),
        (0, "Booking closes today"),
        (-1, "Booking closed"),
    ],
)
def test_booking_status(closes_in, status):
    seminar = make_seminar(
        days_from_now=20, booking_closes_on=timezone.localdate() + timedelta(days=closes_in)
    )
    assert seminar.booking_status == status


def test_booking_closes_the_day_before_by_default():
    seminar = make_seminar(days_from_now=1)
    assert seminar.booking_status == "Booking closes today"


def test_no_booking_status_without_a_booking_link():
    assert make_seminar(booking_url="").booking_status == ""
    assert make_resource().booking_status == ""


def test_save_with_update_fields_keeps_derived_fields_in_step():
    resource = make_resource(body="short")
    resource.body = "word " * 600
    resource.save(update_fields=["body"])
    resource.refresh_from_db()
    assert resource.word_count == 600
    assert resource.estimated_minutes == 3


def test_external_domain():
    resource = make_resource(external_url="https://www.thersa.org/reports/pinball-kids")
    assert resource.external_domain == "thersa.org"
