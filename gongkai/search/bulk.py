"""Indexing many documents at once: `gongkai search reindex` and bulk imports (issue 19 item 4).

jieba segmentation is most of the cost of indexing a document. `index_documents` reads the documents in
this process (database access stays here) and sends their text in batches to worker processes (the
dictionary is loaded before the fork, so the workers share it). A worker returns each document's index
fields as its backend writes them (`prepare` of the Tantivy or PostgreSQL backend: the tokens joined,
the phrase bigrams, the tsvector literal), so this process only adds them: it writes each batch through
the backend's `index(docs, prepared=…)` while the workers prepare the next ones. Fewer documents than
one batch, or `workers=1`, are indexed in this process (the same `prepare`, inline).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable
from itertools import islice

from django.conf import settings

from . import segment
from .backends.base import index_parts
from .backends.postgres_backend import prepare as postgres_prepare
from .backends.tantivy_backend import prepare as tantivy_prepare
from .documents import SearchDocument
from .interface import get_backend

SEGMENT_BATCH = 200  # documents per task sent to a worker
WRITE_BATCH = 2000  # documents per backend write (one index commit or one transaction)


def default_workers() -> int:
    configured = getattr(settings, "GONGKAI_SEARCH_INDEX_WORKERS", None)
    if configured:
        return max(1, int(configured))
    return max(1, min(4, os.cpu_count() or 1))


def _text(doc: SearchDocument) -> str:
    return index_parts(doc)[2]


def _parts(doc: SearchDocument) -> tuple[str, str, str]:
    """What a worker needs of a document: title, metadata text, body text (plain strings pickle fast)."""
    return index_parts(doc)


def _segment_batch(batch: list[tuple[str, str, str]]) -> list[dict]:
    return [
        {
            "title": segment.index_tokens(title),
            "meta": segment.index_tokens(meta),
            "text": segment.index_tokens(text),
        }
        for title, meta, text in batch
    ]


def _for_backend(backend, tokens: list[dict]) -> list[dict]:
    """The token layout each backend's `index(…, tokens=)` expects (title/meta/text weights in
    PostgreSQL; title and all other text in Tantivy)."""
    if backend.name == "tantivy":
        return [{"title": t["title"], "text": t["meta"] + t["text"]} for t in tokens]
    return tokens


PREPARE = {"tantivy": tantivy_prepare, "postgres": postgres_prepare}


def _prepare_batch(backend_name: str, batch: list[tuple[str, str, str]]) -> list:
    """In a worker: each document's index fields as its backend writes them (segmented tokens, the
    phrase bigrams, the tsvector literal), as plain strings: the writing process only adds them."""
    prepare = PREPARE[backend_name]
    return [prepare(*parts) for parts in batch]


def _batches(items: Iterable, size: int):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def index_documents(
    documents: Iterable[SearchDocument],
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    backend=None,
) -> int:
    """Index `documents` (added or replaced), segmenting in `workers` processes. Returns the count."""
    backend = backend or get_backend()
    workers = default_workers() if workers is None else max(1, workers)
    iterator = iter(documents)
    first = list(islice(iterator, WRITE_BATCH))
    if workers == 1 or len(first) < WRITE_BATCH:
        total = 0
        for batch in _batches(_chain(first, iterator), WRITE_BATCH):
            total += backend.index(batch)
            if progress:
                progress(len(batch))
        return total
    segment.warm()  # loaded once here, shared by the forked workers
    context = multiprocessing.get_context("fork")
    total = 0
    pending: deque = deque()
    ready_docs: list[SearchDocument] = []
    ready_tokens: list[dict] = []

    def drain(block_until: int) -> None:
        nonlocal total, ready_docs, ready_tokens
        while len(pending) > block_until:
            docs, result = pending.popleft()
            ready_docs += docs
            ready_tokens += result.get()
            if len(ready_docs) >= WRITE_BATCH:
                total += backend.index(ready_docs, prepared=ready_tokens)
                if progress:
                    progress(len(ready_docs))
                ready_docs, ready_tokens = [], []

    with context.Pool(workers) as pool:
        for batch in _batches(_chain(first, iterator), SEGMENT_BATCH):
            task = (backend.name, [index_parts(d) for d in batch])
            pending.append((batch, pool.apply_async(_prepare_batch, task)))
            drain(block_until=workers * 4)  # keep the workers busy, memory bounded
        drain(block_until=0)
    if ready_docs:
        total += backend.index(ready_docs, prepared=ready_tokens)
        if progress:
            progress(len(ready_docs))
    return total


def _chain(first: list, rest):
    yield from first
    yield from rest
