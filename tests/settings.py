"""The real settings, with the few switches that make tests fast and self-contained."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "insecure-key-for-tests-only")

from library.settings import *  # noqa: F403

# Plain storage: tests must not need `collectstatic` first (Bakery's test.py).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="library-test-media-")
# Serve static files straight from static/ (no collectstatic), for the browser tests too.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The whole-page cache is off for most tests (they change data between
# requests in ways a real editor cannot, e.g. queryset.update()); tests/speed
# turns it on to test it. The same for fragment caches (the facet counts).
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0
