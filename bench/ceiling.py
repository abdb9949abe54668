"""The framework ceiling for the benchmark (bench/run): `/__ceiling__/`.

It answers with the library page's bytes, rendered once and then kept in
memory: the fastest any page of this site could be served by the same
gunicorn, middleware and settings. The benchmark reports every page's
requests per second as a share of this. Only bench/urls.py routes to it, and
only bench/settings.py (the benchmark's gunicorn) uses that URLconf, so it
never exists in production.
"""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.views.decorators.cache import never_cache

from resources.views import resource_list

_page = None


def _library_page_bytes():
    global _page
    if _page is None:
        request = RequestFactory().get("/resources/", HTTP_HOST="localhost")
        request.user = AnonymousUser()
        _page = resource_list(request).content
    return _page


@never_cache  # the ceiling is the view itself, never the page cache
def ceiling(request):
    return HttpResponse(_library_page_bytes(), content_type="text/html; charset=utf-8")
