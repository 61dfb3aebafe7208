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


def test_a_lock_another_thread_holds_does_not_reach_the_workers(backend_name, agency, monkeypatch):
    """A thread of this process (a web server's request, say) holds the segmenter's lock while the workers
    start. Forked from this process, each worker would inherit the lock held and wait on it for ever; from
    the fork server they start without it."""
    import threading

    from gongkai.search import segment

    monkeypatch.setattr(bulk, "SEGMENT_BATCH", 3)
    monkeypatch.setattr(bulk, "WRITE_BATCH", 5)
    monkeypatch.setattr(bulk, "RESULT_SECONDS", 60)  # a hung worker fails the test instead of the run
    docs = [govcn_document(r, type_name="testdoc", agency_id=agency.pk, url="/") for r in load_rows()]
    held, release = threading.Event(), threading.Event()

    def hold():
        with segment._lock:
            held.set()
            release.wait(120)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    try:
        with registered("testdoc", "测试文件", docs, order=1):
            assert services.reindex(workers=2) == len(docs)
    finally:
        release.set()
        holder.join()
    assert interface.get_backend().count() == len(docs)
