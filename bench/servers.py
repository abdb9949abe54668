"""The one way the tooling and the tests start gunicorn: `Gunicorn`.

    with Gunicorn(settings="bench.settings", env=env, workers=2) as server:
        urllib.request.urlopen(server.url + "/")

It serves library.wsgi on 127.0.0.1 (a free port unless given one), in its
own process group, with its output in a log file; start() returns once
`ready_path` answers 200 and every worker is up, and stop() ends the whole
group (SIGTERM, then SIGKILL after 15 s). Used by bench/run, the load test
and the fault tests (bench/harness.py) and tests/speed/test_two_instances.py.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
START_SECONDS = 30
STOP_SECONDS = 15


class GunicornError(RuntimeError):
    pass


def free_port(ports=(0,)):
    """The first of `ports` nobody listens on at 127.0.0.1 (0: one the OS picks), or None."""
    for port in ports:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    return None


class Gunicorn:
    """gunicorn serving library.wsgi with `settings` (else env's DJANGO_SETTINGS_MODULE).

    env: the whole environment (default: this process's); options: more
    gunicorn arguments; log: where its output goes (default: a file named
    after the port in the temporary directory).
    """

    def __init__(
        self,
        *,
        settings=None,
        env=None,
        workers=1,
        port=None,
        options=(),
        ready_path="/healthz",
        log=None,
    ):
        self.env = dict(os.environ if env is None else env)
        if settings:
            self.env["DJANGO_SETTINGS_MODULE"] = settings
        self.workers = workers
        self.port = port or free_port()
        self.options = list(options)
        self.ready_path = ready_path
        self.log = Path(log or Path(tempfile.gettempdir()) / f"library-gunicorn-{self.port}.log")
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self):
        return self.process.pid if self.process else None

    def start(self):
        command = [str(GUNICORN), "library.wsgi", "--bind", f"127.0.0.1:{self.port}",
                   "--workers", str(self.workers), *self.options]  # fmt: skip
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own group: stop() ends the workers too
            )
        deadline = time.monotonic() + START_SECONDS
        while not (self._answers() and len(self.worker_pids()) == self.workers):
            if self.process.poll() is not None:
                raise GunicornError(f"gunicorn stopped while starting{self._log_tail()}")
            if time.monotonic() > deadline:
                self.stop()
                raise GunicornError(
                    f"gunicorn did not answer {self.url}{self.ready_path} with all "
                    f"{self.workers} workers within {START_SECONDS} seconds{self._log_tail()}"
                )
            time.sleep(0.2)
        return self

    def _answers(self):
        try:
            with urllib.request.urlopen(self.url + self.ready_path, timeout=5) as response:
                response.read()
                return response.status == 200
        except OSError:  # refused, reset, timed out, or an HTTP error status
            return False

    def _log_tail(self, characters=3000):
        try:
            text = self.log.read_text(errors="replace")
        except OSError:
            return ""
        return f"; the end of its log ({self.log}):\n{text[-characters:]}" if text else ""

    def worker_pids(self):
        """The workers' pids, in order (the master's children)."""
        if self.process is None:
            return []
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children")
        try:
            return sorted(int(pid) for pid in children.read_text().split())
        except OSError:
            return []

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.pid, signal.SIGTERM)
        try:
            self.process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(self.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
