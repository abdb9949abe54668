"""Writing an update to the database (newsletters/importer.py), as the command runs it:
the bulletin, its items, deadlines and reminders; running it again; a second update.

Tools & Templates and Contact Details are in test_importer_tools_and_contacts.py.
"""

from datetime import date

import pytest

from newsletters import importer
from newsletters.models import Bulletin, Contact, ProgrammeItem
from tests.factories import make_bulletin
from tests.newsletters.samples import (
    BEHAVIOUR_HUBS,
    DEVELOPING_MODELS,
    MEMORANDA,
    PROFIT_MAKING,
    SAMPLE_393,
    UNREGULATED_HOMES,
    UPDATE_394,
    counts,
    pks,
    run_import,
)

pytestmark = pytest.mark.django_db


def item_titled(title):
    return ProgrammeItem.objects.get(title=title)


# The bulletin ---------------------------------------------------------------------------


def test_import_creates_update_393_as_a_draft(update_393):
    assert update_393.issued_on == date(2020, 3, 6)
    assert update_393.published_at is None
    assert update_393 in Bulletin.objects.drafts()


def test_publish_option_publishes_at_nine_on_the_issue_date():
    run_import(SAMPLE_393, "--publish")

    bulletin = Bulletin.objects.get(number=393)
    assert bulletin.is_published
    assert bulletin in Bulletin.objects.published()
    assert bulletin.published_at.date() == date(2020, 3, 6)


def test_reimport_without_publish_leaves_a_published_update_published():
    run_import(SAMPLE_393, "--publish")
    published_at = Bulletin.objects.get(number=393).published_at

    run_import(SAMPLE_393)

    assert Bulletin.objects.get(number=393).published_at == published_at


def test_introduction_keeps_the_three_sentences_once(update_393):
    assert update_393.introduction.split("\n\n") == [
        "If you would like to know more about these workstreams or the others in the "
        "Programme, click on the main section icons shown above.",
        "At SESLIP we are always on the look-out for good ideas that might be better "
        "implemented regionally rather than locally. If you have any suggestions, please "
        "contact Richard Tyndall, SESLI Programme Manager (details below).",
        "Our Regional Improvement Plan for 2019-20 can be found here.",
    ]


def test_update_393_has_its_six_items_in_order(update_393):
    assert list(update_393.items.values_list("order", "title")) == [
        (1, "AD Education Network – next meeting Friday 1 May – Joint with SEND SE19"),
        (2, BEHAVIOUR_HUBS),
        (3, "Review of the National Leaders of Education (NLE) Programme"),
        (4, "DfE Consultation on Revisions to KCSIE"),
        (5, "4 recent research reports"),
        (6, "Triennial Analysis of SCRs 2014-17"),
    ]


# Programme items, one by one -------------------------------------------------------------


def test_ad_education_network_update_keeps_its_two_paragraphs(update_393):
    item = item_titled("AD Education Network – next meeting Friday 1 May – Joint with SEND SE19")

    paragraphs = item.update.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith(
        "The next meeting of the AD Education Group will be a joint event with the SESLIP "
        "SEND Network on Friday 1 May,"
    )
    assert paragraphs[1].startswith("The Education Data sub-group met on 27 February.")
    assert paragraphs[1].endswith("please contact Daryl Perilli (details below)")


def test_ad_education_network_action_has_the_nested_cme_list(update_393):
    item = item_titled("AD Education Network – next meeting Friday 1 May – Joint with SEND SE19")

    assert item.action_required.split("\n\n") == [
        "The Children Missing Education group met on 14 Feb 2020. Key points from the meeting:",
        "- Mike Stoneman and Cate Duffy’s presentation about the group and CME to SESLIP "
        "DCSs had been well-received.\n"
        "- Agreement that there are several aspects of CME where the group could develop "
        "recommendations for a shared SESLIP position. These include:\n"
        "    - promoting a role for LAs to manage in-year admissions for all schools,\n"
        "    - a core set of CME data for all LAs to request from all schools,\n"
        "    - agreements with local schools about reporting all pupils moved onto a reduced "
        "timetable.\n"
        "- Next meeting 5 May, 1pm – 3.30pm, Shaw House Newbury. There will be a focus on "
        "pupils with medical needs and exclusions and fair access protocols.\n"
        "- LAs yet to nominate a representative: Milton KeynesWest "
        "SussexKentWokinghamSouthampton.",
        "The LGA have commissioned ISOS partnership to carry out a research piece about LAs "
        "and CME and several of the CME sub-group attended an initial workshop. We will aim "
        "to coordinate with ISOS about developments and activities of mutual interest, for "
        "example around data.",
    ]
    html = item.action_required_html
    assert html.count("<ul>") == 2
    assert "These include:<ul>\n<li>promoting a role for LAs" in html
    assert "reduced timetable.</li>\n</ul>\n</li>\n<li>Next meeting 5 May" in html


