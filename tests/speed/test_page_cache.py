"""The whole-page cache: anonymous pages are cached; nothing stale or private is served."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from newsletters.models import Bulletin
from pagecache import generation
from tests.factories import make_resource, make_staff, make_theme
from tests.resources.test_admin import change_url, publish_action, resubmit_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

LIBRARY = "/resources/"


def cache_status(response):
    return response.headers.get("X-Page-Cache")


def test_anonymous_page_is_cached_and_replayed_with_the_same_headers(client):
    make_resource("Leading in colour")
    first = client.get(LIBRARY)
    second = client.get(LIBRARY)

    assert (cache_status(first), cache_status(second)) == ("miss", "hit")
    assert second.content == first.content
    # A replay carries every header the page was rendered with (e.g. its CSP
    # header), not headers made up afresh; only
    # what is said outside the cache differs: hit or miss, and the request id.
    per_request = {"X-Page-Cache", "X-Request-ID"}
    assert first["X-Request-ID"] != second["X-Request-ID"]
    headers = {k: v for k, v in first.headers.items() if k not in per_request}
    assert {k: v for k, v in second.headers.items() if k not in per_request} == headers


def test_query_string_is_part_of_the_key(client):
    make_resource("Leading in colour")
    client.get(LIBRARY)
    assert cache_status(client.get(LIBRARY + "?sort=title")) == "miss"


def test_cached_page_costs_no_queries_beyond_the_generation(client, django_assert_num_queries):
    make_resource("Leading in colour")
    client.get(LIBRARY)
    with django_assert_num_queries(1):  # the generation, from the shared database
        assert cache_status(client.get(LIBRARY)) == "hit"


def test_responses_carry_validators_and_conditional_gets_get_304(client):
    make_resource("Leading in colour")
    response = client.get(LIBRARY)
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert "no-cache" in response["Cache-Control"]  # browsers revalidate, cheaply

    not_modified = client.get(LIBRARY, headers={"If-None-Match": response["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == response["ETag"]

    since = client.get(LIBRARY, headers={"If-Modified-Since": response["Last-Modified"]})
    assert since.status_code == 304

    stale = client.get(LIBRARY, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200


def test_after_an_edit_the_old_etag_no_longer_matches(client):
    resource = make_resource("Old title")
    etag = client.get(LIBRARY)["ETag"]
    resource.title = "New title"
    resource.save()
    response = client.get(LIBRARY, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "New title" in response.content.decode()


def test_staff_are_never_served_or_given_cached_pages(staff_client):
    make_resource("Leading in colour")
    Client().get(LIBRARY)  # cached for the public
    for _ in range(2):
        response = staff_client.get(LIBRARY)
        assert response.status_code == 200
        assert cache_status(response) is None


def test_draft_preview_is_never_cached(staff_client):
    draft = make_resource("A draft", published_at=None)
    preview = staff_client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert cache_status(preview) is None
    assert "no-cache" in preview["Cache-Control"]
    # The public never sees it, whatever staff looked at.
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_a_visitor_with_a_session_or_a_message_is_not_cached(client):
    make_resource("Leading in colour")
    client.cookies["sessionid"] = "abc"
    assert cache_status(client.get(LIBRARY)) is None
    del client.cookies["sessionid"]
    client.cookies["messages"] = "xyz"
    assert cache_status(client.get(LIBRARY)) is None


def test_not_found_pages_posts_and_the_admin_are_not_cached(client):
    assert cache_status(client.get("/resources/no-such-thing/")) is None
    assert client.get("/resources/no-such-thing/").status_code == 404
    assert cache_status(client.post(LIBRARY)) is None
    assert cache_status(client.get("/admin/login/")) is None


def test_pages_that_set_a_cookie_are_not_cached(client):
    # The admin login page sets the CSRF cookie; it must never be replayed.
    response = client.get("/admin/login/")
    assert response.cookies
    assert cache_status(response) is None


def test_admin_edit_is_visible_on_the_very_next_anonymous_request(admin_client, client):
    resource = make_resource("Old title")
    assert cache_status(client.get(resource.get_absolute_url())) == "miss"
    assert cache_status(client.get(LIBRARY)) == "miss"
    assert cache_status(client.get(resource.get_absolute_url())) == "hit"

    data = resubmit_data(admin_client.get(change_url(resource)))
    data.update(title="Leading through change")
    assert admin_client.post(change_url(resource), data).status_code == 302

    detail = client.get(resource.get_absolute_url())
    assert "Leading through change" in detail.content.decode()
    assert "Leading through change" in client.get(LIBRARY).content.decode()


def test_publish_and_unpublish_in_the_admin_show_at_once(admin_client, client):
    draft = make_resource("Soon to be live", published_at=None)
    assert "Soon to be live" not in client.get(LIBRARY).content.decode()

    publish_action(admin_client, "publish_now", draft)
    assert "Soon to be live" in client.get(LIBRARY).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 200

    publish_action(admin_client, "unpublish", draft)
    assert "Soon to be live" not in client.get(LIBRARY).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_delete_theme_rename_and_theme_changes_show_at_once(client):
    theme = make_theme("Safeguarding")
    resource = make_resource("Leading in colour", themes=[theme])
    assert "Safeguarding" in client.get(LIBRARY).content.decode()

    theme.name = "Keeping children safe"
    theme.save()
    assert "Keeping children safe" in client.get(LIBRARY).content.decode()

    resource.themes.remove(theme)  # a many-to-many change
    assert "Keeping children safe" not in client.get(LIBRARY).content.decode()

    resource.delete()
    assert "Leading in colour" not in client.get(LIBRARY).content.decode()


def test_a_new_update_shows_at_once(client):
    Bulletin.objects.create(number=1, published_at=timezone.now() - timedelta(hours=1))
    assert "Update No 1<" in client.get("/updates/").content.decode()
    Bulletin.objects.create(number=2, published_at=timezone.now() - timedelta(minutes=1))
    assert "Update No 2<" in client.get("/updates/").content.decode()


def test_scheduled_content_appears_when_its_time_comes(client, monkeypatch):
    make_resource("Published already")
    make_resource("Scheduled for later", published_at=timezone.now() + timedelta(hours=1))
    assert "Scheduled for later" not in client.get(LIBRARY).content.decode()
    assert cache_status(client.get(LIBRARY)) == "hit"

    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response = client.get(LIBRARY)
    assert cache_status(response) == "miss"
    assert "Scheduled for later" in response.content.decode()


def test_a_lost_generation_never_brings_back_old_pages(client):
    make_resource("Leading in colour")
    client.get(LIBRARY)
    before = generation.current()["token"]
    generation.bump()
    assert generation.current()["token"] != before
    assert cache_status(client.get(LIBRARY)) == "miss"


def test_page_cache_off_still_answers_conditional_gets(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    make_resource("Leading in colour")
    response = client.get(LIBRARY)
    assert cache_status(response) is None
    assert client.get(LIBRARY, headers={"If-None-Match": response["ETag"]}).status_code == 304


def test_staff_login_does_not_leak_into_the_public_cache(client):
    make_resource("Leading in colour")
    staff = make_staff(permissions=["resources.change_resource"])
    client.force_login(staff)
    client.get(LIBRARY)
    client.logout()
    assert cache_status(client.get(LIBRARY)) == "miss"
    assert cache_status(client.get(LIBRARY)) == "hit"


def test_library_counts_are_cached_and_never_stale(client, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0  # the fragment alone
    settings.FRAGMENT_CACHE_SECONDS = 600
    theme = make_theme("Safeguarding")
    make_resource("Leading in colour", themes=[theme])
    client.get(LIBRARY)
    # Generation, page and its themes: the choices and counts come from the cache.
    with django_assert_num_queries(3):
        page = client.get(LIBRARY + "?page=1").content.decode()
    assert 'Safeguarding <span class="count">(1)</span>' in page

    make_resource("Keeping children safe", themes=[theme])
    page = client.get(LIBRARY).content.decode()
    assert 'Safeguarding <span class="count">(2)</span>' in page
    assert "2 resources" in page


def test_check_refuses_csp_middleware_outside_the_page_cache(settings):
    from django.core import checks

    csp = "django.middleware.csp.ContentSecurityPolicyMiddleware"
    settings.MIDDLEWARE = [csp, *settings.MIDDLEWARE]
    errors = [e for e in checks.run_checks() if e.id == "pagecache.E001"]
    assert len(errors) == 1 and csp in errors[0].msg
    settings.MIDDLEWARE = [*settings.MIDDLEWARE[1:], csp]
    assert not [e for e in checks.run_checks() if e.id == "pagecache.E001"]


def test_filter_form_fragment_follows_every_change(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600
    theme = make_theme("Safeguarding")
    make_resource("Leading in colour", themes=[theme])
    client.get(LIBRARY + "?sort=title")
    theme.name = "Keeping children safe"
    theme.save()
    page = client.get(LIBRARY + "?sort=title").content.decode()
    assert 'Keeping children safe <span class="count">(1)</span>' in page
    # The search box shows what this visitor typed, not the last visitor's words.
    assert 'value="colour"' in client.get(LIBRARY + "?q=colour").content.decode()
    assert 'value="leading"' in client.get(LIBRARY + "?q=leading").content.decode()


def test_changes_in_a_transaction_bump_again_once_it_commits(
    client, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            theme = make_theme("Safeguarding")
            make_resource("Leading in colour", themes=[theme])
    assert callbacks == [generation.bump]  # one more bump, however many rows changed
    assert "Safeguarding" in client.get(LIBRARY).content.decode()


def test_resource_cards_follow_every_change(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600
    theme = make_theme("Safeguarding")
    resource = make_resource("Leading in colour", themes=[theme])
    client.get("/")
    client.get(LIBRARY)
    theme.name = "Keeping children safe"  # shown on the card, not saved on the resource
    theme.save()
    for path in ("/", LIBRARY):
        assert "Keeping children safe</a>" in client.get(path).content.decode()
    resource.title = "Leading through change"
    resource.save()
    assert "Leading through change" in client.get(LIBRARY).content.decode()


def test_a_card_renders_without_a_request_too(settings):
    from django.template.loader import render_to_string

    settings.FRAGMENT_CACHE_SECONDS = 600
    resource = make_resource("Leading in colour")
    html = render_to_string("resources/_resource_card.html", {"resource": resource})
    assert "Leading in colour" in html


def test_home_fragments_follow_every_change(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600
    theme = make_theme("Safeguarding")
    make_resource("Leading in colour", themes=[theme])
    assert 'Safeguarding</a> <span class="count">(1)</span>' in client.get("/").content.decode()
    make_resource("Keeping children safe", themes=[theme])
    assert 'Safeguarding</a> <span class="count">(2)</span>' in client.get("/").content.decode()
    Bulletin.objects.create(number=7, published_at=timezone.now() - timedelta(hours=1))
    assert "Update No 7" in client.get("/").content.decode()


def test_related_resources_follow_every_change(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 600
    theme = make_theme("Safeguarding")
    resource = make_resource("Leading in colour", themes=[theme])
    assert "Related resources" not in client.get(resource.get_absolute_url()).content.decode()
    make_resource("Keeping children safe", themes=[theme])
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Related resources" in page and "Keeping children safe" in page


def test_pages_still_work_when_the_cache_is_down(client, settings, monkeypatch):
    from django.core.cache import caches

    settings.FRAGMENT_CACHE_SECONDS = 600
    settings.PAGE_CACHE_SHARED = True  # as with Redis: the generation lives in the cache

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    cache = caches["default"]
    for method in ("get", "set", "add", "get_many", "set_many"):
        monkeypatch.setattr(cache, method, down)
    theme = make_theme("Safeguarding")
    resource = make_resource("Leading in colour", themes=[theme])
    make_resource("Keeping children safe", themes=[theme])
    for path in ("/", LIBRARY, LIBRARY + "?theme=safeguarding", resource.get_absolute_url()):
        response = client.get(path)
        assert response.status_code == 200, path
        assert cache_status(response) is None
    assert "Keeping children safe" in client.get(resource.get_absolute_url()).content.decode()
