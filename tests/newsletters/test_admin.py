"""The weekly updates' admin: who gets in, its pages, finding updates, publishing, contacts."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_bulletin, make_contact, make_item, make_publication, make_resource
from tests.newsletters.admin_pages import (
    CONTENT_MODELS,
    change_url,
    changelist_url,
    messages_of,
    run_action,
)

pytestmark = pytest.mark.django_db


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