def test_ad_education_network_links_the_contacts_it_names(update_393):
    item = item_titled("AD Education Network – next meeting Friday 1 May – Joint with SEND SE19")

    assert sorted(item.contacts.values_list("name", flat=True)) == [
        "Chris Owen",
        "Daryl Perilli",
    ]


def test_behaviour_hubs_item_keeps_paragraphs_and_its_list(update_393):
    item = item_titled(BEHAVIOUR_HUBS)

    assert item.update.split("\n\n") == [
        "The DfE launched the Behaviour Hubs Programme on 28 February",
        "Behaviour hubs will enable schools and multi-academy trusts (MATs) with exemplary "
        "behaviour cultures and practices to work in partnership with those that want to "
        "improve their behaviour culture.",
        "In advance of the programme beginning in September 2020 we are looking to appoint "
        "approximately 20 lead schools from across primary, secondary, special and "
        "alternative provision sectors.",
        "We are also looking for 2 to 3 MATs with excellent behaviour management willing to "
        "support other trusts",
    ]
    action = item.action_required.split("\n\n")
    assert action[0].startswith("The behaviour hubs programme will begin in September 2020")
    assert action[1:] == [
        "- having a clear understanding of what the school culture is\n"
        "- high expectations of pupils and a belief that all pupils matter\n"
        "- consistency and attention to detail in the execution of school routines, norms "
        "and values",
        "Please email all queries to behaviour.hubs@education.gov.uk.",
        "To apply please complete the form at Apply to be a lead school or a lead "
        "multi-academy trust.",
        "The deadline for applications is midday on 30 March 2020.",
    ]
    assert "<li>having a clear understanding of what the school culture is</li>" in (
        item.action_required_html
    )


def test_nle_review_item_keeps_its_update_and_action(update_393):
    item = item_titled("Review of the National Leaders of Education (NLE) Programme")

    assert item.update.split("\n\n") == [
        "The DfE has published its Review of the National Leaders of Education (NLE) programme",
        "In May 2019, the Department for Education (DfE) commissioned an external National "
        "Leaders of Education (NLE) advisory group to evaluate the existing NLE programme and "
        "to make recommendations to DfE on future reforms.",
    ]
    action = item.action_required.split("\n\n")
    assert len(action) == 3
    assert action[0].startswith("In November 2019, the advisory group sent its report")
    assert action[1].startswith("The NLE Standards set out the department’s expectations")
    assert action[2].endswith("does not include any new research.")


def test_kcsie_item_keeps_its_update_and_action(update_393):
    item = item_titled("DfE Consultation on Revisions to KCSIE")

    assert item.update.split("\n\n") == [
        "The DfE has launched an open consultation about proposed revisions to Keeping "
        "children safe in education.",
        "The consultation website is here",
        "The consultation opened on 25 February 2020 and closes on 21 April 2020",
    ]
    action = item.action_required.split("\n\n")
    assert len(action) == 2
    assert action[0].startswith("DfE are consulting on a wide variety of proposed changes")
    assert action[1].endswith("is included at Annex G of this guidance.")


def test_research_reports_item_keeps_its_list_starting_at_three(update_393):
    item = item_titled("4 recent research reports")

    assert item.update == ""
    assert item.action_required == (
        "3. Royal College of Paediatrics and Child Health The state of children and young "
        "people’s health across the UK. Data and policy priorities 2 March 2020\n"
        "4. Early Intervention Foundation Adverse childhood experiences What we know, what "
        "we don’t know, and what should happen next 26 February 2020"
    )
    assert '<ol start="3">' in item.action_required_html
    assert item.action_required_html.count("<li>") == 2


