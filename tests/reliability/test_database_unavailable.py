"""While the database is away, pages are a site-styled 503 with Retry-After, not a 500."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client


@pytest.fixture
def unraised_client():
    """A client that gets the error page, as a reader would, instead of the exception."""
    return Client(raise_request_exception=False)


def database_down(exception):
    return mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=exception,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "exception",
    [
        OperationalError("connection to server failed: Connection refused"),
        InterfaceError("connection already closed"),
    ],
)
@pytest.mark.parametrize("path", ["/", "/resources/", "/resources/a-report/", "/updates/"])
def test_pages_are_a_friendly_503_while_the_database_is_away(unraised_client, path, exception):
    with database_down(exception):
        response = unraised_client.get(path)
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    assert "The library is briefly unavailable" in html
    assert "Leaders’ Library" in html  # The site's own header: styled, not a bare error.
    assert "Traceback" not in html
    assert "connection" not in html.lower()  # Nothing of the error itself.


@pytest.mark.django_db
def test_a_database_error_raised_inside_another_error_is_still_a_503(unraised_client):
    def broken_view(*args, **kwargs):
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError as exc:
            raise RuntimeError("while rendering") from exc

    with mock.patch("resources.views.render", side_effect=broken_view):
        response = unraised_client.get("/resources/")
    assert response.status_code == 503


@pytest.mark.django_db
def test_other_errors_are_still_the_500_page(unraised_client):
    with mock.patch("resources.views.render", side_effect=ValueError("a bug")):
        response = unraised_client.get("/resources/")
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()
