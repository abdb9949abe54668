"""Security headers on every kind of response: a public page, the admin, a 404, a download."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.template import engines
from django.test import override_settings
from django.urls import path, reverse

from core.security import style_attribute_hashes
from tests.factories import make_bulletin, make_resource, make_staff

pytestmark = pytest.mark.django_db

TINY_PDF = b"%PDF-1.4\n%%EOF\n"


def csp_of(response):
    """The Content-Security-Policy as {directive: [values]}."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


def assert_security_headers(response):
    policy = csp_of(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.fixture
def downloadable():
    return make_resource("With a file", file=SimpleUploadedFile("report.pdf", TINY_PDF))


def test_headers_on_a_public_page(client):
    assert_security_headers(client.get(reverse("resources:home")))


def test_headers_on_the_admin(admin_client):
    assert_security_headers(admin_client.get(reverse("admin:index")))


def test_headers_on_the_admin_login(client):
    assert_security_headers(client.get(reverse("admin:login")))


def test_headers_on_a_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_security_headers(response)


def test_headers_on_a_file_download(client, downloadable):
    response = client.get(reverse("resources:resource_download", args=[downloadable.slug]))
    assert response.status_code == 200
    assert_security_headers(response)


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_is_sent_on_https_when_configured(client):
    response = client.get(reverse("resources:home"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_hsts_is_off_by_default(client):
    response = client.get(reverse("resources:home"), secure=True)
    assert "Strict-Transport-Security" not in response


def nonces_in_body(html):
    return set(re.findall(r'nonce="([^"]+)"', html))


def test_admin_inline_styles_and_scripts_carry_this_responses_nonce(admin_client):
    make_resource("One")
    response = admin_client.get(reverse("admin:resources_resource_changelist"))
    html = response.content.decode()
    body_nonces = nonces_in_body(html)
    assert body_nonces, "the changelist has a nonce'd <style>"
    allowed = csp_of(response)["style-src"]
    assert all(f"'nonce-{nonce}'" in allowed for nonce in body_nonces)
    # Every inline <script>/<style> carries it; data blocks (type=application/json) need none.
    for tag in re.findall(r"<(?:script|style)\b[^>]*>", html):
        if "src=" in tag or "application/json" in tag:
            continue
        assert "nonce=" in tag, tag


def test_each_response_gets_a_new_nonce(admin_client):
    url = reverse("admin:resources_resource_changelist")
    first = nonces_in_body(admin_client.get(url).content.decode())
    second = nonces_in_body(admin_client.get(url).content.decode())
    assert first and second and first.isdisjoint(second)


def test_public_templates_have_no_inline_scripts_or_styles(client):
    make_resource("A resource", body="Some *text*.")
    html = client.get(reverse("resources:resource_list")).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html
    assert " style=" not in html


def page_with_an_inline_script(request):
    """A page with a nonce'd inline script and nothing else."""
    template = engines["django"].from_string(
        "<!doctype html><title>t</title><script {% csp_nonce_attr %}>let x = 1;</script>"
    )
    return HttpResponse(template.render({}, request))


urlpatterns = [path("with-a-nonce/", page_with_an_inline_script)]


@override_settings(ROOT_URLCONF=__name__, PAGE_CACHE_SECONDS=600)
def test_a_page_replayed_from_the_whole_page_cache_keeps_a_csp_matching_its_body(client):
    """The page cache (pagecache, outside the CSP middleware) stores the CSP
    header with the body it belongs to, so a replayed nonce still matches."""
    cache.clear()
    first = client.get("/with-a-nonce/")
    second = client.get("/with-a-nonce/")
    (nonce,) = nonces_in_body(first.content.decode())
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    for response in (first, second):
        assert csp_of(response)["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    cache.clear()


def style_attribute_hashes_of(values):
    import base64
    import hashlib

    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(v.encode()).digest()).decode()}'"
        for v in values
    ]


def test_email_version_allows_exactly_its_own_style_attributes(client):
    make_bulletin(393, items=[{"title": "Item", "action_deadline": None}])
    response = client.get(reverse("newsletters:bulletin_email", args=[393]))
    policy = csp_of(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert policy["style-src-attr"][0] == "'unsafe-hashes'"
    styles = set(re.findall(r'style="([^"]*)"', response.content.decode()))
    assert styles
    assert set(style_attribute_hashes_of(styles)) <= set(policy["style-src-attr"])
    template = settings.BASE_DIR / "templates" / "newsletters" / "bulletin_email.html"
    assert policy["style-src-attr"][1:] == style_attribute_hashes(template)


# Cookies


def test_session_and_csrf_cookies_are_secure_httponly_and_samesite(client):
    make_staff("editor")
    login = client.get(reverse("admin:login"))
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"

    response = client.post(
        reverse("admin:login"), {"username": "editor", "password": "a-long-test-password"}
    )
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
