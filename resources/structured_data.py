"""schema.org descriptions of resources, for search engines and link previews (JSON-LD)."""

from datetime import timedelta

from core.calendar import LONDON
from core.site import SITE_NAME
from core.structured_data import organisation

from .calendar import DEFAULT_SEMINAR_LENGTH
from .citations import credited_names

# The schema.org type for each format; anything else is a CreativeWork.
TYPES = {
    "report": "Report",
    "rapid-review": "Report",
    "directors-summary": "Report",
    "video": "VideoObject",
    "podcast": "PodcastEpisode",
    "radio-programme": "RadioEpisode",
}


def iso_duration(minutes):
    """ISO 8601: 90 minutes is “PT1H30M”."""
    hours, minutes = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes or not hours else "")


def schema_type(resource):
    if resource.is_event:
        return "Event"
    return TYPES.get(resource.format.slug, "CreativeWork")


def resource_data(resource, request):
    """The resource as a schema.org Report, VideoObject, PodcastEpisode, Event or CreativeWork."""
    url = request.build_absolute_uri(resource.get_absolute_url())
    kind = schema_type(resource)
    publisher = (
        organisation(resource.publisher.name, resource.publisher.website)
        if resource.publisher
        else organisation(SITE_NAME, request.build_absolute_uri("/"))
    )
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "@id": url,
        "url": url,
        "name": resource.title,
        "description": resource.trimmed_summary,
        "inLanguage": "en-GB",
        "publisher": publisher,
        "datePublished": resource.published_on.isoformat(),
        "genre": resource.format.name,
    }
    if resource.updated_at:
        data["dateModified"] = resource.updated_at.astimezone(LONDON).isoformat()
    if resource.credit:
        data["creditText"] = resource.credit
        people = credited_names(resource.credit)
        if people:
            data["author"] = [{"@type": "Person", "name": name} for name in people]
    themes = [theme.name for theme in resource.themes.all()]
    if themes:
        data["keywords"] = ", ".join(themes)
    audiences = [audience.name for audience in resource.audiences.all()]
    if audiences:
        data["audience"] = [{"@type": "Audience", "audienceType": name} for name in audiences]
    if resource.minutes and kind != "Event":
        # Recordings have a running time; things read have a time required.
        recording = kind in ("VideoObject", "PodcastEpisode", "RadioEpisode")
        key = "duration" if recording else "timeRequired"
        data[key] = iso_duration(resource.minutes)
    if resource.external_url:
        data["sameAs"] = resource.external_url
    if kind == "Event":
        data.update(event_data(resource, publisher))
    return data


def event_data(resource, organiser):
    starts = resource.starts_at.astimezone(LONDON)
    ends = (resource.ends_at or resource.starts_at + DEFAULT_SEMINAR_LENGTH).astimezone(LONDON)
    data = {
        "startDate": starts.isoformat(),
        "endDate": ends.isoformat(),
        "duration": iso_duration(int((ends - starts) / timedelta(minutes=1))),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "organizer": organiser,
    }
    if resource.venue:
        data["location"] = {"@type": "Place", "name": resource.venue, "address": resource.venue}
    if resource.booking_url:
        data["offers"] = {
            "@type": "Offer",
            "url": resource.booking_url,
            "availability": "https://schema.org/InStock"
            if resource.is_booking_open
            else "https://schema.org/SoldOut",
        }
        if resource.booking_closes_on:
            data["offers"]["validThrough"] = resource.booking_closes_on.isoformat()
    return data
