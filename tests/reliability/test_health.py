"""/healthz and /readyz: what a load balancer asks before sending readers."""

from unittest import mock

import pytest
from django.db import OperationalError


def assert_never_cached(response):
    cache_control = response["Cache-Control"]
    for directive in ("no-store", "no-cache", "private", "max-age=0"):
        assert directive in cache_control


def test_healthz_answers_without_the_database(client):
    # No django_db mark: any query would fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert_never_cached(response)


@pytest.mark.django_db
def test_readyz_answers_when_the_database_does(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"ready\n"
    assert_never_cached(response)


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_does_not_answer(client):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert_never_cached(response)


@pytest.mark.django_db
def test_health_checks_answer_only_get_and_head(client):
    assert client.head("/healthz").status_code == 200
    assert client.head("/readyz").status_code == 200
    assert client.post("/healthz").status_code == 405
    assert client.post("/readyz").status_code == 405


@pytest.mark.django_db
def test_health_checks_answer_plain_http_when_the_site_redirects_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/resources/").status_code == 301
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
