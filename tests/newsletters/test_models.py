"""Weekly updates and their programme items in each publication state: draft, scheduled, live.

The same grid of states as the library's resources (tests/resources/test_models.py):
only a live update, and the items in it, reach the public.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsletters.models import Bulletin, ProgrammeItem
from tests.clock import frozen_at
from tests.factories import make_item, make_staff
from tests.newsletters.conftest import DEADLINE_IN_DAYS

pytestmark = pytest.mark.django_db

STATUS = {"draft": "Draft", "scheduled": "Scheduled", "live": "Live"}


def item_of(updates, state):
    return updates[state].items.get()


def test_published_includes_only_live(updates):
    assert list(Bulletin.objects.published()) == [updates["live"]]
    assert Bulletin.objects.latest_published() == updates["live"]


def test_drafts_and_scheduled_are_named_querysets(updates):
    assert list(Bulletin.objects.drafts()) == [updates["draft"]]
    assert list(Bulletin.objects.scheduled()) == [updates["scheduled"]]


def test_is_published_and_status_mirror_the_queryset(updates, state):
    bulletin = updates[state]
    assert bulletin.is_published is (state == "live")
    assert bulletin.is_scheduled is (state == "scheduled")
    assert bulletin.status == STATUS[state]
    assert Bulletin.objects.published().filter(pk=bulletin.pk).exists() is (state == "live")


def test_visible_to_staff_who_may_edit_updates_includes_every_state(updates):
    editor = make_staff(permissions=["newsletters.change_bulletin"])
    assert set(Bulletin.objects.visible_to(editor)) == set(updates.values())


def test_visible_to_staff_without_change_permission_is_published_only(updates):
    viewer = make_staff("viewer", permissions=["resources.change_resource"])
    assert list(Bulletin.objects.visible_to(viewer)) == [updates["live"]]


def test_items_are_published_with_their_update(updates, state):
    item = item_of(updates, state)
    live = state == "live"
    assert (item in ProgrammeItem.objects.published()) is live
    assert (item in ProgrammeItem.objects.in_published_updates()) is live


def test_deadlines_ahead_are_those_of_live_updates(updates, state):
    assert (item_of(updates, state) in ProgrammeItem.objects.deadlines_ahead()) is (
        state == "live"
    )


def test_actions_due_are_those_of_live_updates(updates, state):
    item = item_of(updates, state)
    assert (item in ProgrammeItem.objects.due_within(7)) is (state == "live")
    assert (item in ProgrammeItem.objects.due_within(DEADLINE_IN_DAYS)) is (state == "live")
    assert item not in ProgrammeItem.objects.due_within(DEADLINE_IN_DAYS - 1)


def test_a_scheduled_update_and_its_items_go_live_at_its_publish_time(updates):
    scheduled = updates["scheduled"]
    item = item_of(updates, "scheduled")
    with frozen_at(scheduled.published_at - timedelta(seconds=1)):
        assert not Bulletin.objects.published().filter(pk=scheduled.pk).exists()
        assert item not in ProgrammeItem.objects.due_within(7)
    with frozen_at(scheduled.published_at):
        assert Bulletin.objects.latest_published() == scheduled
        assert item in ProgrammeItem.objects.deadlines_ahead()
        assert item in ProgrammeItem.objects.due_within(7)
    assert not Bulletin.objects.published().filter(pk=scheduled.pk).exists()


def test_past_deadlines_are_neither_ahead_nor_due(updates):
    item = item_of(updates, "live")
    item.action_deadline = timezone.localdate() - timedelta(days=1)
    item.save()
    assert item not in ProgrammeItem.objects.deadlines_ahead()
    assert item not in ProgrammeItem.objects.due_within(7)


def test_an_imported_reminder_without_an_update_is_due_but_not_in_the_calendar(db):
    # Reminders whose first update is not in the archive have no update page to link to.
    reminder = make_item(
        None, "Imported reminder", action_deadline=timezone.localdate() + timedelta(days=1)
    )
    assert reminder in ProgrammeItem.objects.published()
    assert reminder in ProgrammeItem.objects.due_within(7)
    assert reminder not in ProgrammeItem.objects.in_published_updates()
    assert reminder not in ProgrammeItem.objects.deadlines_ahead()
