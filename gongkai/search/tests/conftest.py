import json
from dataclasses import replace
from pathlib import Path

import pytest
from django.db import connection

from gongkai.search import interface, services
from gongkai.search.documents import SearchDocument
from gongkai.search.testing import govcn_document, parse_date, registered

DATA = Path(__file__).parent / "data"
BACKENDS = ["tantivy", "postgres"]


def load_rows():
    return [
        json.loads(line) for line in (DATA / "govcn_sample12.jsonl").read_text(encoding="utf-8").splitlines()
    ]


@pytest.fixture
def search_settings(settings, tmp_path):
    settings.GONGKAI_SEARCH_DIR = str(tmp_path / "search")
    interface.reset_backends()
    yield settings
    interface.reset_backends()


@pytest.fixture(params=BACKENDS)
def backend_name(request, search_settings, db):
    """Each backend test runs on Tantivy always, and on PostgreSQL when the database is PostgreSQL."""
    if request.param == "postgres" and connection.vendor != "postgresql":
        pytest.skip("PostgreSQL backend: runs in the PostgreSQL pass of CI")
    search_settings.GONGKAI_SEARCH_BACKEND = request.param
    return request.param


def news_documents(agency_id):
    """A second type, so that grouping has two groups; one shares words with the documents."""
    return [
        SearchDocument(
            type="testnews",
            id="n1",
            agency_id=agency_id,
            title="职业教育改革新闻发布会答记者问",
            url="/",
            issuer="国务院新闻办公室",
            body="介绍国家职业教育改革实施方案的主要内容。<b>不是标签</b>",
            category="新闻",
            year=2019,
            validity="",
            published_at=parse_date("2019-02-14"),
        ),
        SearchDocument(
            type="testnews",
            id="n2",
            agency_id=agency_id,
            title="福州市统计局发布2024年统计公报",
            url="/",
            issuer="福州市统计局",
            body="地区生产总值增长，居民消费价格指数温和上涨。",
            category="新闻",
            year=2024,
            validity="",
            published_at=parse_date("2024-03-01"),
        ),
    ]


@pytest.fixture
def indexed(backend_name, agency):
    """The 12 real State Council documents (type testdoc) and 2 news items (type testnews), indexed."""
    docs = [govcn_document(r, type_name="testdoc", agency_id=agency.pk, url="/") for r in load_rows()]
    news = news_documents(agency.pk)
    with registered("testdoc", "测试文件", docs, order=1), registered("testnews", "测试新闻", news, order=2):
        services.reindex()
        yield {d.document_number: d for d in docs} | {d.id: d for d in news}


def first(results):
    return results.hits[0] if results.hits else None


__all__ = ["replace"]
