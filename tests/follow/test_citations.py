"""“Cite this”: the Harvard reference on the page, and the RIS and BibTeX downloads."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from resources.citations import bibtex_escape, initials_form, people_in
from tests.factories import make_format, make_publisher, make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    return make_resource(
        "Safeguarding children in turbulent times",
        slug="safeguarding-turbulent-times",
        format=make_format("Report", slug="report"),
        publisher=make_publisher("Ofsted", slug="ofsted"),
        published_on=date(2024, 5, 2),
    )


@pytest.fixture
def think_piece():
    return make_resource(
        "Just Home: Leading in Colour",
        slug="just-home",
        format=make_format("Think piece", slug="think-piece"),
        credit="A think piece by Meera Spillett",
        publisher=make_publisher("The Staff College", slug="staff-college"),
        published_on=date(2021, 6, 1),
        external_url="https://example.org/just-home",
    )


def accessed_today():
    return date_format(timezone.localdate(), "j F Y")


def test_resource_page_shows_a_harvard_reference_with_the_title_in_italics(client, report):
    html = client.get(report.get_absolute_url()).content.decode()
    assert "Cite this report" in html
    url = f"http://testserver{report.get_absolute_url()}"
    assert (
        f"Ofsted (2024) <cite>Safeguarding children in turbulent times</cite> [Report]. "
        f"Available at: {url} (Accessed: {accessed_today()})."
    ) in html
    # The copy button's text: the same reference, without markup.
    assert (
        'data-copy-text="Ofsted (2024) Safeguarding children in turbulent times [Report]. '
        f'Available at: {url} (Accessed: {accessed_today()})."'
    ) in html


def test_a_named_author_leads_and_the_publisher_follows(client, think_piece):
    html = client.get(think_piece.get_absolute_url()).content.decode()
    assert (
        "Spillett, M. (2021) <cite>Just Home: Leading in Colour</cite> [Think piece]. "
        "The Staff College. Available at: https://example.org/just-home "
        f"(Accessed: {accessed_today()})."
    ) in html


def test_ris_download_for_reference_managers(client, report):
    response = client.get(reverse("resources:resource_citation_ris", args=[report.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="safeguarding-turbulent-times.ris"'
    )
    lines = response.content.decode().split("\r\n")
    assert lines[0] == "TY  - RPRT"
    assert "TI  - Safeguarding children in turbulent times" in lines
    assert "PB  - Ofsted" in lines
    assert "PY  - 2024" in lines
    assert f"UR  - http://testserver{report.get_absolute_url()}" in lines
    assert lines[-2:] == ["ER  - ", ""]


def test_ris_names_the_author(client, think_piece):
    body = client.get(reverse("resources:resource_citation_ris", args=[think_piece.slug]))
    lines = body.content.decode().split("\r\n")
    assert "AU  - Spillett, M." in lines
    assert "UR  - https://example.org/just-home" in lines
    assert "PY  - 2021" in lines


def test_bibtex_download_for_reference_managers(client, report):
    response = client.get(reverse("resources:resource_citation_bibtex", args=[report.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="safeguarding-turbulent-times.bib"'
    )
    body = response.content.decode()
    assert body.startswith("@techreport{safeguardingturbulenttimes2024,\n")
    fields = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", body, re.MULTILINE))
    assert fields["title"] == "{Safeguarding children in turbulent times}"
    assert fields["author"] == "{Ofsted}"
    assert fields["institution"] == "Ofsted"
    assert fields["year"] == "2024"
    assert fields["url"] == f"http://testserver{report.get_absolute_url()}"
    assert body.count("{") == body.count("}")


def test_bibtex_escapes_special_characters():
    assert bibtex_escape("R&D: 50% of #1 {x}_y") == r"R\&D: 50\% of \#1 \{x\}\_y"


def test_people_are_read_from_the_credit():
    assert people_in("A think piece by Meera Spillett") == ["Spillett, M."]
    assert people_in("Presented by Anne Longfield and John Jones.") == [
        "Longfield, A.",
        "Jones, J.",
    ]
    assert people_in("Ofsted") == []
    assert initials_form("Mary Jane Smith") == "Smith, M.J."


def test_page_links_both_downloads(client, report):
    html = client.get(report.get_absolute_url()).content.decode()
    assert f'href="{reverse("resources:resource_citation_ris", args=[report.slug])}"' in html
    assert f'href="{reverse("resources:resource_citation_bibtex", args=[report.slug])}"' in html


def test_drafts_citations_are_404_for_the_public(staff_client):
    draft = make_resource("Draft report", published_at=None)
    for name in ("resources:resource_citation_ris", "resources:resource_citation_bibtex"):
        url = reverse(name, args=[draft.slug])
        assert Client().get(url).status_code == 404
        assert staff_client.get(url).status_code == 200
