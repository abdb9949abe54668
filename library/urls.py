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

# Reliability: health checks for load balancers; a 503 page while the database is away.
urlpatterns += [path("", include("reliability.urls"))]
handler500 = "reliability.views.server_error"
