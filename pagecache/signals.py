"""Any change to what the public pages show bumps the page cache generation.

What they show is what the content apps registered (pagecache/content.py),
looked up when each signal comes.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from . import content
from .generation import bump_after_change


def content_saved_or_deleted(sender, **kwargs):
    if content.shows(sender):
        bump_after_change()


def relation_changed(sender, action, **kwargs):
    if action.startswith("post_") and content.shows(sender):
        bump_after_change()


def connect():
    post_save.connect(content_saved_or_deleted, dispatch_uid="pagecache.saved")
    post_delete.connect(content_saved_or_deleted, dispatch_uid="pagecache.deleted")
    m2m_changed.connect(relation_changed, dispatch_uid="pagecache.m2m")
