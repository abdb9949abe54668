"""Well-known XSS payloads in every field staff write, loaded in a real browser.

Each page is opened twice over. With the Content-Security-Policy bypassed,
what keeps the payloads from running is the sanitiser (core/text.py) and
Django's escaping, not the CSP. With the site's real CSP on (and each page
loaded again as the whole-page cache replays it), the page must also raise no
CSP violation at all, and the site's own scripts (static/js/) must still run
under `script-src 'self'`. The CSP is the second line of defence, checked in
tests/security/test_headers.py and by the last tests here.
"""

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from core.text import ALLOWED_TAGS
from tests.browser.csp import collect_csp_violations
from tests.factories import (
    make_bulletin,
    make_contact,
    make_item,
    make_publication,
    make_seminar,
    make_theme,
)
from tests.security.xss_payloads import ALL_PAYLOADS, PAYLOADS

pytestmark = pytest.mark.browser

# Plain-text fields get one payload each; it must show as text.
TITLE = "<img src=x onerror=\"alert('title')\"> Title"
PLAIN = "<script>alert('plain')</script> plain"

# Elements no page of this site has, so any found came from a payload. The only
# inline scripts are the JSON-LD blocks, and those must still parse as JSON.
NEVER_ON_THE_SITE = ", ".join(
    [
        "script:not([src]):not([type='application/ld+json'])",
        "iframe, object, embed, svg, math, base, img, video, template, noscript",
        "meta[http-equiv], style, link[href^='javascript' i]",
    ]
)

FIND_INJECTIONS = """
([allowedTags, neverSelector]) => {
  const found = [];
  const allowed = new Set(allowedTags);
  for (const el of document.querySelectorAll(neverSelector)) {
    found.push('element <' + el.tagName.toLowerCase() + '>');
  }
  for (const data of document.querySelectorAll("script[type='application/ld+json']")) {
    try { JSON.parse(data.textContent); } catch (e) { found.push('JSON-LD that is not JSON'); }
  }
  for (const script of document.querySelectorAll('script[src]')) {
    if (new URL(script.src).origin !== location.origin) found.push('script from ' + script.src);
  }
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(el.tagName + ' ' + name + '=' + attr.value);
      if (name === 'srcdoc') found.push(el.tagName + ' srcdoc');
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(name)) {
        const scheme = attr.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
        if (/^(javascript|vbscript|data):/.test(scheme)) {
          found.push(el.tagName + ' ' + name + '=' + attr.value);
        }
      }
    }
  }
  for (const prose of document.querySelectorAll('.prose')) {
    for (const el of prose.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (!allowed.has(tag)) found.push('<' + tag + '> in rich text');
      if (el.hasAttribute('style')) found.push('style attribute in rich text');
    }
  }
  return found;
}
"""


@pytest.fixture
def hostile_content(transactional_db):
    """One of everything staff write, every field full of payloads."""
    theme = make_theme(PLAIN, slug="hostile-theme", introduction=ALL_PAYLOADS)
    resource = make_seminar(
        TITLE,
        slug="hostile-resource",
        summary=ALL_PAYLOADS,
        body=ALL_PAYLOADS,
        credit=PLAIN,
        venue=PLAIN,
        starts_at=timezone.now() + timezone.timedelta(days=7),
    )
    resource.themes.set([theme])
    bulletin = make_bulletin(393, introduction=ALL_PAYLOADS)
    item = make_item(
        bulletin,
        PLAIN,
        update=ALL_PAYLOADS,
        action_required=ALL_PAYLOADS,
        action_deadline=timezone.localdate() + timezone.timedelta(days=3),
        resource=resource,
    )
    contact = make_contact(PLAIN, role=PLAIN, organisation=PLAIN, email="x@example.org")
    item.contacts.set([contact])
    bulletin.contacts.set([contact])
    bulletin.publications.set([make_publication(PLAIN, publisher=PLAIN)])
    return resource, theme, bulletin


def hostile_pages(resource, theme, bulletin):
    return {
        "home": reverse("resources:home"),
        "library": reverse("resources:resource_list"),
        "library search": reverse("resources:resource_list") + "?q=plain",
        "resource": resource.get_absolute_url(),
        "themes": reverse("resources:theme_list"),
        "theme": theme.get_absolute_url(),
        "updates": reverse("newsletters:bulletin_list"),
        "update": bulletin.get_absolute_url(),
        "latest update": reverse("newsletters:bulletin_latest"),
        "update e-mail": reverse("newsletters:bulletin_email", args=[bulletin.number]),
        "contacts": reverse("newsletters:contact_list"),
    }


# What the site's own scripts leave behind when they have run (static/js/).
FIND_SCRIPTS_THAT_DID_NOT_RUN = """
() => {
  const missing = [];
  const box = document.getElementById('site-search-q');
  if (box && box.getAttribute('role') !== 'combobox') missing.push('search.js');
  const links = [...document.querySelectorAll('main a[href]')].filter(
    (a) => !/^(#|mailto:|tel:|javascript:)/.test(a.getAttribute('href')));
  if (links.length && !links.every((a) => a.hasAttribute('data-print-href'))) {
    missing.push('print.js');
  }
  for (const holder of document.querySelectorAll('[data-copy-text]')) {
    if (!holder.querySelector('button')) missing.push('cite.js');
  }
  if (matchMedia('(min-width: 48rem)').matches) {
    for (const panel of document.querySelectorAll('details.filters')) {
      if (!panel.open) missing.push('site.js');
    }
  }
  return missing;
}
"""


