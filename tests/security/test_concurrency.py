"""Two editors open the same resource or update; the second save is refused, not lost."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from newsletters.models import Bulletin
from resources.models import Resource
from tests.admin_forms import form_values
from tests.factories import make_bulletin, make_resource, make_staff, make_theme

pytestmark = pytest.mark.django_db


def change_form_data(response):
    """Everything the admin change page would send back: the form and each inline."""
    data = form_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_values(formset.management_form))
        for form in formset.forms:
            data.update(form_values(form))
    return data


@pytest.fixture
def editors():
    """Two signed-in members of the Editors group, each in their own browser session."""
    group = Group.objects.get(name="Editors")
    clients = []
    for username, first_name in (("asha", "Asha"), ("ben", "Ben")):
        user = make_staff(username)
        user.first_name, user.last_name = first_name, "Editor"
        user.save()
        user.groups.add(group)
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def resource_url(resource):
    return reverse("admin:resources_resource_change", args=[resource.pk])


def test_the_second_save_of_a_resource_from_an_old_copy_is_refused(editors):
    asha, ben = editors
    resource = make_resource("Practice leadership", summary="The first summary.")
    url = resource_url(resource)
    asha_data = change_form_data(asha.get(url))
    ben_data = change_form_data(ben.get(url))

    asha_data["summary"] = "Asha's summary."
    assert asha.post(url, asha_data).status_code == 302

    ben_data["title"] = "Ben's title"
    response = ben.post(url, ben_data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Asha Editor saved this resource on" in html
    assert "Your changes have <strong>not</strong> been saved" in html
    # Which fields differ, with the saved values.
    assert "<strong>Title</strong>, saved as: “Practice leadership”" in html
    assert "<strong>Summary</strong>, saved as: “Asha&#x27;s summary.”" in html
    resource.refresh_from_db()
    assert resource.title == "Practice leadership"
    assert resource.summary == "Asha's summary."
    # Ben's own text is still in his form.
    assert 'value="Ben&#x27;s title"' in html


def test_saving_again_after_the_warning_replaces_the_other_version_knowingly(editors):
    asha, ben = editors
    resource = make_resource("Practice leadership")
    url = resource_url(resource)
    asha_data = change_form_data(asha.get(url))
    ben_data = change_form_data(ben.get(url))
    asha_data["summary"] = "Asha's summary."
    asha.post(url, asha_data)
    ben_data["title"] = "Ben's title"
    warning = ben.post(url, ben_data)

    again = ben.post(url, change_form_data(warning))

    assert again.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Ben's title"
    # Ben chose to save his whole form, which held the summary as he first saw it.
    assert resource.summary == "A summary of Practice leadership."


def test_an_editor_saving_twice_in_a_row_is_not_a_conflict(editors):
    asha, _ = editors
    resource = make_resource("Practice leadership")
    url = resource_url(resource)
    data = change_form_data(asha.get(url))
    data["summary"] = "One."
    assert asha.post(url, data).status_code == 302
    data = change_form_data(asha.get(url))
    data["summary"] = "Two."
    assert asha.post(url, data).status_code == 302
    resource.refresh_from_db()
    assert resource.summary == "Two."


def test_a_many_to_many_change_is_shown_with_its_saved_value(editors):
    asha, ben = editors
    theme = make_theme("Leading in colour")
    resource = make_resource("Practice leadership")
    url = resource_url(resource)
    asha_data = change_form_data(asha.get(url))
    ben_data = change_form_data(ben.get(url))
    asha_data["themes"] = [str(theme.pk)]
    asha.post(url, asha_data)

    html = ben.post(url, ben_data).content.decode()

    assert "<strong>Themes</strong>, saved as: “Leading in colour”" in html
    assert list(resource.themes.all()) == [theme]


def test_publishing_from_the_list_also_counts_as_a_change(editors):
    asha, ben = editors
    resource = make_resource("Practice leadership", published_at=None)
    url = resource_url(resource)
    ben_data = change_form_data(ben.get(url))
    asha.post(
        reverse("admin:resources_resource_changelist"),
        {"action": "publish_now", "_selected_action": [resource.pk]},
    )

    response = ben.post(url, ben_data)

    assert response.status_code == 200
    assert "Asha Editor saved this resource" in response.content.decode()
    resource.refresh_from_db()
    assert resource.is_published


# Weekly updates and their items


def bulletin_url(bulletin):
    return reverse("admin:newsletters_bulletin_change", args=[bulletin.pk])


def test_an_item_edited_inline_by_one_editor_is_not_overwritten_by_another(editors):
    asha, ben = editors
    bulletin = make_bulletin(393, items=["Ofsted framework"], published_at=None)
    url = bulletin_url(bulletin)
    asha_data = change_form_data(asha.get(url))
    ben_data = change_form_data(ben.get(url))

    asha_data["items-0-update"] = "Asha's news about the framework."
    assert asha.post(url, asha_data).status_code == 302

    ben_data["introduction"] = "Ben's introduction."
    response = ben.post(url, ben_data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Asha Editor saved this weekly update on" in html
    item = bulletin.items.get()
    assert item.update == "Asha's news about the framework."
    bulletin.refresh_from_db()
    assert bulletin.introduction != "Ben's introduction."


def test_an_item_saved_on_its_own_page_moves_its_update_on(editors):
    asha, ben = editors
    bulletin = make_bulletin(393, items=["Ofsted framework"], published_at=None)
    item = bulletin.items.get()
    ben_data = change_form_data(ben.get(bulletin_url(bulletin)))
    item_url = reverse("admin:newsletters_programmeitem_change", args=[item.pk])
    item_data = change_form_data(asha.get(item_url))
    item_data["title"] = "Ofsted framework: the new date"
    assert asha.post(item_url, item_data).status_code == 302

    response = ben.post(bulletin_url(bulletin), ben_data)

    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Ofsted framework: the new date"


def test_versions_count_every_save():
    resource = make_resource()
    bulletin = make_bulletin()
    assert (resource.version, bulletin.version) == (1, 1)
    stale = Resource.objects.get(pk=resource.pk)
    resource.save()
    stale.save()  # Counted in the database, so a stale copy still moves it on.
    assert Resource.objects.get(pk=resource.pk).version == 3
    bulletin.save(update_fields=["published_at"])
    assert Bulletin.objects.get(pk=bulletin.pk).version == 2
