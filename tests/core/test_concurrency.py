"""The one version bump behind optimistic concurrency (core/concurrency.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.concurrency import VersionedModel
from newsletters.models import Bulletin
from resources.models import Resource
from tests.factories import make_bulletin, make_resource

pytestmark = pytest.mark.django_db


def saved_version(instance):
    return type(instance).objects.values_list("version", flat=True).get(pk=instance.pk)


def test_resources_and_updates_share_the_one_bump():
    assert issubclass(Resource, VersionedModel)
    assert issubclass(Bulletin, VersionedModel)
    for model in (Resource, Bulletin):
        field = model._meta.get_field("version")
        assert (field.default, field.editable) == (1, False)


@pytest.mark.parametrize("make", [make_resource, make_bulletin])
def test_a_new_row_is_version_one_and_every_save_adds_one(make):
    row = make()
    assert row.version == saved_version(row) == 1
    row.save()
    assert row.version == saved_version(row) == 2  # an int again, not F("version") + 1
    row.save(update_fields=["published_at"])
    assert row.version == saved_version(row) == 3


@pytest.mark.parametrize("make", [make_resource, make_bulletin])
def test_a_save_from_a_stale_copy_still_moves_the_version_on(make):
    row = make()
    stale = type(row).objects.get(pk=row.pk)
    row.save()
    stale.save()
    assert saved_version(row) == 3


def test_bump_versions_moves_on_only_the_rows_named_and_their_change_time():
    first, second, untouched = make_bulletin(), make_bulletin(), make_bulletin()
    long_ago = timezone.now() - timedelta(days=30)
    Bulletin.objects.update(updated_at=long_ago)

    Bulletin.bump_versions(first.pk, None, second.pk, first.pk)

    for bulletin in (first, second):
        bulletin.refresh_from_db()
        assert bulletin.version == 2  # once each, though `first` was named twice
        assert bulletin.updated_at > long_ago
    untouched.refresh_from_db()
    assert (untouched.version, untouched.updated_at) == (1, long_ago)


def test_bump_versions_with_no_rows_does_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        Bulletin.bump_versions(None, "")
