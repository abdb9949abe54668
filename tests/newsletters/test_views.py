from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    make_bulletin,
    make_contact,
    make_item,
    make_publication,
    make_resource,
)
from tests.pages import notices

pytestmark = pytest.mark.django_db

LIST_URL = reverse("newsletters:bulletin_list")


def detail_url(number):
    return reverse("newsletters:bulletin_detail", args=[number])


@pytest.fixture
def sample_update():
    """Update No 393, shaped like the sample (../shared/seeds/seslip-update-393.txt)."""
    richard = make_contact(
        "Richard Tyndall",
        role="SESLI Programme Manager",
        email="richard.tyndall@richardtyndall.co.uk",
        phone="07880 787007",
    )
    sheelagh = make_contact(
        "Sheelagh Sullivan",
        role="S.E. Region SEND Network Programme Co-ordinator",
        email="sheelagh.sullivan@outlook.com",
        phone="",
    )
    earlier = make_bulletin(390, issued_on=date(2020, 2, 14))
    reminder = make_item(
        earlier,
        "Developing Models of Social Work Project – Monday 8 June 2020 Conference Booking OPEN",
        action_deadline=date(2020, 5, 7),
    )
    bulletin = make_bulletin(
        393,
        issued_on=date(2020, 3, 6),
        introduction="At SESLIP we are always on the look-out for good ideas.",
    )
    make_item(
        bulletin,
        "AD Education Network – next meeting Friday 1 May – Joint with SEND SE19",
        update="The next meeting of the AD Education Group will be a joint event.",
        action_required=(
            "Key points from the meeting:\n\n"
            "- Mike Stoneman and Cate Duffy’s presentation had been well-received.\n"
            "- Several aspects of CME:\n"
            "    - promoting a role for LAs to manage in-year admissions for all schools,\n"
            "    - a core set of CME data for all LAs to request from all schools,"
        ),
        contacts=[richard],
    )
    make_item(
        bulletin,
        "Behaviour Hubs Programme launched by DfE",
        update="The DfE launched the Behaviour Hubs Programme on 28 February",
        action_required="The deadline for applications is midday on 30 March 2020.",
        action_deadline=date(2020, 3, 30),
    )
    bulletin.reminders.set([reminder])
    bulletin.publications.set(
        [
            make_publication(
                "Triennial Analysis of Serious Care reviews 2014-2017",
                publisher="DfE",
                published_on=date(2020, 3, 4),
            )
        ]
    )
    bulletin.contacts.set([richard, sheelagh])
    return bulletin


def test_title_reads_update_no_and_date(sample_update):
    assert sample_update.title == "Update No 393 · 6 March 2020"


def test_update_page_shows_items_with_update_and_action_required(client, sample_update):
    response = client.get(detail_url(393))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Update No 393" in html and "6 March 2020" in html
    assert "At SESLIP we are always on the look-out for good ideas." in html
    assert "AD Education Network – next meeting Friday 1 May – Joint with SEND SE19" in html
    assert "<h4>Update</h4>" in html and "<h4>Action Required</h4>" in html
    assert (
        "<li>promoting a role for LAs to manage in-year admissions for all schools,</li>" in html
    )
    assert 'id="item-1"' in html and 'href="#item-2"' in html
    assert 'Deadline: <time datetime="2020-03-30">Monday 30 March 2020</time>' in html


def test_update_page_links_reminders_back_to_where_they_first_appeared(client, sample_update):
    html = client.get(detail_url(393)).content.decode()
    assert "Reminders from previous weeks" in html
    assert f'href="{detail_url(390)}#item-1"' in html
    assert "First in <a" in html and "Update No 390</a>" in html


def test_update_page_lists_tools_and_templates(client, sample_update):
    html = client.get(detail_url(393)).content.decode()
    assert "Triennial Analysis of Serious Care reviews 2014-2017" in html
    assert "DfE, <time" in html and "4 March 2020" in html


def test_update_page_ends_with_contact_details(client, sample_update):
    html = client.get(detail_url(393)).content.decode()
    assert 'href="mailto:richard.tyndall@richardtyndall.co.uk"' in html
    assert 'href="tel:+447880787007">07880 787007</a>' in html
    assert "Sheelagh Sullivan" in html
    assert html.index("Contact details") > html.index("Tools &amp; Templates")


def test_contact_change_shows_in_every_update(client, sample_update):
    richard = sample_update.contacts.get(name="Richard Tyndall")
    other = make_bulletin(394, issued_on=date(2020, 3, 13))
    other.contacts.set([richard])
    richard.phone = "07000 000001"
    richard.save()
    for number in (393, 394):
        assert "07000 000001" in client.get(detail_url(number)).content.decode()


def test_previous_and_next_updates(client, sample_update):
    make_bulletin(394, issued_on=date(2020, 3, 13))
    make_bulletin(395, issued_on=date(2020, 3, 20), published_at=None)  # a draft: not next
    html = client.get(detail_url(393)).content.decode()
    assert f'href="{detail_url(390)}" rel="prev"' in html
    assert f'href="{detail_url(394)}" rel="next"' in html
    assert detail_url(395) not in html


