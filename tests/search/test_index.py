"""The index stays current: every save, rename, theme change and admin edit is found at once."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from newsletters.models import ProgrammeItem
from resources.models import Resource
from search import engine
from search.query import parse
from tests.factories import (
    make_bulletin,
    make_format,
    make_item,
    make_publisher,
    make_resource,
    make_theme,
)
from tests.resources.test_admin import resubmit_data

pytestmark = pytest.mark.django_db


def found(text, type="all"):
    """Titles the site search finds for `text`, best first."""
    rows = engine.matches(parse(text), type)
    return [result.object.title for result in engine.results(list(rows), None)]


def test_a_new_resource_is_found_at_once():
    make_resource("Unregulated children's homes")
    assert found("unregulated") == ["Unregulated children's homes"]


def test_an_edited_resource_is_found_by_its_new_words_only():
    resource = make_resource("Old words", summary="Planning ahead.")
    resource.title = "Succession planning"
    resource.save()
    assert found("succession") == ["Succession planning"]
    assert found("old words") == []


def test_a_deleted_resource_is_no_longer_found():
    make_resource("Gone tomorrow").delete()
    assert found("gone tomorrow") == []


@pytest.mark.parametrize("model_name", ["theme", "format", "publisher"])
def test_renaming_a_theme_format_or_publisher_in_admin_is_found_at_once(admin_client, model_name):
    label = {"theme": make_theme, "format": make_format, "publisher": make_publisher}[model_name](
        "Old label"
    )
    fields = {"theme": {"themes": [label]}, "format": {"format": label}}.get(
        model_name, {"publisher": label}
    )
    make_resource("Tagged resource", **fields)
    assert found('"old label"') == ["Tagged resource"]

    url = reverse(f"admin:resources_{model_name}_change", args=[label.pk])
    data = resubmit_data(admin_client.get(url))
    data["name"] = "Corporate parenting"
    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert found("corporate parenting") == ["Tagged resource"]
    assert found('"old label"') == []


def test_themes_changed_in_the_resource_admin_are_found_at_once(admin_client, client):
    make_theme("Corporate parenting")
    theme = make_theme("Care leavers")
    resource = make_resource("Staying close")
    url = reverse("admin:resources_resource_change", args=[resource.pk])
    data = resubmit_data(admin_client.get(url))
    data["themes"] = [str(theme.pk)]
    data["title"] = "Staying close to young people"

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert found("leavers") == ["Staying close to young people"]
    assert found("corporate") == []
    page = client.get(reverse("search:search"), {"q": "care leavers"}).content.decode()
    assert "Staying close to young people" in page
    library = client.get(reverse("resources:resource_list"), {"q": "leavers"}).content.decode()
    assert "Staying close to young people" in library


def test_adding_and_removing_a_theme_from_either_side_reindexes():
    theme = make_theme("Youth justice")
    resource = make_resource("Diversion schemes")
    theme.resources.add(resource)
    assert found("youth justice") == ["Diversion schemes"]
    theme.resources.clear()
    assert found("youth justice") == []
    resource.themes.add(theme)
    assert found("youth justice") == ["Diversion schemes"]
    resource.themes.remove(theme)
    assert found("youth justice") == []


def test_deleting_a_theme_forgets_its_name():
    theme = make_theme("Youth justice")
    make_resource("Diversion schemes", themes=[theme])
    theme.delete()
    assert found("youth justice") == []
    assert found("diversion") == ["Diversion schemes"]


def test_an_edited_programme_item_is_found_at_once(admin_client):
    bulletin = make_bulletin(items=["Attendance playbook"])
    item = bulletin.items.get()
    item.update = "Regional attendance hubs open in January."
    item.save()
    assert found("hubs", type="updates") == ["Attendance playbook"]


def test_rebuild_search_index_indexes_rows_made_without_signals():
    format = make_format("Report")
    Resource.objects.bulk_create(
        [
            Resource(
                title=f"Bulk paper {n}", slug=f"bulk-{n}", summary="Fostering.", format=format
            )
            for n in range(3)
        ]
    )
    Resource.objects.update(published_at=make_resource("Live one").published_at)
    ProgrammeItem.objects.bulk_create(
        [ProgrammeItem(bulletin=make_bulletin(), title="Kinship care pilot", order=5)]
    )
    assert found("fostering") == []
    assert found("kinship") == []

    call_command("rebuild_search_index", verbosity=0)

    assert len(found("fostering")) == 3
    assert found("kinship") == ["Kinship care pilot"]


def test_rebuild_search_index_shows_progress_and_a_summary(capsys):
    make_resource("One")
    make_item(make_bulletin(), "Two")
    call_command("rebuild_search_index", batch_size=1)
    out = capsys.readouterr().out
    assert "Resources" in out and "[" + "#" * 30 + "] 1/1 (100%)" in out
    assert "Programme items" in out
    assert "Search index rebuilt: 1 resources, 1 programme items" in out


def test_rebuild_search_index_refuses_a_batch_size_below_one():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="1 or more"):
        call_command("rebuild_search_index", batch_size=0)
