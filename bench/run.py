"""The benchmark: build a library of a given size, serve it with gunicorn, load each page.

    bench/run                                   # 10,000 resources on SQLite
    bench/run --sizes 1000,10000 --json bench/results.json --chart bench/chart.png
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench bench/run --sizes 1000,10000
    bench/run --page-cache                      # with the anonymous whole-page cache on

For each size it builds the database once (bench/generate.py; kept in
--cache-dir for SQLite, or as the database NAME_bench_vV_SIZE next to the one
DATABASE_URL names) and reuses it afterwards. It starts gunicorn under
production settings (DEBUG off, a throwaway secret key, the production cache:
per-process memory, or Redis when REDIS_URL is set) with BENCHMARK=1, which
adds /__ceiling__/: the library page's bytes from memory, the fastest this
stack could serve any page. Every page is loaded with wrk right after a
ceiling run, so each ratio compares runs made seconds apart.

Columns: requests/s; p50 and p99 latency; the share of the ceiling's
requests/s; SQL queries to render the page once (test client, page cache off);
bytes of HTML; and peak resident memory (VmHWM) of each gunicorn worker.
"""

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

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


def log(message):
    sys.stderr.write(f"{message}\n")
    sys.stderr.flush()


# Databases ------------------------------------------------------------------


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


# Serving ----------------------------------------------------------------------


def free_port(low, high):
    for port in range(low, high + 1):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"No free port between {low} and {high}.")


def serve(database_url, port, args, static_root):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_DEBUG", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        BENCHMARK="1",
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
    log_path = Path(tempfile.gettempdir()) / f"library-bench-gunicorn-{port}.log"
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "library.wsgi",
            "--workers",
            str(args.workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=log_path.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{CEILING}", timeout=5).read()
            return server
        except OSError:
            if server.poll() is not None:
                tail = log_path.read_text().splitlines()[-20:]
                raise SystemExit(
                    "gunicorn stopped while starting; the end of its log:\n" + "\n".join(tail)
                ) from None
            time.sleep(0.3)
    stop(server)
    raise SystemExit("gunicorn did not answer within 30 seconds.")


def stop(server):
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def worker_pids(server):
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


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

    port = args.port or free_port(*args.port_range)
    with tempfile.TemporaryDirectory(prefix="library-bench-static-") as static_root:
        server = serve(database_url, port, args, static_root)
        try:
            base = f"http://127.0.0.1:{port}"
            sizes = {}
            for _, path in pages:  # warm every worker: templates, connections, caches
                for _ in range(args.workers * 3):
                    with urllib.request.urlopen(base + path, timeout=60) as response:
                        sizes[path] = len(response.read())
            rows = []
            started = time.monotonic()
            workers = worker_pids(server)
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
            stop(server)
    return {
        "size": size,
        "engine": engine_name(),
        "page_cache": args.page_cache,
        "build_seconds": build_seconds,
        "load_seconds": time.monotonic() - started,
        "worker_peak_mb": memory,
        "pages": rows,
    }


# Reporting ------------------------------------------------------------------------


def engine_name():
    return "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"


def redact(url):
    parts = urlsplit(url)
    if parts.password:
        parts = parts._replace(netloc=parts.netloc.replace(parts.password, "***"))
    return urlunsplit(parts)


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}"


