"""The text each searchable row is found by, in four weighted parts.

A (title) outranks B (summary and credit; an item's Update and Action Required),
which outranks C (theme, publisher and format names), which outranks D (body).
Each app builds its models' documents (its `searchable.py`, registered with
search/registry.py) from these parts and helpers.
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
