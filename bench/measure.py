"""Measuring: serve a built library with gunicorn and load each page with wrk.

Each page is loaded right after a run on /__ceiling__/ (bench/ceiling.py: the
library page's bytes from memory, the fastest this stack could serve any
page; bench/settings.py's URLconf, bench/urls.py, adds it), so each ratio
compares runs made seconds apart. CPU time is the gunicorn workers' own, read
from /proc; SQL queries are counted once per page by bench/probe.py.
"""

import json
import os
import re
import secrets
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.datasets import PYTHON, ROOT, build, engine_name, redact, run_django
from bench.report import log
from bench.servers import Gunicorn, GunicornError, free_port

# The pages measured: (name, address). {placeholders} come from the built data
# (see page_addresses). Add a page by adding a row.
PAGES = [
    ("home", "/"),
    ("library", "/resources/"),
    ("2 themes + format", "/resources/?theme={theme1}&theme={theme2}&format={format}"),
    ("upcoming", "/resources/?when=upcoming"),
    ("search", "/resources/?q={search}"),
    ("site search", "/search/?q={search}"),
    ("library page 200", "/resources/?page={deep_page}"),
    ("resource", "/resources/{resource}/"),
    ("update", "/updates/{update}/"),
    ("feed", "/resources/feed/"),
]
CEILING = "/__ceiling__/"
DEEP_PAGE = 200


