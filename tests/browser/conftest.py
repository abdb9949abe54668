"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live_server.

Playwright cannot download its own browsers here, so these tests launch the
Chromium at CHROMIUM_PATH (default /usr/bin/chromium). Without it they are
skipped with the reason shown, unless REQUIRE_BROWSER_TESTS=1 (CI sets it),
in which case they fail: CI must never skip them silently.
"""

import os

# Playwright's sync API runs an event loop in the test's thread, so Django's
# ORM (the factories, the live server's set-up) would refuse to run without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

HERE = Path(__file__).resolve().parent
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = (
    "Chromium not installed: apt-get install chromium chromium-driver "
    f"(looked for {CHROMIUM_PATH}; set CHROMIUM_PATH to use another)"
)


def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder `browser`, so `-m "not browser"` leaves them out."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)
            # pytest-playwright 0.10's base_url fixture is a session fixture defined as a
            # method, which pytest 9 warns about on every run; nothing here can change it.
            item.add_marker(
                pytest.mark.filterwarnings(
                    "ignore:Session-scoped fixtures defined as instance methods"
                    ":pytest.PytestRemovedIn10Warning"
                )
            )


@pytest.fixture(scope="session", autouse=True)
def chromium_path():
    """Chromium's path; skip every browser test without it, or fail if they are required."""
    path = Path(CHROMIUM_PATH)
    if path.is_file() and os.access(path, os.X_OK):
        return str(path)
    if os.environ.get("REQUIRE_BROWSER_TESTS") == "1":
        pytest.fail(
            f"REQUIRE_BROWSER_TESTS=1 but the browser tests cannot run. {MISSING_CHROMIUM}",
            pytrace=False,
        )
    pytest.skip(MISSING_CHROMIUM)


@pytest.fixture(scope="session")
def playwright(playwright):
    """pytest-playwright's Playwright, closing Django's connections before it stops.

    While Playwright's sync API runs, its event loop counts as running in this thread,
    so Django keeps this thread's database connections apart from the usual ones
    (asgiref's Local). The test database's teardown never sees them, and on
    PostgreSQL it then cannot drop the database ("being accessed by other users").
    """
    yield playwright
    from django.db import connections

    connections.close_all()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    """pytest-playwright's launch options, plus Debian's Chromium and quiet, sandbox-free flags."""
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path,
        "args": CHROMIUM_ARGS,
    }


def describe(violations):
    lines = []
    for violation in violations:
        targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
        more = len(violation["nodes"]) - len(targets)
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}\n"
            f"  on: {'; '.join(targets)}{f' and {more} more' if more > 0 else ''}"
        )
    return "\n".join(lines)


@pytest.fixture(scope="session")
def assert_accessible():
    """Check the page open in `page` with axe-core: one h1, nothing serious or critical."""
    axe = Axe()

    def check(page, name):
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        violations = axe.run(page).response["violations"]
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        others = [v for v in violations if v not in serious]
        if others:
            print(f"axe: lesser findings on the {name} page:\n{describe(others)}")  # noqa: T201
        assert not serious, (
            f"axe-core found serious or critical problems on the {name} page:\n{describe(serious)}"
        )

    return check
