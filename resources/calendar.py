"""Seminars as iCalendar events: "Add to calendar" and their part of the site calendar."""

from datetime import timedelta

from icalendar import Event

from core.calendar import LONDON, UID_DOMAIN, stamp

from .models import Resource

DEFAULT_SEMINAR_LENGTH = timedelta(hours=2)


def seminar_event(resource, url):
    """A seminar as a VEVENT: its times in London, its venue, and its page or booking link."""
    starts = resource.starts_at.astimezone(LONDON)
    ends = (resource.ends_at or resource.starts_at + DEFAULT_SEMINAR_LENGTH).astimezone(LONDON)
    event = Event()
    event.add("uid", f"resource-{resource.pk}@{UID_DOMAIN}")
    event.add("dtstamp", stamp(resource.updated_at))
    event.add("last-modified", stamp(resource.updated_at))
    event.add("dtstart", starts)
    event.add("dtend", ends)
    event.add("summary", resource.title)
    description = [resource.summary.strip()]
    if resource.booking_url:
        description.append(f"Book a place: {resource.booking_url}")
    description.append(f"Details: {url}")
    event.add("description", "\n\n".join(part for part in description if part))
    # Calendar programs show URL as the event's link: where readers book, if they can.
    event.add("url", resource.booking_url or url)
    if resource.venue:
        event.add("location", resource.venue)
    event.add("categories", [resource.format.name])
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def upcoming_seminars(request):
    """The site calendar's seminars: every upcoming published one."""
    for seminar in Resource.objects.upcoming().select_related("format"):
        yield seminar_event(seminar, request.build_absolute_uri(seminar.get_absolute_url()))
