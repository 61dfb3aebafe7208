"""Embedded backend: a Tantivy index under `VAR_DIR/search/tantivy` (no server, BM25, ADR 0011).

Text fields hold jieba search-mode tokens joined by spaces (the whitespace tokenizer keeps them as
they are): `all_t` every token of the document (title, 文号, issuer, text), which a query word must
match, and `title_t` the title's, which only adds the title boost (one posting list per required
word: a five-word query over title-or-text unions cost 15.6 ms at 1M documents, 1.3 ms over one
field). `bigrams` (title, two separator tokens, text) and `title_bigrams` hold the overlapping
character bigrams with positions, for phrases in quotes and the whole-query phrase boost (one term
per character made a common phrase cost 45-50 ms at 1M). A required clause is always one field:
Tantivy intersects a union by filling 4,096-document windows of every branch, so a union of two
fields inside an AND costs as much as evaluating it alone (measured: a phrase over title-or-text
AND the sample shard 9.9 ms, over one field 1.9 ms). `shard` (0-15, from the key) lets counts over very many matches be taken
from a 1/16 sample. Display fields are stored as one JSON blob. Measurements: docs/performance.md.

Queries are built in `tantivy_queries`, counts and facets taken in `tantivy_counts` (mixins).
"""

import json
import threading
import time
import zlib
from datetime import UTC, datetime
from pathlib import Path

import tantivy
from tantivy import Occur, Query

from .. import segment
from ..documents import SearchDocument
from ..normalize import key
from ..query import ParsedQuery
from . import base
from .tantivy_counts import SHARDS, TantivyCounts
from .tantivy_queries import TantivyQueries

SCHEMA_VERSION = "4"  # 4: synonyms joined the dictionary (issue 17)
REBUILD_MARKER = "NEEDS_REINDEX"
_WRITER_HEAP = 64_000_000


def _schema():
    b = tantivy.SchemaBuilder()
    b.add_text_field("key", stored=True, tokenizer_name="raw", index_option="basic")
    b.add_text_field("type", stored=False, tokenizer_name="raw", index_option="basic", fast=True)
    b.add_integer_field("agency", indexed=True, fast=True)
    b.add_text_field("title_t", tokenizer_name="whitespace", index_option="freq")
    b.add_text_field("all_t", tokenizer_name="whitespace", index_option="freq")
    b.add_integer_field("shard", indexed=True)
    b.add_text_field("title_bigrams", tokenizer_name="whitespace", index_option="position")
    b.add_text_field("bigrams", tokenizer_name="whitespace", index_option="position")
    b.add_text_field("docnum", tokenizer_name="raw", index_option="basic")
    b.add_text_field("indexnum", tokenizer_name="raw", index_option="basic")
    b.add_text_field("title_raw", tokenizer_name="raw", index_option="basic")
    b.add_text_field("category", tokenizer_name="raw", index_option="basic", fast=True)
    b.add_text_field("issuer", tokenizer_name="raw", index_option="basic", fast=True)
    b.add_text_field("validity", tokenizer_name="raw", index_option="basic", fast=True)
    b.add_integer_field("year", indexed=True, fast=True)
    b.add_integer_field("published", fast=True)
    b.add_bytes_field("data", stored=True)
    return b.build()


def _epoch(dt: datetime | None) -> int:
    return int(dt.timestamp()) if dt else 0


def _phrase_text(text: str) -> str:
    return " ".join(base.bigrams(base.chars(segment.normalize_text(text))))


# Between the title's bigrams and the text's in `bigrams`: two positions that no query term can
# match, so no phrase spans the two (phrase terms are at most two positions apart, base.phrase_bigrams).
_SEPARATOR = "| |"


def prepare(title: str, meta: str, text: str) -> tuple[str, str, str, str]:
    """The segmented fields of a document (`base.index_parts`): title_t, all_t, title_bigrams and
    bigrams, as the whitespace tokenizer reads them. Plain strings, so that a bulk index computes them
    in worker processes (`search.bulk`) and sends them back cheaply."""
    title_tokens = segment.index_tokens(title)
    rest = (*segment.index_tokens(meta), *segment.index_tokens(text))
    title_phrase = _phrase_text(title)
    return (
        " ".join(title_tokens),
        " ".join((*title_tokens, *rest)),
        title_phrase,
        f"{title_phrase} {_SEPARATOR} {_phrase_text(text)}",
    )


