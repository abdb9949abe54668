"""Writing an update's Tools & Templates and Contact Details (newsletters/importer.py):
publications matched to the ones stored and linked to the library, contacts matched by e-mail.
"""

from datetime import date

import pytest

from newsletters.models import Bulletin, Publication
from newsletters.parser import parse_update
from tests.factories import make_resource
from tests.newsletters.samples import PROFIT_MAKING, SAMPLE_393, run_import

pytestmark = pytest.mark.django_db


# Tools & Templates ---------------------------------------------------------------------

PUBLICATIONS_393 = [
    ("Triennial Analysis of Serious Care reviews 2014-2017", "DfE", date(2020, 3, 4)),
    (
        "Child Safeguarding Practice Review Panel: annual report 2018 to 2019",
        "DfE",
        date(2020, 3, 4),
    ),
    (
        "The Attendance Playbook: approaches to reducing chronic low attendance and the "
        "evidence that supports the different strategies",
        "Institute for Effective Education",
        date(2020, 3, 3),
    ),
    (
        "The state of children and young people’s health across the UK. Data and policy "
        "priorities",
        "Royal College of Paediatrics and Child Health",
        date(2020, 3, 2),
    ),
    (PROFIT_MAKING, "LGA", date(2020, 2, 27)),
    (
        "Adverse childhood experiences What we know, what we don’t know, and what should "
        "happen next",
        "Early Intervention Foundation",
        date(2020, 2, 26),
    ),
    ("Review of the National Leaders of Education (NLE) programme", "DfE", date(2020, 2, 25)),
    ("Peep Learning Together Programme", "EEF", date(2020, 2, 24)),
    (
        "Study of Early Education and Development (SEED): Financial returns to early "
        "education spending",
        "DfE",
        date(2020, 2, 21),
    ),
    (
        "The effects of high-quality professional development on teachers and students",
        "Eduction Policy Institute",
        date(2020, 2, 19),
    ),
    (
        "What does English as an additional language really mean when it comes to Progress 8?",
        "FFT Education Datalab",
        date(2020, 2, 13),
    ),
    (
        "Developing and sustaining an effective local SEND system: a practical guide for "
        "councils and partners",
        "LGA",
        date(2020, 2, 13),
    ),
    (
        "Multi-agency response to child sexual abuse in the family environment: joint "
        "targeted area inspections (JTAIs)",
        "DfE",
        date(2020, 2, 4),
    ),
    (
        "Building resilience: how local partnerships are supporting children and young "
        "people’s mental health and emotional wellbeing",
        "LGA",
        date(2020, 2, 3),
    ),
    (
        "Focus on: Vulnerable children and families paediatric workforce",
        "RCPCH",
        date(2020, 1, 20),
    ),
    (
        "Special educational needs and disability support: Rescuing the reforms",
        "House of Commons Library",
        date(2020, 1, 14),
    ),
    ("Child Abuse in Engalnd and Wales – Data to March 2019", "ONS", date(2020, 1, 14)),
    (
        "Annual Report on access to child and adolescent mental health services (CAMHS)",
        "EPI",
        date(2020, 1, 10),
    ),
    (
        "Pass the parcel: children posted around the care system",
        "Children’s Commissioner",
        date(2019, 12, 24),
    ),
]


@pytest.mark.parametrize(("title", "publisher", "published_on"), PUBLICATIONS_393)
def test_tools_and_templates_entry_has_its_publisher_and_date(
    update_393, title, publisher, published_on
):
    publication = update_393.publications.get(title=title)

    assert publication.publisher == publisher
    assert publication.published_on == published_on


@pytest.mark.parametrize(
    "title",
    [
        "We have produced a Regional Improvement Plan which will underpin activities in 2019-20",
        "SEND Inspection Preparation: Self Evaluation Framework Peer Review Guidance",
    ],
)
def test_tools_and_templates_line_without_published_is_kept_as_a_title(update_393, title):
    publication = update_393.publications.get(title=title)

    assert publication.publisher == ""
    assert publication.published_on is None


