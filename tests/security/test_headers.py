"""Security headers on every kind of response: a public page, the admin, a 404, a download."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory, override_settings
from django.urls import path, resolve, reverse
from django.utils.csp import CSP

from core.security import AdminContentSecurityPolicyMiddleware, style_attribute_hashes
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


def assert_public_policy(response):
    """Scripts and styles from this origin's files only, and no nonce in header or body."""
    policy = csp_of(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert "nonce" not in response["Content-Security-Policy"]
    if not response.streaming:
        assert b"nonce" not in response.content.lower()


def assert_admin_policy(response):
    """The admin's: scripts and styles from files or marked with this response's nonce."""
    policy = csp_of(response)
    (nonce,) = set(re.findall(r"'nonce-([^']+)'", response["Content-Security-Policy"]))
    assert policy["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert policy["style-src"] == ["'self'", f"'nonce-{nonce}'"]
    return nonce


def test_headers_on_a_public_page(client):
    response = client.get(reverse("resources:home"))
    assert_security_headers(response)
    assert_public_policy(response)


def test_headers_on_the_admin(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert_security_headers(response)
    assert_admin_policy(response)


def test_headers_on_the_admin_login(client):
    response = client.get(reverse("admin:login"))
    assert_security_headers(response)
    assert_admin_policy(response)


def test_headers_on_a_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_security_headers(response)
    assert_public_policy(response)


def test_headers_on_a_file_download(client, downloadable):
    response = client.get(reverse("resources:resource_download", args=[downloadable.slug]))
    assert response.status_code == 200
    assert_security_headers(response)
    assert_public_policy(response)


@pytest.fixture
def public_pages():
    """Every kind of public page, including the two with JSON-LD blocks and the e-mail one."""
    resource = make_resource("A resource", body="Some *text*.")
    bulletin = make_bulletin(393, items=[{"title": "Item", "action_deadline": None}])
    return [
        reverse("resources:home"),
        reverse("resources:resource_list"),
        resource.get_absolute_url(),
        reverse("resources:theme_list"),
        reverse("newsletters:bulletin_list"),
        bulletin.get_absolute_url(),
        reverse("newsletters:bulletin_latest"),
        reverse("newsletters:bulletin_email", args=[bulletin.number]),
        reverse("newsletters:contact_list"),
        reverse("search:search") + "?q=resource",
        reverse("accessibility"),
    ]


def test_public_pages_carry_no_nonce_and_allow_no_inline_script(client, public_pages):
    for url in public_pages:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert_security_headers(response)
        assert_public_policy(response)
        assert "'unsafe-inline'" not in csp_of(response)["script-src"]


def test_json_ld_blocks_are_data_and_carry_no_nonce(client, public_pages):
    make_bulletin(394, items=["An item"])
    for url in (public_pages[2], reverse("newsletters:bulletin_detail", args=[394])):
        html = client.get(url).content.decode()
        blocks = re.findall(r"<script\b[^>]*>", html)
        inline = [tag for tag in blocks if "src=" not in tag]
        assert inline == ['<script type="application/ld+json">'], url


def test_a_public_page_served_twice_has_the_same_policy(client, public_pages):
    for url in public_pages:
        first, second = client.get(url, follow=True), client.get(url, follow=True)
        assert first["Content-Security-Policy"] == second["Content-Security-Policy"], url
        assert_public_policy(first)
        assert_public_policy(second)


@override_settings(PAGE_CACHE_SECONDS=600)
def test_a_public_page_replayed_from_the_page_cache_carries_no_nonce(client, public_pages):
    """The defect this policy fixes: a replayed page is the same bytes for every
    reader, so anything in it that ought to be unique per response is public."""
    cache.clear()
    for url in public_pages:
        if url == reverse("newsletters:bulletin_latest"):
            continue  # a redirect to the update, which is in the list
        first, second = client.get(url), client.get(url)
        assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit"), url
        assert second.content == first.content
        assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
        assert_public_policy(second)
    cache.clear()


def public_templates():
    """Every template the public pages can use: the project's and the apps', not the admin's."""
    for folder in [Path(settings.BASE_DIR) / "templates"] + [
        Path(settings.BASE_DIR) / app / "templates"
        for app in ("core", "resources", "newsletters", "search", "pagecache", "reliability")
    ]:
        for template in folder.rglob("*"):
            if template.is_file() and "admin" not in template.relative_to(folder).parts:
                yield template


def test_no_public_template_or_tag_asks_for_a_nonce():
    templates = list(public_templates())
    assert len(templates) > 20
    for template in templates:
        assert "nonce" not in template.read_text(encoding="utf-8"), template
    for tags in Path(settings.BASE_DIR).glob("*/templatetags/*.py"):
        assert "csp_nonce" not in tags.read_text(encoding="utf-8"), tags


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
    """A public page with an inline script that asks for a nonce, and nothing else."""
    template = engines["django"].from_string(
        "<!doctype html><title>t</title><script {% csp_nonce_attr %}>let x = 1;</script>"
    )
    return HttpResponse(template.render({}, request))


urlpatterns = [path("with-a-nonce/", page_with_an_inline_script)]


@override_settings(ROOT_URLCONF=__name__, PAGE_CACHE_SECONDS=600)
def test_a_public_page_that_asks_for_a_nonce_is_not_allowed_one(client):
    """The public policy names no nonce, so a nonce a public template renders
    (and the page cache would replay to everyone) lets no inline script run."""
    cache.clear()
    first = client.get("/with-a-nonce/")
    second = client.get("/with-a-nonce/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    for response in (first, second):
        assert csp_of(response)["script-src"] == ["'self'"]
        assert "nonce" not in response["Content-Security-Policy"]
    cache.clear()


# The admin's own policy


def test_the_admin_policy_is_the_sites_plus_nonces_for_scripts_and_styles():
    assert settings.ADMIN_CSP == {
        **settings.SECURE_CSP,
        "script-src": [*settings.SECURE_CSP["script-src"], CSP.NONCE],
        "style-src": [*settings.SECURE_CSP["style-src"], CSP.NONCE],
    }
    assert CSP.NONCE not in str(settings.SECURE_CSP)
    assert CSP.UNSAFE_INLINE not in str(settings.ADMIN_CSP)


def test_the_admin_login_and_lockout_pages_have_the_admin_policy(client, settings):
    settings.AXES_FAILURE_LIMIT = 1
    make_staff("editor")
    login = client.get(reverse("admin:login"))
    nonce = assert_admin_policy(login)
    assert f'nonce="{nonce}"' in login.content.decode()
    client.post(reverse("admin:login"), {"username": "editor", "password": "wrong"})
    locked = client.post(reverse("admin:login"), {"username": "editor", "password": "wrong"})
    assert locked.status_code == 429
    nonce = assert_admin_policy(locked)
    assert f'nonce="{nonce}"' in locked.content.decode()


def test_the_admin_policy_is_chosen_for_admin_views_only():
    def respond(config=None):
        response = HttpResponse("ok")
        if config is not None:
            response._csp_config = config
        return response

    factory = RequestFactory()
    public = factory.get("/resources/")
    public.resolver_match = resolve("/resources/")
    assert not hasattr(
        AdminContentSecurityPolicyMiddleware(lambda r: respond())(public), "_csp_config"
    )

    admin = factory.get("/admin/")
    admin.resolver_match = resolve("/admin/")
    middleware = AdminContentSecurityPolicyMiddleware(lambda r: respond())
    assert middleware(admin)._csp_config == settings.ADMIN_CSP

    # A view's own @csp_override wins.
    own = {"default-src": [CSP.NONE]}
    assert AdminContentSecurityPolicyMiddleware(lambda r: respond(own))(admin)._csp_config is own

    unresolved = factory.get("/admin")  # e.g. answered before URL resolution
    assert not hasattr(
        AdminContentSecurityPolicyMiddleware(lambda r: respond())(unresolved), "_csp_config"
    )


def test_the_admin_middleware_sits_just_inside_the_csp_middleware():
    middleware = list(settings.MIDDLEWARE)
    csp = middleware.index("django.middleware.csp.ContentSecurityPolicyMiddleware")
    assert middleware[csp + 1] == "core.security.AdminContentSecurityPolicyMiddleware"


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
