"""Settings of the serving benchmark: `make run`'s (config.settings.dev) plus one trivial view."""

from config.settings.dev import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
