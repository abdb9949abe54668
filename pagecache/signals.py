"""Any change to what the public pages show bumps the page cache generation."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .generation import bump_after_change

# Apps whose models public pages show. Users, sessions and the admin log do not
# change anonymous pages.
CONTENT_APPS = {"resources", "newsletters"}


def content_saved_or_deleted(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        bump_after_change()


def relation_changed(sender, action, **kwargs):
    if action.startswith("post_") and sender._meta.app_label in CONTENT_APPS:
        bump_after_change()


def connect():
    post_save.connect(content_saved_or_deleted, dispatch_uid="pagecache.saved")
    post_delete.connect(content_saved_or_deleted, dispatch_uid="pagecache.deleted")
    m2m_changed.connect(relation_changed, dispatch_uid="pagecache.m2m")
