"""Load test: gunicorn with the production settings on PostgreSQL, 64 readers, one editor.

    .venv/bin/python -m bench.load                      # 64 clients, 60 s (make load)
    .venv/bin/python -m bench.load --clients 16 --duration 10
    .venv/bin/python -m bench.load --own-postgres --restart-postgres-at 20

It makes a fresh database (on the PostgreSQL server in LOAD_DATABASE_SERVER,
default postgres://postgres@127.0.0.1:5432, or with --own-postgres on a
throwaway cluster of its own), migrates it, loads the demo content, collects
the static files and starts gunicorn on a free port. Then `wrk` (Debian's
HTTP benchmark) drives the readers over a mix of library, search, resource
and update pages, while an editor logs in to the admin and starts saving a
change to a resource's summary every second, through the real change form
(going round the published resources; a save that is still waiting for the
loaded server does not hold up the next one).

At the end it checks: no errors (every answer 2xx/3xx, no socket errors),
no lost edit (each resource's summary in the database is the last one saved
for it, the admin history holds every save) and the last edit is what
readers are served. It prints throughput and latency percentiles, and exits
non-zero if a check failed. The database and the server are removed.

With --restart-postgres-at, its own PostgreSQL is stopped at that second and
started again --down-for seconds later: 503s are then expected (and counted),
any other error still fails the run.
"""

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

from bench.harness import HarnessError, Site, ThrowawayPostgres, get

EDITOR_USERNAME = "load-editor"

WRK_SCRIPT = """
local paths = {%(paths)s}
local threads = {}
local counter = 0

function setup(thread)
  thread:set("offset", #threads * 7)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[((counter + offset) %% #paths) + 1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[tostring(status)] = (totals[tostring(status)] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(totals) do
    table.insert(parts, string.format('"%%s": %%d', status, count))
  end
  io.write(string.format(
    'WRK_RESULT {"requests": %%d, "duration_us": %%d, "statuses": {%%s}, ' ..
    '"errors": {"connect": %%d, "read": %%d, "write": %%d, "timeout": %%d}, ' ..
    '"latency_us": {"p50": %%d, "p90": %%d, "p99": %%d, "max": %%d, "mean": %%.1f}}\\n',
    summary.requests, summary.duration, table.concat(parts, ", "),
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean))
end
"""


def mix_of_pages(site_info):
    """The readers' mix: library and search pages, resources, updates, home and themes."""
    paths = ["/", "/resources/", "/themes/", "/updates/", "/updates/latest/"]
    paths += ["/resources/?q=" + urllib.parse.quote(w) for w in site_info["words"]]
    paths += ["/search/?q=" + urllib.parse.quote(w) for w in site_info["words"]]
    paths += [f"/resources/?theme={slug}" for slug in site_info["themes"]]
    paths += ["/resources/?when=upcoming", "/resources/?sort=title", "/resources/?page=2"]
    paths += [f"/resources/{slug}/" for slug in site_info["resources"]]
    paths += [f"/themes/{slug}/" for slug in site_info["themes"][:3]]
    paths += [f"/updates/{number}/" for number in site_info["updates"]]
    return paths


SITE_INFO_CODE = """
import json
from django.contrib.auth.models import Group, User
from newsletters.models import Bulletin
from resources.models import Resource, Theme
user = User.objects.create_user(%(username)r, password=%(password)r, is_staff=True)
user.groups.add(Group.objects.get(name="Editors"))
resources = list(Resource.objects.published().order_by("pk").values("pk", "slug"))
print(json.dumps({
    "editable": resources,
    "resources": [r["slug"] for r in resources],
    "themes": list(Theme.objects.values_list("slug", flat=True)),
    "updates": list(Bulletin.objects.published().values_list("number", flat=True)),
    "words": ["care", "leadership", "children social work", "ofsted", "zzzz-no-match"],
}))
"""

CHECK_CODE = """
import json
from django.contrib.admin.models import CHANGE, LogEntry
from resources.models import Resource
print(json.dumps({
    "summaries": {str(pk): s for pk, s in Resource.objects.values_list("pk", "summary")},
    "changes": LogEntry.objects.filter(
        user__username=%(username)r, action_flag=CHANGE
    ).count(),
}))
"""