def test_item_linked_to_a_library_resource(client, sample_update):
    resource = make_resource("Creating a culture: how school leaders can optimise behaviour")
    item = sample_update.items.get(order=2)
    item.resource = resource
    item.save()
    html = client.get(detail_url(393)).content.decode()
    assert f'href="{resource.get_absolute_url()}"' in html


def test_resource_page_says_featured_in_update(client, sample_update):
    resource = make_resource("Triennial Analysis of Serious Care reviews 2014-2017")
    publication = sample_update.publications.get()
    publication.resource = resource
    publication.save()
    html = client.get(resource.get_absolute_url()).content.decode()
    assert "Featured in" in html
    assert f'href="{detail_url(393)}"' in html and "Update No 393" in html


def test_resource_page_does_not_mention_a_draft_update(client):
    resource = make_resource("Triennial Analysis")
    draft = make_bulletin(400, published_at=None)
    draft.publications.set([make_publication("Triennial Analysis", resource=resource)])
    assert "Update No 400" not in client.get(resource.get_absolute_url()).content.decode()


@pytest.mark.parametrize("published_at", [None, timezone.now() + timedelta(days=2)])
def test_drafts_and_scheduled_updates_are_hidden_from_the_public(client, published_at):
    make_bulletin(500, published_at=published_at, items=["Secret item"])
    assert client.get(detail_url(500)).status_code == 404
    assert "Secret item" not in client.get(LIST_URL, {"q": "secret"}).content.decode()
    assert "Update No 500" not in client.get(LIST_URL).content.decode()
    for name in ("bulletin_email", "bulletin_text"):
        assert client.get(reverse(f"newsletters:{name}", args=[500])).status_code == 404


def test_staff_preview_a_draft_exactly_as_the_public_will_see_it(client, django_user_model):
    from tests.factories import make_staff

    client.force_login(make_staff(permissions=["newsletters.change_bulletin"]))
    make_bulletin(500, published_at=None, items=["Draft item"])
    response = client.get(detail_url(500))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="draft-banner"' in html and "Draft item" in html
    assert "no-cache" in response["Cache-Control"]


def test_latest_redirects_to_the_newest_published_update(client, sample_update):
    make_bulletin(394, issued_on=date(2020, 3, 13))
    make_bulletin(395, published_at=None)
    response = client.get(reverse("newsletters:bulletin_latest"))
    assert response.status_code == 302
    assert response.url == detail_url(394)


def test_latest_is_404_when_nothing_is_published(client):
    assert client.get(reverse("newsletters:bulletin_latest")).status_code == 404


def test_archive_is_newest_first_grouped_by_year_with_counts(client):
    make_bulletin(352, issued_on=date(2019, 5, 3))
    make_bulletin(393, issued_on=date(2020, 3, 6))
    make_bulletin(394, issued_on=date(2020, 3, 13))
    html = client.get(LIST_URL).content.decode()
    assert "3 updates" in html
    assert '2020 <span class="count">(2 updates)</span>' in html
    assert '2019 <span class="count">(1 update)</span>' in html
    assert html.index("Update No 394") < html.index("Update No 393") < html.index("Update No 352")


def test_archive_year_filter(client):
    make_bulletin(352, issued_on=date(2019, 5, 3))
    make_bulletin(393, issued_on=date(2020, 3, 6))
    html = client.get(LIST_URL, {"year": 2019}).content.decode()
    assert "Update No 352" in html and "Update No 393" not in html
    assert '<option value="2019" selected>2019 (1 update)</option>' in html


def test_archive_search_finds_items_by_their_text(client, sample_update):
    make_bulletin(394, issued_on=date(2020, 3, 13), items=["Unrelated"])
    html = client.get(LIST_URL, {"q": "in-year admissions"}).content.decode()
    assert "1 update mentioning “in-year admissions”" in html
    assert f'href="{detail_url(393)}#item-1"' in html
    assert "Update No 394" not in html


@pytest.mark.parametrize(
    ("query", "status", "notice"),
    [
        (
            {"q": "x" * 10_000},
            200,
            "Search the updates: Search text must be 200 characters or fewer.",
        ),
        ({"q": "abc\x00def"}, 200, "Search the updates: Null characters are not allowed."),
        ({"year": "abc"}, 200, "Year: Enter a number."),
        (
            {"year": "99999999999999999999"},
            200,
            "Year: Ensure this value is less than or equal to 2100.",
        ),
        ({"page": "abc"}, 404, None),
        ({"q": "%_'\";--"}, 200, None),  # searched for, and not found
    ],
)
def test_archive_bad_input_never_gives_a_500(client, sample_update, query, status, notice):
    response = client.get(LIST_URL, query)
    assert response.status_code == status
    html = response.content.decode()
    assert notices(html) == ([notice] if notice else [])
    if status == 404:
        assert "Page not found" in html
    elif notice:
        assert "Update No 393" in html  # the search is left out, the archive still shown
    else:
        assert "No updates match." in html


