"""The one definition of draft / scheduled / live (core/publishing.py), in every form it takes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from core.publishing import (
    draft_q,
    has_gone_live,
    next_publication,
    published_q,
    published_sql,
    scheduled_q,
)
from newsletters.models import Bulletin, ProgrammeItem
from resources.models import Resource, Theme
from tests.factories import make_bulletin, make_item, make_resource, make_theme

pytestmark = pytest.mark.django_db

STATES = {
    "draft": None,
    "scheduled": timedelta(hours=1),
    "live": -timedelta(seconds=1),
}


def publish_time(state):
    offset = STATES[state]
    return None if offset is None else timezone.now() + offset


@pytest.fixture
def one_of_each():
    return {state: make_resource(state, published_at=publish_time(state)) for state in STATES}


def titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


def test_each_state_has_one_lookup_and_they_never_overlap(one_of_each):
    assert titles(Resource.objects.filter(published_q())) == ["live"]
    assert titles(Resource.objects.filter(scheduled_q())) == ["scheduled"]
    assert titles(Resource.objects.filter(draft_q())) == ["draft"]
    assert [one_of_each[state].status for state in STATES] == ["Draft", "Scheduled", "Live"]


def test_the_lookup_works_across_a_relation(one_of_each):
    theme = make_theme("Safeguarding")
    for resource in one_of_each.values():
        resource.themes.add(theme)
    assert Theme.objects.filter(published_q("resources__")).get() == theme
    assert titles(theme.resources.filter(published_q())) == ["live"]


def test_items_are_live_only_in_a_live_update():
    for number, state in enumerate(STATES, start=400):
        make_item(make_bulletin(number, published_at=publish_time(state)), f"item {state}")
    live = ProgrammeItem.objects.filter(published_q("bulletin__"))
    assert titles(live) == ["item live"]
    assert titles(ProgrammeItem.objects.in_published_updates()) == ["item live"]


def test_the_sql_fragment_finds_what_published_finds(one_of_each):
    table = connection.ops.quote_name(Resource._meta.db_table)
    condition, params = published_sql(f"{table}.published_at")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT title FROM {table} WHERE {condition}", params)
        found = sorted(title for (title,) in cursor.fetchall())
    assert found == titles(Resource.objects.published()) == ["live"]


def test_a_publish_time_goes_live_the_moment_it_passes():
    now = timezone.now()
    assert has_gone_live(now, now=now)
    assert not has_gone_live(now + timedelta(microseconds=1), now=now)
    assert not has_gone_live(None, now=now)


def test_the_next_publication_is_the_earliest_scheduled_time_of_any_model(one_of_each):
    soon = timezone.now() + timedelta(minutes=5)
    make_bulletin(401, published_at=soon)
    assert next_publication(Resource, Bulletin) == soon
    assert next_publication(Resource) == one_of_each["scheduled"].published_at
    Resource.objects.filter(scheduled_q()).delete()
    Bulletin.objects.all().delete()
    assert next_publication(Resource, Bulletin) is None
