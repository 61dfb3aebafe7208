"""Indexing many documents at once: `gongkai search reindex` and bulk imports (issue 19 item 4).

jieba segmentation is most of the cost of indexing a document. `index_documents` reads the documents in
this process (database access stays here) and sends their text in batches to worker processes. A
worker returns each document's index fields as its backend writes them (`prepare` of the Tantivy or PostgreSQL backend: the tokens joined,
the phrase bigrams, the tsvector literal), so this process only adds them: it writes each batch through
the backend's `index(docs, prepared=…)` while the workers prepare the next ones. Fewer documents than
one batch, or `workers=1`, are indexed in this process (the same `prepare`, inline).

The workers are forked from a fork server, never from this process (ADR 0065): a process with threads (a
web server's, the test runner's, Tantivy's writer) that forks leaves each child the locks those threads
held at that instant, held for ever; a child that needs one waits without end, and so does
`result.get()` here (a CI run hung 80 minutes so in `test_bulk_index`). The fork server is a fresh
single-threaded process that loads the dictionary and this module once (`segment_worker`) and forks the
workers from itself. A result is awaited at most `RESULT_SECONDS`: a worker that dies or hangs ends the
command with an error.
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
RESULT_SECONDS = 300  # a batch of 200 documents takes well under a second to prepare


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


def _pool_context():
    """The fork server's context, its workers starting with the dictionary loaded (module docstring)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["gongkai.search.segment_worker", "gongkai.search.bulk"])
    return context


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
    with BulkIndexer(workers=workers, backend=backend) as indexer:
        for batch in _batches(_chain(first, iterator), SEGMENT_BATCH):
            indexer.add(batch)
            indexer.write(progress, keep=workers * 4)  # keep the workers busy, memory bounded
        return indexer.write(progress)


class BulkIndexer:
    """Documents prepared in worker processes as they are added, written to the index by `write`.

    `index_documents` writes as it goes. A bulk import adds each batch of documents as soon as its rows
    are written, inside its transaction, so that the workers segment while this process writes the
    next rows, and calls `write` once the transaction has committed (a rolled-back import indexes
    nothing: leaving the block without `write` drops what was prepared)."""

    def __init__(self, *, workers: int | None = None, backend=None):
        self.backend = backend or get_backend()
        self.workers = default_workers() if workers is None else max(1, workers)
        self.pool = None
        self.pending: deque = deque()
        self.ready_docs: list[SearchDocument] = []
        self.ready: list = []
        self.total = 0

    def __enter__(self) -> BulkIndexer:
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None

    def add(self, documents: Iterable[SearchDocument]) -> None:
        for batch in _batches(documents, SEGMENT_BATCH):
            if self.pool is None:
                self.pool = _pool_context().Pool(self.workers)
            task = (self.backend.name, [index_parts(d) for d in batch])
            self.pending.append((batch, self.pool.apply_async(_prepare_batch, task)))

    def write(self, progress: Callable[[int], None] | None = None, *, keep: int | None = None) -> int:
        """Write the prepared documents, WRITE_BATCH at a time. With `keep`, only as far as leaves
        `keep` batches with the workers and less than WRITE_BATCH unwritten; without it, everything
        added. Returns the number written so far."""
        while len(self.pending) > (keep or 0):
            docs, result = self.pending.popleft()
            self.ready_docs += docs
            self.ready += result.get(timeout=RESULT_SECONDS)
            if len(self.ready_docs) >= WRITE_BATCH:
                self._flush(progress)
        if keep is None and self.ready_docs:
            self._flush(progress)
        return self.total

    def _flush(self, progress) -> None:
        self.total += self.backend.index(self.ready_docs, prepared=self.ready)
        if progress:
            progress(len(self.ready_docs))
        self.ready_docs, self.ready = [], []


def _chain(first: list, rest):
    yield from first
    yield from rest
