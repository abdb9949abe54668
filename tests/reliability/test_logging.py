"""One log line per request, with a request id; no secrets in the log."""

import logging
import re
from unittest import mock

import pytest
from django.test import Client

from reliability.logging import loggable_query, printable
from tests.factories import make_staff

REQUEST_LOGGER = "library.requests"


def request_lines(caplog):
    return [r for r in caplog.records if r.name == REQUEST_LOGGER]


@pytest.mark.django_db
def test_one_line_per_request_with_method_path_status_and_duration(client, caplog):
    caplog.set_level(logging.INFO, logger=REQUEST_LOGGER)
    response = client.get("/resources/?format=report")
    [record] = request_lines(caplog)
    message = record.getMessage()
    assert message.startswith('GET "/resources/?format=report" 200 ')
    assert re.search(r" \d+\.\dms$", message)
    assert record.status == 200
    assert record.request_id == response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db
def test_a_sane_request_id_from_the_proxy_is_kept_and_echoed(client, caplog):
    caplog.set_level(logging.INFO, logger=REQUEST_LOGGER)
    response = client.get("/healthz", headers={"X-Request-ID": "lb-1234.abc"})
    assert response["X-Request-ID"] == "lb-1234.abc"
    assert request_lines(caplog)[0].request_id == "lb-1234.abc"


@pytest.mark.parametrize("supplied", ["", "a b", "x" * 129, "id\nFAKE LOG LINE", "<script>"])
def test_an_odd_request_id_is_replaced(client, supplied):
    response = client.get("/healthz", headers={"X-Request-ID": supplied})
    assert response["X-Request-ID"] != supplied
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_control_characters_cannot_forge_log_lines():
    assert printable('/a\nGET "/forged" 200', 100) == '/a\\nGET \\"/forged\\" 200'
    assert printable("\x00é", 100) == "\\x00é"
    assert len(printable("x" * 1000, 500)) == 500


def test_secret_looking_query_values_are_redacted():
    logged = loggable_query("q=care&password=hunter2&csrfmiddlewaretoken=abc&api_key=k")
    assert "hunter2" not in logged
    assert "abc" not in logged
    assert "=k" not in logged
    assert "q=care" in logged


@pytest.mark.django_db
def test_errors_are_logged_with_their_traceback_and_request_id(caplog):
    caplog.set_level(logging.INFO)
    client = Client(raise_request_exception=False)
    with mock.patch("resources.views.render", side_effect=ValueError("a bug in a view")):
        response = client.get("/resources/", headers={"X-Request-ID": "trace-me"})
    assert response.status_code == 500
    [error] = [r for r in caplog.records if r.name == "django.request"]
    assert error.levelno == logging.ERROR
    assert error.exc_info[0] is ValueError
    assert error.request_id == "trace-me"
    [line] = request_lines(caplog)
    assert line.getMessage().startswith('GET "/resources/" 500 ')


@pytest.mark.django_db
def test_a_login_logs_no_password_cookie_session_or_csrf_token(caplog, capsys):
    caplog.set_level(logging.DEBUG)
    password = "Correct-Horse-Battery-9"
    user = make_staff(username="editor", superuser=True)
    user.set_password(password)
    user.save()
    client = Client(enforce_csrf_checks=True)
    client.get("/admin/login/")
    csrf_token = client.cookies["csrftoken"].value
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": password, "csrfmiddlewaretoken": csrf_token},
    )
    assert response.status_code == 302
    session_id = client.cookies["sessionid"].value
    client.get("/admin/")

    logged = caplog.text + "".join(capsys.readouterr())
    assert 'POST "/admin/login/?next=%2Fadmin%2F" 302' in logged
    for secret in (password, csrf_token, session_id):
        assert secret not in logged
    assert "sessionid" not in logged
    assert "csrfmiddlewaretoken" not in logged
