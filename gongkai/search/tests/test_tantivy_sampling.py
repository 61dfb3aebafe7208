"""The embedded backend counts very many matches from a sample (type counts and facets only)."""

import pytest

from gongkai.search import interface, services
from gongkai.search.backends import tantivy_counts
from gongkai.search.documents import SearchDocument
from gongkai.search.query import Filters
from gongkai.search.testing import parse_date, registered

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(search_settings, agency):
    search_settings.GONGKAI_SEARCH_BACKEND = "tantivy"
    docs = [
        SearchDocument(
            type="t" if i % 4 else "u",
            id=str(i),
            agency_id=agency.pk,
            title=f"第{i}期统计月报",
            url="/",
            body="地区生产总值" if i % 2 else "居民收入",
            category="统计" if i % 3 else "经济",
            year=2020 + i % 5,
            published_at=parse_date(f"{2020 + i % 5}-03-01"),
        )
        for i in range(1600)
    ]
    with (
        registered("t", "测试", [d for d in docs if d.type == "t"]),
        registered("u", "测试二", [d for d in docs if d.type == "u"]),
    ):
        services.reindex()
        yield docs


def _exact(many, **where):
    return sum(all(getattr(d, k) == v for k, v in where.items()) for d in many)


def test_few_matches_are_counted_exactly(many):
    results = interface.search("统计月报")
    assert results.total == 1600
    assert results.approximate_counts is False
    assert results.type_counts == {"t": 1200, "u": 400}
    assert dict(results.facets["category"]) == {"统计": _exact(many, category="统计"), "经济": 534}


def test_many_matches_are_counted_from_the_sample(many, monkeypatch):
    monkeypatch.setattr(tantivy_counts, "SAMPLE_FROM", 100)
    results = interface.search("统计月报")
    assert results.total == 1600  # the total is always exact
    assert results.approximate_counts is True
    assert results.approximate is False
    assert set(results.type_counts) == {"t", "u"}
    assert 900 <= results.type_counts["t"] <= 1500  # 1,200 estimated from ~100 documents
    years = dict(results.facets["year"])
    assert set(years) == {"2020", "2021", "2022", "2023", "2024"}
    assert all(150 <= n <= 500 for n in years.values())  # 320 each
    assert all(n % 16 == 0 or n >= 100 for n in years.values())  # scaled, never shown as exact


def test_a_type_filter_samples_the_type_counts_only_when_they_are_many(many, monkeypatch):
    monkeypatch.setattr(tantivy_counts, "SAMPLE_FROM", 500)
    results = interface.search("居民收入", filters=Filters(types=("u",)))
    assert results.total == 400
    # 800 matches without the type filter: the tabs are estimated; the 400 under the filter are not
    assert results.approximate_counts is True
    assert sum(dict(results.facets["year"]).values()) == 400
    few = interface.search('"第7期"', filters=Filters(types=("t",)))
    assert few.approximate_counts is False


def test_the_page_marks_estimated_counts(many, monkeypatch, client):
    monkeypatch.setattr(tantivy_counts, "SAMPLE_FROM", 100)
    page = client.get("/search/", {"q": "统计月报"}).content.decode()
    assert "各分类和筛选项后的条数是估算值（总数准确）" in page
    assert "约" in page.split('class="type-groups"')[1].split("</nav>")[0]
    assert '全部<span class="count">1600</span>' in page
    assert "1600" in page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_estimated_counts_in_the_browser(page, many, monkeypatch):
    from tests.browser.helpers import shot

    monkeypatch.setattr(tantivy_counts, "SAMPLE_FROM", 100)
    page.goto(page.base_url + "/search/?q=统计月报")
    page.wait_for_selector(".type-groups")
    assert "总数准确" in page.locator(".hint[role=status]").inner_text()
    counts = page.locator(".type-groups .count").all_inner_texts()
    assert counts[0] == "1600"  # 全部: the exact total
    assert all(c.startswith("约") for c in counts[1:])  # each type: estimated
    assert page.locator(".search-filters .count").first.inner_text().startswith("约")
    assert "1600" in page.locator("#results-title").inner_text().replace(",", "")
    shot(page, "search-estimated-counts")
