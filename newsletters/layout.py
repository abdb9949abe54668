"""The sections of a weekly update, in order: one description for its four renderings.

An update is read as its page, its e-mail, its plain text and its feed entry
(TEMPLATES). Each of those templates defines one partial per section, named by
the section's key (``{% partialdef reminders %}``), and lays the update out by
including them in turn::

    {% for section in sections %}{% include section.partial.email %}{% endfor %}

So a new section is one more entry in SECTIONS and a partial in each template; a
template without it fails loudly (TemplateDoesNotExist), and
tests/newsletters/test_layout.py checks every section reaches every rendering.
The partials live in their rendering's template rather than a file each because
the e-mail's CSP allows exactly the style attributes written in
bulletin_email.html (core/security.py).
"""

from dataclasses import dataclass, replace

TEMPLATES = {
    "page": "newsletters/bulletin_detail.html",
    "email": "newsletters/bulletin_email.html",
    "text": "newsletters/bulletin_text.txt",
    "feed": "newsletters/bulletin_feed_content.html",
}


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    # The bulletin's related objects the section lists, prefetched by
    # Bulletin.objects.with_contents().
    rows_of: str
    # Its id on the update's page, linked from the page's contents; "" for none.
    anchor: str = ""
    # The heading in the plain-text version, where the old updates' layout differs.
    text_heading: str = ""
    rows: tuple = ()

    @property
    def plain_heading(self):
        return self.text_heading or self.heading

    @property
    def partial(self):
        """Its partial in each rendering: {"page": "newsletters/bulletin_detail.html#…", …}."""
        return {name: f"{template}#{self.key}" for name, template in TEMPLATES.items()}


SECTIONS = (
    Section("programme", "Programme", rows_of="items"),
    Section("reminders", "Reminders from previous weeks", rows_of="reminders", anchor="reminders"),
    Section("tools", "Tools & Templates", rows_of="publications", anchor="tools"),
    Section(
        "contacts",
        "Contact details",
        rows_of="contacts",
        anchor="contacts",
        text_heading="Contact Details",
    ),
)


def sections(bulletin):
    """The bulletin's sections that have rows, in order, each with its rows.

    A section with nothing in it is left out of every rendering. With the bulletin
    from Bulletin.objects.with_contents() this makes no queries.
    """
    laid_out = []
    for section in SECTIONS:
        rows = tuple(getattr(bulletin, section.rows_of).all())
        if rows:
            laid_out.append(replace(section, rows=rows))
    return laid_out
