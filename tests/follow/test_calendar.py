"""The iCalendar files, read back with the icalendar library as a calendar program would."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.clock import frozen_at
from tests.factories import make_bulletin, make_item, make_resource, make_seminar

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
CALENDAR_URL = reverse("calendar")
# Fixed dates, always ahead: the clock is stopped before them (the `clock` fixture).
SUMMER = datetime(2027, 7, 14, 10, 0, tzinfo=LONDON)  # British Summer Time, UTC+1
WINTER = datetime(2028, 1, 19, 14, 30, tzinfo=LONDON)  # Greenwich Mean Time, UTC+0
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    """Every test here runs at NOW, so the seminars and deadlines above stay to come."""
    with frozen_at(NOW):
        yield


def seminar_at(title, starts_at, **overrides):
    overrides.setdefault("ends_at", starts_at + timedelta(hours=2))
    return make_seminar(title, starts_at=starts_at, **overrides)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    return calendar


def events(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_site_calendar_holds_upcoming_seminars_with_venue_and_booking_link(client):
    seminar = make_seminar(
        "Leadership Academy 3: Inclusive leadership",
        starts_at=SUMMER,
        ends_at=SUMMER + timedelta(hours=3),
        venue="Leeds Civic Hall, Leeds",
        booking_url="https://example.org/book/academy-3",
    )
    event = events(parse(client.get(CALENDAR_URL)))[seminar.title]
    assert event["LOCATION"] == "Leeds Civic Hall, Leeds"
    assert event["URL"] == "https://example.org/book/academy-3"
    assert f"http://testserver{seminar.get_absolute_url()}" in event["DESCRIPTION"]
    assert event["UID"] == f"resource-{seminar.pk}@leaders-library"
    assert event.decoded("DTSTAMP").tzinfo is not None


def test_times_are_in_london_on_both_sides_of_the_clock_change(client):
    make_seminar("Summer seminar", starts_at=SUMMER, ends_at=SUMMER + timedelta(hours=2))
    make_seminar("Winter seminar", starts_at=WINTER, ends_at=WINTER + timedelta(hours=1))
    response = client.get(CALENDAR_URL)
    calendar = parse(response)
    body = response.content.decode()
    # Written as London wall-clock times against a VTIMEZONE, not shifted to UTC.
    assert "DTSTART;TZID=Europe/London:20270714T100000" in body
    assert "DTSTART;TZID=Europe/London:20280119T143000" in body
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/London"
    assert {component.name for component in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}

    found = events(calendar)
    summer_start = found["Summer seminar"].decoded("DTSTART")
    assert summer_start.utcoffset() == timedelta(hours=1)
    assert summer_start.astimezone(UTC) == datetime(2027, 7, 14, 9, 0, tzinfo=UTC)
    assert found["Summer seminar"].decoded("DTEND") == SUMMER + timedelta(hours=2)
    winter_start = found["Winter seminar"].decoded("DTSTART")
    assert winter_start.utcoffset() == timedelta(0)
    assert winter_start.astimezone(UTC) == datetime(2028, 1, 19, 14, 30, tzinfo=UTC)


def test_site_calendar_leaves_out_drafts_scheduled_and_past_seminars(client):
    seminar_at("Live seminar", SUMMER)
    seminar_at("Draft seminar", SUMMER, published_at=None)
    seminar_at("Scheduled seminar", SUMMER, published_at=timezone.now() + timedelta(1))
    make_seminar("Past seminar", days_from_now=-3)
    make_resource("A report, not an event")
    assert set(events(parse(client.get(CALENDAR_URL)))) == {"Live seminar"}


def test_action_deadlines_of_published_updates_are_all_day_events(client):
    bulletin = make_bulletin(
        394,
        items=[
            "No deadline",
            {
                "title": "Respond to the KCSIE consultation",
                "action_required": "Send your views to the DfE.",
                "action_deadline": date(2027, 3, 12),
            },
        ],
    )
    item = bulletin.items.get(order=2)
    event = events(parse(client.get(CALENDAR_URL)))[
        "Action deadline: Respond to the KCSIE consultation"
    ]
    assert event.decoded("DTSTART") == date(2027, 3, 12)
    assert event.decoded("DTEND") == date(2027, 3, 13)
    assert event["URL"] == "http://testserver/updates/394/#item-2"
    assert "Send your views to the DfE." in event["DESCRIPTION"]
    assert event["UID"] == f"action-{item.pk}@leaders-library"
    assert event["TRANSP"] == "TRANSPARENT"


def test_deadlines_of_drafts_and_past_deadlines_stay_out(client):
    make_bulletin(394, items=[{"title": "Live action", "action_deadline": date(2027, 3, 12)}])
    make_bulletin(
        395,
        published_at=None,
        items=[{"title": "Draft action", "action_deadline": date(2027, 3, 19)}],
    )
    make_bulletin(
        396,
        published_at=timezone.now() + timedelta(days=2),
        items=[{"title": "Scheduled action", "action_deadline": date(2027, 3, 26)}],
    )
    make_bulletin(
        390,
        items=[{"title": "Past action", "action_deadline": timezone.localdate() - timedelta(1)}],
    )
    summaries = set(events(parse(client.get(CALENDAR_URL))))
    assert summaries == {"Action deadline: Live action"}


def test_a_reminder_appears_once(client):
    first = make_bulletin(
        394, items=[{"title": "Open action", "action_deadline": date(2027, 3, 12)}]
    )
    later = make_bulletin(395)
    later.reminders.add(first.items.get())
    found = parse(client.get(CALENDAR_URL)).walk("VEVENT")
    assert len(found) == 1


def test_uids_are_stable_between_downloads(client):
    seminar_at("Seminar", SUMMER)
    make_bulletin(394, items=[{"title": "Act", "action_deadline": date(2027, 3, 12)}])
    first = [str(e["UID"]) for e in parse(client.get(CALENDAR_URL)).walk("VEVENT")]
    again = [str(e["UID"]) for e in parse(client.get(CALENDAR_URL)).walk("VEVENT")]
    assert first == again and len(set(first)) == 2


def test_site_calendar_query_count_is_constant(client, assert_constant_queries):
    bulletin = make_bulletin(394)

    def setup(start, stop):
        for number in range(start, stop):
            seminar_at(f"Seminar {number}", SUMMER + timedelta(days=number))
            make_item(bulletin, f"Item {number}", action_deadline=date(2027, 3, 1 + number))
        return lambda: client.get(CALENDAR_URL)

    calendar = parse(assert_constant_queries(setup, most=3, sizes=(5, 15)))
    assert len(calendar.walk("VEVENT")) == 30


# One seminar's "Add to calendar"


def test_seminar_page_offers_its_own_calendar_file(client):
    seminar = seminar_at("Leadership Academy 3", SUMMER, venue="Leeds")
    html = client.get(seminar.get_absolute_url()).content.decode()
    url = reverse("resources:resource_calendar", args=[seminar.slug])
    assert f'href="{url}">Add to calendar</a>' in html

    response = client.get(url)
    calendar = parse(response)
    assert response["Content-Disposition"] == f'attachment; filename="{seminar.slug}.ics"'
    [event] = calendar.walk("VEVENT")
    assert event["SUMMARY"] == "Leadership Academy 3"
    assert event["LOCATION"] == "Leeds"
    assert event.decoded("DTSTART") == SUMMER
    assert event["UID"] == f"resource-{seminar.pk}@leaders-library"
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_seminar_without_an_end_lasts_two_hours(client):
    seminar = make_seminar("Short seminar", starts_at=WINTER, ends_at=None)
    url = reverse("resources:resource_calendar", args=[seminar.slug])
    [event] = parse(client.get(url)).walk("VEVENT")
    assert event.decoded("DTEND") == WINTER + timedelta(hours=2)


def test_draft_seminars_calendar_is_404_for_the_public_but_staff_may_preview(staff_client):
    seminar = seminar_at("Draft seminar", SUMMER, published_at=None)
    url = reverse("resources:resource_calendar", args=[seminar.slug])
    assert Client().get(url).status_code == 404
    response = staff_client.get(url)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
