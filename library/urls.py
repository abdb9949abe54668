import os

from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

admin.site.site_header = "Resource library: staff"
admin.site.site_title = "Resource library staff"
admin.site.index_title = "Keep the library and weekly updates current"

urlpatterns = [
    path("", include("resources.urls")),
    path("", include("newsletters.urls")),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="accessibility.html"),
        name="accessibility",
    ),
    path("admin/", admin.site.urls),
]

# The benchmark's framework ceiling (bench/run): never in production.
if os.environ.get("BENCHMARK") == "1":
    from library.benchmark import ceiling

    urlpatterns.append(path("__ceiling__/", ceiling))
