import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from resources.models import Audience, Format, Publisher, Resource, Theme
from tests.factories import sign_in

pytestmark = pytest.mark.django_db

DEMO_MODELS = (Theme, Format, Publisher, Audience, Resource)
CREDIT_SPILLETT = (
    "A think piece by Meera Spillett, Designer of the Black and Asian Leadership Initiative "
    "and former DCS."
)

# Every resource in the seeds: title, format, publisher, duration label, credit.
SEED_RESOURCES = [
    ("Just Home: Leading in Colour", "Briefing", "The Staff College", "", ""),
    (
        "Leading for Longer: New report issues call to action on high turnover of leadership "
        "roles in children’s services",
        "Report",
        "The Staff College",
        "",
        "",
    ),
    ("Creating change for the ‘pinball kids’", "Think piece", "RSA", "", ""),
    ("RSA Pinball Kids – Preventing school exclusions", "Report", "RSA", "", ""),
    (
        "Inclusive Inquiry: student-teacher dialogue as a means of promoting inclusion in schools",
        "Paper",
        None,
        "",
        "",
    ),
    ("Fight or flight? How ‘stuck’ schools are overcoming isolation", "Report", "Ofsted", "", ""),
    ("European Toolkit for Schools", "Toolkit", "European Commission", "", ""),
    ("The Fix – Debt and Poverty", "Radio programme", "BBC Radio 4", "", ""),
    ("Developing inclusive and equitable education systems", "Paper", "UNESCO", "", ""),
    ("Schools without walls", "Report", "RSA", "", ""),
    ("Community Collaboration. A councillor’s guide", "Guide", "LGiU", "", ""),
    (
        "Safeguarding and Keeping Children Safe in Turbulent Times",
        "Seminar",
        "The Staff College",
        "",
        "",
    ),
    ("Working Together to Safeguard Children", "Paper", "The Staff College", "", ""),
    (
        "Intervention or prevention? The leadership response to performance risk",
        "Report",
        "The Staff College",
        "",
        "",
    ),
    (
        "ADCS Building a workforce that works for all children",
        "Paper",
        "ADCS",
        "Read time: 20 minutes",
        "",
    ),
    (
        "Leadership imbalance – Black and Asian leaders missing in action",
        "Think piece",
        "The Staff College",
        "Read time: 15 minutes",
        CREDIT_SPILLETT,
    ),
    (
        "What My Sled Dogs Taught Me About Planning for the Unknown",
        "Think piece",
        None,
        "Read time: 3 minutes",
        CREDIT_SPILLETT,
    ),
    ("Sacred Activism and Ubuntu", "Paper", None, "Read time: 45 minutes each", ""),
    ("Cultural Competence", "Paper", None, "Read time: 45 minutes", ""),
    ("How to be a professional troublemaker", "Video", "TED", "Watch time: 13 minutes", ""),
    ("Leading in Colour: The Fierce Urgency of NOW", "Toolkit", "The Staff College", "", ""),
    (
        "What works in engaging Pakistani and Army families in Family Support?",
        "Rapid review",
        None,
        "",
        "",
    ),
    (
        "Coaching for Leaders in a Childrens Services Context",
        "Think piece",
        "The Staff College",
        "",
        "",
    ),
]
SEED_TITLES = [title for title, *_ in SEED_RESOURCES]

PRESENTATION = "DCSF Review of School Improvement and Children’s Social Care"
DIRECTORS_SUMMARY = "Schools and communities"


def load(*args, **options):
    out = StringIO()
    call_command("load_demo_content", *args, stdout=out, **options)
    return out.getvalue()


def snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in DEMO_MODELS
    }


@pytest.fixture
def demo_content():
    """The library's demo content alone (no weekly updates), as load_demo_content loads it."""
    load(verbosity=0)


@pytest.mark.parametrize("title", SEED_TITLES)
def test_seed_resource_is_loaded_and_published(demo_content, title):
    resource = Resource.objects.get(title=title)

    assert resource.is_published
    assert resource in Resource.objects.published()


@pytest.mark.parametrize(("title", "format_name", "publisher_name", "_", "__"), SEED_RESOURCES)
def test_seed_resource_has_its_format_and_publisher(
    demo_content, title, format_name, publisher_name, _, __
):
    resource = Resource.objects.get(title=title)

    assert resource.format.name == format_name
    assert (resource.publisher.name if resource.publisher else None) == publisher_name


@pytest.mark.parametrize(("title", "_", "__", "duration_label", "credit"), SEED_RESOURCES)
def test_seed_resource_shows_its_duration_and_credit(
    demo_content, title, _, __, duration_label, credit
):
    resource = Resource.objects.get(title=title)

    assert resource.duration_label == duration_label
    assert resource.credit == credit


def test_seed_summaries_keep_the_seed_text(demo_content):
    resource = Resource.objects.get(title="Just Home: Leading in Colour")

    assert resource.summary.startswith(
        "We are proud to announce the release of our latest publication, “Just Home”."
    )
    assert resource.summary.endswith("“Just Home” is our shared story –…")


