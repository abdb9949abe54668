"""The benchmark's output: progress on stderr, the table, the JSON file and the chart."""

import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path


def log(message):
    sys.stderr.write(f"{message}\n")
    sys.stderr.flush()


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


def write_json(results, path, args):
    """Merge these results into the file at path (by size, engine and page cache);
    return every result the file now holds."""
    existing = json.loads(path.read_text()) if path.exists() else {"results": []}
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
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2) + "\n")
    log(f"JSON: {path}")
    return document["results"]


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
