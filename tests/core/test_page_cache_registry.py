"""What makes cached pages stale is what the content apps register (pagecache/content.py)."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.utils import timezone

from newsletters.models import Bulletin, ProgrammeItem
from pagecache import content, generation
from resources.models import Resource, Theme
from tests.factories import make_bulletin, make_resource

pytestmark = pytest.mark.django_db

LIBRARY = "/resources/"


@pytest.fixture
def registered():
    """Change the registry for one test: what was registered comes back after."""
    models, scheduled = set(content._models), content.scheduled_models()
    yield content
    content._models.clear()
    content._models.update(models)
    content._scheduled[:] = scheduled


def test_the_content_apps_register_all_their_models_and_what_they_schedule():
    for label in ("resources", "newsletters"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            assert content.shows(model), model
    assert content.shows(Resource.themes.through)
    assert not content.shows(Group)
    assert content.scheduled_models() == (Resource, Bulletin)


def test_saving_a_registered_model_bumps_the_generation_and_the_page_follows(client, page_cache):
    resource = make_resource("Old title")
    assert "Old title" in client.get(LIBRARY).content.decode()
    token = generation.current()["token"]

    resource.title = "Leading through change"
    resource.save()

    assert generation.current()["token"] != token
    page = client.get(LIBRARY)
    assert page.headers["X-Page-Cache"] == "miss"
    assert "Leading through change" in page.content.decode()


def test_a_model_nobody_registered_leaves_cached_pages_alone(client, page_cache, registered):
    resource = make_resource("Old title")
    client.get(LIBRARY)
    registered.unregister(Resource)

    resource.title = "Leading through change"
    resource.save()

    page = client.get(LIBRARY)
    assert page.headers["X-Page-Cache"] == "hit"  # the library's own saves no longer count
    assert "Old title" in page.content.decode()
    Theme.objects.create(name="Safeguarding", slug="safeguarding")  # still registered
    assert client.get(LIBRARY).headers["X-Page-Cache"] == "miss"


def test_registering_a_model_makes_its_changes_bump(client, page_cache, registered):
    make_resource("Leading in colour")
    client.get(LIBRARY)
    Group.objects.create(name="Test readers")
    assert client.get(LIBRARY).headers["X-Page-Cache"] == "hit"

    registered.register(Group)
    Group.objects.create(name="Test writers")

    assert client.get(LIBRARY).headers["X-Page-Cache"] == "miss"


def test_the_next_scheduled_change_is_the_soonest_registered_publish_time(registered):
    soon = timezone.now() + timedelta(hours=1)
    later = timezone.now() + timedelta(hours=2)
    make_bulletin(published_at=soon)
    make_resource("Scheduled for later", published_at=later)
    assert generation.next_scheduled_change() == soon

    registered.unregister(Bulletin)

    assert generation.next_scheduled_change() == later
    assert not content.shows(Bulletin) and content.shows(ProgrammeItem)
    registered.unregister(Resource)
    assert generation.next_scheduled_change() is None