def test_triennial_analysis_item_keeps_the_quote_and_the_elision(update_393):
    item = item_titled("Triennial Analysis of SCRs 2014-17")

    update = item.update.split("\n\n")
    assert len(update) == 4
    assert update[0] == (
        "On 4 March 2020, DfE published its Triennial Analysis of Serious Care reviews 2014-2017."
    )
    assert update[3].startswith("Using the study, Research in Practice have produced 6")
    action = item.action_required.split("\n\n")
    assert action[0] == (
        "Commenting on the triennial analysis of SCRs 2014 to 2017 report Jenny Coles, ADCS "
        "Vice President, said:"
    )
    assert action[1].startswith("“I would encourage all local authorities")
    assert action[2] == "[…]"
    assert action[3].endswith("A tipping point is being reached.”")
    assert action[4] == "The full quote is here"
    assert "<p>[…]</p>" in item.action_required_html


# Deadlines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "deadline"),
    [
        (BEHAVIOUR_HUBS, date(2020, 3, 30)),
        ("DfE Consultation on Revisions to KCSIE", date(2020, 4, 21)),
        (UNREGULATED_HOMES, date(2020, 4, 8)),
        (DEVELOPING_MODELS, date(2020, 5, 7)),
        ("AD Education Network – next meeting Friday 1 May – Joint with SEND SE19", None),
        ("Review of the National Leaders of Education (NLE) Programme", None),
        ("4 recent research reports", None),
        ("Triennial Analysis of SCRs 2014-17", None),
        (MEMORANDA, None),
    ],
)
def test_action_deadline_is_read_from_the_text(update_393, title, deadline):
    assert item_titled(title).action_deadline == deadline


# Reminders -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("order", "title", "update_starts", "action_ends"),
    [
        (
            1,
            DEVELOPING_MODELS,
            "There has been great interest in our Conference",
            "or contact Diane Williamson (details below)",
        ),
        (
            2,
            PROFIT_MAKING,
            "This study examines the evidence that is available",
            "outcomes for children in care",
        ),
        (
            3,
            "2 recent research reports",
            "Longitudinal study funded by the DfE about the value of investing",
            "and in the home learning environment",
        ),
        (
            4,
            UNREGULATED_HOMES,
            "The government has launched a consultation over unregulated children’s homes",
            "This consultation closes at",
        ),
        (
            5,
            MEMORANDA,
            "Colleagues from the East Midlands have organised a regional seminar",
            "who is organising SESLIP representation",
        ),
    ],
)
def test_reminder_without_an_earlier_item_is_kept_as_an_item_of_no_update(
    update_393, order, title, update_starts, action_ends
):
    reminder = update_393.reminders.get(title=title)

    assert reminder.bulletin is None
    assert reminder.order == order
    assert reminder.update.startswith(update_starts)
    assert reminder.action_required.endswith(action_ends)


def test_update_393_has_exactly_its_five_reminders(update_393):
    assert sorted(update_393.reminders.values_list("title", flat=True)) == sorted(
        [
            DEVELOPING_MODELS,
            PROFIT_MAKING,
            "2 recent research reports",
            UNREGULATED_HOMES,
            MEMORANDA,
        ]
    )


def test_unregulated_homes_reminder_keeps_its_proposals_list(update_393):
    reminder = item_titled(UNREGULATED_HOMES)

    assert (
        "Proposals include:\n\n"
        "- banning using this provision for under 16s\n"
        "- introducing national quality standards\n"
        "- ensuring independent reviewing officers represent young people’s interests\n"
        "- requiring local authorities and policy forces to cooperate with each other\n"
        "- new legal powers for Ofsted to take action against illegal provider"
    ) in reminder.action_required


def test_memoranda_reminder_links_mark_evans(update_393):
    assert list(item_titled(MEMORANDA).contacts.values_list("name", flat=True)) == ["Mark Evans"]


def test_reminder_matching_an_earlier_item_points_at_that_item():
    earlier = make_bulletin(380, items=[PROFIT_MAKING.upper()])
    original = earlier.items.get()

    run_import(SAMPLE_393)

    bulletin = Bulletin.objects.get(number=393)
    assert original in bulletin.reminders.all()
    assert ProgrammeItem.objects.filter(title__iexact=PROFIT_MAKING).count() == 1
    original.refresh_from_db()
    assert original.update == f"News about {PROFIT_MAKING.upper()}."  # not overwritten


def test_reminder_is_not_matched_to_an_item_of_a_later_update():
    later = make_bulletin(400, items=["2 recent research reports"])

    run_import(SAMPLE_393)

    reminder = Bulletin.objects.get(number=393).reminders.get(title="2 recent research reports")
    assert reminder not in later.items.all()
    assert reminder.bulletin is None


# Running it again --------------------------------------------------------------------


