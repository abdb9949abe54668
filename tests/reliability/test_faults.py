"""Faults, on their own throwaway PostgreSQL cluster and redis-server (never the shared ones).
Figures: `.venv/bin/pytest tests/reliability/test_faults.py --log-cli-level=INFO`.

The site runs under gunicorn with the production settings, as in production.
PostgreSQL restarted under traffic: pages are a friendly 503 while it is
down, and normal within 5 s of it being back, from the same workers. Redis
stopped: the site keeps serving from the database.
"""

import logging
import threading
import time

import pytest

from bench.harness import (
    Site,
    ThrowawayPostgres,
    ThrowawayRedis,
    get,
    missing_postgres_reason,
    missing_redis_reason,
)

logger = logging.getLogger(__name__)

PAGES = ["/", "/resources/", "/resources/?q=care", "/themes/", "/updates/", "/updates/latest/"]
RECOVERY_SECONDS = 5
USE_THE_CACHE = (
    "from django.core.cache import cache, caches; cache.set('h_rel', 1); "
    "print(type(caches['default']).__name__, cache.get('h_rel'))"
)
SHOW_CONNECTION_SETTINGS = (
    "from django.db import connection; s = connection.settings_dict; "
    "print(s['CONN_HEALTH_CHECKS'], s['CONN_MAX_AGE'])"
)

needs_postgres = pytest.mark.skipif(
    bool(missing_postgres_reason()), reason=f"Fault tests: {missing_postgres_reason()}"
)
needs_redis = pytest.mark.skipif(
    bool(missing_redis_reason()), reason=f"Fault tests: {missing_redis_reason()}"
)


@pytest.fixture(scope="module")
def cluster():
    postgres = ThrowawayPostgres().init().start()
    yield postgres
    postgres.destroy()


@pytest.fixture
def site_factory():
    sites = []

    def start(database_url, **env):
        site = Site(database_url, workers=2, **env).prepare().start()
        sites.append(site)
        return site

    yield start
    for site in sites:
        site.destroy()


class Traffic:
    """Readers fetching pages in background threads; every answer is recorded."""

    def __init__(self, base_url, readers=4):
        self.base_url = base_url
        self.answers = []  # (monotonic time answered, path, status)
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.read, args=(i,)) for i in range(readers)]

    def read(self, offset):
        i = offset
        while not self.stopping.is_set():
            path = PAGES[i % len(PAGES)]
            response = get(self.base_url + path, timeout=10)
            self.answers.append((time.monotonic(), path, response.status))
            i += 1
            time.sleep(0.02)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(15)


def assert_friendly_503(response):
    html = response.text
    assert response.status == 503, html[:500]
    assert response.headers["Retry-After"] == "10"
    assert "The library is briefly unavailable" in html
    assert "Leaders’ Library" in html
    assert "Traceback" not in html and "OperationalError" not in html


@needs_postgres
def test_postgres_restart_gives_a_friendly_503_then_recovers_on_the_same_workers(
    cluster, site_factory
):
    site = site_factory(cluster.createdb("h_rel_restart"))
    # Persistent connections, checked before reuse: what lets a worker recover by itself.
    settings = site.manage("shell", "-c", SHOW_CONNECTION_SETTINGS).split()[-2:]
    assert settings == ["True", "60"]
    workers = site.worker_pids()
    for path in PAGES:
        assert get(site.base_url + path).status == 200, path

    with Traffic(site.base_url) as traffic:
        time.sleep(1)
        stopping_at = time.monotonic()
        cluster.stop("fast")
        time.sleep(1)
        for path in PAGES:
            assert_friendly_503(get(site.base_url + path))
        assert get(site.base_url + "/readyz").status == 503
        assert get(site.base_url + "/healthz").status == 200

        cluster.start()
        back_at = time.monotonic()
        while get(site.base_url + "/resources/").status != 200:
            assert time.monotonic() - back_at < RECOVERY_SECONDS, "Not serving 5 s after"
            time.sleep(0.1)
        recovered_in = time.monotonic() - back_at
        time.sleep(1)

    # Every worker serves normally again: more requests than workers, all 200.
    for path in PAGES * 3:
        assert get(site.base_url + path).status == 200, path
    assert get(site.base_url + "/readyz").status == 200
    assert site.worker_pids() == workers, "A worker was restarted"

    statuses = {status for _, _, status in traffic.answers}
    assert statuses <= {200, 503}, f"Unexpected answers under load: {statuses}"
    before = [s for t, _, s in traffic.answers if t < stopping_at]
    settled = [s for t, _, s in traffic.answers if t > back_at + RECOVERY_SECONDS]
    assert before and set(before) == {200}
    assert set(settled) <= {200}
    logger.info("PostgreSQL back: serving again after %.2fs", recovered_in)


@needs_postgres
@needs_redis
def test_with_redis_stopped_the_site_serves_from_the_database(cluster, site_factory):
    redis = ThrowawayRedis().start()
    try:
        site = site_factory(cluster.createdb("h_rel_redis"), REDIS_URL=redis.url(5))
        for path in PAGES:
            assert get(site.base_url + path).status == 200, path
        # The production settings use Redis through the fail-soft backend.
        assert site.manage("shell", "-c", USE_THE_CACHE).split()[-2:] == [
            "ResilientRedisCache",
            "1",
        ]

        redis.stop()
        assert site.manage("shell", "-c", USE_THE_CACHE).split()[-2:] == [
            "ResilientRedisCache",
            "None",
        ]
        started = time.monotonic()
        for path in PAGES * 2:
            response = get(site.base_url + path)
            assert response.status == 200, (path, response.text[:500])
        assert get(site.base_url + "/readyz").status == 200
        logger.info(
            "%s pages with Redis stopped in %.2fs", len(PAGES) * 2, time.monotonic() - started
        )
    finally:
        redis.destroy()
