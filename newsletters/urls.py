from django.urls import path

from . import views
from .feeds import BulletinFeed

app_name = "newsletters"

urlpatterns = [
    path("updates/", views.bulletin_list, name="bulletin_list"),
    path("updates/feed/", BulletinFeed(), name="bulletin_feed"),
    path("updates/latest/", views.bulletin_latest, name="bulletin_latest"),
    path("updates/<int:number>/", views.bulletin_detail, name="bulletin_detail"),
    path("updates/<int:number>/email/", views.bulletin_email, name="bulletin_email"),
    path("updates/<int:number>/text/", views.bulletin_text, name="bulletin_text"),
    path("contacts/", views.contact_list, name="contact_list"),
]