class TantivyBackend(TantivyQueries, TantivyCounts, base.SearchBackend):
    name = "tantivy"

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._index = None
        self._meta_mtime = None
        self._sole_agency = {}  # agency id → True when every document in the index is that agency's

    # --- opening ---------------------------------------------------------------------------
    def _open(self):
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self.path.mkdir(parents=True, exist_ok=True)
                    version = self.path / "GONGKAI_SCHEMA"
                    old = version.read_text() if version.exists() else SCHEMA_VERSION
                    if old != SCHEMA_VERSION:
                        for f in self.path.iterdir():  # an old layout: emptied, then rebuilt
                            if f.is_file():
                                f.unlink()
                    index = tantivy.Index(_schema(), path=str(self.path), reuse=True)
                    version.write_text(SCHEMA_VERSION)
                    if old != SCHEMA_VERSION:  # the worker's search.rebuild_after_upgrade sees it
                        (self.path / REBUILD_MARKER).write_text(f"schema {old} -> {SCHEMA_VERSION}")
                    self._index = index
        return self._index

    def _searcher(self):
        index = self._open()
        meta = self.path / "meta.json"
        mtime = meta.stat().st_mtime_ns if meta.exists() else None
        if mtime != self._meta_mtime:  # another process committed: see its documents
            index.reload()
            self._meta_mtime = mtime
            self._sole_agency = {}
        return index.searcher()

    def _is_sole_agency(self, searcher, agency_id: int) -> bool:
        """True when every document ever added to the committed segments (live or deleted) is this
        agency's: its filter then removes nothing, and skipping it spares intersecting the query with
        a posting list as long as the index (1M documents: 18 → 9 ms for a common word)."""
        if agency_id not in self._sole_agency:
            try:
                meta = json.loads((self.path / "meta.json").read_text())
                stored = sum(s["max_doc"] for s in meta["segments"])
            except (OSError, ValueError, KeyError):
                stored = -1
            df = searcher.doc_freq("agency", agency_id)
            self._sole_agency[agency_id] = df == stored == searcher.num_docs
        return self._sole_agency[agency_id]

    def _writer(self):
        index = self._open()
        deadline = time.monotonic() + 30
        while True:
            try:
                return index.writer(_WRITER_HEAP, 1)
            except ValueError:  # another process holds the writer lock: wait for it
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    # --- writing ---------------------------------------------------------------------------
    def to_tantivy(
        self, doc: SearchDocument, tokens: dict | None = None, prepared: tuple | None = None
    ) -> tantivy.Document:
        """`prepared` is `prepare(*base.index_parts(doc))`, computed in a worker process by a bulk
        index; `tokens` may carry pre-segmented title/text tokens (the benchmark's cache)."""
        text = "\n".join(x for x in (doc.summary, doc.body, doc.attachment_text) if x)
        if prepared is None:
            if tokens is None:
                prepared = prepare(*base.index_parts(doc))
            else:
                title_phrase = _phrase_text(doc.title)
                prepared = (
                    " ".join(tokens["title"]),
                    " ".join((*tokens["title"], *tokens["text"])),
                    title_phrase,
                    f"{title_phrase} {_SEPARATOR} {_phrase_text(text)}",
                )
        title_t, all_t, title_bigrams, bigrams = prepared
        data = {
            "type": doc.type,
            "id": doc.id,
            "title": doc.title,
            "url": doc.url,
            "document_number": doc.document_number,
            "index_number": doc.index_number,
            "issuer": doc.issuer,
            "category": doc.category,
            "year": doc.year,
            "validity": doc.validity,
            "published": _epoch(doc.published_at),
            "text": text,
            "agency": doc.agency_id,
        }
        d = tantivy.Document()
        d.add_text("key", doc.key)
        d.add_text("type", doc.type)
        d.add_integer("agency", doc.agency_id or 0)
        d.add_text("title_t", title_t)
        d.add_text("all_t", all_t)
        d.add_integer("shard", zlib.crc32(doc.key.encode()) % SHARDS)
        d.add_text("title_bigrams", title_bigrams)
        d.add_text("bigrams", bigrams)
        d.add_text("docnum", key(doc.document_number))
        d.add_text("indexnum", key(doc.index_number))
        d.add_text("title_raw", segment.normalize_text(doc.title))
        d.add_text("category", doc.category)
        d.add_text("issuer", doc.issuer)
        d.add_text("validity", doc.validity)
        d.add_integer("year", doc.year or 0)
        d.add_integer("published", _epoch(doc.published_at))
        d.add_bytes("data", json.dumps(data, ensure_ascii=False).encode())
        return d

    def index(self, documents, *, tokens=None, prepared=None) -> int:
        writer = self._writer()
        n = 0
        try:
            for i, doc in enumerate(documents):
                writer.delete_documents_by_term("key", doc.key)
                writer.add_document(
                    self.to_tantivy(doc, tokens[i] if tokens else None, prepared[i] if prepared else None)
                )
                n += 1
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        return n

    def remove(self, type_name: str, object_id: str) -> None:
        writer = self._writer()
        writer.delete_documents_by_term("key", f"{type_name}:{object_id}")
        writer.commit()
        writer.wait_merging_threads()

    def clear(self, type_name: str | None = None) -> None:
        writer = self._writer()
        if type_name:
            writer.delete_documents_by_term("type", type_name)
        else:
            writer.delete_all_documents()
        writer.commit()
        writer.wait_merging_threads()

    # --- reading ---------------------------------------------------------------------------
    def doc_freqs(self, words) -> tuple[int, dict[str, int]]:
        """The number of documents, and how many hold each word (for IDF weights)."""
        searcher = self._searcher()
        return searcher.num_docs, {w: searcher.doc_freq("all_t", w) for w in words}

    def search(self, q: ParsedQuery, *, offset: int, limit: int, sort: str, require_all: bool):
        index = self._open()
        schema = index.schema
        searcher = self._searcher()
        query = self._query(schema, q, require_all, searcher=searcher)
        if query is None:
            return base.RawResults([], 0, {}, {})
        if sort == "date":
            result = searcher.search(query, limit=limit, offset=offset, order_by_field="published")
            page = result.hits
            total = result.count
        else:
            # Freshness breaks ties: rank the first offset+limit(+a margin) by score, then date.
            # The window grows until it holds the whole tie group at the end of the page, so every
            # page is cut from the same order. (A freshness weight inside the engine, Tantivy's
            # weight_by_field, was measured: it scores every match and doubled a common word's cost.)
            end = offset + limit
            window = end + 20
            while True:
                result = searcher.search(query, limit=window)
                hits = result.hits
                if (
                    len(hits) < window
                    or len(hits) < end
                    or window >= base.MAX_RESULTS * 2
                    or round(hits[-1][0], 4) < round(hits[end - 1][0], 4)
                ):
                    break
                window *= 2
            total = result.count
            dates = searcher.fast_field_values("published", [a for _, a in hits]) if hits else []
            ranked = sorted(zip(hits, dates, strict=True), key=lambda h: (-round(h[0][0], 4), -(h[1] or 0)))
            page = [h for h, _ in ranked[offset : offset + limit]]
        hits = [self._hit(searcher, score, address, q) for score, address in page]
        type_counts, facets, estimated = self._facets(searcher, schema, q, require_all, total)
        return base.RawResults(hits, total, type_counts, facets, approximate_counts=estimated)

    def _hit(self, searcher, score, address, q: ParsedQuery) -> base.RawHit:
        data = json.loads(bytes(searcher.doc(address)["data"][0]))
        exact = bool(
            (q.document_number and key(data["document_number"]) == q.document_number)
            or (q.index_number and key(data["index_number"]) == q.index_number)
        )
        published = datetime.fromtimestamp(data["published"], tz=UTC) if data["published"] else None
        return base.RawHit(
            type=data["type"],
            id=data["id"],
            score=float(score) if not isinstance(score, int) else 0.0,
            title=data["title"],
            url=data["url"],
            document_number=data["document_number"],
            index_number=data["index_number"],
            issuer=data["issuer"],
            category=data["category"],
            year=data["year"],
            validity=data["validity"],
            published_at=published,
            text=data["text"],
            exact=exact,
            agency_id=data.get("agency"),
        )

    def suggest(self, prefix: str, *, limit: int, agency_id: int | None):
        index = self._open()
        schema = index.schema
        searcher = self._searcher()
        prefix_norm = segment.normalize_text(prefix).strip()
        if not prefix_norm:
            return []
        clauses = []
        doc_key = key(prefix)
        if len(doc_key) >= 2:
            clauses.append(
                (
                    Occur.Should,
                    Query.boost_query(
                        Query.regex_query(schema, "docnum", _regex_escape(doc_key) + ".*"), 10.0
                    ),
                )
            )
        phrase = self._phrase(schema, "title_bigrams", prefix_norm)
        if phrase is not None:
            clauses.append((Occur.Should, phrase))
        if not clauses:
            return []
        query = Query.boolean_query(clauses)
        if agency_id:
            query = Query.boolean_query(
                [(Occur.Must, query), (Occur.Must, Query.term_query(schema, "agency", agency_id))]
            )
        out = []
        for _, address in searcher.search(query, limit=limit).hits:
            data = json.loads(bytes(searcher.doc(address)["data"][0]))
            out.append(base.Suggestion(data["title"], data["url"], data["document_number"]))
        return out

    def needs_rebuild(self) -> bool:
        self._open()
        return (self.path / REBUILD_MARKER).exists()

    def rebuilt(self) -> None:
        (self.path / REBUILD_MARKER).unlink(missing_ok=True)

    def count(self) -> int:
        return self._searcher().num_docs

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())


def _regex_escape(text: str) -> str:
    return "".join("\\" + c if c in r".^$*+?()[]{}|\\/-" else c for c in text)
