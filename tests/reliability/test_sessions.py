"""Regression: a hostile session cookie is no session, not a 500 (fuzzing found it)."""

import pytest
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.utils.crypto import get_random_string

from reliability.sessions import SessionStore
from tests.factories import make_resource, make_staff, sign_in

HOSTILE_KEYS = [
    "\x00" * 32,
    "abc\x00defghijk",
    "x" * 41,
    "ABCDEFGHIJKLMNOP",
    "é" * 32,
    "' OR 1=1 --",
]


@pytest.mark.django_db
@pytest.mark.parametrize("key", HOSTILE_KEYS)
def test_pages_that_read_the_session_survive_a_hostile_session_cookie(client, key):
    resource = make_resource("Reading the session")
    client.cookies["sessionid"] = key
    # The resource page asks who the reader is (staff see drafts), so it reads the session.
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    assert client.get("/updates/1/").status_code == 404


@pytest.mark.parametrize("key", HOSTILE_KEYS)
def test_keys_django_could_not_have_issued_are_no_session(key):
    assert SessionStore(key).session_key is None


@pytest.mark.django_db
def test_real_sessions_still_work(client):
    make_staff(username="editor", superuser=True)
    assert sign_in(client, "editor", "a-long-test-password")
    key = client.cookies["sessionid"].value
    assert set(key) <= set(VALID_KEY_CHARS)
    assert SessionStore(key).load()
    assert client.get("/admin/").status_code == 200
    assert SessionStore(get_random_string(32, VALID_KEY_CHARS)).load() == {}
