import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from gongkai.accounts.guard import SYSTEM
from gongkai.catalogue import importer, selectors
from gongkai.catalogue import search as catalogue_search
from gongkai.catalogue.importer import ImportFailed, import_documents, read_rows
from gongkai.catalogue.models import InformationItem, ItemRevision, Source
from gongkai.core.models import AuditEvent
from gongkai.search import bulk, interface

pytestmark = pytest.mark.django_db

SIXTY = Path(__file__).resolve().parents[2] / "demo" / "data" / "govcn_state_council_fulltext_60.jsonl"


def _run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import", "documents", str(path), "--agency", "fzstats", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_60_document_file_imports_as_it_is_into_the_higher_level_column(agency):
    out, _ = _run(SIXTY)
    assert "新增 60 条" in out
    assert InformationItem.objects.filter(agency=agency, source=Source.HIGHER_LEVEL).count() == 60
    item = InformationItem.objects.get(index_number="000014349/2019-00007")
    revision = item.current_revision
    assert (revision.issuer, revision.document_number, revision.topic) == (
        "国务院",
        "国发〔2019〕5号",
        "市场监管、安全生产监管\\工商",
    )
    assert str(revision.written_on) == "2019-01-27"
    assert revision.published_at.date().isoformat() == "2019-02-15"
    assert item.slug == "000014349-2019-00007"
    assert "<p>" in revision.body and "双随机" in revision.body
    assert selectors.public_revision_of(agency, item.slug).pk == revision.pk
    assert AuditEvent.objects.filter(verb="catalogue.imported").count() == 60


def test_import_is_idempotent(agency):
    _run(SIXTY)
    out, _ = _run(SIXTY)
    assert "新增 0 条，已存在跳过 60 条" in out
    assert InformationItem.objects.count() == 60 and ItemRevision.objects.count() == 60


def test_one_bad_line_imports_nothing_and_names_the_line(agency, tmp_path):
    lines = SIXTY.read_text(encoding="utf-8").splitlines()[:5]
    bad = json.loads(lines[3])
    bad["发布日期"] = "二〇一九年"
    lines[3] = json.dumps(bad, ensure_ascii=False)
    path = tmp_path / "five.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CommandError, match="未作任何更改"):
        _run(path)
    assert InformationItem.objects.count() == 0
    assert AuditEvent.objects.filter(verb="catalogue.imported").count() == 0
    with pytest.raises(ImportFailed) as exc:
        import_documents(actor=SYSTEM, agency=agency, rows=read_rows(path.name, path.read_bytes()))
    assert exc.value.errors == [(4, "日期“二〇一九年”无法识别（应为 2019年01月27日 或 2019-01-27）")]


def test_report_lists_every_bad_line(agency, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"标题": "无索引号", "发文机关": "国务院", "发布日期": "2019-01-01"}\nnot json\n', encoding="utf-8"
    )
    with pytest.raises(ImportFailed) as exc:
        import_documents(actor=SYSTEM, agency=agency, rows=read_rows(path.name, path.read_bytes()))
    assert [line for line, _ in exc.value.errors] == [1, 2]
    assert exc.value.errors[0][1] == "缺少索引号"


def test_duplicate_index_numbers_within_the_file_are_reported(agency, tmp_path):
    row = '{"索引号": "A/2019-1", "标题": "t", "发文机关": "国务院", "发布日期": "2019-01-01"}'
    path = tmp_path / "dup.jsonl"
    path.write_text(row + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as exc:
        import_documents(actor=SYSTEM, agency=agency, rows=read_rows(path.name, path.read_bytes()))
    assert exc.value.errors == [(2, "索引号与第 1 行重复")]


def test_csv_with_english_headers(agency, tmp_path):
    path = tmp_path / "docs.csv"
    path.write_text(
        "index_number,title,issuer,published_on,document_number\n"
        "350100TJJ/2019-00001,关于印发某方案的通知,福州市统计局,2019-03-01,榕统〔2019〕1号\n",
        encoding="utf-8",
    )
    out, _ = _run(path, "--source", "own")
    assert "新增 1 条" in out
    assert InformationItem.objects.get().source == Source.OWN


def test_drafter_cannot_import(agency, make_user):
    from gongkai.accounts.roles import Role
    from gongkai.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_documents(
            actor=make_user(Role.DRAFTER), agency=agency, rows=read_rows(SIXTY.name, SIXTY.read_bytes())
        )
    assert InformationItem.objects.count() == 0


def test_a_batched_import_keeps_one_chained_audit_event_and_one_current_revision_per_item(
    agency, monkeypatch
):
    """Items, revisions and audit events are written BATCH rows at a time (issue 19 item 4): each item
    still has its first revision as the current one and its own event, in file order, and the hash
    chain holds."""
    from gongkai.catalogue import importer
    from gongkai.core import audit

    monkeypatch.setattr(importer, "BATCH", 7)  # 60 rows: eight full batches and a short one
    audit.record(actor=SYSTEM, verb="test.before", agency=agency)
    _run(SIXTY)
    items = list(InformationItem.objects.filter(agency=agency).order_by("id"))
    assert len(items) == 60
    assert all(
        item.current_revision.item_id == item.pk and item.current_revision.number == 1 for item in items
    )
    events = list(AuditEvent.objects.filter(verb="catalogue.imported").order_by("id"))
    assert [e.object_id for e in events] == [str(item.pk) for item in items]
    assert events[0].after["index_number"] == items[0].index_number
    report = audit.verify_chain()
    assert report.ok and report.checked == AuditEvent.objects.count()


@pytest.fixture
def search_index(settings, tmp_path):
    settings.GONGKAI_SEARCH_DIR = str(tmp_path / "search")
    interface.reset_backends()
    yield settings
    interface.reset_backends()


def test_an_imported_document_dated_ahead_is_searchable_only_once_public(search_index, agency, tmp_path):
    # Imported documents are indexed from the rows in memory (not read back): the same rule as
    # selectors.public_q, a publication time in the future keeps the document out of the index.
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


def test_an_import_that_fails_while_writing_indexes_nothing(search_index, agency, monkeypatch):
    # The first batch is already with the segmenting workers when the second one fails: the
    # transaction rolls back and nothing that was prepared reaches the index.
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