class FormFields(HTMLParser):
    """The values a browser would submit from the form with this id."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside = form_id, False
        self.fields = []  # (name, value), in order, repeats allowed
        self.select = self.textarea = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside or not a.get("name") and tag != "option":
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self.select = a["name"]
        elif tag == "option" and self.select and "selected" in a:
            self.fields.append((self.select, a.get("value", "")))
        elif tag == "textarea":
            self.textarea, self.text = a["name"], []

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            # The browser drops one newline straight after <textarea>.
            self.fields.append((self.textarea, "".join(self.text).removeprefix("\n")))
            self.textarea = None


class Editor(threading.Thread):
    """Logs in to the admin and saves a change to a resource's summary every second."""

    def __init__(self, base_url, password, resources, stop):
        super().__init__(daemon=True)
        self.base_url, self.password, self.resources, self.stop = (
            base_url, password, resources, stop,
        )  # fmt: skip
        jar = http.cookiejar.CookieJar()
        self.jar = jar
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar), NoRedirect()
        )
        self.saved = []  # (pk, slug, summary, seconds taken), in the order saved
        self.failed = []  # (pk, reason)
        self.locks = [threading.Lock() for _ in resources]
        self.started = 0

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode("utf-8", "replace")

    def csrf_token(self):
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def login(self):
        self.request("/admin/login/")
        status, headers, _ = self.request(
            "/admin/login/?next=/admin/",
            {"username": EDITOR_USERNAME, "password": self.password,
             "csrfmiddlewaretoken": self.csrf_token(), "next": "/admin/"},
        )  # fmt: skip
        if status != 302 or headers.get("Location") != "/admin/":
            raise HarnessError(f"The editor could not log in (status {status}).")

    def save(self, number):
        resource = self.resources[number % len(self.resources)]
        change_url = f"/admin/resources/resource/{resource['pk']}/change/"
        started = time.perf_counter()
        status, _, html = self.request(change_url)
        if status != 200:
            self.failed.append((resource["pk"], f"change form: {status}"))
            return
        parser = FormFields("resource_form")
        parser.feed(html)
        fields = [(k, v) for k, v in parser.fields if k != "summary"]
        summary = dict(parser.fields).get("summary", "")
        summary = re.sub(r" \(Edit \d+\.\)$", "", summary) + f" (Edit {number}.)"
        fields.append(("summary", summary))
        fields.append(("_save", "Save"))
        status, headers, html = self.request(change_url, fields)
        if status == 302 and "/change/" not in headers.get("Location", ""):
            self.saved.append((resource["pk"], resource["slug"], summary,
                               time.perf_counter() - started))  # fmt: skip
        else:
            errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)
            self.failed.append((resource["pk"], f"save: {status} {errors[:2]}"))

    def save_one(self, number):
        # One save at a time per resource, in the order they were started.
        with self.locks[number % len(self.resources)]:
            try:
                self.save(number)
            except OSError as error:
                self.failed.append((None, f"connection: {error}"))

    def run(self):
        """Start a save every second, even while earlier ones are still waiting for
        the loaded server; each goes to the next resource in turn."""
        self.login()
        number, next_at, saves = 1, time.monotonic(), []
        while not self.stop.is_set():
            save = threading.Thread(target=self.save_one, args=(number,), daemon=True)
            save.start()
            saves.append(save)
            number += 1
            next_at += 1.0
            self.stop.wait(max(0.0, next_at - time.monotonic()))
        self.started = number - 1
        for save in saves:
            save.join(60)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def say(text=""):
    """Progress and results for the person running the command."""
    sys.stdout.write(f"{text}\n")
    sys.stdout.flush()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def run(args):
    own = None
    server = os.environ.get("LOAD_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432")
    name = f"h_rel_load_{os.getpid()}"
    if args.own_postgres:
        own = ThrowawayPostgres().init().start()
        database_url = own.createdb(name)
    else:
        subprocess.run(["createdb", "--maintenance-db", f"{server}/postgres", name], check=True)
        database_url = f"{server}/{name}"
    site = Site(database_url, workers=args.workers)
    try:
        say(f"Preparing {database_url} (migrate, demo content, collectstatic)...")
        site.prepare()
        password = secrets.token_urlsafe(24)
        code = SITE_INFO_CODE % {"username": EDITOR_USERNAME, "password": password}
        info = json.loads(site.manage("shell", "-c", code).splitlines()[-1])
        paths = mix_of_pages(info)
        site.start()
        workers = site.worker_pids()
        say(f"gunicorn on {site.base_url}: {args.workers} sync workers {workers}")
        return drive(args, site, info, paths, password, workers, own)
    finally:
        site.destroy()
        if own:
            own.destroy()
        else:
            subprocess.run(
                ["dropdb", "--if-exists", "--maintenance-db", f"{server}/postgres", name],
                check=False,
            )