def test_archive_over_long_search_is_explained(client, sample_update):
    html = client.get(LIST_URL, {"q": "x" * 300}).content.decode()
    assert "Search text must be 200 characters or fewer." in html


@pytest.mark.parametrize(
    "path", ["/updates/0/", "/updates/abc/", "/updates/-1/", "/updates/99999999999999999999999/"]
)
def test_bad_update_numbers_are_404(client, path):
    assert client.get(path).status_code == 404


def test_email_version_is_simple_html_with_inline_styles(client, sample_update):
    response = client.get(reverse("newsletters:bulletin_email", args=[393]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<table" in html and 'style="' in html
    assert "<link" not in html and "<script" not in html
    assert "Behaviour Hubs Programme launched by DfE" in html
    assert "Action Required: by Monday 30 March 2020" in html
    assert f"http://testserver{detail_url(393)}#item-1" in html  # absolute links


def test_plain_text_version(client, sample_update):
    response = client.get(reverse("newsletters:bulletin_text", args=[393]))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("UPDATE NO 393 06 March 2020")
    assert "Programme:\n\nBehaviour Hubs Programme launched by DfE" in text
    assert "Action Required:" in text
    assert "Reminders from previous weeks" in text
    assert (
        "Triennial Analysis of Serious Care reviews 2014-2017 published by DfE 4 March 2020"
        in text
    )
    assert "SESLI Programme Manager: Richard Tyndall (South East Sector-Led" in text
    assert "&amp;" not in text and "&#x27;" not in text


def test_contacts_directory(client, sample_update):
    response = client.get(reverse("newsletters:contact_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="mailto:sheelagh.sullivan@outlook.com"' in html
    assert 'href="tel:+447880787007"' in html
    assert html.index("Richard Tyndall") < html.index("Sheelagh Sullivan")


def test_home_shows_the_latest_update_and_actions_due_this_week(client):
    today = timezone.localdate()
    make_bulletin(
        401,
        issued_on=today,
        items=[
            {"title": "Due in three days", "action_deadline": today + timedelta(days=3)},
            {"title": "Due next month", "action_deadline": today + timedelta(days=30)},
            {"title": "Passed", "action_deadline": today - timedelta(days=1)},
        ],
    )
    make_bulletin(
        402,
        published_at=None,
        items=[{"title": "Draft due", "action_deadline": today + timedelta(days=2)}],
    )
    html = client.get(reverse("resources:home")).content.decode()
    assert "Update No 401" in html
    actions = html[html.index("Actions due in the next 7 days") :]
    assert "Due in three days" in actions
    assert "Due next month" not in actions.split("</section>")[0]
    assert "Passed" not in actions.split("</section>")[0]
    assert "Draft due" not in html


def test_update_page_query_count_is_constant(client, assert_constant_queries):
    def setup(start, count):
        """An update of `count` items, reminders, publications and contacts."""
        contacts = [
            make_contact(f"Person {count}.{n}", email=f"p{count}.{n}@example.org")
            for n in range(count)
        ]
        earlier = make_bulletin(300 + count, items=[f"Old {n}" for n in range(count)])
        bulletin = make_bulletin(
            301 + count,
            items=[{"title": f"Item {n}", "contacts": contacts[:3]} for n in range(count)],
        )
        bulletin.reminders.set(earlier.items.all())
        bulletin.contacts.set(contacts)
        bulletin.publications.set([make_publication(f"Pub {n}") for n in range(count)])
        return lambda: client.get(detail_url(bulletin.number))

    # bulletin, items, their contacts, reminders, publications, contacts, previous, next
    response = assert_constant_queries(setup, most=8, sizes=(5, 50))
    assert "Item 49" in response.content.decode()


def test_archive_query_count_is_constant(client, assert_constant_queries):
    def setup(start, stop):
        for number in range(start, stop):
            make_bulletin(100 + number, items=["Behaviour hubs", "Attendance"])
        return lambda: client.get(LIST_URL, {"q": "behaviour"})

    response = assert_constant_queries(setup, most=6, sizes=(5, 60))
    assert "60 updates mentioning “behaviour”" in response.content.decode()


def test_home_with_updates_query_count_is_constant(client, assert_constant_queries):
    soon = timezone.localdate() + timedelta(days=2)
    latest, earlier = make_bulletin(600), make_bulletin(599)

    def setup(start, stop):
        for n in range(start, stop):
            make_item(latest, f"Item {n}", action_deadline=soon)
            make_item(earlier, f"Old {n}", action_deadline=soon)
        return lambda: client.get(reverse("resources:home"))

    # Featured, newest and upcoming resources (none here), the themes, the latest
    # update, its items, and the actions due with their updates.
    response = assert_constant_queries(setup, most=10, sizes=(5, 50))
    assert "Item 49" in response.content.decode()
