"""Site-wide files that span both apps: the calendar, robots.txt and OpenSearch."""

from datetime import timedelta

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from newsletters.calendar import deadline_event
from newsletters.models import ProgrammeItem
from resources.calendar import calendar_response, new_calendar, seminar_event
from resources.models import Resource

CALENDAR_NAME = "Leaders’ Library: seminars and action deadlines"


@require_safe
def calendar(request):
    """Upcoming seminars and the action deadlines of published updates, to subscribe to."""
    calendar = new_calendar(
        CALENDAR_NAME,
        "Upcoming seminars from the library and the action deadlines of the weekly updates.",
    )
    # Ask subscribed calendar programs to check twice a day.
    calendar.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    for seminar in Resource.objects.upcoming().select_related("format"):
        url = request.build_absolute_uri(seminar.get_absolute_url())
        calendar.add_component(seminar_event(seminar, url))
    for item in ProgrammeItem.objects.deadlines_ahead():
        calendar.add_component(
            deadline_event(item, request.build_absolute_uri(item.get_absolute_url()))
        )
    # Inline, so that a browser hands the subscription link to the calendar program.
    return calendar_response(calendar, "leaders-library.ics", attachment=False)


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    admin = reverse("admin:index")
    lines = ["User-agent: *", f"Disallow: {admin}", "", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=86400)
def opensearch(request):
    return render(
        request,
        "opensearch.xml",
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