def drive(args, site, info, paths, password, workers, own):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % {"paths": ", ".join(json.dumps(p) for p in paths)})
    stop = threading.Event()
    editor = Editor(site.base_url, password, info["editable"], stop)
    fault = None
    if args.restart_postgres_at is not None:
        fault = threading.Timer(args.restart_postgres_at, restart, (own, args.down_for))
    say(
        f"Driving {args.clients} clients for {args.duration}s over {len(paths)} pages, "
        "with an editor saving every second..."
    )
    editor.start()
    if fault:
        fault.start()
    wrk = subprocess.run(
        ["wrk", "-t", str(args.threads), "-c", str(args.clients), "-d", f"{args.duration}s",
         "--timeout", "10s", "-s", script.name, site.base_url],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    stop.set()
    editor.join(60)
    if fault:
        fault.join()
    os.unlink(script.name)
    result_line = next(
        (ln for ln in wrk.stdout.splitlines() if ln.startswith("WRK_RESULT ")), None
    )
    if result_line is None:
        raise HarnessError(f"wrk printed no result:\n{wrk.stdout}\n{wrk.stderr}")
    result = json.loads(result_line.removeprefix("WRK_RESULT "))

    code = CHECK_CODE % {"username": EDITOR_USERNAME}
    check = json.loads(site.manage("shell", "-c", code).splitlines()[-1])
    last_saved = {}
    for pk, slug, summary, _ in editor.saved:
        last_saved[pk] = (slug, summary)
    lost = [
        pk for pk, (_, summary) in last_saved.items() if check["summaries"][str(pk)] != summary
    ]
    not_served = []
    for slug, summary in last_saved.values():
        page = get(f"{site.base_url}/resources/{slug}/")
        marker = re.search(r"\(Edit \d+\.\)$", summary).group(0)
        if page.status != 200 or marker not in page.text:
            not_served.append(slug)
    same_workers = site.worker_pids() == workers
    return report(args, result, editor, check, lost, not_served, same_workers)


def restart(own, down_for):
    say(f"  ... stopping PostgreSQL for {down_for}s")
    own.stop("fast")
    time.sleep(down_for)
    own.start()
    say("  ... PostgreSQL is back")


def report(args, result, editor, check, lost, not_served, same_workers):
    seconds = result["duration_us"] / 1e6
    statuses = {int(k): v for k, v in result["statuses"].items()}
    bad = {s: n for s, n in statuses.items() if not 200 <= s < 400}
    allowed_503 = args.restart_postgres_at is not None
    errors = {s: n for s, n in bad.items() if not (allowed_503 and s == 503)}
    socket_errors = sum(result["errors"].values())
    latency = {k: v / 1000 for k, v in result["latency_us"].items()}
    save_times = [taken * 1000 for *_, taken in editor.saved]
    rows = [
        ("clients / duration", f"{args.clients} / {seconds:.1f} s"),
        ("gunicorn workers", f"{args.workers} (sync), same pids at the end: {same_workers}"),
        ("requests", f"{result['requests']:,}"),
        ("throughput", f"{result['requests'] / seconds:,.1f} req/s"),
        ("latency p50 / p90 / p99",
         f"{latency['p50']:.1f} / {latency['p90']:.1f} / {latency['p99']:.1f} ms"),
        ("latency mean / max", f"{latency['mean']:.1f} / {latency['max']:.1f} ms"),
        ("statuses", ", ".join(f"{s}: {n:,}" for s, n in sorted(statuses.items()))),
        ("socket errors", json.dumps(result["errors"])),
        ("editor saves",
         f"{editor.started} started, {len(editor.saved)} saved, {len(editor.failed)} failed"),
        ("save p50 / p99",
         f"{percentile(save_times, 0.5):.0f} / {percentile(save_times, 0.99):.0f} ms"),
        ("admin history", f"{check['changes']} changes logged for {len(editor.saved)} saves"),
        ("lost edits", f"{len(lost)}"),
        ("last edit not served", f"{len(not_served)}"),
    ]  # fmt: skip
    width = max(len(label) for label, _ in rows)
    say()
    for label, value in rows:
        say(f"  {label:<{width}}  {value}")
    problems = []
    if errors:
        problems.append(f"error responses: {errors}")
    if socket_errors:
        problems.append(f"socket errors: {result['errors']}")
    if editor.failed and not allowed_503:
        problems.append(f"failed saves: {editor.failed[:5]}")
    if not editor.saved:
        problems.append("the editor saved nothing")
    if check["changes"] != len(editor.saved):
        problems.append("admin history does not match the saves")
    if lost:
        problems.append(f"lost edits on resources {lost}")
    if not_served:
        problems.append(f"last edit not served on {not_served}")
    if not same_workers:
        problems.append("gunicorn workers were restarted")
    say()
    if problems:
        say("FAILED: " + "; ".join(problems))
        return 1
    say("PASSED: no errors, no lost edit, the last edits are served.")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.load",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--duration", type=int, default=60, help="seconds")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument(
        "--own-postgres",
        action="store_true",
        help="a throwaway PostgreSQL cluster instead of LOAD_DATABASE_SERVER",
    )
    parser.add_argument(
        "--restart-postgres-at",
        type=float,
        metavar="SECONDS",
        help="stop the throwaway PostgreSQL this far into the run",
    )
    parser.add_argument("--down-for", type=float, default=5.0, metavar="SECONDS")
    args = parser.parse_args(argv)
    if args.restart_postgres_at is not None and not args.own_postgres:
        parser.error("--restart-postgres-at needs --own-postgres: never restart a shared server.")
    if shutil.which("wrk") is None:
        parser.error("wrk is not installed: apt-get install wrk")
    try:
        return run(args)
    except HarnessError as error:
        sys.stderr.write(f"FAILED: {error}\n")
        return 2


if __name__ == "__main__":
    sys.exit(main())
