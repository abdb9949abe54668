"""Site-wide behaviour: settings from the environment, error pages."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.views.defaults import bad_request, server_error

ROOT = Path(__file__).resolve().parent.parent


def import_settings(**env):
    """Import library.settings in a fresh interpreter with exactly these DJANGO_ variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    code = (
        "import library.settings as s; "
        "print(s.DEBUG, s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS, s.DATABASES['default']['ENGINE'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_secret_key_is_required_when_debug_is_off():
    result = import_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_debug_is_off_unless_asked_for():
    result = import_settings(DJANGO_SECRET_KEY="x")
    assert result.stdout.startswith("False ")


def test_dev_command_runs_with_debug_and_a_local_key():
    result = import_settings(DJANGO_DEBUG="1")
    assert result.returncode == 0
    assert result.stdout.startswith("True ")


def test_hosts_origins_and_database_come_from_the_environment():
    result = import_settings(
        DJANGO_SECRET_KEY="x",
        DJANGO_ALLOWED_HOSTS="library.example.org, www.library.example.org",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://library.example.org",
        DATABASE_URL="postgres://u:p@db.example.org:5432/library",
    )
    assert result.stdout.strip() == (
        "False ['library.example.org', 'www.library.example.org'] "
        "['https://library.example.org'] django.db.backends.postgresql"
    )


def test_sqlite_by_default():
    result = import_settings(DJANGO_SECRET_KEY="x")
    assert result.stdout.strip().endswith("django.db.backends.sqlite3")


@pytest.mark.django_db
def test_500_page_is_site_styled_and_reassuring():
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, something went wrong" in html
    assert "Leaders’ Library" in html


@pytest.mark.django_db
def test_400_page_is_site_styled():
    response = bad_request(RequestFactory().get("/"), exception=None)
    assert response.status_code == 400
    assert "Sorry, we could not read that request" in response.content.decode()
