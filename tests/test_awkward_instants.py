"""Date-sensitive pages and the data generator, with the clock frozen at awkward instants.

Every other test runs at whatever moment it is run; these pin the moments at
which "today" is easiest to get wrong: just either side of midnight in UTC
and in London (which differ by an hour all summer), the two nights the
clocks change, the last day of the year, and the early morning that once
broke the generator (its newest update went live at 08:00, after the test ran).
"Today" is always London's date (timezone.localdate()), never UTC's.
"""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from bench.generate import generate
from newsletters.models import Bulletin
from resources.models import Resource
from tests.clock import frozen_at
from tests.factories import make_bulletin, make_resource, make_seminar
from tests.pages import section

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
HOME = reverse("resources:home")
UPCOMING = reverse("resources:resource_list") + "?when=upcoming"

INSTANTS = [
    pytest.param(datetime(2026, 12, 3, 6, 14, tzinfo=UTC), id="2026-12-03T06:14Z-reported"),
    pytest.param(datetime(2027, 1, 1, 0, 0, 30, tzinfo=UTC), id="new-year-00:00:30Z"),
    pytest.param(datetime(2026, 12, 31, 23, 59, 30, tzinfo=LONDON), id="31-dec-23:59:30-london"),
    pytest.param(datetime(2026, 12, 31, 12, 0, tzinfo=LONDON), id="31-dec-noon"),
    pytest.param(datetime(2027, 3, 28, 0, 59, 30, tzinfo=UTC), id="before-clocks-go-forward"),
    pytest.param(datetime(2027, 3, 28, 1, 0, 30, tzinfo=UTC), id="after-clocks-go-forward"),
    pytest.param(datetime(2027, 10, 31, 0, 59, 30, tzinfo=UTC), id="before-clocks-go-back"),
    pytest.param(datetime(2027, 10, 31, 1, 0, 30, tzinfo=UTC), id="after-clocks-go-back"),
    pytest.param(datetime(2027, 7, 1, 23, 0, 30, tzinfo=UTC), id="summer-00:00:30-london"),
    pytest.param(datetime(2027, 7, 1, 22, 59, 30, tzinfo=UTC), id="summer-23:59:30-london"),
    pytest.param(datetime(2027, 1, 7, 5, 30, tzinfo=UTC), id="thursday-05:30Z"),
]


@pytest.fixture(params=INSTANTS)
def instant(request):
    """The clock stopped at the instant (it does not tick while the test runs)."""
    with frozen_at(request.param):
        assert timezone.now() == request.param
        yield request.param


def london(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)), LONDON)


def seminar_at(title, starts_at, **overrides):
    return make_seminar(
        title, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2), **overrides
    )


def test_the_generator_publishes_everything_meant_to_be_live(instant):
    generate(size=40, updates=6, quiet=True, body_words=(20, 40))

    assert Bulletin.objects.published().count() == 6
    assert not Bulletin.objects.scheduled().exists()
    assert Bulletin.objects.latest_published().issued_on == timezone.localdate()
    assert not Resource.objects.scheduled().exists()
    assert Resource.objects.published().count() == 40 - Resource.objects.drafts().count()
    # Seminars are alternately a day or more ahead and a day or more past.
    seminars = Resource.objects.filter(starts_at__isnull=False)
    assert set(Resource.objects.upcoming()) == set(
        seminars.published().filter(starts_at__gt=instant)
    )
    assert all(
        timezone.localdate(seminar.starts_at) != timezone.localdate() for seminar in seminars
    )


def test_a_seminar_tomorrow_is_upcoming_and_one_yesterday_is_not(client, instant):
    today = timezone.localdate()
    seminar_at("Seminar first thing tomorrow", london(today + timedelta(1), 0, 30))
    seminar_at("Seminar late yesterday", london(today - timedelta(1), 23, 30))

    home, upcoming = client.get(HOME), client.get(UPCOMING)

    assert (home.status_code, upcoming.status_code) == (200, 200)
    for shown in (section(home.content.decode(), "upcoming-heading"), upcoming.content.decode()):
        assert "Seminar first thing tomorrow" in shown
        assert "Seminar late yesterday" not in shown
    everything = client.get(reverse("resources:resource_list")).content.decode()
    assert "Seminar late yesterday" in everything


@pytest.mark.parametrize(
    ("starts_in", "closes_in", "status"),
    [
        (5, None, "Booking closes in 4 days"),  # the day before it, by default
        (20, 3, "Booking closes in 3 days"),
        (20, 7, "Booking closes in 7 days"),
        (20, 8, "Booking open"),
        (2, None, "Booking closes tomorrow"),
        (1, None, "Booking closes today"),
    ],
)
def test_booking_closes_in_the_right_number_of_days(client, instant, starts_in, closes_in, status):
    today = timezone.localdate()
    seminar_at(
        "Leadership Academy",
        london(today + timedelta(starts_in), 0, 30),
        booking_closes_on=today + timedelta(closes_in) if closes_in is not None else None,
    )

    response = client.get(UPCOMING)

    assert response.status_code == 200
    assert f">{status}</li>" in response.content.decode()


def test_actions_due_in_the_next_7_days_count_london_days(client, instant):
    today = timezone.localdate()
    make_bulletin(
        401,
        items=[
            {"title": "Due yesterday", "action_deadline": today - timedelta(1)},
            {"title": "Due today", "action_deadline": today},
            {"title": "Due in 7 days", "action_deadline": today + timedelta(7)},
            {"title": "Due in 8 days", "action_deadline": today + timedelta(8)},
        ],
    )

    response = client.get(HOME)

    assert response.status_code == 200
    actions = section(response.content.decode(), "actions-due-heading")
    assert "Actions due in the next 7 days" in actions
    assert "Due today" in actions and "Due in 7 days" in actions
    assert "Due yesterday" not in actions and "Due in 8 days" not in actions
    calendar = client.get(reverse("calendar"))
    assert calendar.status_code == 200
    assert "Action deadline: Due today" in calendar.content.decode()
    assert "Action deadline: Due yesterday" not in calendar.content.decode()


def test_the_home_page_renders_every_section(client, instant):
    today = timezone.localdate()
    make_resource("Featured today", is_featured=True, published_on=today)
    make_resource("New today", published_on=today)
    make_seminar("Seminar tomorrow", days_from_now=1)
    make_bulletin(
        401,
        issued_on=today,
        items=[{"title": "Item due tomorrow", "action_deadline": today + timedelta(1)}],
    )

    response = client.get(HOME)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Featured today" in section(html, "featured-heading")
    assert "Seminar tomorrow" in section(html, "upcoming-heading")
    assert "New today" in section(html, "newest-heading")
    assert "Update No 401" in section(html, "latest-update-heading")
    assert "Item due tomorrow" in section(html, "actions-due-heading")
    assert 'id="themes-heading"' in html
