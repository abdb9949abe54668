"""Site-wide files that belong to no app: robots.txt and the OpenSearch description."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    admin = reverse("admin:index")
    lines = ["User-agent: *", f"Disallow: {admin}", "", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(max_age=86400)
def opensearch(request):
    return render(
        request,
        "opensearch.xml",
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
