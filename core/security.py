"""Security headers Django does not send itself, and the admin's own CSP.

Django's SecurityMiddleware sends HSTS, X-Content-Type-Options, Referrer-Policy
and Cross-Origin-Opener-Policy, XFrameOptionsMiddleware sends X-Frame-Options
and ContentSecurityPolicyMiddleware the CSP. This adds Permissions-Policy,
which turns off browser features (camera, microphone, location…) no page uses,
and picks the admin's policy (ADMIN_CSP, with nonces) for the admin's pages.
"""

import base64
import hashlib
import re
from pathlib import Path

from django.conf import settings


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


class AdminContentSecurityPolicyMiddleware:
    """ADMIN_CSP instead of SECURE_CSP for every response of an admin site's views.

    The public policy allows no nonce (a page-cached nonce is no secret); the
    admin's templates need one for their inline scripts and styles, and admin
    pages are never page-cached (the admin sends Cache-Control: private,
    no-store, and the page cache skips /admin/), so each response has its own.
    List it just after Django's ContentSecurityPolicyMiddleware: its policy is
    chosen here on the way out, then sent by that middleware, exactly as a
    view's @csp_override would (which it leaves alone).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if match is not None and "admin" in match.app_names:
            # The attribute @csp_override sets and ContentSecurityPolicyMiddleware reads.
            if not hasattr(response, "_csp_config"):
                response._csp_config = settings.ADMIN_CSP
        return response


STYLE_ATTRIBUTE = re.compile(r'\bstyle="([^"{}]*)"')


def style_attribute_hashes(template_path):
    """CSP hashes ('sha256-…') of every fixed style="…" attribute in a template file.

    For pages whose inline styles are the point (the e-mail version of an update,
    pasted into mailing tools that only honour inline styles): with
    'unsafe-hashes', the browser applies exactly these style attributes and no
    others, so the policy still has no 'unsafe-inline'. Only literal values are
    hashed; a value built from template variables would not be allowed.
    """
    source = Path(template_path).read_text(encoding="utf-8")
    values = sorted(set(STYLE_ATTRIBUTE.findall(source)))
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(v.encode()).digest()).decode()}'"
        for v in values
    ]


def policy_allowing_style_attributes(template_path):
    """The site's CSP plus its template's fixed style attributes, for csp_override()."""
    return {
        **settings.SECURE_CSP,
        "style-src-attr": ["'unsafe-hashes'", *style_attribute_hashes(template_path)],
    }


def login_limits(request):
    """Template context: the login throttle's limits, for the admin login and lockout pages."""
    return {
        "login_failure_limit": settings.AXES_FAILURE_LIMIT,
        "login_cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
