"""Keeping the index in step with publication, revision and withdrawal.

Content apps call these from their services inside the transaction; the index is written after
commit, so a rolled-back publication never reaches the index. The database stays the source of
truth: `gongkai search reindex` rebuilds everything from `SearchType.iter_public_documents()`.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

from gongkai.accounts.guard import fetch_for, require, user_or_none
from gongkai.core import audit
from gongkai.core.errors import Conflict, ValidationFailed

from . import registry, selectors
from .documents import SearchDocument
from .interface import get_backend
from .models import SynonymGroup

log = logging.getLogger(__name__)

# Set by `deferred()`: a bulk job (the demo loader) that rebuilds the whole index when it ends skips the
# one-document updates (each a Tantivy commit: 265 of them took ~20 s of the demo's load).
_DEFERRED: ContextVar[bool] = ContextVar("gongkai_search_deferred", default=False)


@contextmanager
def deferred():
    """Within the block, publications do not update the index; the caller must `reindex()` after it."""
    token = _DEFERRED.set(True)
    try:
        yield
    finally:
        _DEFERRED.reset(token)


def index_document(doc: SearchDocument) -> None:
    """Adds or replaces one document after the current transaction commits."""
    if _DEFERRED.get():
        return
    transaction.on_commit(lambda: _safely(get_backend().index, [doc]))


def remove_document(type_name: str, object_id) -> None:
    """Removes one document after the current transaction commits (withdrawal)."""
    if _DEFERRED.get():
        return
    transaction.on_commit(lambda: _safely(get_backend().remove, type_name, str(object_id)))


def sync_object(type_name: str, obj) -> None:
    """Indexes `obj` if its type says it is public now, else removes it."""
    if _DEFERRED.get():
        return
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


# --- synonyms the openness office adds (同义词, issue 17) ----------------------------------------
MAX_SYNONYM_WORDS = 10
MAX_SYNONYM_LENGTH = 20


def _clean_synonyms(words: str) -> str:
    from . import segment

    raw = (words or "").replace("，", " ").replace(",", " ").replace("、", " ").split()
    cleaned = list(dict.fromkeys(segment.normalize_text(w).strip() for w in raw if w.strip()))
    if len(cleaned) < 2:
        raise ValidationFailed("请至少填写两个不同的词，用空格或顿号分隔。", field="words")
    if len(cleaned) > MAX_SYNONYM_WORDS:
        raise ValidationFailed(f"一组最多 {MAX_SYNONYM_WORDS} 个词。", field="words")
    for w in cleaned:
        if len(w) > MAX_SYNONYM_LENGTH:
            raise ValidationFailed(f"“{w[:20]}…”过长：每个词最多 {MAX_SYNONYM_LENGTH} 个字。", field="words")
        if any(not ch.isalnum() for ch in w):
            raise ValidationFailed(f"“{w}”含有标点或符号：同义词只能由文字和数字组成。", field="words")
    return " ".join(cleaned)


def _same_group_exists(words: str, exclude_pk=None) -> bool:
    from .understand import shipped_synonyms

    wanted = frozenset(words.split())
    if any(wanted <= frozenset(g) for g in shipped_synonyms()):
        return True
    rows = SynonymGroup.objects.exclude(pk=exclude_pk).values_list("words", flat=True)
    return any(wanted <= frozenset(r.split()) for r in rows)


def add_synonyms(*, actor, words: str, note: str = "") -> SynonymGroup:
    require(actor, "search.manage_synonyms")
    cleaned = _clean_synonyms(words)
    with transaction.atomic():
        if _same_group_exists(cleaned):
            raise Conflict("这组同义词已包含在已有的同义词组中。", field="words")
        row = SynonymGroup.objects.create(
            agency=_agency(actor),
            words=cleaned,
            note=(note or "").strip()[:200],
            created_by=user_or_none(actor),
        )
        audit.record(
            actor=actor, verb="search.synonyms_added", obj=row, agency=_agency(actor), after=_row(row)
        )
    selectors.invalidate()
    return row


def change_synonyms(*, actor, pk, words: str, note: str = "") -> SynonymGroup:
    require(actor, "search.manage_synonyms")
    cleaned = _clean_synonyms(words)
    with transaction.atomic():
        row = fetch_for(
            actor, SynonymGroup, pk, lock=True, department_field=None, not_found="没有这组同义词。"
        )
        if _same_group_exists(cleaned, exclude_pk=row.pk):
            raise Conflict("这组同义词已包含在已有的同义词组中。", field="words")
        before = _row(row)
        row.words, row.note = cleaned, (note or "").strip()[:200]
        row.save()
        audit.record(
            actor=actor,
            verb="search.synonyms_changed",
            obj=row,
            agency=_agency(actor),
            before=before,
            after=_row(row),
        )
    selectors.invalidate()
    return row


def remove_synonyms(*, actor, pk) -> None:
    require(actor, "search.manage_synonyms")
    with transaction.atomic():
        row = fetch_for(
            actor, SynonymGroup, pk, lock=True, department_field=None, not_found="没有这组同义词。"
        )
        before = _row(row)
        audit.record(
            actor=actor,
            verb="search.synonyms_removed",
            agency=_agency(actor),
            before=before,
            object_type="search.synonymgroup",
            object_id=str(row.pk),
            object_repr=row.words,
        )
        row.delete()
    selectors.invalidate()


def _row(row: SynonymGroup) -> dict:
    return {"words": row.words, "note": row.note}


def _agency(actor):
    return getattr(actor, "agency", None)
