"""Reindexing with segmentation in worker processes (issue 19 item 4) gives the same index as one
process, and `gongkai import documents` makes what it imports searchable at once."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.search import bulk, interface, services
from gongkai.search.testing import govcn_document, registered

from .conftest import load_rows, news_documents

pytestmark = pytest.mark.django_db

QUERIES = ["职业教育", "统计公报", "改革", "国务院", "居民消费价格指数", "双随机"]
SIXTY = Path(__file__).resolve().parents[2] / "demo" / "data" / "govcn_state_council_fulltext_60.jsonl"


def _answers():
    return {q: [(h.type, h.id) for h in interface.search(q, per_page=50).hits] for q in QUERIES}


def test_worker_processes_build_the_same_index_as_one_process(backend_name, agency, monkeypatch):
    # Small batches, so that 14 documents go through several worker tasks and several writes.
    monkeypatch.setattr(bulk, "SEGMENT_BATCH", 3)
    monkeypatch.setattr(bulk, "WRITE_BATCH", 5)
    docs = [govcn_document(r, type_name="testdoc", agency_id=agency.pk, url="/") for r in load_rows()]
    news = news_documents(agency.pk)
    seen = []
    with registered("testdoc", "测试文件", docs, order=1), registered("testnews", "测试新闻", news, order=2):
        assert services.reindex(workers=1) == 14
        single = _answers()
        assert services.reindex(workers=2, progress=seen.append) == 14
        parallel = _answers()
    assert sum(seen) == 14 and max(seen) >= 5  # written in batches, reported as they go
    assert interface.get_backend().count() == 14
    assert any(single.values())
    assert parallel == single


def test_worker_tokens_equal_the_backends_own(search_settings):
    from gongkai.search import segment

    doc = govcn_document(load_rows()[0], type_name="testdoc", agency_id=1, url="/")
    (tokens,) = bulk._segment_batch([bulk._parts(doc)])
    assert tokens["title"] == segment.index_tokens(doc.title)
    assert tokens["text"] == segment.index_tokens(bulk._text(doc))


def test_import_documents_makes_them_searchable_at_once(search_settings, agency, monkeypatch):
    monkeypatch.setattr(bulk, "WRITE_BATCH", 20)  # the 60 documents go through the worker processes
    assert interface.search("双随机").total == 0
    out, err = StringIO(), StringIO()
    call_command("import", "documents", str(SIXTY), "--agency", "fzstats", stdout=out, stderr=err)
    assert "已加入站内搜索 60 条" in out.getvalue()
    assert "索引" in err.getvalue()  # the progress bar
    assert interface.get_backend().count() == 60
    hit = interface.search("双随机").hits[0]
    assert hit.type == "item"
    # Run again: nothing new, nothing re-indexed, the index unchanged.
    out = StringIO()
    call_command("import", "documents", str(SIXTY), "--agency", "fzstats", stdout=out, stderr=StringIO())
    assert "新增 0 条" in out.getvalue() and "已加入站内搜索 0 条" in out.getvalue()
    assert interface.get_backend().count() == 60


def test_an_imported_document_dated_ahead_is_searchable_only_once_public(search_settings, agency, tmp_path):
    # Imported documents are indexed from the rows in memory (not read back): the same rule as
    # selectors.public_q, a publication time in the future keeps the document out of the index.
    import json

    from gongkai.catalogue import search as catalogue_search
    from gongkai.catalogue.models import InformationItem

    rows = [
        {"索引号": "AHEAD-1", "标题": "今年双随机抽查计划", "发文机关": "国务院", "发布日期": "2020-03-01"},
        {"索引号": "AHEAD-2", "标题": "明年双随机抽查计划", "发文机关": "国务院", "发布日期": "2999-03-01"},
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = StringIO()
    call_command("import", "documents", str(path), "--agency", "fzstats", stdout=out, stderr=StringIO())
    assert "新增 2 条" in out.getvalue() and "已加入站内搜索 1 条" in out.getvalue()
    assert [h.title for h in interface.search("双随机").hits] == ["今年双随机抽查计划"]
    # The document built from memory is the one a reindex reads from the database.
    item = InformationItem.objects.get(index_number="AHEAD-1")
    assert catalogue_search.document_for(item) == next(catalogue_search.iter_imported_documents([item]))


def test_an_import_that_fails_while_writing_indexes_nothing(search_settings, agency, monkeypatch):
    # The first batch is already with the segmenting workers when the second one fails: the
    # transaction rolls back and nothing that was prepared reaches the index.
    from gongkai.catalogue import importer
    from gongkai.catalogue.models import InformationItem

    monkeypatch.setattr(bulk, "WRITE_BATCH", 20)
    monkeypatch.setattr(importer, "BATCH", 20)
    original, calls = importer._create_batch, []

    def failing(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("磁盘已满")
        return original(**kwargs)

    monkeypatch.setattr(importer, "_create_batch", failing)
    with pytest.raises(RuntimeError):
        call_command(
            "import", "documents", str(SIXTY), "--agency", "fzstats", stdout=StringIO(), stderr=StringIO()
        )
    assert not InformationItem.objects.filter(agency=agency).exists()
    assert interface.get_backend().count() == 0
