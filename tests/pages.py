"""Reading the site's pages as a reader sees them."""

import re

NOTICE_BOX = re.compile(r'<div class="notice notice--warning"[^>]*>(.*?)</div>', re.S)
NOTICE = re.compile(r"<(li|p)>(.*?)</\1>", re.S)


def invalid_choice(label, value):
    """The notice for a value a filter's choices do not include."""
    return f"{label}: Select a valid choice. {value} is not one of the available choices."


def section(html, heading_id):
    """The page's section headed by the element with id `heading_id`, to that section's end."""
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def notices(html):
    """The warnings a page shows about its address (what a filter or search left out)."""
    return [text for box in NOTICE_BOX.findall(html) for _, text in NOTICE.findall(box)]