def test_leading_in_colour_theme_has_the_seed_introduction(demo_content):
    theme = Theme.objects.get(slug="leading-in-colour")

    assert theme.name == "Leading in Colour"
    assert theme.introduction == (
        "This section contains materials on how to enable best practice to thrive – by "
        "addressing organisational culture, behaviours and values, meaningfully engaging with "
        "children, young people and families and the wider communities that you serve, and "
        "working in an inclusive and empowering way with others across the children’s "
        "workforce – in order to deliver better outcomes for children, young people and "
        "families."
    )


def test_every_theme_has_an_introduction(demo_content):
    assert Theme.objects.count() >= 5
    assert not Theme.objects.filter(introduction="").exists()


def test_formats_say_how_they_are_taken_in(demo_content):
    verbs = dict(Format.objects.values_list("slug", "duration_verb"))

    assert verbs["video"] == "watch"
    assert verbs["radio-programme"] == "listen"
    assert verbs["podcast"] == "listen"
    assert verbs["think-piece"] == "read"


def test_featured_resources_are_the_demo_picks(demo_content):
    featured = set(Resource.objects.featured().values_list("title", flat=True))

    assert featured == {
        "Just Home: Leading in Colour",
        "Leading for Longer: New report issues call to action on high turnover of leadership "
        "roles in children’s services",
        "Leading in Colour: The Fierce Urgency of NOW",
    }


def test_loading_twice_duplicates_nothing():
    load(verbosity=0)
    before = snapshot()

    load(verbosity=0)

    assert snapshot() == before


def test_loading_again_restores_edited_demo_rows(demo_content):
    Resource.objects.filter(title="Cultural Competence").update(duration_minutes=99)

    load(verbosity=0)

    assert Resource.objects.get(title="Cultural Competence").duration_minutes == 45


def test_upcoming_is_never_empty_and_starts_today_or_later(demo_content):
    upcoming = list(Resource.objects.upcoming())

    assert upcoming
    assert all(timezone.localdate(r.starts_at) >= timezone.localdate() for r in upcoming)


def test_upcoming_seminars_show_open_closing_and_closed_booking(demo_content):
    statuses = {r.booking_status for r in Resource.objects.upcoming()}

    assert "Booking open" in statuses
    assert "Booking closed" in statuses
    assert statuses & {
        "Booking closes today",
        "Booking closes tomorrow",
        "Booking closes in 2 days",
        "Booking closes in 3 days",
    }


def test_seminar_times_are_london_times(demo_content):
    seminar = Resource.objects.get(slug="leadership-academy-safeguarding-adolescents")

    assert timezone.localtime(seminar.starts_at).strftime("%H:%M") == "10:00"
    assert timezone.localtime(seminar.ends_at).strftime("%H:%M") == "15:30"


def test_leadership_academy_2_is_a_past_seminar(demo_content):
    seminar = Resource.objects.get(
        title="Safeguarding and Keeping Children Safe in Turbulent Times"
    )

    assert timezone.localdate(seminar.starts_at).isoformat() == "2016-02-11"
    assert seminar not in Resource.objects.upcoming()


def test_directors_summary_body_has_headings_lists_and_quotations(demo_content):
    resource = Resource.objects.get(title=DIRECTORS_SUMMARY)

    assert resource.format.name == "Directors’ summary"
    assert resource.publisher.name == "C4EO"
    assert resource.published_on.isoformat() == "2010-09-07"
    assert "<h2>What do we know?</h2>" in resource.body_html
    assert "<ul>" in resource.body_html
    assert "<blockquote>" in resource.body_html
    assert "Q7 What do you propose to do next?" in resource.body_html
    assert '<a href="http://www.c4eo.org.uk"' in resource.body_html


def test_presentation_has_a_body_and_an_estimated_read_time(demo_content):
    resource = Resource.objects.get(title=PRESENTATION)

    assert resource.format.name == "Presentation"
    assert "Slide 2: Children and Young People’s Agenda" in resource.body_html
    assert resource.duration_minutes is None
    assert resource.duration_label.startswith("Read time: about")


def test_dry_run_writes_nothing():
    output = load("--dry-run")

    assert "Dry run" in output
    assert all(not model.objects.exists() for model in DEMO_MODELS)


def test_verbosity_zero_prints_nothing():
    assert load(verbosity=0) == ""


def test_staff_login_prints_a_password_that_logs_in(settings, client):
    settings.DEBUG = True

    output = load("--staff-login", verbosity=0)

    assert "username: admin" in output
    password = re.search(r"password: (\S+)", output).group(1)
    assert sign_in(client, "admin", password)


def test_staff_login_makes_a_superuser(settings):
    settings.DEBUG = True

    load("--staff-login", verbosity=0)

    user = get_user_model().objects.get(username="admin")
    assert user.is_staff
    assert user.is_superuser


def test_staff_login_twice_keeps_one_admin_with_the_new_password(settings, client):
    settings.DEBUG = True
    load("--staff-login", verbosity=0)

    output = load("--staff-login", verbosity=0)

    password = re.search(r"password: (\S+)", output).group(1)
    assert get_user_model().objects.filter(username="admin").count() == 1
    assert sign_in(client, "admin", password)


def test_staff_login_refuses_when_debug_is_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        load("--staff-login")

    assert not get_user_model().objects.exists()
    assert not Resource.objects.exists()
