"""The text each searchable row is found by, in four weighted parts.

A (title) outranks B (summary and credit; an item's Update and Action Required),
which outranks C (theme, publisher and format names), which outranks D (body).
"""

import html
import re
from dataclasses import dataclass

from django.utils.html import strip_tags

from .query import SENTINELS

SPACES = re.compile(r"\s+")


def one_line(text):
    """Return plain text on one line, without the characters that mark highlights."""
    text = text or ""
    for sentinel in SENTINELS:
        text = text.replace(sentinel, " ")
    return SPACES.sub(" ", text).strip()


def plain(html_text):
    """Return the readable text of sanitised HTML (body_html), on one line."""
    return one_line(html.unescape(strip_tags(html_text or "")))


@dataclass(frozen=True)
class Document:
    title: str
    summary: str = ""
    facets: str = ""
    body: str = ""

    @property
    def text(self):
        """What a snippet is taken from: everything a reader sees below the title."""
        return " … ".join(part for part in (self.summary, self.body) if part)


def resource_document(resource):
    """The searchable text of a resource (with themes, format and publisher loaded)."""
    facets = [theme.name for theme in resource.themes.all()]
    facets.append(resource.format.name)
    if resource.publisher_id:
        facets.append(resource.publisher.name)
    return Document(
        title=one_line(resource.title),
        summary=one_line(f"{resource.summary}\n{resource.credit}"),
        facets=one_line(" · ".join(facets)),
        body=plain(resource.body_html),
    )


def item_document(item):
    """The searchable text of a programme item in a weekly update."""
    return Document(
        title=one_line(item.title),
        summary=plain(f"{item.update_html}\n{item.action_required_html}"),
    )
