"""Staff login is throttled by username and IP address (django-axes), without revealing users."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_staff

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
LIMIT_NOTICE = "failed attempts to sign in"


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.AXES_FAILURE_LIMIT = 3


def attempt(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def comparable(response, username):
    """The page, without what differs on every response (nonces, CSRF tokens) or is typed."""
    html = response.content.decode().replace(username, "USERNAME")
    html = re.sub(r'nonce="[^"]*"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def signed_in(client):
    return "_auth_user_id" in client.session


def test_the_login_page_says_attempts_are_limited(client):
    html = client.get(reverse("admin:login")).content.decode()
    assert "Sign-in is paused for 15 minutes after 3 failed attempts" in html


def test_a_wrong_password_shows_the_usual_error_until_the_limit(client):
    make_staff("editor")
    response = attempt(client, "editor", "wrong")
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()


def test_locked_out_after_the_limit_even_with_the_right_password(client):
    make_staff("editor")
    for _ in range(3):
        attempt(client, "editor", "wrong")

    response = attempt(client, "editor", PASSWORD)

    assert response.status_code == 429
    assert LIMIT_NOTICE in response.content.decode()
    assert not signed_in(client)


def test_lockout_is_for_that_username_from_that_address_only(client):
    make_staff("editor")
    make_staff("other")
    for _ in range(3):
        attempt(client, "editor", "wrong")

    attempt(client, "other", PASSWORD)
    assert signed_in(client)
    client.logout()
    attempt(client, "editor", PASSWORD, ip="198.51.100.9")
    assert signed_in(client)


def test_no_username_enumeration(client):
    """A username that exists and one that does not get the same pages, and both lock."""
    make_staff("editor")
    pages = {}
    for username in ("editor", "nobody-by-this-name"):
        responses = [attempt(client, username, "wrong") for _ in range(4)]
        pages[username] = [(r.status_code, comparable(r, username)) for r in responses]
    assert [status for status, _ in pages["editor"]] == [200, 200, 429, 429]
    assert pages["editor"] == pages["nobody-by-this-name"]


def test_a_correct_login_works_after_the_cool_off(client, settings):
    from axes.models import AccessAttempt

    make_staff("editor")
    for _ in range(3):
        attempt(client, "editor", "wrong")
    assert attempt(client, "editor", PASSWORD).status_code == 429

    # Move the failures back past the cool-off period, as time passing would.
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timezone.timedelta(seconds=1)
    )
    response = attempt(client, "editor", PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)
