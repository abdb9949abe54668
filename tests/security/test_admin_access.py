"""Walk every admin page as an editor and as an anonymous visitor."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import make_bulletin, make_resource

pytestmark = pytest.mark.django_db

CONTENT_APPS = {"resources", "newsletters"}
# Who may sign in and what they may do; sign-in records: superusers only.
STAFF_ONLY_APPS = {"auth", "axes"}


def registered_models():
    return sorted(admin.site._registry, key=lambda model: model._meta.label)


def admin_urls(model):
    opts = model._meta
    return [
        reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}")
        for page in ("changelist", "add")
    ]


def test_every_registered_model_is_sorted_into_content_or_not():
    apps = {model._meta.app_label for model in registered_models()}
    assert apps <= CONTENT_APPS | STAFF_ONLY_APPS, apps


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_editors_reach_content_and_nothing_else(editor_client, model):
    for url in admin_urls(model):
        response = editor_client.get(url)
        if model._meta.app_label in CONTENT_APPS:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, url


def test_editors_cannot_reach_permissions_or_a_users_page(editor_client, admin_user):
    user_change = reverse("admin:auth_user_change", args=[admin_user.pk])
    assert editor_client.get(user_change).status_code == 403
    password_change = reverse("admin:auth_user_password_change", args=[admin_user.pk])
    assert editor_client.get(password_change).status_code == 403
    # Permissions have no admin pages at all.
    assert editor_client.get("/admin/auth/permission/").status_code == 404


def test_the_admin_index_shows_editors_only_their_content(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:resources_resource_changelist") in html
    assert reverse("admin:newsletters_bulletin_changelist") in html
    for name in ("auth_user", "auth_group", "axes_accessattempt"):
        assert reverse(f"admin:{name}_changelist") not in html


def test_editors_cannot_make_themselves_powerful(editor_client):
    editor = get_user_model().objects.get(username="editor")
    response = editor_client.post(
        reverse("admin:auth_user_change", args=[editor.pk]),
        {"username": "editor", "is_superuser": "on", "is_staff": "on"},
    )
    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser


def test_editors_can_change_content(editor_client):
    resource = make_resource("A resource")
    bulletin = make_bulletin(393)
    for url in (
        reverse("admin:resources_resource_change", args=[resource.pk]),
        reverse("admin:newsletters_bulletin_change", args=[bulletin.pk]),
    ):
        assert editor_client.get(url).status_code == 200


@pytest.mark.parametrize("model", registered_models(), ids=lambda m: m._meta.label)
def test_anonymous_visitors_are_sent_to_login_from_every_admin_page(client, model):
    opts = model._meta
    urls = [
        *admin_urls(model),
        *(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_{suffix}", args=[1])
            for suffix in ("change", "delete", "history")
        ),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == f"{reverse('admin:login')}?next={url}"


def test_anonymous_visitors_are_sent_to_login_from_the_admin_index(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
