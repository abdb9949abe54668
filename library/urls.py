from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView

from library import views as site_views
from library.sitemaps import SITEMAPS

admin.site.site_header = "Resource library: staff"
admin.site.site_title = "Resource library staff"
admin.site.index_title = "Keep the library and weekly updates current"

urlpatterns = [
    path("", include("resources.urls")),
    path("", include("newsletters.urls")),
    path("search/", include("search.urls")),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="accessibility.html"),
        name="accessibility",
    ),
    path("admin/", admin.site.urls),
]

# Following the site (issue 5): calendar, sitemap, robots.txt, OpenSearch.
urlpatterns += [
    path("calendar.ics", site_views.calendar, name="calendar"),
    path(
        "sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("robots.txt", site_views.robots_txt, name="robots_txt"),
    path("opensearch.xml", site_views.opensearch, name="opensearch"),
]
# Reliability: health checks for load balancers; a 503 page while the database is away.
urlpatterns += [path("", include("reliability.urls"))]
handler500 = "reliability.views.server_error"
