"""The weekly updates in a real browser: the archive, an update, the contacts."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from newsletters.models import Bulletin
from tests.factories import make_bulletin


@pytest.fixture
def update_393(live_server):
    """Update No 393 imported from the sample kept in the repo, and a later update."""
    call_command("load_demo_updates", verbosity=0)
    make_bulletin(
        394,
        issued_on=Bulletin.objects.get(number=393).issued_on.replace(day=13),
        items=["Attendance Playbook published"],
    )
    return Bulletin.objects.get(number=393)


def test_archive_search_leads_to_the_programme_item(live_server, page, update_393):
    page.goto(live_server.url + reverse("newsletters:bulletin_list"))
    page.get_by_label("Search every update").fill("behaviour hubs")
    page.get_by_role("button", name="Search").last.click()
    expect(page.get_by_role("status")).to_have_text("1 update mentioning “behaviour hubs”")
    page.get_by_role("link", name="Behaviour Hubs Programme launched by DfE").click()
    assert page.url.endswith("/updates/393/#item-2")
    item = page.locator("#item-2")
    expect(item.get_by_role("heading", name="Action Required")).to_be_visible()
    expect(item).to_contain_text("Deadline: Monday 30 March 2020")


def test_update_links_to_next_and_contacts_dial(live_server, page, update_393):
    page.goto(live_server.url + update_393.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Update No 393 · 6 March 2020")
    contacts = page.get_by_role("region", name="Contact details")
    expect(contacts.get_by_role("link", name="07880 787007")).to_have_attribute(
        "href", "tel:+447880787007"
    )
    expect(
        contacts.get_by_role("link", name="richard.tyndall@richardtyndall.co.uk")
    ).to_have_attribute("href", "mailto:richard.tyndall@richardtyndall.co.uk")
    page.get_by_role("link", name="Next update").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Update No 394")


@pytest.mark.parametrize(
    "name",
    ["archive", "update", "contacts", "home with the latest update"],
)
def test_update_pages_have_no_serious_accessibility_violations(
    live_server, page, update_393, assert_accessible, name
):
    path = {
        "archive": reverse("newsletters:bulletin_list"),
        "update": update_393.get_absolute_url(),
        "contacts": reverse("newsletters:contact_list"),
        "home with the latest update": reverse("resources:home"),
    }[name]
    assert page.goto(live_server.url + path).status == 200
    assert_accessible(page, name)
