"""The admin works in a real browser under its own Content-Security-Policy.

Django's admin loads its scripts from files and marks its few inline scripts
and styles with the response's nonce, so the admin gets ADMIN_CSP (the site's
policy plus a fresh nonce per response; public pages have no nonce at all).
These tests sign in, use the pages whose widgets need JavaScript, and fail on
any CSP violation Chromium reports.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.csp import collect_csp_violations
from tests.factories import make_bulletin, make_resource, make_staff

pytestmark = pytest.mark.browser


@pytest.fixture
def signed_in_page(live_server, page, transactional_db):
    """A superuser signed in through the login form; CSP reports collected in page.violations."""
    make_staff("boss", superuser=True)
    collect_csp_violations(page)
    page.goto(live_server.url + reverse("admin:login"))
    expect(page.get_by_text("failed attempts with one username")).to_be_visible()
    page.get_by_label("Username").fill("boss")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    expect(
        page.get_by_role("heading", name="Keep the library and weekly updates current")
    ).to_be_visible()
    return page


def test_admin_pages_raise_no_csp_violations(live_server, signed_in_page):
    page = signed_in_page
    resource = make_resource("Practice leadership")
    bulletin = make_bulletin(393, items=["An item"])
    for path in (
        reverse("admin:index"),
        reverse("admin:resources_resource_changelist"),
        reverse("admin:resources_resource_change", args=[resource.pk]),
        reverse("admin:newsletters_bulletin_changelist"),
        reverse("admin:newsletters_bulletin_change", args=[bulletin.pk]),
        reverse("admin:auth_user_changelist"),
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200
        # The admin's policy, with this response's nonce on its inline tags.
        (nonce,) = set(re.findall(r"'nonce-([^']+)'", response.headers["content-security-policy"]))
        assert page.locator("[nonce]").count() > 0
        assert all(
            tag.evaluate("element => element.nonce") == nonce
            for tag in page.locator("[nonce]").all()
        )
        page.wait_for_load_state("networkidle")
    assert not page.violations, page.violations


def test_admin_javascript_still_works_under_the_policy(live_server, signed_in_page):
    page = signed_in_page
    bulletin = make_bulletin(393, items=["An item"])

    # Prepopulated slug (admin/js/prepopulate.js) fills in from the title.
    page.goto(live_server.url + reverse("admin:resources_resource_add"))
    page.get_by_label("Title").press_sequentially("Leading in colour")
    expect(page.get_by_label("Slug")).to_have_value("leading-in-colour")

    # The collapsed "Seminar or event" section opens.
    page.get_by_text("Seminar or event").click()
    expect(page.get_by_label("Venue")).to_be_visible()

    # The inline's "Add another" (admin/js/inlines.js) adds an item form.
    page.goto(live_server.url + reverse("admin:newsletters_bulletin_change", args=[bulletin.pk]))
    forms_before = page.locator(".inline-related:not(.empty-form)").count()
    page.locator(".add-row").get_by_role("button", name="Add another Programme item").click()
    expect(page.locator(".inline-related:not(.empty-form)")).to_have_count(forms_before + 1)
    assert not page.violations, page.violations