def test_tools_and_templates_line_introducing_a_missing_list_is_only_noted(update_393):
    assert update_393.publications.count() == len(PUBLICATIONS_393) + 2
    assert not Publication.objects.filter(title__startswith="The MoC area").exists()
    notes = parse_update(SAMPLE_393.read_text(encoding="utf-8")).notes
    assert any("The MoC area of the Seslip website" in note for note in notes)


def test_publication_is_linked_to_the_library_resource_with_its_title():
    resource = make_resource("PEEP LEARNING TOGETHER PROGRAMME")

    run_import(SAMPLE_393)

    assert Publication.objects.get(title="Peep Learning Together Programme").resource == resource


def test_publication_already_stored_is_reused_not_copied():
    existing = Publication.objects.create(
        title="peep learning together programme", publisher="eef", published_on=None
    )

    run_import(SAMPLE_393)

    assert (
        Publication.objects.filter(title__iexact="Peep Learning Together Programme").count() == 1
    )
    existing.refresh_from_db()
    assert existing.published_on == date(2020, 2, 24)
    assert existing in Bulletin.objects.get(number=393).publications.all()


# Contacts --------------------------------------------------------------------------------

CONTACTS_393 = [
    (
        "Luke Ede",
        "Data Benchmarking",
        "South East Sector-Led Improvement Programme",
        "Luke.ede@eastsussex.gov.uk",
        "07925 148597",
    ),
    (
        "Helen Watson",
        "LGA Children’s Improvement Adviser",
        "South East Sector-Led Improvement Programme",
        "helen.watson5@icloud.com",
        "07810 011892",
    ),
    (
        "Chris Owen",
        "Education Network",
        "South East Sector-Led Improvement Programme",
        "chris@bright-spark.net",
        "07825 862330",
    ),
    (
        "Daryl Perilli",
        "SESLIP Education Data Group Lead",
        "Brighton and Hove",
        "Daryl.Perilli@brighton-hove.gov.uk",
        "",
    ),
    (
        "Krista Pickering",
        "South East Grid for Learning – Consortium Manager",
        "South East Sector-Led Improvement Programme",
        "krista.pickering@segfl.org.uk",
        "07872 014083",
    ),
    (
        "Isabelle Gregory",
        "SESLIP Consultant",
        "South East Sector-Led Improvement Programme",
        "isabelle@firstcareconsultancy.co.uk",
        "07931 586784",
    ),
    (
        "Mark Evans",
        "CSC Workforce, PSW and AD Safeguarding Network Lead",
        "South East Sector-Led Improvement Programme",
        "Mark@markevansconsulting.co.uk",
        "07803 147072",
    ),
    (
        "Rebecca Eligon",
        "Adoption; Fostering; Kinship and Early Help Regional Networks",
        "South East Sector-Led Improvement Programme",
        "rebeccaeligon@gmail.com",
        "07944 996219",
    ),
    (
        "Richard Tyndall",
        "SESLI Programme Manager",
        "South East Sector-Led Improvement Programme",
        "richard.tyndall@richardtyndall.co.uk",
        "07880 787007",
    ),
    (
        "Sheelagh Sullivan",
        "S.E. Region SEND Network Programme Co-ordinator",
        "South East Sector-Led Improvement Programme",
        "sheelagh.sullivan@outlook.com",
        "",
    ),
]


@pytest.mark.parametrize(("name", "role", "organisation", "email", "phone"), CONTACTS_393)
def test_contact_has_role_organisation_email_and_phone(
    update_393, name, role, organisation, email, phone
):
    contact = update_393.contacts.get(name=name)

    assert (contact.role, contact.organisation, contact.email, contact.phone) == (
        role,
        organisation,
        email,
        phone,
    )


def test_update_393_lists_exactly_its_ten_contacts(update_393):
    assert sorted(update_393.contacts.values_list("name", flat=True)) == sorted(
        row[0] for row in CONTACTS_393
    )
