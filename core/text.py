"""Turn editors' Markdown (or pasted HTML) into safe HTML for the public pages."""

import re

import markdown
import nh3
from django.utils.html import strip_tags

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "cite",
    "code",
    "dd",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
HEADING = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)


def _demote_headings(html):
    """The page title is the only h1, so body headings start at h2."""
    if not re.search(r"<h1\b", html, re.IGNORECASE):
        return html
    return HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", html)


def render_markdown(text):
    """Return sanitised HTML for Markdown `text`; raw HTML in it is cleaned, not trusted."""
    if not text or not text.strip():
        return ""
    # lazy_ol=False keeps a list's first number ("3. …" starts at 3).
    html = markdown.Markdown(
        extensions=["extra", "sane_lists"], output_format="html", lazy_ol=False
    ).convert(text)
    html = _demote_headings(html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


def word_count(text):
    return len(strip_tags(render_markdown(text)).split()) if text else 0
