"""Test settings: fast hashing, in-memory caches, plain static storage."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
ALLOWED_HOSTS = ["*"]

# The embedded search index of a test run lives in a throw-away folder, never in var/.
GONGKAI_SEARCH_DIR = __import__("tempfile").mkdtemp(prefix="gongkai-test-search-")

# Serve static files from the apps' folders in tests (no collectstatic on a fresh clone).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A cache shared between processes but needing no database, so fixtures may clear it in tests without
# the db fixture; the database cache of the other settings is exercised by tests/multiworker/.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": __import__("tempfile").mkdtemp(prefix="gongkai-test-cache-"),
    }
}
GONGKAI_ACCESSIBILITY_PAGES = 0  # the daily axe-core check launches Chromium: tests that want it set it

# The page cache is off in tests unless a test turns it on (gongkai/web/tests/test_pagecache.py):
# many tests change rows and read the page again within one request-less transaction.
GONGKAI_PAGE_CACHE = False
