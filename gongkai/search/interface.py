"""The one search interface: `search()`, `suggest()`, and the backend chosen by setting.

`GONGKAI_SEARCH_BACKEND` = "tantivy" | "postgres"; default: postgres when the database is PostgreSQL,
tantivy otherwise. The Tantivy index lives in `GONGKAI_SEARCH_DIR` (default `VAR_DIR / "search"`).
"""

import time
from dataclasses import replace
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from . import highlight, rank, registry, segment, spelling
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
    """Documents holding the query's key terms, ranked by `rank` (relevance) or newest first.

    Relevance: the engine selects the documents holding any of the key terms (question words
    dropped, synonyms added, very common terms left to scoring) and its best `rank.WINDOW` are
    re-ranked the same way on both backends; near-identical ones are collapsed. A 发文字号/索引号
    query keeps every word required and its document first. Newest first: every word must match;
    when no document has them all, documents with some of them (`partial`)."""
    started = time.perf_counter()
    backend = backend or get_backend()
    q = parse(text, filters, today=timezone.localdate(), synonyms=synonym_groups())
    page = max(1, min(page, base.MAX_RESULTS // per_page))
    sort = sort if sort in base.SORTS else "relevance"
    if q.is_empty:
        return SearchResults([], 0, page, per_page, dropped=_dropped(q))
    offset = (page - 1) * per_page
    if sort == "relevance":
        return _ranked(q, backend, offset, page, per_page, started)
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
        dropped=_dropped(q),
    )


def _dropped(q: ParsedQuery) -> tuple[str, ...]:
    return q.understood.dropped if q.understood else ()


def _ranked(q: ParsedQuery, backend, offset: int, page: int, per_page: int, started: float) -> SearchResults:
    n, dfs = backend.doc_freqs(rank.df_words(q))
    numbered = bool(q.document_number or q.index_number)
    retrieval = q if numbered else replace(q, words=rank.retrieval_words(q, n, dfs))
    raw = backend.search(retrieval, offset=0, limit=rank.WINDOW, sort="relevance", require_all=numbered)
    if numbered and raw.total == 0 and not raw.type_counts:
        numbered = False
        retrieval = replace(q, words=rank.retrieval_words(q, n, dfs))
        raw = backend.search(retrieval, offset=0, limit=rank.WINDOW, sort="relevance", require_all=False)
    scored = rank.score(raw.hits, q, n, dfs)
    window = rank.collapse(rank.order(scored))
    chosen = window[offset : offset + per_page]
    if len(chosen) < per_page and len(raw.hits) == rank.WINDOW:
        # deeper than the re-ranked window: the engine's order continues after it
        deeper = offset + len(chosen) - len(window) + rank.WINDOW
        more = backend.search(
            retrieval, offset=deeper, limit=per_page - len(chosen), sort="relevance", require_all=numbered
        )
        chosen += rank.score(more.hits, q, n, dfs)
    hits = [_with_snippet(s.hit, q, similar=s.similar, explain=s.explain) for s in chosen]
    partial = bool(q.words) and bool(window) and not any(s.coverage >= 1 - 1e-9 for s in window[:per_page])
    return SearchResults(
        hits=hits,
        total=raw.total,
        page=page,
        per_page=per_page,
        type_counts=_ordered(raw.type_counts),
        facets=raw.facets,
        partial=partial and not (q.document_number or q.index_number),
        approximate=raw.approximate,
        approximate_counts=raw.approximate_counts,
        took_ms=(time.perf_counter() - started) * 1000,
        suggestion="" if (q.document_number or q.index_number) else _suggestion(q, backend, scored),
        dropped=_dropped(q),
    )


def _suggestion(q: ParsedQuery, backend, scored) -> str:
    """ "您是不是要找": a one-character slip corrected, when the corrected word is in the index and
    the slip itself is in none of the first results."""
    top = [segment.normalize_text(f"{s.hit.title} {s.hit.text[: rank.TEXT_CHARS]}") for s in scored[:3]]

    def accept(stretch, word):
        if any(stretch in t for t in top):
            return False
        return backend.doc_freqs([word])[1].get(word, 0) > 0

    return spelling.correct(q.text, accept=accept)


def synonym_groups():
    """The synonym groups: data/synonyms.txt and the rows the openness office added (selectors)."""
    from .selectors import synonym_groups as groups

    return groups()


def _terms(q: ParsedQuery) -> list[str]:
    return [*q.all_words, *q.phrases]


def _with_snippet(raw: base.RawHit, q: ParsedQuery, *, similar: int = 0, explain=None) -> Hit:
    terms = _terms(q)
    terms += [o for w in q.words for o in q.synonyms.get(w, ())]
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
        similar=similar,
        explain=explain or {},
        agency_id=raw.agency_id,
    )


def _ordered(type_counts: dict[str, int]) -> dict[str, int]:
    order = {t.name: i for i, t in enumerate(registry.types())}
    return dict(sorted(type_counts.items(), key=lambda kv: (order.get(kv[0], 999), kv[0])))


def suggest(prefix: str, *, limit: int = 8, agency_id: int | None = None) -> list[base.Suggestion]:
    prefix = " ".join((prefix or "").split())[:50]
    if len(prefix) < 2:
        return []
    return get_backend().suggest(prefix, limit=limit, agency_id=agency_id)
