"""Well-known XSS payloads in every field staff write, loaded in a real browser.

The pages are opened with the Content-Security-Policy bypassed, so what keeps
the payloads from running is the sanitiser (core/text.py) and Django's
escaping, not the CSP: the CSP is the second line of defence, checked in
tests/security/test_headers.py and by the last test here.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from core.text import ALLOWED_TAGS
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


@pytest.fixture
def csp_free_page(browser):
    """A page whose CSP is bypassed, and a list of every dialog it tried to open."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs = []

    def record(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    page.dialogs = dialogs
    yield page
    context.close()


def test_no_payload_runs_or_survives_on_any_page(live_server, csp_free_page, hostile_content):
    page = csp_free_page
    problems = {}
    for name, path in hostile_pages(*hostile_content).items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, name
        # Hover and focus everything in the rich text, for on-hover/on-focus payloads.
        for link in page.locator(".prose a").all()[:60]:
            link.hover()
        page.keyboard.press("Tab")
        page.wait_for_timeout(50)
        found = page.evaluate(FIND_INJECTIONS, [sorted(ALLOWED_TAGS), NEVER_ON_THE_SITE])
        if found:
            problems[name] = found
    assert not page.dialogs, f"payloads ran: {page.dialogs}"
    assert not problems, problems


def test_plain_text_fields_show_the_payload_as_text(live_server, csp_free_page, hostile_content):
    resource, theme, _ = hostile_content
    page = csp_free_page
    page.goto(live_server.url + resource.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert PLAIN in page.locator("main").inner_text()
    page.goto(live_server.url + theme.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == PLAIN
    assert not page.dialogs


def test_the_csp_also_blocks_an_inline_script_that_got_through(live_server, page):
    """The second line of defence: under the site's policy an injected script never runs."""
    page_errors = []
    page.on("console", lambda message: page_errors.append(message.text))
    page.goto(live_server.url + reverse("resources:home"))
    ran = page.evaluate(
        """() => {
          window.__ran = false;
          const script = document.createElement('script');
          script.textContent = 'window.__ran = true';
          document.body.append(script);
          return window.__ran;
        }"""
    )
    assert ran is False
    assert any("Content Security Policy" in text for text in page_errors)


@pytest.mark.parametrize("count", [len(PAYLOADS)])
def test_the_payload_list_is_long_enough(count):
    assert count >= 40