def page_addresses(database_url, size):
    """Fill in PAGES' placeholders from the data in the database."""
    code = """
import json
import django
django.setup()
from newsletters.models import Bulletin
from resources.models import Format, Resource, Theme
themes = list(Theme.objects.order_by("order").values_list("slug", flat=True)[:2])
resource = Resource.objects.published().order_by("pk")[Resource.objects.count() // 2]
print(json.dumps({
    "theme1": themes[0], "theme2": themes[1],
    "format": Format.objects.get(name="Report").slug,
    "resource": resource.slug,
    "update": Bulletin.objects.latest_published().number,
    "published": Resource.objects.published().count(),
}))
"""
    out = run_django(["-c", code], database_url, capture_output=True, text=True).stdout
    values = json.loads(out)
    last_page = max(1, -(-values["published"] // 20))
    values["deep_page"] = min(DEEP_PAGE, last_page)
    values["search"] = "family+support"
    return values


# Serving ------------------------------------------------------------------------


def serve(database_url, port, args, static_root):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_DEBUG", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        BENCH_STATIC_ROOT=str(static_root),
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        PAGE_CACHE_SECONDS="600" if args.page_cache else "0",
    )
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    # The site logs a line per request on stdout, as in production: into a file
    # (the cost stays in the measurement; the terminal stays readable).
    server = Gunicorn(
        env=env,
        workers=args.workers,
        port=port,
        options=["--worker-class", "sync", "--log-level", "warning"],
        ready_path=CEILING,
        log=Path(tempfile.gettempdir()) / f"library-bench-gunicorn-{port}.log",
    )
    try:
        return server.start()
    except GunicornError as error:
        raise SystemExit(str(error)) from None


def cpu_seconds(pids):
    """User + system CPU time the processes have used so far, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def open_sockets(pid):
    try:
        return sum(
            1 for fd in Path(f"/proc/{pid}/fd").iterdir() if os.readlink(fd).startswith("socket:")
        )
    except OSError:
        return 0


def wait_until_idle(pids, idle_sockets, timeout=180):
    """Wait for the workers to finish requests wrk gave up on (a slow page leaves a queue).

    A worker serving a request holds one more socket (the client's) than when
    idle, whether it is computing or waiting for the database.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(open_sockets(pid) <= idle_sockets[pid] for pid in pids):
            return
        time.sleep(0.2)
    log(f"   (the workers were still busy after {timeout} s)")


def peak_memory_mb(pids):
    """VmHWM (peak resident set) of each process, in MB."""
    peaks = []
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
        if match:
            peaks.append(int(match.group(1)) / 1024)
    return peaks


# Loading ------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def to_ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(match.group(1)) * UNITS[match.group(2)]


def wrk(url, args):
    result = subprocess.run(
        [
            "wrk",
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{args.duration}s",
            f"--timeout={args.timeout}s",
            "--latency",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    timeouts = re.search(r"timeout (\d+)", socket_errors.group(1)) if socket_errors else None
    return {
        "rps": rps,
        "requests": requests,
        "p50_ms": to_ms(latency["50"]),
        "p99_ms": to_ms(latency["99"]),
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def measure(size, args, version):
    log(f"\n== {size:,} resources ({engine_name()})")
    database_url, build_seconds = build(size, args, version)
    log(
        f"   database: {f'built in {build_seconds:.0f} s' if build_seconds else 'reused'}"
        f" ({redact(database_url)})"
    )
    values = page_addresses(database_url, size)
    pages = [
        (name, template.format(**values))
        for name, template in PAGES
        if not args.pages or name in args.pages
    ]
    if any(name == "library page 200" for name, _ in pages) and values["deep_page"] < DEEP_PAGE:
        log(f"   (the library has only {values['deep_page']} pages: measuring the last one)")
    probe = run_django(
        ["-m", "bench.probe", *[path for _, path in pages]],
        database_url,
        capture_output=True,
        text=True,
    )
    counted = json.loads(probe.stdout)

    low, high = args.port_range
    port = args.port or free_port(range(low, high + 1))
    if port is None:
        raise SystemExit(f"No free port between {low} and {high}.")
    with tempfile.TemporaryDirectory(prefix="library-bench-static-") as static_root:
        server = serve(database_url, port, args, static_root)
        try:
            base = server.url
            sizes = {}
            for _, path in pages:  # warm every worker: templates, connections, caches
                for _ in range(args.workers * 3):
                    with urllib.request.urlopen(base + path, timeout=60) as response:
                        sizes[path] = len(response.read())
            rows = []
            started = time.monotonic()
            workers = server.worker_pids()
            time.sleep(1)
            idle_sockets = {pid: open_sockets(pid) for pid in workers}
            for name, path in pages:
                # CPU time the workers spend per request: unlike requests/s, it
                # hardly changes when other programs share the CPU.
                wait_until_idle(workers, idle_sockets)
                before = cpu_seconds(workers)
                ceiling = wrk(base + CEILING, args)
                middle = cpu_seconds(workers)
                page = wrk(base + path, args)
                wait_until_idle(
                    workers, idle_sockets
                )  # its CPU includes requests wrk stopped waiting for
                after = cpu_seconds(workers)
                ceiling_cpu = 1000 * (middle - before) / max(ceiling["requests"], 1)
                # Requests wrk timed out on were still served: count them too.
                served = page["requests"] + page["timeouts"]
                page_cpu = 1000 * (after - middle) / max(served, 1)
                row = {
                    "page": name,
                    "path": path,
                    **page,
                    "ceiling_rps": ceiling["rps"],
                    "ratio": page["rps"] / ceiling["rps"] if ceiling["rps"] else 0.0,
                    "cpu_ms": page_cpu,
                    "ceiling_cpu_ms": ceiling_cpu,
                    "cpu_ratio": ceiling_cpu / page_cpu if page_cpu else 0.0,
                    "queries": counted[path]["queries"],
                    "queries_cold": counted[path].get("queries_cold"),
                    "status": counted[path]["status"],
                    "bytes": sizes[path],
                }
                rows.append(row)
                log(
                    f"   {name:<20} {page['rps']:>8.1f} req/s  ceiling {ceiling['rps']:>8.1f}"
                    f"  {row['ratio']:>6.1%}   CPU {page_cpu:.1f} ms vs {ceiling_cpu:.1f} ms"
                )
            memory = peak_memory_mb(workers)
        finally:
            server.stop()
    return {
        "size": size,
        "engine": engine_name(),
        "page_cache": args.page_cache,
        "build_seconds": build_seconds,
        "load_seconds": time.monotonic() - started,
        "worker_peak_mb": memory,
        "pages": rows,
    }
