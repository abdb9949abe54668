"""The benchmark's databases: one per size, built once (bench/generate.py) and reused.

SQLite files live in --cache-dir; PostgreSQL databases are named
NAME_bench_vV_SIZE, beside the one DATABASE_URL names. V is bench.generate's
VERSION, so a change to the generator builds new ones.
"""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def engine_name():
    return "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"


def redact(url):
    parts = urlsplit(url)
    if parts.password:
        parts = parts._replace(netloc=parts.netloc.replace(parts.password, "***"))
    return urlunsplit(parts)


def sqlite_url(cache_dir, size, version):
    return f"sqlite:///{cache_dir / f'library-v{version}-{size}.sqlite3'}"


def postgres_url(base_url, size, version):
    parts = urlsplit(base_url)
    name = parts.path.lstrip("/") or "library"
    return urlunsplit(parts._replace(path=f"/{name}_bench_v{version}_{size}"))


def postgres_admin(url, sql, database="postgres"):
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname=database,
        autocommit=True,
    ) as connection:
        return (
            connection.execute(sql).fetchall()
            if sql.lstrip().upper().startswith("SELECT")
            else connection.execute(sql)
        )


def run_django(args, database_url, **kwargs):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "library.settings",
        # Helpers print JSON on stdout: no request log lines among it.
        "DJANGO_REQUEST_LOG_LEVEL": "WARNING",
    }
    return subprocess.run([PYTHON, *args], cwd=ROOT, env=env, check=True, **kwargs)


def build(size, args, version):
    """Return (database URL, seconds building took, or None when reused)."""
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith("postgres"):
        url = postgres_url(base, size, version)
        name = urlsplit(url).path.lstrip("/")
        exists = postgres_admin(url, f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
        if exists and not args.rebuild:
            run_django(["manage.py", "migrate", "--noinput", "-v0"], url)
            return url, None
        if exists:
            postgres_admin(url, f'DROP DATABASE "{name}"')
        postgres_admin(url, f'CREATE DATABASE "{name}"')
        started = time.monotonic()
        try:
            run_django(["-m", "bench.generate", "--size", str(size)], url)
        except BaseException:
            postgres_admin(url, f'DROP DATABASE "{name}"')  # never keep half a build
            raise
        return url, time.monotonic() - started

    args.cache_dir.mkdir(parents=True, exist_ok=True)
    url = sqlite_url(args.cache_dir, size, version)
    path = Path(urlsplit(url).path)
    if path.exists() and not args.rebuild:
        run_django(["manage.py", "migrate", "--noinput", "-v0"], url)
        return url, None
    partial = path.with_suffix(".building")
    partial.unlink(missing_ok=True)
    started = time.monotonic()
    run_django(["-m", "bench.generate", "--size", str(size)], f"sqlite:///{partial}")
    partial.rename(path)  # only a finished build is ever reused
    return url, time.monotonic() - started