def test_reimport_changes_no_counts_and_keeps_every_pk(update_393):
    before_counts, before_pks = counts(), pks()
    reminders = set(update_393.reminders.values_list("pk", flat=True))

    run_import(SAMPLE_393)

    assert counts() == before_counts
    assert pks() == before_pks
    assert set(update_393.reminders.values_list("pk", flat=True)) == reminders


def test_reimport_removes_items_no_longer_in_the_text(update_393):
    stale = ProgrammeItem.objects.create(bulletin=update_393, order=7, title="Withdrawn item")

    run_import(SAMPLE_393)

    assert not ProgrammeItem.objects.filter(pk=stale.pk).exists()


def test_reimport_keeps_an_item_a_later_update_reminds_of(update_393):
    stale = ProgrammeItem.objects.create(bulletin=update_393, order=7, title="Withdrawn item")
    later = make_bulletin(398)
    later.reminders.add(stale)

    output = run_import(SAMPLE_393)

    assert ProgrammeItem.objects.get(pk=stale.pk).bulletin == update_393
    assert "Kept “Withdrawn item”" in output


# A second, differently worded update ----------------------------------------------------


def test_update_394_reads_its_crlf_text_and_different_headings():
    run_import(UPDATE_394)

    bulletin = Bulletin.objects.get(number=394)
    assert bulletin.issued_on == date(2020, 3, 13)
    assert bulletin.introduction.startswith("Welcome to this week’s update")
    assert "\r" not in bulletin.introduction
    assert list(bulletin.items.values_list("title", flat=True)) == [
        "Regional social work workforce survey – returns by 27 March 2020",
        "Early Years Network – spring meeting",
    ]
    assert sorted(bulletin.publications.values_list("title", "publisher", "published_on")) == [
        ("Improving school attendance: a guide for governors", "DfE", date(2020, 3, 10)),
        (
            "Regional workforce dashboard, spring 2020",
            "South East Sector-Led Improvement Programme",
            date(2020, 3, 12),
        ),
    ]


def test_update_394_dash_bullets_nest_and_numbers_make_an_ordered_list():
    run_import(UPDATE_394)

    survey = item_titled("Regional social work workforce survey – returns by 27 March 2020")
    assert survey.action_required.endswith(
        "- agency social worker numbers\n"
        "- vacancy rates by team\n"
        "    - including newly qualified social workers\n"
        "    - and practice supervisors\n"
        "- themes from exit interviews"
    )
    assert survey.action_required_html.count("<ul>") == 2
    assert survey.action_deadline == date(2020, 3, 27)
    early_years = item_titled("Early Years Network – spring meeting")
    assert "<ol>\n<li>school readiness data</li>" in early_years.update_html


def test_update_394_reminder_points_at_the_item_of_393(update_393):
    original = update_393.items.get(title=BEHAVIOUR_HUBS)

    run_import(UPDATE_394)

    bulletin = Bulletin.objects.get(number=394)
    assert list(bulletin.reminders.all()) == [original]
    assert ProgrammeItem.objects.filter(title=BEHAVIOUR_HUBS).count() == 1


def test_update_394_shares_a_contact_with_393_by_email_in_any_case(update_393):
    run_import(UPDATE_394)

    mark = Contact.objects.get(email__iexact="mark@markevansconsulting.co.uk")
    assert Contact.objects.filter(name="Mark Evans").count() == 1
    assert mark.phone == "07700 900123"
    assert mark in update_393.contacts.all()
    assert sorted(Bulletin.objects.get(number=394).contacts.values_list("name", flat=True)) == [
        "Mark Evans",
        "Priya Shah",
    ]


def test_importing_393_after_394_attaches_the_orphan_reminder():
    run_import(UPDATE_394)
    orphan = Bulletin.objects.get(number=394).reminders.get()
    assert orphan.bulletin is None

    run_import(SAMPLE_393)

    item = ProgrammeItem.objects.get(title=BEHAVIOUR_HUBS)
    assert item.pk == orphan.pk
    assert item.bulletin.number == 393
    assert item.order == 2
    assert item.update.startswith("The DfE launched the Behaviour Hubs Programme")
    assert list(Bulletin.objects.get(number=394).reminders.all()) == [item]


# All or nothing ------------------------------------------------------------------------


def test_failure_part_way_writes_nothing(monkeypatch):
    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "_save_publications", broken)

    with pytest.raises(RuntimeError):
        run_import(SAMPLE_393)

    assert counts() == dict.fromkeys(counts(), 0)
