from django.urls import path

from . import views
from .feeds import ResourceFeed, ThemeFeed

app_name = "resources"

urlpatterns = [
    path("", views.home, name="home"),
    path("resources/", views.resource_list, name="resource_list"),
    path("resources/feed/", ResourceFeed(), name="resource_feed"),
    path("resources/<slug:slug>/", views.resource_detail, name="resource_detail"),
    path("resources/<slug:slug>/download/", views.resource_download, name="resource_download"),
    path("resources/<slug:slug>/calendar.ics", views.resource_calendar, name="resource_calendar"),
    path(
        "resources/<slug:slug>/cite.ris",
        views.resource_citation,
        {"style": "ris"},
        name="resource_citation_ris",
    ),
    path(
        "resources/<slug:slug>/cite.bib",
        views.resource_citation,
        {"style": "bibtex"},
        name="resource_citation_bibtex",
    ),
    path("themes/", views.theme_list, name="theme_list"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme_detail"),
    path("themes/<slug:slug>/feed/", ThemeFeed(), name="theme_feed"),
]
