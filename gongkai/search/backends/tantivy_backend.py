"""Embedded backend: a Tantivy index under `VAR_DIR/search/tantivy` (no server, BM25, ADR 0011).

Text fields hold jieba search-mode tokens joined by spaces (the whitespace tokenizer keeps them as
they are); `bigrams`/`title_bigrams` hold the overlapping character bigrams with positions, for
phrases in quotes and the whole-query phrase boost (schema 2: one term per character made a common
phrase cost 45-50 ms at 1M documents, bigrams ~1 ms). `fresh` is the day of publication as a tiny
score weight, so the engine itself ranks ties newest first and pages at any depth without
re-sorting. Display fields are stored as one JSON blob.
"""

import json
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import tantivy
from tantivy import Occur, Query

from .. import segment
from ..documents import SearchDocument
from ..normalize import key
from ..query import ParsedQuery
from . import base

SCHEMA_VERSION = "2"
_WRITER_HEAP = 64_000_000
FACET_FIELDS = ("year", "category", "issuer", "validity")


def _schema():
    b = tantivy.SchemaBuilder()
    b.add_text_field("key", stored=True, tokenizer_name="raw", index_option="basic")
    b.add_text_field("type", stored=False, tokenizer_name="raw", index_option="basic", fast=True)
    b.add_integer_field("agency", indexed=True, fast=True)
    b.add_text_field("title_t", tokenizer_name="whitespace", index_option="freq")
    b.add_text_field("text_t", tokenizer_name="whitespace", index_option="freq")
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
    b.add_float_field("fresh", fast=True)
    b.add_bytes_field("data", stored=True)
    return b.build()


def _epoch(dt: datetime | None) -> int:
    return int(dt.timestamp()) if dt else 0


_EPOCH_DAY = datetime(1990, 1, 1).date()
FRESH_PER_DAY = 1e-6  # x 13,500 days since 1990 → scores weighted by at most ~1 %


def _fresh(dt: datetime | None) -> float:
    """The freshness weight: Tantivy multiplies a score by log2(2 + fresh), so a document a day newer
    scores ~7e-7 more (f32 keeps it) and equal scores come out newest first."""
    if not dt:
        return 0.0
    return max(0, (dt.date() - _EPOCH_DAY).days) * FRESH_PER_DAY


def _phrase_text(text: str) -> str:
    return " ".join(base.bigrams(base.chars(segment.normalize_text(text))))