def table(result):
    memory = ", ".join(f"{mb:.0f}" for mb in result["worker_peak_mb"]) or "?"
    lines = [
        f"{result['size']:,} resources, {result['engine']}, whole-page cache "
        f"{'on' if result['page_cache'] else 'off'}; peak memory per worker (MB): {memory}",
        "",
        "| page | requests/s | p50 ms | p99 ms | of ceiling | CPU ms/request | "
        "of ceiling by CPU | SQL queries (fragment caches empty) | bytes |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in result["pages"]:
        cold = row.get("queries_cold")
        queries = f"{row['queries']} ({cold})" if cold is not None else str(row["queries"])
        flag = "" if row["status"] == 200 and not row["non_2xx"] else f" (HTTP {row['status']})"
        if row.get("timeouts"):
            flag += f" ({row['timeouts']} timed out)"
        lines.append(
            f"| {row['page']}{flag} | {row['rps']:.1f} | {row['p50_ms']:.1f} | "
            f"{row['p99_ms']:.1f} | {row['ratio']:.1%} | {row.get('cpu_ms', 0):.2f} | "
            f"{row.get('cpu_ratio', 0):.1%} | {queries} | {row['bytes']:,} |"
        )
    ceilings = [row["ceiling_rps"] for row in result["pages"]]
    if ceilings:
        lines.append("")
        cpu = [row.get("ceiling_cpu_ms", 0) for row in result["pages"]]
        lines.append(
            f"Ceiling (/__ceiling__/): {min(ceilings):.0f}–{max(ceilings):.0f} requests/s, "
            f"{min(cpu):.2f}–{max(cpu):.2f} CPU ms per request across the runs. CPU is the "
            "gunicorn workers' own (user + system), not the database server's."
        )
    return "\n".join(lines)


def chart(results, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(9, 5.5))
    by_page = {}
    for result in sorted(results, key=lambda r: r["size"]):
        for row in result["pages"]:
            cost = row.get("cpu_ms") or (1000.0 / row["rps"] if row["rps"] else None)
            if cost:
                key = (row["page"], result["engine"], result["page_cache"])
                by_page.setdefault(key, []).append((result["size"], cost))
    for (page, engine, cached), points in sorted(by_page.items()):
        sizes, costs = zip(*points, strict=True)
        label = f"{page} ({engine}{', page cache' if cached else ''})"
        axes.plot(sizes, costs, marker="o", label=label)
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("resources in the library")
    axes.set_ylabel("gunicorn worker CPU ms per request")
    axes.set_title("Each page's cost against the library's size")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=7, ncol=2)
    figure.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    log(f"Chart: {path}")


def main(argv=None):
    from bench.generate import VERSION

    parser = argparse.ArgumentParser(
        description="Benchmark the site's pages against the framework ceiling.",
        epilog="DATABASE_URL=postgres://… measures PostgreSQL; unset, SQLite (in --cache-dir).",
    )
    parser.add_argument(
        "--sizes",
        default="10000",
        help="comma-separated numbers of resources, e.g. 1000,10000,100000 (default 10000)",
    )
    parser.add_argument(
        "--pages", help=f"comma-separated page names of: {', '.join(n for n, _ in PAGES)}"
    )
    parser.add_argument(
        "--duration", type=int, default=10, help="seconds per wrk run (default 10)"
    )
    parser.add_argument("--connections", type=int, default=16, help="wrk -c (default 16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk -t (default 2)")
    parser.add_argument(
        "--timeout", type=int, default=10, help="wrk --timeout in seconds (default 10)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--page-cache", action="store_true", help="turn the whole-page cache on")
    parser.add_argument("--port", type=int, help="serve on this port (default: a free one)")
    parser.add_argument(
        "--port-range",
        default="8300-8399",
        help="where to look for a free port (default 8300-8399)",
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "library-bench",
        help="where built SQLite databases are kept (default: $TMPDIR/library-bench)",
    )
    parser.add_argument("--rebuild", action="store_true", help="build the databases again")
    parser.add_argument("--json", type=Path, help="also write the results here (merged by size)")
    parser.add_argument("--chart", type=Path, help="draw every result in --json to this PNG")
    parser.add_argument("--build-only", action="store_true", help="build the databases and stop")
    args = parser.parse_args(argv)
    # Stopped (Ctrl-C, kill): leave through `finally`, so gunicorn is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    args.pages = [name.strip() for name in args.pages.split(",")] if args.pages else None
    args.port_range = tuple(int(n) for n in args.port_range.split("-"))
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",")]
    if not shutil.which("wrk") and not args.build_only:
        raise SystemExit("wrk is not installed: apt-get install wrk")

    if args.build_only:
        for size in sizes:
            url, seconds = build(size, args, VERSION)
            log(f"{size:,}: {f'built in {seconds:.0f} s' if seconds else 'already built'}")
        return

    results = []
    for size in sizes:
        result = measure(size, args, VERSION)
        results.append(result)
        sys.stdout.write(f"\n{table(result)}\n\n")
        sys.stdout.flush()

    if args.json:
        existing = json.loads(args.json.read_text()) if args.json.exists() else {"results": []}
        keep = {(r["size"], r["engine"], r["page_cache"]) for r in results}
        merged = [
            r for r in existing["results"] if (r["size"], r["engine"], r["page_cache"]) not in keep
        ]
        document = {
            "machine": machine(),
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "wrk": f"-t{args.threads} -c{args.connections} -d{args.duration}s",
            "gunicorn_workers": args.workers,
            "results": sorted([*merged, *results], key=lambda r: (r["engine"], r["size"])),
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(document, indent=2) + "\n")
        log(f"JSON: {args.json}")
        results = document["results"]
    if args.chart:
        chart(results, args.chart)


if __name__ == "__main__":
    main()
