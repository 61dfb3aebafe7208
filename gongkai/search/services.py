"""Keeping the index in step with publication, revision and withdrawal.

Content apps call these from their services inside the transaction; the index is written after
commit, so a rolled-back publication never reaches the index. The database stays the source of
truth: `gongkai search reindex` rebuilds everything from `SearchType.iter_public_documents()`.
"""

import logging

from django.db import transaction

from . import registry
from .documents import SearchDocument
from .interface import get_backend

log = logging.getLogger(__name__)


def index_document(doc: SearchDocument) -> None:
    """Adds or replaces one document after the current transaction commits."""
    transaction.on_commit(lambda: _safely(get_backend().index, [doc]))


def remove_document(type_name: str, object_id) -> None:
    """Removes one document after the current transaction commits (withdrawal)."""
    transaction.on_commit(lambda: _safely(get_backend().remove, type_name, str(object_id)))


def sync_object(type_name: str, obj) -> None:
    """Indexes `obj` if its type says it is public now, else removes it."""
    search_type = registry.get(type_name)
    if search_type is None:
        return
    doc = search_type.document_for(obj)
    if doc is None:
        remove_document(type_name, obj.pk)
    else:
        index_document(doc)


def _safely(func, *args):
    # A failing index must not break a publication that has already committed; reindex repairs it.
    try:
        func(*args)
    except Exception:
        log.exception("search index update failed; run `gongkai search reindex`")


def reindex(*, type_name: str | None = None, progress=None, workers: int | None = None) -> int:
    """Rebuilds the index of one type (or all) from the content apps. Returns documents indexed.

    Text is segmented in `workers` processes (`bulk.index_documents`, issue 19 item 4)."""
    from .bulk import index_documents

    backend = get_backend()
    types = [registry.get(type_name)] if type_name else registry.types()
    if type_name and types[0] is None:
        raise ValueError(f"未知的检索类型：{type_name}")
    total = 0
    for search_type in types:
        backend.clear(search_type.name)
        total += index_documents(
            search_type.iter_public_documents(), workers=workers, progress=progress, backend=backend
        )
    if not type_name:
        backend.rebuilt()
    return total
