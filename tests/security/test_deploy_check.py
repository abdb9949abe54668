"""`manage.py check --deploy` under the production environment the README documents."""

import os
import subprocess
import sys

from django.conf import settings

# The README's "Production" section lists these; keep the two in step.
PRODUCTION_ENVIRONMENT = {
    "DJANGO_SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "library.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://library.example.org",
    "DJANGO_SSL_REDIRECT": "1",
    "DJANGO_HSTS_SECONDS": "31536000",
    "DJANGO_HSTS_INCLUDE_SUBDOMAINS": "1",
    "DJANGO_HSTS_PRELOAD": "1",
}


def run_check(extra_environment):
    # Only the production environment: none of the test run's DJANGO_* variables
    # (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE, which the check rightly refuses).
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("DJANGO_")
    }
    environment.update(extra_environment, DJANGO_SETTINGS_MODULE="library.settings")
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_in_the_documented_production_environment():
    result = run_check(PRODUCTION_ENVIRONMENT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_warns_without_https_settings():
    """The check is real: leave out HTTPS redirect and HSTS and it complains."""
    environment = {
        name: value
        for name, value in PRODUCTION_ENVIRONMENT.items()
        if name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS")
    }
    result = run_check(environment)
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout
    assert "security.W008" in result.stderr + result.stdout


def test_the_readme_documents_the_production_environment():
    readme = (settings.BASE_DIR / "README.md").read_text()
    for name in PRODUCTION_ENVIRONMENT:
        assert f"`{name}`" in readme
    assert "check --deploy" in readme
