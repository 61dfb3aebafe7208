"""The shared per-window request count behind the data rate limit (ADR 0063)."""

import pytest
from django.db import connection

from gongkai.core import pagecache
from gongkai.core.models import Agency, RateCount
from gongkai.core.ratelimit import count_in_window

pytestmark = pytest.mark.django_db


def test_counts_per_bucket_and_window():
    assert [count_in_window("a", 100) for _ in range(3)] == [1, 2, 3]
    assert count_in_window("b", 100) == 1  # another client: its own count
    assert count_in_window("a", 101) == 1  # a new window starts at one


def test_a_new_window_deletes_the_past_ones():
    count_in_window("a", 100)
    count_in_window("b", 100)
    count_in_window("a", 101)
    assert sorted(RateCount.objects.values_list("key", flat=True)) == ["a:101"]


def test_counting_never_ends_the_page_cache_generation(settings):
    """The count is written on every data request: it must not count as a write that changes pages."""
    settings.GONGKAI_PAGE_CACHE = True
    pagecache.install_watcher(None, connection)
    count_in_window("a", 100)
    assert not any(func is pagecache._bump_on_commit for _, func, _ in connection.run_on_commit)
    # The watcher does see a write to a page's table in the same block (the check is not vacuous).
    Agency.objects.filter(pk=-1).update(name="x")
    assert any(func is pagecache._bump_on_commit for _, func, _ in connection.run_on_commit)
