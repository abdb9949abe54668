"""Two gunicorn instances, one PostgreSQL, one Redis: an edit on one shows on the other.

A member of staff logs in to the admin on instance A and renames a theme; an
anonymous reader's very next request to instance B shows the new name, though
B had the old page in the shared page cache a moment before.

Needs PostgreSQL (DATABASE_URL) and Redis: it uses 127.0.0.1:6379 when it
answers (database SPEED_TEST_REDIS_DB, default 3), else starts a throwaway
redis-server of its own. On SQLite it is skipped; under CI (CI=true) with
PostgreSQL, a missing Redis or gunicorn fails it rather than skipping.
"""

import contextlib
import http.cookiejar
import os
import re
import secrets
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from bench.servers import GUNICORN, Gunicorn, GunicornError, free_port
from tests.factories import make_resource, make_theme

ROOT = Path(__file__).resolve().parents[2]
REDIS_DB = int(os.environ.get("SPEED_TEST_REDIS_DB", "3"))
# What a load balancer in front of both instances passes on: one site name.
PUBLIC_HOST = "library.example.org"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

pytestmark = [
    # Committed data, for the instances to see; migrations' data is put back after.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="two gunicorn instances need one shared PostgreSQL database "
        "(run with DATABASE_URL=postgres://…); SQLite is one file on one machine",
    ),
]

SETTINGS = """
from library.settings import *  # noqa: F403

# Serve static files from static/ without collectstatic, as the tests do.
STORAGES = {**STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = BASE_DIR / "static"  # noqa: F405 (exists; nothing is collected there)
"""


def unavailable(reason):
    if IN_CI:
        pytest.fail(f"{reason} (CI requires the two-instance test to run)")
    pytest.skip(reason)


def redis_answers(port):
    import redis

    try:
        return redis.Redis(host="127.0.0.1", port=port, socket_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.fixture
def redis_url():
    if redis_answers(6379):
        url = f"redis://127.0.0.1:6379/{REDIS_DB}"
        yield url
        import redis

        client = redis.Redis.from_url(url)
        for key in client.scan_iter(match="*pagecache:*"):
            client.delete(key)
        return
    if not shutil.which("redis-server"):
        unavailable("Redis does not answer on 127.0.0.1:6379 and redis-server is not installed")
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            if redis_answers(port):
                break
            time.sleep(0.1)
        else:
            unavailable(f"a throwaway redis-server on port {port} did not answer")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def start_instances(redis_url, tmp_path):
    """Start gunicorn A and B (one worker each) on the test database; return their base URLs.

    A function, so the test writes its data first: the instances see the
    database as it is then, with an empty shared page cache.
    """
    if not GUNICORN.exists():
        unavailable("gunicorn is not installed in this environment")
    (tmp_path / "two_instance_settings.py").write_text(SETTINGS)
    db = connection.settings_dict
    database_url = (
        f"postgres://{urllib.parse.quote(db['USER'] or 'postgres')}"
        f"{':' + urllib.parse.quote(db['PASSWORD']) if db['PASSWORD'] else ''}"
        f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_DEBUG"},
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "PAGE_CACHE_SECONDS": "600",
        "DJANGO_SECURE_COOKIES": "0",  # plain HTTP on loopback
        "DJANGO_ALLOWED_HOSTS": f"127.0.0.1,{PUBLIC_HOST}",
    }
    with contextlib.ExitStack() as servers:

        def start():
            urls = []
            for name in "ab":
                server = Gunicorn(
                    settings="two_instance_settings",
                    env=env,
                    workers=1,
                    options=["--log-level", "warning"],
                    ready_path="/accessibility/",
                    log=tmp_path / f"gunicorn-{name}.log",
                )
                try:
                    servers.enter_context(server)
                except GunicornError as error:
                    pytest.fail(f"gunicorn at {server.url} did not start: {error}")
                urls.append(server.url)
            return urls

        yield start


def anonymous_get(url):
    request = urllib.request.Request(url, headers={"Host": PUBLIC_HOST})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode(), response.headers.get("X-Page-Cache")


class Browser:
    """A staff member's browser: keeps cookies, sends CSRF tokens back."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path):
        with self.opener.open(self.base + path, timeout=10) as response:
            return response.read().decode()

    def post_form(self, path, fields):
        page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(self.base + path, data=data)
        with self.opener.open(request, timeout=10) as response:
            return response.geturl(), response.read().decode()


def test_an_admin_edit_on_one_instance_shows_at_once_on_the_other(
    start_instances, django_user_model, settings
):
    # The instances run production settings, whose hashers must read the password.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    theme = make_theme("Corporate parenting")
    make_resource("Leading in colour", themes=[theme])
    password = secrets.token_urlsafe(12)
    django_user_model.objects.create_superuser("editor", "editor@example.org", password)
    a, b = start_instances()

    page, status = anonymous_get(b + "/themes/")
    assert "Corporate parenting" in page and status == "miss"
    assert anonymous_get(b + "/themes/")[1] == "hit"
    assert anonymous_get(a + "/themes/")[1] == "hit"  # one cache, shared through Redis

    staff = Browser(a)
    landed, _ = staff.post_form(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": password, "next": "/admin/"},
    )
    assert urllib.parse.urlsplit(landed).path == "/admin/", "the admin login failed"
    change = f"/admin/resources/theme/{theme.pk}/change/"
    landed, body = staff.post_form(
        change,
        {
            "name": "Being a good corporate parent",
            "slug": theme.slug,
            "order": "0",
            "introduction": "",
            "_save": "Save",
        },
    )
    assert urllib.parse.urlsplit(landed).path == "/admin/resources/theme/", body[:2000]

    page, status = anonymous_get(b + "/themes/")
    assert "Being a good corporate parent" in page
    assert "Corporate parenting" not in page
    assert status == "miss"
    assert "Being a good corporate parent" in anonymous_get(b + "/resources/")[0]
