"""The benchmark's URLconf (ROOT_URLCONF in bench/settings.py): the site's, and /__ceiling__/."""

from django.urls import include, path

from bench.ceiling import ceiling
from library import urls as site_urls

urlpatterns = [
    path("", include(site_urls)),
    path("__ceiling__/", ceiling),
]
handler500 = site_urls.handler500  # the site's 503 page when the database is away
