"""The benchmark: build a library of a given size, serve it with gunicorn, load each page.

    bench/run                                   # 10,000 resources on SQLite
    bench/run --sizes 1000,10000 --json bench/results.json --chart bench/chart.png
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench bench/run --sizes 1000,10000
    bench/run --page-cache                      # with the anonymous whole-page cache on

For each size it builds the database once (bench/generate.py; kept in
--cache-dir for SQLite, or as the database NAME_bench_vV_SIZE next to the one
DATABASE_URL names) and reuses it afterwards. It starts gunicorn under
production settings (DEBUG off, a throwaway secret key, the production cache:
per-process memory, or Redis when REDIS_URL is set) from bench/settings.py,
whose URLconf (bench/urls.py) adds /__ceiling__/: the library page's bytes
from memory, the fastest this stack could serve any page. Every page is
loaded with wrk right after a ceiling run, so each ratio compares runs made
seconds apart.

Columns: requests/s; p50 and p99 latency; the share of the ceiling's
requests/s; SQL queries to render the page once (test client, page cache off);
bytes of HTML; and peak resident memory (VmHWM) of each gunicorn worker.

The parts: bench/datasets.py builds and keeps the databases, bench/measure.py
serves them (bench/servers.py starts gunicorn) and loads the pages, and
bench/report.py prints the table and writes the JSON and the chart.
"""

import argparse
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from bench.datasets import build
from bench.measure import PAGES, measure
from bench.report import chart, log, table, write_json


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
        results = write_json(results, args.json, args)
    if args.chart:
        chart(results, args.chart)


if __name__ == "__main__":
    main()
