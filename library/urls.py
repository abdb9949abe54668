from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView

from core.calendar import SiteCalendar
from core.sitemaps import SectionSitemap
from core.views import opensearch, robots_txt
from newsletters.calendar import deadlines_ahead
from newsletters.models import Bulletin
from newsletters.sitemaps import BulletinSitemap
from resources.calendar import upcoming_seminars
from resources.models import Resource
from resources.sitemaps import ResourceSitemap, ThemeSitemap

admin.site.site_header = "Resource library: staff"
admin.site.site_title = "Resource library staff"
admin.site.index_title = "Keep the library and weekly updates current"

# The site-wide files put together from the apps' parts: only the project knows both apps.
SITEMAPS = {
    "sections": SectionSitemap.of(
        {
            "resources:home": [Resource, Bulletin],
            "resources:resource_list": [Resource],
            "resources:theme_list": [Resource],
            "newsletters:bulletin_list": [Bulletin],
        }
    ),
    "themes": ThemeSitemap,
    "resources": ResourceSitemap,
    "updates": BulletinSitemap,
}
site_calendar = SiteCalendar.as_view(
    name="Leaders’ Library: seminars and action deadlines",
    description=(
        "Upcoming seminars from the library and the action deadlines of the weekly updates."
    ),
    filename="leaders-library.ics",
    sources=[upcoming_seminars, deadlines_ahead],
)

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
    # Following the site (issue 5): calendar, sitemap, robots.txt, OpenSearch.
    path("calendar.ics", site_calendar, name="calendar"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("opensearch.xml", opensearch, name="opensearch"),
    # Health checks for load balancers (reliability).
    path("", include("reliability.urls")),
]
# A plain 500 page, and a 503 while the database is away.
handler500 = "reliability.views.server_error"
