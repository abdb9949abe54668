"""One layout of an update (newsletters/layout.py), read in all four of its renderings."""

from datetime import date

import feedparser
import pytest
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import escape

from newsletters.layout import SECTIONS, TEMPLATES, sections
from newsletters.models import Bulletin
from tests.factories import make_bulletin, make_contact, make_item, make_publication

pytestmark = pytest.mark.django_db

# What a reader sees of one row of each section. A new section needs its line here,
# and a row in the fixture below.
ROW_TEXT = {
    "programme": lambda row: row.title,
    "reminders": lambda row: row.title,
    "tools": lambda row: row.title,
    "contacts": lambda row: row.name,
}


def page(client, bulletin):
    return client.get(bulletin.get_absolute_url()).content.decode()


def email(client, bulletin):
    return client.get(
        reverse("newsletters:bulletin_email", args=[bulletin.number])
    ).content.decode()


def text(client, bulletin):
    return client.get(
        reverse("newsletters:bulletin_text", args=[bulletin.number])
    ).content.decode()


def feed(client, bulletin):
    entries = feedparser.parse(client.get(reverse("newsletters:bulletin_feed")).content).entries
    (entry,) = [entry for entry in entries if entry.title == bulletin.title]
    return entry.content[0].value


RENDERINGS = {"page": page, "email": email, "text": text, "feed": feed}


def heading_as_read(section, rendering):
    if rendering == "text":
        return section.plain_heading
    return escape(section.heading)


@pytest.fixture
def full_update():
    """An update with something in every section, and nothing shared between them."""
    earlier = make_bulletin(500, issued_on=date(2021, 1, 8), items=["An item from week 500"])
    bulletin = make_bulletin(501, issued_on=date(2021, 1, 15), items=["This week’s only item"])
    bulletin.reminders.set([earlier.items.get(), make_item(None, "A reminder from the old site")])
    bulletin.publications.set([make_publication("A template for the annual report")])
    bulletin.contacts.set([make_contact("Someone To Ask", email="someone@example.org")])
    return Bulletin.objects.with_contents().get(pk=bulletin.pk)


def test_every_rendering_has_a_partial_for_every_section():
    for section in SECTIONS:
        assert set(section.partial) == set(RENDERINGS)
        for name in TEMPLATES:
            get_template(section.partial[name])


@pytest.mark.parametrize("rendering", RENDERINGS)
def test_every_section_reaches_every_rendering_in_order(client, full_update, rendering):
    laid_out = sections(full_update)
    assert [section.key for section in laid_out] == [section.key for section in SECTIONS]
    content = RENDERINGS[rendering](client, full_update)
    places = []
    for section in laid_out:
        for row in section.rows:
            assert ROW_TEXT[section.key](row) in content, (section.key, rendering)
        places.append(content.index(ROW_TEXT[section.key](section.rows[0])))
        # The programme is headed on the page only; elsewhere each item is its own heading.
        if section.key != "programme" or rendering == "page":
            assert heading_as_read(section, rendering) in content, (section.key, rendering)
    assert places == sorted(places), rendering


def test_the_pages_contents_link_every_section_with_an_anchor(client, full_update):
    html = page(client, full_update)
    start = html.index('<nav class="contents"')
    contents = html[start : html.index("</nav>", start)]
    for section in sections(full_update):
        if section.anchor:
            assert f'<a href="#{section.anchor}">{escape(section.heading)}</a>' in contents
            assert f'id="{section.anchor}"' in html


@pytest.mark.parametrize("rendering", RENDERINGS)
def test_a_section_with_nothing_in_it_is_left_out(client, rendering):
    make_bulletin(502, items=["A week of programme news only"])
    bulletin = Bulletin.objects.with_contents().get(number=502)
    assert [section.key for section in sections(bulletin)] == ["programme"]
    content = RENDERINGS[rendering](client, bulletin)
    assert "A week of programme news only" in content
    for section in SECTIONS[1:]:
        assert heading_as_read(section, rendering) not in content, (section.key, rendering)


def test_the_sections_are_read_from_the_prefetched_rows(full_update, django_assert_num_queries):
    with django_assert_num_queries(0):
        laid_out = sections(full_update)
    assert [len(section.rows) for section in laid_out] == [1, 2, 1, 1]


def test_a_reminder_first_in_an_update_not_yet_published_links_nowhere(client):
    """Readers are never sent to the 404 of a draft: the page and e-mail name no link."""
    draft = make_bulletin(450, published_at=None, items=["Ofsted framework consultation"])
    bulletin = make_bulletin(451)
    bulletin.reminders.set(draft.items.all())

    for rendering in (page(client, bulletin), email(client, bulletin)):
        assert "Ofsted framework consultation" in rendering
        assert "/updates/450/" not in rendering
    assert "First in an earlier update" in page(client, bulletin)
