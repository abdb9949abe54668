"""An update's programme items, edited inline in its admin page, and the admin's autocompletes."""

import pytest
from django.urls import reverse

from newsletters.models import Bulletin, ProgrammeItem
from tests.factories import make_bulletin, make_contact, make_item, make_publication
from tests.newsletters.admin_pages import bulletin_form_data, change_url

pytestmark = pytest.mark.django_db


# Items, edited inline


def test_adding_a_bulletin_with_two_items_saves_them_in_order(admin_client):
    response = admin_client.post(
        reverse("admin:newsletters_bulletin_add"),
        bulletin_form_data(
            items=[
                {"order": 2, "title": "Regional seminar", "action_deadline": "01/06/2030"},
                {"order": 1, "title": "Ofsted ILACS changes", "update": "- New framework"},
            ]
        ),
    )

    assert response.status_code == 302, response.context["errors"]
    bulletin = Bulletin.objects.get(number=394)
    assert bulletin.published_at is None
    assert [(item.order, item.title) for item in bulletin.items.order_by("order")] == [
        (1, "Ofsted ILACS changes"),
        (2, "Regional seminar"),
    ]
    assert "<li>New framework</li>" in bulletin.items.get(order=1).update_html


def test_two_items_with_the_same_order_are_rejected_with_a_message(admin_client):
    response = admin_client.post(
        reverse("admin:newsletters_bulletin_add"),
        bulletin_form_data(
            items=[
                {"order": 1, "title": "Ofsted ILACS changes"},
                {"order": 1, "title": "Regional seminar"},
            ]
        ),
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "Two items can’t share an order number (1)." in content
    assert "Another item has this number too." in content
    assert not Bulletin.objects.exists()
    assert not ProgrammeItem.objects.exists()


def test_two_items_can_swap_their_order_numbers_in_one_save(admin_client):
    bulletin = make_bulletin(393, published_at=None, items=["First", "Second"])
    first, second = bulletin.items.order_by("order")
    data = bulletin_form_data(
        393,
        items=[
            {"id": first.pk, "bulletin": bulletin.pk, "order": 2, "title": "First"},
            {"id": second.pk, "bulletin": bulletin.pk, "order": 1, "title": "Second"},
        ],
        **{"items-INITIAL_FORMS": "2"},
    )

    response = admin_client.post(change_url(bulletin), data)

    assert response.status_code == 302, response.context["errors"]
    assert [item.title for item in bulletin.items.order_by("order")] == ["Second", "First"]


def test_a_deleted_item_does_not_count_as_sharing_its_number(admin_client):
    bulletin = make_bulletin(393, published_at=None, items=["Old"])
    old = bulletin.items.get()
    data = bulletin_form_data(
        393,
        items=[
            {"id": old.pk, "bulletin": bulletin.pk, "order": 1, "title": "Old", "DELETE": "on"},
            {"order": 1, "title": "New"},
        ],
        **{"items-INITIAL_FORMS": "1"},
    )

    response = admin_client.post(change_url(bulletin), data)

    assert response.status_code == 302, response.context["errors"]
    assert [item.title for item in bulletin.items.all()] == ["New"]


# Autocomplete


def autocomplete(client, field_name, term, model_name="bulletin"):
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": term,
            "app_label": "newsletters",
            "model_name": model_name,
            "field_name": field_name,
        },
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_reminders_autocomplete_finds_items_by_title_labelled_with_their_update(admin_client):
    make_item(make_bulletin(393), "Ofsted ILACS changes")
    make_item(make_bulletin(392), "Budget planning")

    assert autocomplete(admin_client, "reminders", "ilacs") == [
        "Ofsted ILACS changes (Update No 393)"
    ]


def test_reminders_autocomplete_finds_the_items_of_an_update_by_its_number(admin_client):
    make_bulletin(393, items=["Ofsted ILACS changes", "Regional seminar"])
    make_bulletin(1393, items=["Much later"])

    assert autocomplete(admin_client, "reminders", "393") == [
        "Ofsted ILACS changes (Update No 393)",
        "Regional seminar (Update No 393)",
    ]


def test_publications_autocomplete_finds_by_title_and_publisher(admin_client):
    make_publication("Working Together to Safeguard Children", publisher="DfE")
    make_publication("Annual report", publisher="Ofsted")

    assert autocomplete(admin_client, "publications", "safeguard") == [
        "Working Together to Safeguard Children"
    ]
    assert autocomplete(admin_client, "publications", "ofsted") == ["Annual report"]


def test_contacts_autocomplete_finds_by_name_and_organisation(admin_client):
    make_contact("Richard Tyndall", role="SESLI Programme Manager")
    make_contact("Asha Patel", role="", organisation="ADCS", email="asha@example.org")

    assert autocomplete(admin_client, "contacts", "tyndall") == [
        "Richard Tyndall (SESLI Programme Manager)"
    ]
    assert autocomplete(admin_client, "contacts", "adcs") == ["Asha Patel"]


def test_item_contacts_autocomplete_finds_contacts(admin_client):
    make_contact("Richard Tyndall")

    assert autocomplete(admin_client, "contacts", "richard", model_name="programmeitem") == [
        "Richard Tyndall (SESLI Programme Manager)"
    ]
