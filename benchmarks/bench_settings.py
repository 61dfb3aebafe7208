"""Settings of the serving benchmark: `make run`'s (config.settings.dev) plus one trivial view."""

from config.settings.dev import *  # noqa: F403

ROOT_URLCONF = "bench_urls"

# GONGKAI_PAGE_CACHE_SERVE=0: the page cache's generation and memo work, but every page is rendered (the
# "uncached" column: what a miss costs).
GONGKAI_PAGE_CACHE_SERVE = __import__("os").environ.get("GONGKAI_PAGE_CACHE_SERVE", "1") == "1"

# The data rate limit (120 a minute per client) is still counted on every data request, but never refuses
# one: the benchmark asks every page from one address many times a minute, and a 429 would be measured
# instead of the page.
GONGKAI_DATA_RATE_LIMIT = 10**9
