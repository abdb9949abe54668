from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone

from resources.models import Resource
from tests.admin_forms import form_values
from tests.factories import (
    make_audience,
    make_format,
    make_publisher,
    make_resource,
    make_theme,
)

pytestmark = pytest.mark.django_db

CONTENT_MODELS = ("theme", "format", "publisher", "audience", "resource")
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def changelist_url(model_name):
    return reverse(f"admin:resources_{model_name}_changelist")


def change_url(resource):
    return reverse("admin:resources_resource_change", args=[resource.pk])


def shown_resources(response):
    return set(response.context["cl"].result_list)


def resubmit_data(response):
    """Return POST data that saves the rendered admin form unchanged."""
    return form_values(response.context["adminform"].form)


def new_resource_data(**overrides):
    """Return POST data for the add form: a live report with nothing optional filled in."""
    # Noon yesterday: a time that exists once (not in the hour the clocks skip or repeat).
    yesterday = timezone.localdate() - timedelta(days=1)
    return {
        "title": "Practice leadership in fostering",
        "slug": "practice-leadership-in-fostering",
        "format": make_format("Report").pk,
        "summary": "What the best fostering services do differently.",
        "body": "",
        "published_on": timezone.localdate().strftime("%d/%m/%Y"),
        "published_at_0": yesterday.strftime("%d/%m/%Y"),
        "published_at_1": "12:00:00",
        **overrides,
    }


# Who gets in


@pytest.mark.parametrize("url_name", ["admin:index", "admin:resources_resource_changelist"])
def test_anonymous_users_are_sent_to_the_admin_login(client, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert response.url == f"{reverse('admin:login')}?next={reverse(url_name)}"


def test_logged_in_user_who_is_not_staff_cannot_get_into_admin(client):
    member = get_user_model().objects.create_user("reader", password="a-long-test-password")
    client.force_login(member)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_editors_group_has_exactly_the_library_content_permissions():
    group = Group.objects.get(name="Editors")

    granted = {
        f"{perm.content_type.app_label}.{perm.codename}"
        for perm in group.permissions.filter(content_type__app_label="resources")
    }

    assert granted == {
        f"resources.{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in CONTENT_MODELS
    }


def test_editors_group_has_no_auth_permissions():
    group = Group.objects.get(name="Editors")

    assert not group.permissions.filter(content_type__app_label="auth").exists()


def test_editor_can_open_the_resource_changelist_add_and_change_pages(editor_client):
    resource = make_resource()

    for url in (
        changelist_url("resource"),
        reverse("admin:resources_resource_add"),
        change_url(resource),
    ):
        assert editor_client.get(url).status_code == 200, url


def test_editor_cannot_open_the_user_list(editor_client):
    response = editor_client.get(reverse("admin:auth_user_changelist"))

    assert response.status_code == 403


# Every page loads

MAKERS = {
    "theme": make_theme,
    "format": make_format,
    "publisher": make_publisher,
    "audience": make_audience,
    "resource": make_resource,
}


@pytest.mark.parametrize("model_name", CONTENT_MODELS)
def test_changelist_add_and_change_pages_load_for_a_superuser(admin_client, model_name):
    obj = MAKERS[model_name]()

    for url in (
        changelist_url(model_name),
        reverse(f"admin:resources_{model_name}_add"),
        reverse(f"admin:resources_{model_name}_change", args=[obj.pk]),
    ):
        assert admin_client.get(url).status_code == 200, url


def test_theme_changelist_counts_only_live_resources(admin_client):
    theme = make_theme("Leading in colour")
    make_resource(themes=[theme])
    make_resource(themes=[theme], published_at=None)

    response = admin_client.get(changelist_url("theme"))

    assert response.context["cl"].result_list.get(pk=theme.pk).resource_count == 1


# Finding resources


def test_search_finds_a_resource_by_title(admin_client):
    wanted = make_resource("Leading through an Ofsted inspection")
    make_resource("Budget planning for directors")

    response = admin_client.get(changelist_url("resource"), {"q": "Ofsted"})

    assert shown_resources(response) == {wanted}


def test_search_finds_a_resource_by_publisher_name(admin_client):
    wanted = make_resource(publisher=make_publisher("Research in Practice"))
    make_resource(publisher=make_publisher("Local Government Association"))

    response = admin_client.get(changelist_url("resource"), {"q": "research in practice"})

    assert shown_resources(response) == {wanted}


@pytest.mark.parametrize("status", ["draft", "scheduled", "live"])
def test_status_filter_shows_only_resources_with_that_status(admin_client, status):
    resources = {
        "draft": make_resource(published_at=None),
        "scheduled": make_resource(published_at=timezone.now() + timedelta(days=3)),
        "live": make_resource(published_at=timezone.now() - timedelta(days=3)),
    }

    response = admin_client.get(changelist_url("resource"), {"status": status})

    assert shown_resources(response) == {resources[status]}


def test_status_column_says_draft_scheduled_or_live(admin_client):
    make_resource("Not yet", published_at=None)
    make_resource("Next week", published_at=timezone.now() + timedelta(days=7))
    make_resource("Out now")

    response = admin_client.get(changelist_url("resource"))

    content = response.content.decode()
    for status in ("Draft", "Scheduled", "Live"):
        assert f'<td class="field-status">{status}</td>' in content


def test_theme_autocomplete_returns_the_matching_theme(admin_client):
    wanted = make_theme("Leading in colour")
    make_theme("Early help")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "colour",
            "app_label": "resources",
            "model_name": "resource",
            "field_name": "themes",
        },
    )

    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(wanted.pk), "text": "Leading in colour"}]


