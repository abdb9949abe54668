"""iCalendar (RFC 5545) files: a seminar's "Add to calendar" and the site's calendar feed.

Built with the `icalendar` library. Times are written in Europe/London with a
VTIMEZONE, so a seminar at 10:00 stays at 10:00 on both sides of the clock change.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from django.views import View
from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard

LONDON = ZoneInfo("Europe/London")
PRODID = "-//Leaders' Library//Seminars and actions//EN"
# UIDs must never change once a calendar program has seen them (RFC 5545 3.8.4.7);
# this domain part is fixed, whatever host name the site is served under.
UID_DOMAIN = "leaders-library"


def london_timezone():
    """Europe/London as a VTIMEZONE: BST from the last Sunday of March to that of October."""
    zone = Timezone()
    zone.add("tzid", "Europe/London")
    zone.add("x-lic-location", "Europe/London")
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("dtstart", datetime(1970, 3, 29, 1, 0))
    summer.add("tzoffsetfrom", timedelta(0))
    summer.add("tzoffsetto", timedelta(hours=1))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1SU"})
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("dtstart", datetime(1970, 10, 25, 2, 0))
    winter.add("tzoffsetfrom", timedelta(hours=1))
    winter.add("tzoffsetto", timedelta(0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1SU"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def new_calendar(name, description=""):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    if description:
        calendar.add("x-wr-caldesc", description)
    calendar.add_component(london_timezone())
    return calendar


def stamp(moment):
    """A DTSTAMP: UTC, whole seconds."""
    return (moment or timezone.now()).astimezone(UTC).replace(microsecond=0)


def calendar_response(calendar, filename, *, attachment=True):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


class SiteCalendar(View):
    """The site's calendar to subscribe to: the events each app adds (see library/urls.py).

    `sources` are callables taking the request and returning VEVENTs; the
    project's URLs pass them, so this view knows no app's models.
    """

    http_method_names = ["get", "head"]
    name = ""
    description = ""
    filename = "calendar.ics"
    sources = ()

    def get(self, request):
        calendar = new_calendar(self.name, self.description)
        # Ask subscribed calendar programs to check twice a day.
        calendar.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT12H")
        for events in self.sources:
            for event in events(request):
                calendar.add_component(event)
        # Inline, so that a browser hands the subscription link to the calendar program.
        return calendar_response(calendar, self.filename, attachment=False)
