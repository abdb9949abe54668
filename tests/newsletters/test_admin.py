from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from newsletters.models import Bulletin, ProgrammeItem
from tests.factories import (
    make_bulletin,
    make_contact,
    make_item,
    make_publication,
    make_resource,
    make_staff,
)

pytestmark = pytest.mark.django_db

CONTENT_MODELS = ("bulletin", "programmeitem", "publication", "contact")


def changelist_url(model_name="bulletin"):
    return reverse(f"admin:newsletters_{model_name}_changelist")


def change_url(obj):
    return reverse(f"admin:newsletters_{obj._meta.model_name}_change", args=[obj.pk])


def start_next_url(bulletin):
    return reverse("admin:newsletters_bulletin_start_next", args=[bulletin.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def run_action(client, action, *bulletins):
    return client.post(
        changelist_url(),
        {"action": action, "_selected_action": [bulletin.pk for bulletin in bulletins]},
    )


def bulletin_form_data(number=394, items=(), **overrides):
    """Return POST data for the bulletin add form, with `items` (dicts) in the inline."""
    data = {
        "number": str(number),
        "issued_on": timezone.localdate().strftime("%d/%m/%Y"),
        "introduction": "Welcome to this week’s update.",
        "published_at_0": "",
        "published_at_1": "",
        "items-TOTAL_FORMS": str(len(items)),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        **overrides,
    }
    for index, item in enumerate(items):
        fields = {
            "id": "",
            "bulletin": "",
            "update": "",
            "action_required": "",
            "action_deadline": "",
            **item,
        }
        for name, value in fields.items():
            data[f"items-{index}-{name}"] = str(value)
    return data


# Who gets in


@pytest.mark.parametrize(
    "url",
    [
        *(f"admin:newsletters_{model_name}_changelist" for model_name in CONTENT_MODELS),
        "admin:newsletters_bulletin_add",
    ],
)
def test_anonymous_users_are_sent_to_the_admin_login(client, url):
    response = client.get(reverse(url))

    assert response.status_code == 302
    assert response.url == f"{reverse('admin:login')}?next={reverse(url)}"


def test_anonymous_users_cannot_start_the_next_update(client):
    bulletin = make_bulletin(393)

    response = client.post(start_next_url(bulletin))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert not Bulletin.objects.filter(number=394).exists()


def test_editors_group_has_exactly_the_newsletters_content_permissions():
    group = Group.objects.get(name="Editors")

    granted = {
        f"{perm.content_type.app_label}.{perm.codename}"
        for perm in group.permissions.filter(content_type__app_label="newsletters")
    }

    assert granted == {
        f"newsletters.{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in CONTENT_MODELS
    }


def test_editors_group_keeps_the_resources_permissions_and_has_no_auth_ones():
    group = Group.objects.get(name="Editors")

    assert group.permissions.filter(content_type__app_label="resources").exists()
    assert not group.permissions.filter(content_type__app_label="auth").exists()


def test_editor_can_open_the_bulletin_changelist_add_and_change_pages(editor_client):
    bulletin = make_bulletin(items=["Ofsted ILACS"])

    for url in (changelist_url(), reverse("admin:newsletters_bulletin_add"), change_url(bulletin)):
        assert editor_client.get(url).status_code == 200, url


def test_editor_sees_the_start_next_update_button(editor_client):
    bulletin = make_bulletin(393)

    response = editor_client.get(change_url(bulletin))

    assert start_next_url(bulletin) in response.content.decode()


# Every page loads

MAKERS = {
    "bulletin": lambda: make_bulletin(items=["Ofsted ILACS"]),
    "programmeitem": lambda: make_item(make_bulletin(), contacts=[make_contact()]),
    "publication": lambda: make_publication(resource=make_resource()),
    "contact": make_contact,
}


@pytest.mark.parametrize("model_name", CONTENT_MODELS)
def test_changelist_add_and_change_pages_load_for_a_superuser(admin_client, model_name):
    obj = MAKERS[model_name]()

    for url in (
        changelist_url(model_name),
        reverse(f"admin:newsletters_{model_name}_add"),
        change_url(obj),
    ):
        assert admin_client.get(url).status_code == 200, url


def test_start_next_button_is_only_on_existing_bulletins(admin_client):
    bulletin = make_bulletin(393)

    add_page = admin_client.get(reverse("admin:newsletters_bulletin_add")).content.decode()
    change_page = admin_client.get(change_url(bulletin)).content.decode()

    assert "Start next update" not in add_page
    assert "Start next update" in change_page


def test_change_page_links_to_the_next_update_once_it_exists(admin_client):
    bulletin = make_bulletin(393)
    following = make_bulletin(394, published_at=None)

    content = admin_client.get(change_url(bulletin)).content.decode()

    assert f'href="{change_url(following)}">Open Update No 394</a>' in content
    assert start_next_url(bulletin) not in content


def test_view_on_site_is_the_public_page(admin_client):
    draft = make_bulletin(393, published_at=None)

    content = admin_client.get(change_url(draft)).content.decode()

    assert f'href="{reverse("newsletters:bulletin_detail", args=[393])}"' in content


def test_bulletin_changelist_query_count_does_not_grow_with_bulletins(
    admin_client, assert_constant_queries
):
    def setup(start, stop):
        for number in range(300 + start, 300 + stop):
            make_bulletin(number, items=["One", "Two"])
        return lambda: admin_client.get(changelist_url())

    response = assert_constant_queries(setup, most=8, sizes=(5, 30))

    assert response.status_code == 200


def test_bulletin_change_page_query_count_does_not_grow_with_items_or_reminders(
    admin_client, assert_constant_queries
):
    def setup(start, count):
        """An update of `count` items, reminding of `count` items of the one before it."""
        earlier = make_bulletin(100 + count, items=[f"Earlier item {n}" for n in range(count)])
        bulletin = make_bulletin(101 + count, items=[f"Item {n}" for n in range(count)])
        bulletin.reminders.set(earlier.items.all())
        return lambda: admin_client.get(change_url(bulletin))

    # Items with contacts or a resource cost one more query each, for the
    # autocomplete widget's chosen options (Django's AutocompleteSelect).
    response = assert_constant_queries(setup, most=14, sizes=(3, 10))

    assert response.status_code == 200


# The changelist


def shown(response):
    return set(response.context["cl"].result_list)


def test_changelist_shows_status_and_item_count(admin_client):
    make_bulletin(391, published_at=None, items=["One"])
    make_bulletin(392, published_at=timezone.now() + timedelta(days=2))
    make_bulletin(393, items=["One", "Two", "Three"])

    response = admin_client.get(changelist_url())

    content = response.content.decode()
    for status in ("Draft", "Scheduled", "Live"):
        assert f'<td class="field-status">{status}</td>' in content
    counts = {
        bulletin.number: bulletin.item_count for bulletin in response.context["cl"].result_list
    }
    assert counts == {391: 1, 392: 0, 393: 3}


@pytest.mark.parametrize("status", ["draft", "scheduled", "live"])
def test_status_filter_shows_only_bulletins_with_that_status(admin_client, status):
    bulletins = {
        "draft": make_bulletin(published_at=None),
        "scheduled": make_bulletin(published_at=timezone.now() + timedelta(days=3)),
        "live": make_bulletin(published_at=timezone.now() - timedelta(days=3)),
    }

    response = admin_client.get(changelist_url(), {"status": status})

    assert shown(response) == {bulletins[status]}


def test_search_finds_a_bulletin_by_its_exact_number(admin_client):
    wanted = make_bulletin(393)
    make_bulletin(1393)

    response = admin_client.get(changelist_url(), {"q": "393"})

    assert shown(response) == {wanted}


def test_search_finds_a_bulletin_by_item_title_once_with_its_full_item_count(admin_client):
    wanted = make_bulletin(393, items=["Ofsted ILACS changes", "Ofsted focused visits", "Other"])
    make_bulletin(394, items=["Budget planning"])

    response = admin_client.get(changelist_url(), {"q": "ofsted"})

    assert list(response.context["cl"].result_list) == [wanted]
    assert response.context["cl"].result_list[0].item_count == 3


def test_search_with_words_that_are_not_numbers_does_not_fail(admin_client):
    wanted = make_bulletin(393, introduction="Sector-led improvement news.")

    response = admin_client.get(changelist_url(), {"q": "sector-led"})

    assert response.status_code == 200
    assert shown(response) == {wanted}


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


# Start next update


@pytest.fixture
def update_393():
    """Update No 393 with open, past and undated actions, reminders and two contacts."""
    today = timezone.localdate()
    earlier = make_bulletin(392, issued_on=today - timedelta(days=14))
    bulletin = make_bulletin(
        393,
        issued_on=today - timedelta(days=7),
        items=[
            {"title": "Open: due today", "action_deadline": today},
            {"title": "Open: due next month", "action_deadline": today + timedelta(days=30)},
            {"title": "Closed: due yesterday", "action_deadline": today - timedelta(days=1)},
            {"title": "No deadline"},
        ],
    )
    bulletin.reminders.set(
        [
            make_item(earlier, "Open reminder", action_deadline=today + timedelta(days=3)),
            make_item(earlier, "Closed reminder", action_deadline=today - timedelta(days=3)),
            make_item(None, "Imported open reminder", action_deadline=today + timedelta(days=9)),
        ]
    )
    make_item(earlier, "Open but never reminded in 393", action_deadline=today)
    bulletin.contacts.set([make_contact("Richard Tyndall"), make_contact("Asha Patel")])
    return bulletin


def assert_next_update_started_from(bulletin):
    following = Bulletin.objects.get(number=bulletin.number + 1)
    assert following.published_at is None
    assert following.issued_on == bulletin.issued_on + timedelta(days=7)
    assert {item.title for item in following.reminders.all()} == {
        "Open: due today",
        "Open: due next month",
        "Open reminder",
        "Imported open reminder",
    }
    assert set(following.contacts.all()) == set(bulletin.contacts.all())
    assert not following.items.exists()
    return following


def test_start_next_action_creates_a_draft_with_open_actions_as_reminders(
    admin_client, update_393
):
    response = run_action(admin_client, "start_next", update_393)

    following = assert_next_update_started_from(update_393)
    assert response.status_code == 302
    assert response.url == change_url(following)


def test_start_next_button_creates_a_draft_with_open_actions_as_reminders(
    admin_client, update_393
):
    response = admin_client.post(start_next_url(update_393))

    following = assert_next_update_started_from(update_393)
    assert response.status_code == 302
    assert response.url == change_url(following)


def test_start_next_says_how_many_reminders_were_carried_over(admin_client, update_393):
    response = admin_client.post(start_next_url(update_393), follow=True)

    issued_on = update_393.issued_on + timedelta(days=7)
    assert response.context["original"].number == 394
    assert messages_of(response) == [
        f"Started Update No 394 as a draft for {issued_on.day} "
        f"{issued_on.strftime('%B %Y')}, with 4 reminders carried over from Update No 393 "
        "and the same contacts. It is open for editing below."
    ]


def test_start_next_records_the_new_update_in_its_history(admin_client, update_393):
    admin_client.post(start_next_url(update_393))

    history = admin_client.get(
        reverse("admin:newsletters_bulletin_history", args=[Bulletin.objects.get(number=394).pk])
    )
    assert "Started from Update No 393." in history.content.decode()


@pytest.mark.parametrize("how", ["action", "button"])
def test_start_next_again_names_the_existing_update_and_creates_nothing(
    admin_client, update_393, how
):
    following = make_bulletin(394, published_at=None)

    if how == "action":
        response = run_action(admin_client, "start_next", update_393)
        assert response.url == changelist_url()
    else:
        response = admin_client.post(start_next_url(update_393))
        assert response.url == change_url(update_393)

    assert Bulletin.objects.count() == 3  # 392, 393 and the existing 394.
    assert not following.reminders.exists()
    assert messages_of(response) == [
        f'Update No 394 has been started already: <a href="{change_url(following)}">'
        "open it</a> instead. No update was started."
    ]


def test_start_next_twice_from_the_button_makes_only_one_update(admin_client, update_393):
    admin_client.post(start_next_url(update_393))
    response = admin_client.post(start_next_url(update_393))

    assert Bulletin.objects.filter(number=394).count() == 1
    assert "Update No 394 has been started already" in messages_of(response)[-1]


def test_start_next_action_with_two_bulletins_selected_is_an_error(admin_client):
    first, second = make_bulletin(392), make_bulletin(393)

    response = run_action(admin_client, "start_next", first, second)

    assert response.status_code == 302
    assert Bulletin.objects.count() == 2
    assert messages_of(response) == [
        "Select just one update to start the next from: the one before it. No update was started."
    ]


def test_start_next_button_refuses_get_requests(admin_client):
    bulletin = make_bulletin(393)

    response = admin_client.get(start_next_url(bulletin))

    assert response.status_code == 405
    assert Bulletin.objects.count() == 1


def test_start_next_button_needs_the_csrf_token(update_393):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_staff(username="boss", superuser=True))

    response = client.post(start_next_url(update_393))

    assert response.status_code == 403
    assert not Bulletin.objects.filter(number=394).exists()


def test_staff_who_may_not_add_bulletins_cannot_start_the_next_update(client):
    bulletin = make_bulletin(393)
    client.force_login(
        make_staff(permissions=["newsletters.view_bulletin", "newsletters.change_bulletin"])
    )

    response = client.post(start_next_url(bulletin))

    assert response.status_code == 403
    assert Bulletin.objects.count() == 1


def test_editor_can_start_the_next_update(editor_client, update_393):
    response = editor_client.post(start_next_url(update_393))

    assert_next_update_started_from(update_393)
    assert response.status_code == 302


# Publishing


def test_publish_action_makes_a_draft_live_on_the_public_page(admin_client, client):
    draft = make_bulletin(394, published_at=None, items=["Ofsted ILACS changes"])
    public_url = reverse("newsletters:bulletin_detail", args=[394])
    assert client.get(public_url).status_code == 404

    response = run_action(admin_client, "publish_now", draft)

    draft.refresh_from_db()
    assert draft.is_published
    assert messages_of(response) == ["Published 1 update."]
    page = client.get(public_url)
    assert page.status_code == 200
    assert "Ofsted ILACS changes" in page.content.decode()


def test_publish_action_leaves_live_bulletins_alone_and_says_how_many_changed(admin_client):
    draft = make_bulletin(published_at=None)
    went_live_at = timezone.now() - timedelta(days=30)
    live = make_bulletin(published_at=went_live_at)

    response = run_action(admin_client, "publish_now", draft, live)

    live.refresh_from_db()
    assert live.published_at == went_live_at
    assert messages_of(response) == ["Published 1 update. 1 was already live and left alone."]


def test_unpublish_action_takes_a_bulletin_off_the_public_site(admin_client, client):
    live = make_bulletin(393)
    public_url = reverse("newsletters:bulletin_detail", args=[393])
    assert client.get(public_url).status_code == 200

    response = run_action(admin_client, "unpublish", live)

    live.refresh_from_db()
    assert live.published_at is None
    assert messages_of(response) == ["Moved 1 update back to draft."]
    assert client.get(public_url).status_code == 404


def test_staff_preview_a_draft_at_its_public_address_with_a_draft_banner(admin_client):
    draft = make_bulletin(394, published_at=None)

    response = admin_client.get(reverse("newsletters:bulletin_detail", args=[394]))

    assert response.status_code == 200
    assert 'class="draft-banner"' in response.content.decode()
    assert response.context["bulletin"] == draft


# Editing contacts


def test_admin_edit_of_a_contact_phone_shows_on_every_bulletin_listing_them(admin_client, client):
    contact = make_contact("Richard Tyndall", phone="07880 787007")
    for number in (392, 393):
        make_bulletin(number).contacts.add(contact)

    response = admin_client.post(
        change_url(contact),
        {
            "name": contact.name,
            "role": contact.role,
            "organisation": contact.organisation,
            "email": contact.email,
            "phone": "01632 960 123",
        },
    )

    assert response.status_code == 302, response.context["errors"]
    for number in (392, 393):
        page = client.get(reverse("newsletters:bulletin_detail", args=[number])).content.decode()
        assert '<a href="tel:+441632960123">01632 960 123</a>' in page
        assert "07880 787007" not in page