# Publishing


def publish_action(client, action, *resources):
    return client.post(
        changelist_url("resource"),
        {"action": action, "_selected_action": [resource.pk for resource in resources]},
    )


def test_publish_action_makes_drafts_and_scheduled_resources_live(admin_client):
    draft = make_resource(published_at=None)
    scheduled = make_resource(published_at=timezone.now() + timedelta(days=3))

    publish_action(admin_client, "publish_now", draft, scheduled)

    draft.refresh_from_db()
    scheduled.refresh_from_db()
    assert draft.is_published
    assert scheduled.is_published


def test_publish_action_leaves_live_resources_alone_and_says_how_many_changed(admin_client):
    draft = make_resource(published_at=None)
    went_live_at = timezone.now() - timedelta(days=30)
    live = make_resource(published_at=went_live_at)

    response = publish_action(admin_client, "publish_now", draft, live)

    live.refresh_from_db()
    assert live.published_at == went_live_at
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "Published 1 resource. 1 was already live and left alone."
    ]


def test_published_draft_appears_on_the_public_list_and_detail_pages(admin_client, client):
    draft = make_resource("Leading in colour: a think piece", published_at=None)

    publish_action(admin_client, "publish_now", draft)

    assert draft.title in client.get(reverse("resources:resource_list")).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_unpublish_action_returns_a_live_resource_to_draft(admin_client):
    live = make_resource()

    response = publish_action(admin_client, "unpublish", live)

    live.refresh_from_db()
    assert live.published_at is None
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "Moved 1 resource back to draft."
    ]


def test_unpublished_resource_detail_page_is_404_for_the_public(admin_client, client):
    live = make_resource()

    publish_action(admin_client, "unpublish", live)

    assert client.get(live.get_absolute_url()).status_code == 404


# Editing


def test_admin_edit_shows_on_the_public_detail_and_list_pages(admin_client, client):
    resource = make_resource(
        "Old title",
        themes=[make_theme("Leading in colour")],
        audiences=[make_audience("Directors of children’s services")],
        publisher=make_publisher("Research in Practice"),
    )
    data = resubmit_data(admin_client.get(change_url(resource)))
    data.update(title="Leading through change", summary="A fresh summary for the list.")

    response = admin_client.post(change_url(resource), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    detail = client.get(resource.get_absolute_url()).content.decode()
    listing = client.get(reverse("resources:resource_list")).content.decode()
    assert "Leading through change" in detail
    assert "Leading through change" in listing
    assert "A fresh summary for the list." in listing
    assert "Old title" not in listing


def test_resubmitting_the_change_form_keeps_themes_and_audiences(admin_client):
    theme = make_theme("Leading in colour")
    audience = make_audience("Directors of children’s services")
    resource = make_resource(themes=[theme], audiences=[audience])

    admin_client.post(change_url(resource), resubmit_data(admin_client.get(change_url(resource))))

    assert list(resource.themes.all()) == [theme]
    assert list(resource.audiences.all()) == [audience]


def test_form_rejects_an_event_that_ends_before_it_starts(admin_client):
    response = admin_client.post(
        reverse("admin:resources_resource_add"),
        new_resource_data(
            starts_at_0="10/03/2027",
            starts_at_1="14:00",
            ends_at_0="10/03/2027",
            ends_at_1="10:00",
        ),
    )

    assert response.status_code == 200
    assert "The event ends before it starts." in response.content.decode()
    assert not Resource.objects.exists()


def test_form_rejects_booking_details_without_a_start_time(admin_client):
    response = admin_client.post(
        reverse("admin:resources_resource_add"),
        new_resource_data(booking_url="https://example.org/book"),
    )

    assert "Booking details are only for seminars and events." in response.content.decode()
    assert not Resource.objects.exists()


# Files


def test_uploaded_pdf_shows_its_type_and_size_on_the_public_page(admin_client, client):
    upload = SimpleUploadedFile("report.pdf", TINY_PDF, content_type="application/pdf")

    response = admin_client.post(
        reverse("admin:resources_resource_add"), new_resource_data(file=upload)
    )

    assert response.status_code == 302
    resource = Resource.objects.get()
    detail = client.get(resource.get_absolute_url()).content.decode()
    assert "PDF" in detail
    assert filesizeformat(len(TINY_PDF)) in detail


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "setup.exe",
            b"MZ\x90\x00\x03",
            "Upload a PDF, Word, PowerPoint, Excel or OpenDocument file",
        ),
        (
            "report.pdf",
            b"<!doctype html><title>Not a PDF</title>",
            "This file does not look like a real .pdf file.",
        ),
    ],
    ids=["executable", "web-page-named-pdf"],
)
def test_upload_that_is_not_a_document_is_rejected(admin_client, name, content, message):
    upload = SimpleUploadedFile(name, content)

    response = admin_client.post(
        reverse("admin:resources_resource_add"), new_resource_data(file=upload)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Resource.objects.exists()


# Staff preview


def test_draft_detail_page_is_404_for_anonymous_users(client):
    draft = make_resource(published_at=None)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_preview_a_draft_with_a_draft_banner(staff_client):
    draft = make_resource(published_at=None)

    response = staff_client.get(draft.get_absolute_url())

    assert response.status_code == 200
    assert 'class="draft-banner"' in response.content.decode()


def test_staff_preview_of_a_draft_is_never_cached(staff_client):
    draft = make_resource(published_at=None)

    cache_control = staff_client.get(draft.get_absolute_url())["Cache-Control"]

    for directive in ("no-cache", "private", "max-age=0"):
        assert directive in cache_control