# Every CSP violation the page reports, with what was blocked and where.
class Browsing:
    """Fresh pages in one mode: the CSP bypassed, or the site's real policy on.

    Each page records the dialogs it tried to open and, with the CSP on, every
    CSP violation it reported (the `securitypolicyviolation` event and
    Chromium's console message alike), in `dialogs` and `violations`.
    """

    def __init__(self, browser, csp):
        self.browser = browser
        self.csp = csp
        self.contexts = []

    def new_page(self):
        context = self.browser.new_context(bypass_csp=not self.csp)
        self.contexts.append(context)
        page = context.new_page()
        page.dialogs = []

        def record_dialog(dialog):
            page.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", record_dialog)
        return collect_csp_violations(page)

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture(params=["csp bypassed", "csp on"])
def browsing(request, browser, settings):
    """Both modes; with the CSP on, the whole-page cache is on too, starting empty."""
    csp = request.param == "csp on"
    if csp:
        settings.PAGE_CACHE_SECONDS = 600
    caches[settings.PAGE_CACHE_ALIAS].clear()
    browsing = Browsing(browser, csp)
    yield browsing
    browsing.close()
    caches[settings.PAGE_CACHE_ALIAS].clear()


def check_the_policy(response, name):
    """The real header arrived: scripts and styles from files, and no nonce."""
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy, (name, policy)
    assert "style-src 'self';" in policy, (name, policy)
    assert "nonce" not in policy and "'unsafe-inline'" not in policy, (name, policy)


def visit(page, url, name):
    response = page.goto(url)
    assert response.status == 200, name
    return response


def test_no_payload_runs_or_survives_on_any_page(live_server, browsing, hostile_content):
    pages = hostile_pages(*hostile_content)
    # With the CSP on, a second round in a new browser: every page as the page cache replays it.
    rounds = ["rendered", "replayed"] if browsing.csp else ["rendered"]
    problems, dialogs, violations, not_run = {}, [], [], {}
    for round_ in rounds:
        page = browsing.new_page()
        for name, path in pages.items():
            response = visit(page, live_server.url + path, name)
            if browsing.csp:
                check_the_policy(response, name)
                if round_ == "replayed":
                    assert response.headers["x-page-cache"] == "hit", name
            # Hover and focus everything in the rich text, for on-hover/on-focus payloads.
            for link in page.locator(".prose a").all()[:60]:
                link.hover()
            page.keyboard.press("Tab")
            page.wait_for_timeout(50)
            found = page.evaluate(FIND_INJECTIONS, [sorted(ALLOWED_TAGS), NEVER_ON_THE_SITE])
            if found:
                problems[f"{name} ({round_})"] = found
            missing = page.evaluate(FIND_SCRIPTS_THAT_DID_NOT_RUN)
            if missing:
                not_run[f"{name} ({round_})"] = missing
        dialogs += page.dialogs
        violations += page.violations
    assert not dialogs, f"payloads ran: {dialogs}"
    assert not problems, problems
    assert not violations, f"CSP violations: {violations}"
    assert not not_run, f"the site's own scripts did not run: {not_run}"


def test_plain_text_fields_show_the_payload_as_text(live_server, browsing, hostile_content):
    resource, theme, _ = hostile_content
    page = browsing.new_page()
    page.goto(live_server.url + resource.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert PLAIN in page.locator("main").inner_text()
    page.goto(live_server.url + theme.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == PLAIN
    assert not page.dialogs
    assert not page.violations


INJECT_A_SCRIPT = """(nonce) => {
  window.__ran = false;
  const script = document.createElement('script');
  if (nonce) script.nonce = nonce;
  script.textContent = 'window.__ran = true';
  document.body.append(script);
  return window.__ran;
}"""


@pytest.fixture
def with_the_csp(browser, settings):
    """Pages under the site's real policy, with the whole-page cache on, starting empty."""
    settings.PAGE_CACHE_SECONDS = 600
    caches[settings.PAGE_CACHE_ALIAS].clear()
    browsing = Browsing(browser, csp=True)
    yield browsing
    browsing.close()
    caches[settings.PAGE_CACHE_ALIAS].clear()


def test_the_csp_also_blocks_an_inline_script_that_got_through(live_server, with_the_csp):
    """The second line of defence: under the site's policy an injected script never runs."""
    page = with_the_csp.new_page()
    page.goto(live_server.url + reverse("resources:home"))
    assert page.evaluate(INJECT_A_SCRIPT, "") is False
    page.wait_for_timeout(100)
    assert any("script-src" in text for text in page.violations), page.violations


def test_a_replayed_page_has_no_nonce_to_reuse(live_server, with_the_csp):
    """What a reader of a cached page sees holds no nonce, and no nonce opens anything."""
    url = live_server.url + reverse("resources:home")
    with_the_csp.new_page().goto(url)
    page = with_the_csp.new_page()
    response = page.goto(url)
    assert response.headers["x-page-cache"] == "hit"
    check_the_policy(response, "home")
    assert page.locator("[nonce]").count() == 0
    assert page.evaluate(INJECT_A_SCRIPT, "a-guessed-or-replayed-nonce") is False


@pytest.mark.parametrize("count", [len(PAYLOADS)])
def test_the_payload_list_is_long_enough(count):
    assert count >= 40
