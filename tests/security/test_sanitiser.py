"""The sanitiser's own output for every XSS payload: only safe tags, attributes and links."""

from html.parser import HTMLParser

import pytest

from core.text import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown
from tests.security.xss_payloads import ALL_PAYLOADS, PAYLOADS

SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements_of(html):
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


def assert_safe(html):
    for tag, attrs in elements_of(html):
        assert tag in ALLOWED_TAGS, f"<{tag}> in {html!r}"
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        assert set(attrs) <= allowed, f"<{tag} {attrs}> in {html!r}"
        href = attrs.get("href")
        if href is not None:
            # Browsers strip whitespace and control characters before reading a scheme.
            cleaned = "".join(ch for ch in href if ch > " ").lower()
            assert cleaned.startswith(SAFE_SCHEMES) or ":" not in cleaned.split("/")[0], href


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_payload_comes_out_safe(payload):
    assert_safe(render_markdown(payload))


def test_all_payloads_together_come_out_safe():
    html = render_markdown(ALL_PAYLOADS)
    assert_safe(html)
    lowered = html.lower()
    assert "<script" not in lowered
    assert "javascript:" not in lowered


def test_payloads_in_code_stay_visible_as_text():
    html = render_markdown("`<script>alert(1)</script>`")
    assert html == "<p><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></p>"


def test_safe_markup_survives():
    html = render_markdown(
        '## Heading\n\n[A link](https://example.org "Title") and <a href="mailto:a@b.org">mail</a>'
    )
    assert "<h2>Heading</h2>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer"' in html
    assert 'href="mailto:a@b.org"' in html
