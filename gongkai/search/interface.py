"""The one search interface: `search()`, `suggest()`, and the backend chosen by setting.

`GONGKAI_SEARCH_BACKEND` = "tantivy" | "postgres"; default: postgres when the database is PostgreSQL,
tantivy otherwise. The Tantivy index lives in `GONGKAI_SEARCH_DIR` (default `VAR_DIR / "search"`).
"""

import time
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import connection

from . import highlight, registry
from .backends import base
from .documents import Hit, SearchResults
from .query import Filters, ParsedQuery, parse

PER_PAGE = 20
MAX_PAGE = base.MAX_RESULTS // PER_PAGE


def backend_name() -> str:
    name = getattr(settings, "GONGKAI_SEARCH_BACKEND", "") or ""
    if not name:
        name = "postgres" if connection.vendor == "postgresql" else "tantivy"
    if name not in ("tantivy", "postgres"):
        raise ValueError(f"GONGKAI_SEARCH_BACKEND must be 'tantivy' or 'postgres', not {name!r}")
    return name


def search_dir() -> Path:
    return Path(getattr(settings, "GONGKAI_SEARCH_DIR", "") or Path(settings.VAR_DIR) / "search")


@cache
def _backend(name: str, path: str) -> base.SearchBackend:
    if name == "postgres":
        from .backends.postgres_backend import PostgresBackend

        return PostgresBackend()
    from .backends.tantivy_backend import TantivyBackend

    return TantivyBackend(Path(path) / "tantivy")


def get_backend(name: str | None = None) -> base.SearchBackend:
    return _backend(name or backend_name(), str(search_dir()))


def reset_backends() -> None:
    """Forget open indexes (tests switch directories)."""
    _backend.cache_clear()


def search(
    text: str,
    *,
    filters: Filters | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
    sort: str = "relevance",
    backend: base.SearchBackend | None = None,
) -> SearchResults:
    """Every word must match; when no document has them all, documents with some of them (`partial`)."""
    started = time.perf_counter()
    backend = backend or get_backend()
    q = parse(text, filters)
    page = max(1, min(page, base.MAX_RESULTS // per_page))
    sort = sort if sort in base.SORTS else "relevance"
    if q.is_empty:
        return SearchResults([], 0, page, per_page)
    offset = (page - 1) * per_page
    raw = backend.search(q, offset=offset, limit=per_page, sort=sort, require_all=True)
    partial = False
    if raw.total == 0 and not raw.type_counts and len(q.all_words) + len(q.phrases) > 1:
        raw = backend.search(q, offset=offset, limit=per_page, sort=sort, require_all=False)
        partial = raw.total > 0
    return SearchResults(
        hits=[_with_snippet(h, q) for h in raw.hits],
        total=raw.total,
        page=page,
        per_page=per_page,
        type_counts=_ordered(raw.type_counts),
        facets=raw.facets,
        partial=partial,
        approximate=raw.approximate,
        approximate_counts=raw.approximate_counts,
        took_ms=(time.perf_counter() - started) * 1000,
    )


def _terms(q: ParsedQuery) -> list[str]:
    return [*q.all_words, *q.phrases]


def _with_snippet(raw: base.RawHit, q: ParsedQuery) -> Hit:
    terms = _terms(q)
    return Hit(
        type=raw.type,
        id=raw.id,
        title=raw.title,
        url=raw.url,
        score=raw.score,
        document_number=raw.document_number,
        index_number=raw.index_number,
        issuer=raw.issuer,
        category=raw.category,
        year=raw.year,
        validity=raw.validity,
        published_at=raw.published_at,
        snippet=highlight.snippet(raw.text, terms),
        title_html=highlight.highlight(raw.title, terms),
        exact=raw.exact,
    )


def _ordered(type_counts: dict[str, int]) -> dict[str, int]:
    order = {t.name: i for i, t in enumerate(registry.types())}
    return dict(sorted(type_counts.items(), key=lambda kv: (order.get(kv[0], 999), kv[0])))


def suggest(prefix: str, *, limit: int = 8, agency_id: int | None = None) -> list[base.Suggestion]:
    prefix = " ".join((prefix or "").split())[:50]
    if len(prefix) < 2:
        return []
    return get_backend().suggest(prefix, limit=limit, agency_id=agency_id)
