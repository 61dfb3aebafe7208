"""The settings `make run` serves with (config.settings.dev: the shared database cache, no DEBUG),
with static files served from the apps' folders so the test needs no collectstatic."""

from config.settings.dev import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
