"""“Start next update”: a draft of the next update, with open actions carried over as reminders."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from newsletters.models import Bulletin
from tests.factories import make_bulletin, make_contact, make_item, make_staff
from tests.newsletters.admin_pages import (
    change_url,
    changelist_url,
    messages_of,
    run_action,
    start_next_url,
)

pytestmark = pytest.mark.django_db


# Who sees the button, who may press it


def test_anonymous_users_cannot_start_the_next_update(client):
    bulletin = make_bulletin(393)

    response = client.post(start_next_url(bulletin))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert not Bulletin.objects.filter(number=394).exists()


def test_editor_sees_the_start_next_update_button(editor_client):
    bulletin = make_bulletin(393)

    response = editor_client.get(change_url(bulletin))

    assert start_next_url(bulletin) in response.content.decode()


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


def test_start_next_button_refuses_get_requests(admin_client):
    bulletin = make_bulletin(393)

    response = admin_client.get(start_next_url(bulletin))

    assert response.status_code == 405
    assert Bulletin.objects.count() == 1


def test_start_next_button_needs_the_csrf_token(update_with_open_actions):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_staff(username="boss", superuser=True))

    response = client.post(start_next_url(update_with_open_actions))

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


def test_editor_can_start_the_next_update(editor_client, update_with_open_actions):
    response = editor_client.post(start_next_url(update_with_open_actions))

    assert_next_update_started_from(update_with_open_actions)
    assert response.status_code == 302


# Starting it


@pytest.fixture
def update_with_open_actions():
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
    admin_client, update_with_open_actions
):
    response = run_action(admin_client, "start_next", update_with_open_actions)

    following = assert_next_update_started_from(update_with_open_actions)
    assert response.status_code == 302
    assert response.url == change_url(following)


def test_start_next_button_creates_a_draft_with_open_actions_as_reminders(
    admin_client, update_with_open_actions
):
    response = admin_client.post(start_next_url(update_with_open_actions))

    following = assert_next_update_started_from(update_with_open_actions)
    assert response.status_code == 302
    assert response.url == change_url(following)


def test_start_next_says_how_many_reminders_were_carried_over(
    admin_client, update_with_open_actions
):
    response = admin_client.post(start_next_url(update_with_open_actions), follow=True)

    issued_on = update_with_open_actions.issued_on + timedelta(days=7)
    assert response.context["original"].number == 394
    assert messages_of(response) == [
        f"Started Update No 394 as a draft for {issued_on.day} "
        f"{issued_on.strftime('%B %Y')}, with 4 reminders carried over from Update No 393 "
        "and the same contacts. It is open for editing below."
    ]


def test_start_next_records_the_new_update_in_its_history(admin_client, update_with_open_actions):
    admin_client.post(start_next_url(update_with_open_actions))

    history = admin_client.get(
        reverse("admin:newsletters_bulletin_history", args=[Bulletin.objects.get(number=394).pk])
    )
    assert "Started from Update No 393." in history.content.decode()


# Starting it again, or from two


@pytest.mark.parametrize("how", ["action", "button"])
def test_start_next_again_names_the_existing_update_and_creates_nothing(
    admin_client, update_with_open_actions, how
):
    following = make_bulletin(394, published_at=None)

    if how == "action":
        response = run_action(admin_client, "start_next", update_with_open_actions)
        assert response.url == changelist_url()
    else:
        response = admin_client.post(start_next_url(update_with_open_actions))
        assert response.url == change_url(update_with_open_actions)

    assert Bulletin.objects.count() == 3  # 392, 393 and the existing 394.
    assert not following.reminders.exists()
    assert messages_of(response) == [
        f'Update No 394 has been started already: <a href="{change_url(following)}">'
        "open it</a> instead. No update was started."
    ]


def test_start_next_twice_from_the_button_makes_only_one_update(
    admin_client, update_with_open_actions
):
    admin_client.post(start_next_url(update_with_open_actions))
    response = admin_client.post(start_next_url(update_with_open_actions))

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
