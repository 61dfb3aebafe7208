"""PostgreSQL only: a query matching more documents than are ranked (ADR 0011, bounded search).

The limits are lowered so that a few documents stand for the million of the benchmark.
"""

import pytest
from django.db import connection

from gongkai.search import interface, rank, services
from gongkai.search.backends import postgres_walk
from gongkai.search.documents import SearchDocument
from gongkai.search.testing import parse_date, registered

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL backend: CI's PostgreSQL pass"),
]


@pytest.fixture
def many(search_settings, agency, monkeypatch):
    """150 documents over 75 months with the word 统计; every third has it in the title."""
    search_settings.GONGKAI_SEARCH_BACKEND = "postgres"
    monkeypatch.setattr(postgres_walk, "CANDIDATES", 10)
    monkeypatch.setattr(rank, "WINDOW", 10)  # issue 17: the re-ranked window within the candidates
    monkeypatch.setattr(postgres_walk, "WALK_THRESHOLD", 0)
    monkeypatch.setattr(postgres_walk, "WALK_FACTOR", 1)
    monkeypatch.setattr(postgres_walk, "_STATISTICS", {})
    docs = [
        SearchDocument(
            type="a" if i % 2 else "b",
            id=str(i),
            agency_id=agency.pk,
            url="/",
            title=f"第{i}号{'统计' if i % 3 == 0 else ''}通知",
            body="统计工作 " * (1 + i % 4),
            document_number=f"榕统〔2020〕{i}号",
            year=2018 + (i // 2) // 12,
            published_at=parse_date(f"{2018 + (i // 2) // 12}-{1 + (i // 2) % 12:02d}-{1 + i % 2:02d}"),
        )
        for i in range(150)
    ]
    with (
        registered("a", "甲", [d for d in docs if d.type == "a"]),
        registered("b", "乙", [d for d in docs if d.type == "b"]),
    ):
        services.reindex()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
        yield docs


def test_many_matches_are_estimated_and_ranked_among_the_newest(many):
    results = interface.search("统计", per_page=5)
    assert results.approximate
    assert len(results.hits) == 5
    newest = sorted(many, key=lambda d: d.published_at, reverse=True)[:10]
    assert {h.id for h in results.hits} <= {d.id for d in newest}
    assert results.hits[0].title.endswith("统计通知")  # the title boost still works within the candidates
    assert sum(results.type_counts.values()) >= 11


def test_every_document_once_across_the_pages_after_the_ranked_ones(many):
    ids = [h.id for p in range(1, 31) for h in interface.search("统计", per_page=5, page=p).hits]
    assert len(ids) == 150 and len(set(ids)) == 150
    unranked = ids[10:]  # beyond the 10 ranked candidates: newest first
    dates = [next(d.published_at for d in many if d.id == i) for i in unranked]
    assert dates == sorted(dates, reverse=True)


def test_an_old_exact_document_number_still_comes_first(many):
    results = interface.search("榕统〔2020〕0号")
    assert results.hits[0].id == "0" and results.hits[0].exact


def test_a_type_filter_and_date_order_on_an_estimated_result(many):
    results = interface.search("统计", per_page=5, filters=interface.Filters(types=("a",)), sort="date")
    assert [h.type for h in results.hits] == ["a"] * 5
    dates = [h.published_at for h in results.hits]
    assert dates == sorted(dates, reverse=True)
    assert results.type_counts.keys() == {"a", "b"}


def test_few_matches_are_counted_exactly(many):
    results = interface.search('"第3号统计通知"')
    assert not results.approximate and results.total == 1


def test_the_page_and_the_api_say_the_counts_are_estimates(many, client):
    html = client.get("/search/", {"q": "统计"}).content.decode()
    assert "找到约 <strong>" in html
    assert "总数和各分类的条数是估算值" in html
    assert client.get("/api/v1/search", {"q": "统计"}).json()["approximate"] is True
    exact = client.get("/search/", {"q": '"第3号统计通知"'}).content.decode()
    assert "找到 <strong>1</strong> 条" in exact and "估算值" not in exact
