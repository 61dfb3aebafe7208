"""Helpers for tests and benchmarks: real gov.cn records as SearchDocuments, a throw-away SearchType."""

import re
from contextlib import contextmanager
from datetime import datetime, time
from zoneinfo import ZoneInfo

from . import registry
from .documents import SearchDocument

SHANGHAI = ZoneInfo("Asia/Shanghai")
_DATE = re.compile(r"(\d{4})\D+(\d{1,2})\D+(\d{1,2})")


def parse_date(text: str) -> datetime | None:
    m = _DATE.search(text or "")
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    try:
        return datetime.combine(datetime(y, mo, d).date(), time(9), tzinfo=SHANGHAI)
    except ValueError:
        return None


def govcn_document(
    row: dict, *, type_name: str = "item", agency_id: int | None = None, url: str | None = None
) -> SearchDocument:
    """One record of govcn_state_council_fulltext_60.jsonl (keys in Chinese) as a SearchDocument."""
    published = parse_date(row.get("发布日期", ""))
    body = row.get("body_text", "")
    return SearchDocument(
        type=type_name,
        id=str(row["id"]),
        agency_id=agency_id,
        title=row["标题"],
        url=url or f"/test-documents/{row['id']}/",
        document_number=row.get("发文字号", ""),
        index_number=row.get("索引号", ""),
        issuer=row.get("发文机关", ""),
        body=body,
        category=(row.get("主题分类", "").split("\\")[0]),
        year=published.year if published else None,
        validity="有效",
        published_at=published,
    )


@contextmanager
def registered(name: str, label: str, documents: list[SearchDocument], *, order: int = 100):
    """Registers a SearchType over in-memory documents for the duration of the block; a type of the same
    name registered before (the real 留言 type, "message") is put back after it, not lost for the rest
    of the process."""
    by_id = {d.id: d for d in documents}
    search_type = registry.SearchType(
        name=name,
        label=label,
        iter_public_documents=lambda: list(by_id.values()),
        document_for=lambda obj: by_id.get(str(getattr(obj, "pk", obj))),
        order=order,
    )
    previous = registry.get(name)
    registry.register(search_type)
    try:
        yield search_type
    finally:
        registry.unregister(name)
        if previous is not None:
            registry.register(previous)
