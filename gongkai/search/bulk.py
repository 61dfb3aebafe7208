"""Indexing many documents at once: `gongkai search reindex` and bulk imports (issue 19 item 4).

jieba segmentation is most of the cost of indexing a document. `index_documents` reads the documents in
this process (database access stays here), sends their text in batches to worker processes that
segment it, and writes each batch with its tokens through the backend's `index(docs, tokens=…)` while
the workers segment the next ones. Fewer documents than one batch, or `workers=1`, are indexed in this
process as before.

The workers are forked from a fork server, never from this process: a process with threads (a web
server's, the test runner's, Tantivy's writer) that forks leaves each child the locks those threads held
at that instant, held for ever; a child that needs one waits without end, and so does `result.get()`
here (a CI run hung 80 minutes so in `test_bulk_index`). The fork server is a fresh single-threaded
process that loads the dictionary once (`segment_worker`) and forks the workers from itself. A result
is awaited at most `RESULT_SECONDS`: a worker that dies or hangs ends the command with an error.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable
from itertools import islice

from django.conf import settings

from . import segment_worker
from .documents import SearchDocument
from .interface import get_backend

SEGMENT_BATCH = 200  # documents per task sent to a worker
WRITE_BATCH = 2000  # documents per backend write (one index commit or one transaction)
RESULT_SECONDS = 300  # a batch of 200 documents takes well under a second to segment


def default_workers() -> int:
    configured = getattr(settings, "GONGKAI_SEARCH_INDEX_WORKERS", None)
    if configured:
        return max(1, int(configured))
    return max(1, min(4, os.cpu_count() or 1))


def _text(doc: SearchDocument) -> str:
    return "\n".join(x for x in (doc.summary, doc.body, doc.attachment_text) if x)


def _parts(doc: SearchDocument) -> tuple[str, str, str]:
    """What a worker needs of a document: title, metadata text, body text (plain strings pickle fast)."""
    return doc.title, " ".join((doc.document_number, doc.issuer, doc.category)), _text(doc)


def _pool_context():
    """The fork server's context, its workers starting with the dictionary loaded (module docstring)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["gongkai.search.segment_worker"])
    return context


def _for_backend(backend, tokens: list[dict]) -> list[dict]:
    """The token layout each backend's `index(…, tokens=)` expects (title/meta/text weights in
    PostgreSQL; title and all other text in Tantivy)."""
    if backend.name == "tantivy":
        return [{"title": t["title"], "text": t["meta"] + t["text"]} for t in tokens]
    return tokens


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
    context = _pool_context()
    total = 0
    pending: deque = deque()
    ready_docs: list[SearchDocument] = []
    ready_tokens: list[dict] = []

    def drain(block_until: int) -> None:
        nonlocal total, ready_docs, ready_tokens
        while len(pending) > block_until:
            docs, result = pending.popleft()
            ready_docs += docs
            ready_tokens += result.get(timeout=RESULT_SECONDS)
            if len(ready_docs) >= WRITE_BATCH:
                total += backend.index(ready_docs, tokens=_for_backend(backend, ready_tokens))
                if progress:
                    progress(len(ready_docs))
                ready_docs, ready_tokens = [], []

    with context.Pool(workers) as pool:
        for batch in _batches(_chain(first, iterator), SEGMENT_BATCH):
            pending.append(
                (batch, pool.apply_async(segment_worker.segment_batch, ([_parts(d) for d in batch],)))
            )
            drain(block_until=workers * 4)  # keep the workers busy, memory bounded
        drain(block_until=0)
    if ready_docs:
        total += backend.index(ready_docs, tokens=_for_backend(backend, ready_tokens))
        if progress:
            progress(len(ready_docs))
    return total


def _chain(first: list, rest):
    yield from first
    yield from rest