class TantivyBackend(base.SearchBackend):
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
                    if version.exists() and version.read_text() != SCHEMA_VERSION:
                        for f in self.path.iterdir():  # an old layout: rebuilt by `search reindex`
                            if f.is_file():
                                f.unlink()
                    index = tantivy.Index(_schema(), path=str(self.path), reuse=True)
                    version.write_text(SCHEMA_VERSION)
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
    def to_tantivy(self, doc: SearchDocument, tokens: dict | None = None) -> tantivy.Document:
        """`tokens` may carry pre-segmented title/text tokens (the benchmark's cache)."""
        text = "\n".join(x for x in (doc.summary, doc.body, doc.attachment_text) if x)
        if tokens is None:
            tokens = {
                "title": segment.index_tokens(doc.title),
                "text": segment.index_tokens(" ".join((doc.document_number, doc.issuer, doc.category, text))),
            }
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
        }
        d = tantivy.Document()
        d.add_text("key", doc.key)
        d.add_text("type", doc.type)
        d.add_integer("agency", doc.agency_id or 0)
        d.add_text("title_t", " ".join(tokens["title"]))
        d.add_text("text_t", " ".join(tokens["text"]))
        d.add_text("title_bigrams", _phrase_text(doc.title))
        d.add_text("bigrams", _phrase_text(text))
        d.add_text("docnum", key(doc.document_number))
        d.add_text("indexnum", key(doc.index_number))
        d.add_text("title_raw", segment.normalize_text(doc.title))
        d.add_text("category", doc.category)
        d.add_text("issuer", doc.issuer)
        d.add_text("validity", doc.validity)
        d.add_integer("year", doc.year or 0)
        d.add_integer("published", _epoch(doc.published_at))
        d.add_float("fresh", _fresh(doc.published_at))
        d.add_bytes("data", json.dumps(data, ensure_ascii=False).encode())
        return d

    def index(self, documents, *, tokens=None) -> int:
        writer = self._writer()
        n = 0
        try:
            for i, doc in enumerate(documents):
                writer.delete_documents_by_term("key", doc.key)
                writer.add_document(self.to_tantivy(doc, tokens[i] if tokens else None))
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
    def _word(self, schema, word: str, parts=()):
        if parts:  # the whole word, or every one of its parts
            return Query.boolean_query(
                [
                    (Occur.Should, self._word(schema, word)),
                    (Occur.Should, Query.boolean_query([(Occur.Must, self._word(schema, p)) for p in parts])),
                ]
            )
        return Query.boolean_query(
            [
                (
                    Occur.Should,
                    Query.boost_query(Query.term_query(schema, "title_t", word), base.TITLE_BOOST),
                ),
                (Occur.Should, Query.term_query(schema, "text_t", word)),
            ]
        )

    def _phrase(self, schema, field: str, text: str):
        tokens = base.chars(segment.normalize_text(text))
        if not tokens:
            return None
        if len(tokens) == 1:
            return Query.regex_query(schema, field, base.single_token_pattern(tokens[0]))
        terms = base.phrase_bigrams(tokens)
        if len(terms) == 1:
            return Query.term_query(schema, field, terms[0][1])
        return Query.phrase_query(schema, field, terms)

    def _text_query(self, schema, q: ParsedQuery, require_all: bool, *, boost: bool = True):
        occur = Occur.Must if require_all else Occur.Should
        clauses = [(occur, self._word(schema, w, q.parts.get(w, ()))) for w in q.words]
        for phrase in q.phrases:
            either = [
                (Occur.Should, p)
                for p in (
                    self._phrase(schema, "title_bigrams", phrase),
                    self._phrase(schema, "bigrams", phrase),
                )
                if p
            ]
            if either:
                clauses.append((occur, Query.boolean_query(either)))
        if not clauses:
            return None
        whole = segment.normalize_text(" ".join(q.words))
        if boost and (len(q.words) > 1 or (q.words and len(whole) > 2)):
            for field, weight in (("title_bigrams", base.TITLE_PHRASE_BOOST), ("bigrams", base.PHRASE_BOOST)):
                p = self._phrase(schema, field, whole)
                if p is not None:
                    clauses.append((Occur.Should, Query.boost_query(p, weight)))
        return Query.boolean_query(clauses)

    def _filters(self, schema, q: ParsedQuery, *, with_types: bool, searcher=None):
        f = q.filters
        clauses = []
        if f.agency_id and not (searcher is not None and self._is_sole_agency(searcher, f.agency_id)):
            clauses.append((Occur.Must, Query.term_query(schema, "agency", f.agency_id)))
        if with_types and f.types:
            clauses.append(
                (
                    Occur.Must,
                    Query.boolean_query(
                        [(Occur.Should, Query.term_query(schema, "type", t)) for t in f.types]
                    ),
                )
            )
        for name in ("category", "issuer", "validity"):
            if getattr(f, name):
                clauses.append((Occur.Must, Query.term_query(schema, name, getattr(f, name))))
        if f.year:
            clauses.append((Occur.Must, Query.term_query(schema, "year", f.year)))
        return clauses

    def _query(
        self,
        schema,
        q: ParsedQuery,
        require_all: bool,
        *,
        with_types: bool = True,
        boost: bool = True,
        searcher=None,
    ):
        matching = []
        text = self._text_query(schema, q, require_all, boost=boost)
        if text is not None:
            matching.append((Occur.Should, text))
        for field, value in (("docnum", q.document_number), ("indexnum", q.index_number)):
            if value:
                matching.append(
                    (
                        Occur.Should,
                        Query.boost_query(Query.term_query(schema, field, value), base.EXACT_BOOST),
                    )
                )
        if not matching:
            return None
        return Query.boolean_query(
            [
                (Occur.Must, Query.boolean_query(matching)),
                *self._filters(schema, q, with_types=with_types, searcher=searcher),
            ]
        )

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
        else:  # freshness breaks ties inside the engine (the `fresh` weight): one pass, any depth
            result = searcher.search(query, limit=limit, offset=offset, weight_by_field="fresh")
            page = result.hits
            total = result.count
        hits = [self._hit(searcher, score, address, q) for score, address in page]
        type_counts, facets = self._facets(searcher, schema, q, require_all, total)
        return base.RawResults(hits, total, type_counts, facets)

    def _facets(self, searcher, schema, q, require_all, total):
        # Counting needs no score: when every word is required, the whole-query boost (optional
        # phrase clauses) cannot change which documents match, so it is left out. Without a type
        # filter the type counts and the facets come from the same documents: one pass instead of
        # two (each pass evaluates the whole query: ~47 ms for a quoted phrase at 1M).
        boost = not require_all
        type_spec = {"type": {"terms": {"field": "type", "size": 50}}}
        spec = {name: {"terms": {"field": name, "size": 12}} for name in FACET_FIELDS}
        if not q.filters.types and total:
            result = searcher.aggregate(
                self._query(schema, q, require_all, boost=boost, searcher=searcher), {**type_spec, **spec}
            )
        else:
            agg_query = self._query(schema, q, require_all, with_types=False, boost=boost, searcher=searcher)
            result = searcher.aggregate(agg_query, type_spec)
        type_counts = {b["key"]: b["doc_count"] for b in result["type"]["buckets"]}
        facets = {}
        if total:
            if q.filters.types:
                result = searcher.aggregate(
                    self._query(schema, q, require_all, boost=boost, searcher=searcher), spec
                )
            for name in FACET_FIELDS:
                buckets = [
                    (str(b["key"]), b["doc_count"])
                    for b in result[name]["buckets"]
                    if b["key"] not in ("", 0)
                ]
                if name == "year":
                    buckets = [(str(int(float(k))), c) for k, c in buckets]
                    buckets.sort(key=lambda b: b[0], reverse=True)
                facets[name] = buckets
        return type_counts, facets

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

    def count(self) -> int:
        return self._searcher().num_docs

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())


def _regex_escape(text: str) -> str:
    return "".join("\\" + c if c in r".^$*+?()[]{}|\\/-" else c for c in text)
