"""Throwaway servers for the fault tests and the load command.

Everything here starts its own process on its own port, in its own temporary
directory, and stops it again: never the shared PostgreSQL or Redis. Used by
tests/reliability/test_faults.py and `python -m bench.load`.
"""

import glob
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench import servers
from bench.servers import Gunicorn, GunicornError

ROOT = Path(__file__).resolve().parent.parent
PORT_RANGE = os.environ.get("RELIABILITY_PORTS", "8500-8599")


class HarnessError(RuntimeError):
    pass


def free_port():
    """A port nobody listens on: first from RELIABILITY_PORTS, else one the OS picks."""
    low, high = (int(p) for p in PORT_RANGE.split("-"))
    candidates = list(range(low, high + 1))
    port = servers.free_port([candidates[i] for i in _shuffled(len(candidates))] + [0])
    if port is None:
        raise HarnessError("No free port.")
    return port


def _shuffled(n):
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = secrets.randbelow(i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def postgres_bindir():
    """The directory holding initdb and pg_ctl, or None where PostgreSQL is not installed."""
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.access(f"{candidate}/initdb", os.X_OK):
            return candidate
    initdb = shutil.which("initdb")
    return str(Path(initdb).resolve().parent) if initdb else None


def missing_postgres_reason():
    if postgres_bindir() is None:
        return "PostgreSQL server binaries (initdb, pg_ctl) are not installed"
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run a cluster as"
    return None


def missing_redis_reason():
    if shutil.which("redis-server") is None:
        return "redis-server is not installed (apt-get install redis-server)"
    return None


def wait_until(predicate, timeout, interval=0.1, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    raise HarnessError(f"Timed out after {timeout}s waiting for {what}.")


def port_open(port):
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class ThrowawayPostgres:
    """A PostgreSQL cluster in a temporary directory (as the postgres user when root)."""

    def __init__(self, port=None):
        self.bindir = postgres_bindir()
        if self.bindir is None:
            raise HarnessError(missing_postgres_reason())
        self.port = port or free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="h_rel_pg_"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"

    def _run(self, *args, check=True):
        command = [f"{self.bindir}/{args[0]}", *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if check and result.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            raise HarnessError(
                f"{' '.join(args)} failed: {result.stdout}{result.stderr}{log[-2000:]}"
            )
        return result

    def init(self):
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        os.chmod(self.dir, 0o755)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--encoding=UTF8", "--no-sync")  # fmt: skip
        return self

    def start(self):
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options,
                  "-w", "-t", "60", "start")  # fmt: skip
        return self

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop",
                  check=False)  # fmt: skip

    def createdb(self, name):
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return self.url(name)

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def destroy(self):
        self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


class ThrowawayRedis:
    def __init__(self, port=None):
        if missing_redis_reason():
            raise HarnessError(missing_redis_reason())
        self.port = port or free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="h_rel_redis_"))
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_until(lambda: port_open(self.port), 10, what=f"redis-server on {self.port}")
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"

    def destroy(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def production_env(database_url, **extra):
    """The environment production runs with (DEBUG off), for plain HTTP on 127.0.0.1."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_COOKIES="0",  # Plain HTTP on the loopback: cookies must still be sent.
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


class Site:
    """The site on a database: migrated, demo content loaded, static files collected,
    served by gunicorn (bench.servers) with the production settings (plus a
    temporary STATIC_ROOT)."""

    def __init__(self, database_url, workers=2, port=None, **extra_env):
        self.port = port or free_port()
        self.workers = workers
        self.dir = Path(tempfile.mkdtemp(prefix="h_rel_site_"))
        (self.dir / "settings").mkdir()
        (self.dir / "settings" / "h_rel_settings.py").write_text(
            "from library.settings import *  # noqa: F403\n\n"
            f"STATIC_ROOT = {str(self.dir / 'static')!r}\n"
            f"MEDIA_ROOT = {str(self.dir / 'media')!r}\n"
        )
        self.env = production_env(database_url, **extra_env)
        self.env.update(
            DJANGO_SETTINGS_MODULE="h_rel_settings",
            PYTHONPATH=os.pathsep.join([str(ROOT), str(self.dir / "settings")]),
        )
        self.server = None
        self.log = self.dir / "gunicorn.log"

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            cwd=ROOT, env=self.env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if result.returncode != 0:
            raise HarnessError(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def prepare(self):
        self.manage("migrate", "--noinput", "--verbosity", "0")
        self.manage("load_demo_content", "--verbosity", "0")
        self.manage("load_demo_updates", "--verbosity", "0")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")
        return self

    def start(self):
        self.server = Gunicorn(
            env=self.env,
            workers=self.workers,
            port=self.port,
            options=["--timeout", "30", "--graceful-timeout", "5"],
            ready_path="/healthz",
            log=self.log,
        )
        try:
            self.server.start()
        except GunicornError as error:
            raise HarnessError(str(error)) from None
        return self

    def worker_pids(self):
        return self.server.worker_pids() if self.server else []

    def stop(self):
        if self.server:
            self.server.stop()

    def destroy(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


def get(url, timeout=10, headers=None):
    """GET without raising for 4xx/5xx; a refused or reset connection is status 0."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())
    except (urllib.error.URLError, OSError) as error:
        return Response(0, {}, str(error).encode())
