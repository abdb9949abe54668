"""The site's own name, as feeds, calendars and structured data give it."""

SITE_NAME = "Leaders’ Library"
