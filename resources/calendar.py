"""An iCalendar (RFC 5545) file for one event, for "Add to calendar"."""

from datetime import UTC, timedelta

UTC_STAMP = "%Y%m%dT%H%M%SZ"


def _escape(text):
    return text.replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,").replace("\n", r"\n")


def _fold(line):
    """Lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], ""
    for char in line:
        if len((current + char).encode()) > (75 if not parts else 74):
            parts.append(current)
            current = ""
        current += char
    parts.append(current)
    return "\r\n ".join(parts)


def event_as_ics(resource, url):
    starts = resource.starts_at.astimezone(UTC)
    ends = (resource.ends_at or resource.starts_at + timedelta(hours=2)).astimezone(UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Resource library//Seminars//EN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:resource-{resource.pk}@resource-library",
        f"DTSTAMP:{resource.updated_at.astimezone(UTC).strftime(UTC_STAMP)}",
        f"DTSTART:{starts.strftime(UTC_STAMP)}",
        f"DTEND:{ends.strftime(UTC_STAMP)}",
        f"SUMMARY:{_escape(resource.title)}",
        f"DESCRIPTION:{_escape(resource.summary.strip())}",
        f"URL:{url}",
    ]
    if resource.venue:
        lines.append(f"LOCATION:{_escape(resource.venue)}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
