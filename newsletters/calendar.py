"""Action deadlines of the weekly updates as all-day calendar events."""

from datetime import timedelta

from icalendar import Event

from core.calendar import UID_DOMAIN, stamp

from .models import ProgrammeItem


def deadline_event(item, url):
    """An action deadline as an all-day VEVENT linking to the item in its update."""
    event = Event()
    event.add("uid", f"action-{item.pk}@{UID_DOMAIN}")
    event.add("dtstamp", stamp(item.bulletin.updated_at))
    event.add("dtstart", item.action_deadline)
    event.add("dtend", item.action_deadline + timedelta(days=1))
    event.add("summary", f"Action deadline: {item.title}")
    event.add(
        "description",
        f"Action required, from Update No {item.bulletin.number}.\n\n"
        f"{item.action_required.strip()}\n\nDetails: {url}".replace("\n\n\n\n", "\n\n"),
    )
    event.add("url", url)
    event.add("categories", ["Action required"])
    # A deadline is a reminder, not a meeting: it should not block the day as busy.
    event.add("transp", "TRANSPARENT")
    return event


def deadlines_ahead(request):
    """The site calendar's action deadlines: those of published updates, still to come."""
    for item in ProgrammeItem.objects.deadlines_ahead():
        yield deadline_event(item, request.build_absolute_uri(item.get_absolute_url()))
