"""Resolving a request's agency (core.sites) costs no query once a process has read the directory, and
a committed change of an agency reaches every worker: the per-process memo is valid for one directory
generation kept in the shared cache (issue 18 item 11, ADR 0051)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.core import sites
from gongkai.core.models import Agency


def _directory_reads(captured) -> int:
    """The directory's own query: every active agency in directory order."""
    return sum(
        1
        for q in captured.captured_queries
        if 'FROM "core_agency"' in q["sql"] and 'ORDER BY "core_agency"."sort_order"' in q["sql"]
    )


def _get(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response, captured


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/bm/fzfgw/xxgk/catalogue/", "/xxgk/catalogue/", "/city/agencies/"])
def test_agency_resolution_adds_no_query_after_the_first(client, two_sites, path):
    sites.forget()  # a worker that has not read the directory yet
    first, captured_first = _get(client, path)
    assert first.status_code == 200
    assert _directory_reads(captured_first) == 1
    for _ in range(2):
        again, captured = _get(client, path)
        assert again.status_code == 200
        assert _directory_reads(captured) == 0
        assert len(captured) == len(captured_first) - 1  # exactly the directory read is saved


@pytest.mark.django_db
def test_signed_in_request_resolves_without_querying_agencies(client, two_sites, office_user):
    client.force_login(office_user)
    _get(client, "/bm/fzfgw/xxgk/catalogue/")
    response, captured = _get(client, "/bm/fzfgw/xxgk/catalogue/")
    assert response.status_code == 200
    assert _directory_reads(captured) == 0


@pytest.mark.django_db
def test_committed_change_reaches_a_worker_holding_the_old_directory(
    client, two_sites, other_agency, django_capture_on_commit_callbacks
):
    assert client.get("/bm/fzfgw/xxgk/catalogue/").status_code == 200
    stale = dict(sites._memo)  # what another gunicorn worker still holds in its memory
    with django_capture_on_commit_callbacks(execute=True):
        # a queryset update: no model signal, only the write itself says the directory changed
        Agency.objects.filter(pk=other_agency.pk).update(is_active=False)
    sites._memo.update(stale)  # that worker never saw the write
    response, captured = _get(client, "/bm/fzfgw/xxgk/catalogue/")
    assert response.status_code == 404
    assert _directory_reads(captured) == 1  # the generation had changed: the worker read again


@pytest.mark.django_db
def test_moved_host_is_served_at_once(client, two_sites, other_agency, django_capture_on_commit_callbacks):
    assert client.get("/bm/fzfgw/xxgk/catalogue/").status_code == 200
    stale = dict(sites._memo)
    with django_capture_on_commit_callbacks(execute=True):
        other_agency.site_host = "fgw.fuzhou.gov.cn"
        other_agency.save()
    sites._memo.update(stale)
    response = client.get("/xxgk/catalogue/", HTTP_HOST="fgw.fuzhou.gov.cn")
    assert response.status_code == 200
    assert "福州市发展和改革委员会" in response.text


@pytest.mark.django_db
def test_uncommitted_change_keeps_the_generation(two_sites, other_agency):
    before = sites.current_generation()
    other_agency.name = "福州市发展和改革委员会（改）"
    other_agency.save()  # inside the test's transaction: not committed, no new generation yet
    assert sites.current_generation() == before
    assert sites._memo["gen"] is None  # but this process does not keep what it may have read before


@pytest.mark.django_db
def test_page_cache_reads_the_generation_with_its_own_state(client, two_sites, settings, monkeypatch):
    """With the page cache on, a public request reads the directory generation in the page cache's
    one `get_many`: no separate cache read and no query for the agency."""
    settings.GONGKAI_PAGE_CACHE = True
    settings.GONGKAI_PAGE_CACHE_SERVE = True
    client.get("/bm/fzfgw/xxgk/catalogue/")
    reads, many, inside = [], [], []
    real_get, real_get_many = cache.get, cache.get_many

    def get(key, *args, **kwargs):
        if not inside:
            reads.append(key)
        return real_get(key, *args, **kwargs)

    def get_many(keys, *args, **kwargs):
        many.append(tuple(keys))
        inside.append(1)
        try:
            return real_get_many(keys, *args, **kwargs)
        finally:
            inside.pop()

    monkeypatch.setattr(cache, "get", get)
    monkeypatch.setattr(cache, "get_many", get_many)
    response, captured = _get(client, "/bm/fzfgw/xxgk/catalogue/?page=1")  # not stored yet: rendered
    assert response.status_code == 200
    assert sites.GENERATION_KEY not in reads
    assert any(sites.GENERATION_KEY in keys for keys in many)
    assert _directory_reads(captured) == 0
    assert response["X-Page-Cache"] == "miss"  # the page cache was on and rendered the page


@pytest.mark.django_db
def test_city_home_queries_do_not_grow_with_the_agencies(client, two_sites, make_public_item):
    """The city portal's latest lists read every agency together (issue 18 item 11: no query per agency)."""
    from gongkai.accounts.factories import AgencyFactory, SiteSettingsFactory

    client.get("/city/")
    _, before = _get(client, "/city/")
    for n in range(3):
        extra = AgencyFactory(code=f"extra{n}", name=f"福州市测试机关{n}", organisation_code=f"35010{n}XTR")
        SiteSettingsFactory(agency=extra)
        make_public_item(extra, f"测试机关{n}公开的通知")
    client.get("/city/")
    page, after = _get(client, "/city/")
    assert page.status_code == 200
    assert "测试机关2公开的通知" in page.text
    assert len(after) == len(before)
