"""Production backend: PostgreSQL full-text search over jieba tokens (ADR 0011).

The tsvector is written as a literal (`'词':1A,4A '统计':2`) so PostgreSQL's parser never re-splits
Chinese; the 'simple' configuration means no stemming and no stop words of its own. Title tokens
carry weight A, 发文字号/发文机关 B, the rest D; `ts_rank` with length normalisation (flag 1) stands
in for BM25, which PostgreSQL does not have. Phrases in quotes are matched exactly with `strpos` on
the rows the index found.
"""

from collections import defaultdict

from django.db import connection, transaction

from .. import segment
from ..documents import SearchDocument
from ..normalize import key
from ..query import ParsedQuery
from . import base

MAX_POSITION = 16383          # PostgreSQL's limit for a lexeme position
MAX_POSITIONS_PER_LEXEME = 255
# ts_rank weights for {D, C, B, A}: a title word counts TITLE_BOOST times a body word.
WEIGHTS = "{%s, 0.1, 0.4, %s}" % (1.0 / base.TITLE_BOOST, 1.0)  # noqa: UP031 - a SQL array literal
FACET_COLUMNS = ("year", "category", "issuer", "validity")
_COLUMNS = ("key", "type", "object_id", "agency_id", "title", "url", "document_number", "document_number_key",
            "index_number", "index_number_key", "issuer", "category", "year", "validity", "published_at", "text")


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(weighted_tokens: list[tuple[list[str], str]]) -> str:
    """`[(tokens, weight)]` → a tsvector literal with positions and weights."""
    positions: dict[str, list[str]] = defaultdict(list)
    pos = 0
    for tokens, weight in weighted_tokens:
        for token in tokens:
            pos = min(pos + 1, MAX_POSITION)
            entry = positions[token]
            if len(entry) < MAX_POSITIONS_PER_LEXEME:
                entry.append(f"{pos}{weight if weight != 'D' else ''}")
    return " ".join(f"{_lexeme(t)}:{','.join(p)}" for t, p in positions.items())


def tsquery_literal(words, operator: str, parts: dict | None = None) -> str:
    """`'a' & ('b' | 'c' & 'd')`: a long word matches whole or by all its parts (query.parts)."""
    def term(w):
        if parts and parts.get(w):
            return f"({_lexeme(w)} | ({' & '.join(_lexeme(p) for p in parts[w])}))"
        return _lexeme(w)

    return f" {operator} ".join(term(w) for w in words)


class PostgresBackend(base.SearchBackend):
    name = "postgres"

    # --- writing ---------------------------------------------------------------------------
    def row(self, doc: SearchDocument, tokens: dict | None = None) -> tuple:
        text = "\n".join(x for x in (doc.summary, doc.body, doc.attachment_text) if x)
        if tokens is None:
            tokens = {"title": segment.index_tokens(doc.title),
                      "meta": segment.index_tokens(" ".join((doc.document_number, doc.issuer, doc.category))),
                      "text": segment.index_tokens(text)}
        vector = tsvector_literal([(tokens["title"], "A"), (tokens.get("meta", []), "B"), (tokens["text"], "D")])
        values = (doc.key, doc.type, doc.id, doc.agency_id, doc.title[:500], doc.url[:500],
                  doc.document_number[:100], key(doc.document_number)[:100], doc.index_number[:100],
                  key(doc.index_number)[:100], doc.issuer[:200], doc.category[:200], doc.year, doc.validity[:40],
                  doc.published_at, text)
        return (*values, vector)

    def index(self, documents, *, tokens=None) -> int:
        rows = [self.row(doc, tokens[i] if tokens else None) for i, doc in enumerate(documents)]
        if not rows:
            return 0
        columns = ", ".join((*_COLUMNS, "vector"))
        placeholders = ", ".join(["%s"] * len(_COLUMNS) + ["%s::tsvector"])
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in (*_COLUMNS[1:], "vector"))
        sql = (f"INSERT INTO search_searchentry ({columns}) VALUES ({placeholders}) "
               f"ON CONFLICT (key) DO UPDATE SET {updates}")
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        return len(rows)

    def remove(self, type_name: str, object_id: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_searchentry WHERE key = %s", [f"{type_name}:{object_id}"])

    def clear(self, type_name: str | None = None) -> None:
        with connection.cursor() as cursor:
            if type_name:
                cursor.execute("DELETE FROM search_searchentry WHERE type = %s", [type_name])
            else:
                cursor.execute("TRUNCATE search_searchentry")

    # --- reading ---------------------------------------------------------------------------
    def _match(self, q: ParsedQuery, require_all: bool, *, with_types: bool = True):
        """WHERE clause and params; rank expression and params."""
        words = list(dict.fromkeys(q.all_words))
        matches, params = [], []
        if words:
            text_match = "vector @@ %s::tsquery"
            text_params = [tsquery_literal(words, "&" if require_all else "|", q.parts)]
            if q.phrases:
                glue = " AND " if require_all else " OR "
                phrase_sql = glue.join(["strpos(lower(title || ' ' || text), %s) > 0"] * len(q.phrases))
                text_match = f"({text_match} AND ({phrase_sql}))"
                text_params += list(q.phrases)
            matches.append(text_match)
            params += text_params
        if q.document_number:
            matches.append("document_number_key = %s")
            params.append(q.document_number)
        if q.index_number:
            matches.append("index_number_key = %s")
            params.append(q.index_number)
        if not matches:
            return None
        where = ["(" + " OR ".join(matches) + ")"]
        f = q.filters
        if f.agency_id:
            where.append("agency_id = %s")
            params.append(f.agency_id)
        for name in ("category", "issuer", "validity"):
            if getattr(f, name):
                where.append(f"{name} = %s")
                params.append(getattr(f, name))
        if f.year:
            where.append("year = %s")
            params.append(f.year)
        if with_types and f.types:
            where.append("type = ANY(%s)")
            params.append(list(f.types))
        return " AND ".join(where), params, words

    def _rank(self, q: ParsedQuery, words):
        parts, params = [], []
        if words:
            parts.append(f"ts_rank('{WEIGHTS}', vector, %s::tsquery, 1)")
            params.append(tsquery_literal([*words, *(p for w in words for p in q.parts.get(w, ()))], "|"))
        whole = segment.normalize_text("".join(q.words))
        if len(q.words) > 1 or (q.words and len(whole) > 2):
            parts.append(f"CASE WHEN strpos(lower(title), %s) > 0 THEN {base.TITLE_PHRASE_BOOST / 10} ELSE 0 END")
            params.append(whole)
        for column, value in (("document_number_key", q.document_number), ("index_number_key", q.index_number)):
            if value:
                parts.append(f"CASE WHEN {column} = %s THEN {base.EXACT_BOOST} ELSE 0 END")
                params.append(value)
        return " + ".join(parts) or "0", params

    def search(self, q: ParsedQuery, *, offset: int, limit: int, sort: str, require_all: bool):
        match = self._match(q, require_all)
        if match is None:
            return base.RawResults([], 0, {}, {})
        where, params, words = match
        rank_sql, rank_params = self._rank(q, words)
        order = "published_at DESC NULLS LAST, id DESC" if sort == "date" else \
            "rank DESC, published_at DESC NULLS LAST, id DESC"
        columns = "type, object_id, title, url, document_number, index_number, issuer, category, year, validity, " \
                  "published_at, text, document_number_key, index_number_key"
        sql = (f"SELECT {columns}, {rank_sql} AS rank FROM search_searchentry WHERE {where} "
               f"ORDER BY {order} LIMIT %s OFFSET %s")
        type_counts, facets, total = self._facets(q, require_all)
        if not total:
            return base.RawResults([], 0, type_counts, facets)
        with connection.cursor() as cursor:
            cursor.execute(sql, [*rank_params, *params, limit, offset])
            rows = cursor.fetchall()
        hits = [base.RawHit(
            type=r[0], id=r[1], title=r[2], url=r[3], document_number=r[4], index_number=r[5], issuer=r[6],
            category=r[7], year=r[8], validity=r[9], published_at=r[10], text=r[11], score=float(r[14]),
            exact=bool((q.document_number and r[12] == q.document_number)
                       or (q.index_number and r[13] == q.index_number)),
        ) for r in rows]
        return base.RawResults(hits, total, type_counts, facets)

    def _facets(self, q: ParsedQuery, require_all: bool):
        """Counts per type (before the type filter) and per facet value (after it) in one pass."""
        where, params, _ = self._match(q, require_all, with_types=False)
        if q.filters.types:
            filtered = "count(*) FILTER (WHERE type = ANY(%s))"
            filter_params = [list(q.filters.types)]
        else:
            filtered, filter_params = "count(*)", []
        sets = ", ".join(f"({c})" for c in ("type", *FACET_COLUMNS))
        sql = (f"SELECT type, year, category, issuer, validity, GROUPING(type, year, category, issuer, validity), "
               f"count(*), {filtered} FROM search_searchentry WHERE {where} GROUP BY GROUPING SETS ({sets})")
        type_counts, facets, total = {}, {c: [] for c in FACET_COLUMNS}, 0
        with connection.cursor() as cursor:
            cursor.execute(sql, [*filter_params, *params])
            for type_, year, category, issuer, validity, grouping, count, filtered_count in cursor.fetchall():
                if grouping == 0b01111:
                    type_counts[type_] = count
                    total += filtered_count
                    continue
                for column, bit, value in (("year", 0b1000, year), ("category", 0b100, category),
                                           ("issuer", 0b10, issuer), ("validity", 0b1, validity)):
                    if not grouping & bit and value not in (None, "") and filtered_count:
                        facets[column].append((str(value), filtered_count))
        for column in FACET_COLUMNS:
            if column == "year":
                facets[column].sort(key=lambda b: b[0], reverse=True)
            else:
                facets[column].sort(key=lambda b: (-b[1], b[0]))
            facets[column] = facets[column][:12]
        return type_counts, facets, total

    def suggest(self, prefix: str, *, limit: int, agency_id: int | None):
        prefix_norm = segment.normalize_text(prefix).strip()
        if not prefix_norm:
            return []
        agency_sql, agency_params = ("AND agency_id = %s", [agency_id]) if agency_id else ("", [])
        out = []
        with connection.cursor() as cursor:
            doc_key = key(prefix)
            if len(doc_key) >= 2:
                like = doc_key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                cursor.execute(f"SELECT title, url, document_number FROM search_searchentry "
                               f"WHERE document_number_key LIKE %s {agency_sql} ORDER BY document_number_key LIMIT %s",
                               [like, *agency_params, limit])
                out += cursor.fetchall()
            words = segment.query_words(prefix_norm)
            if words and len(out) < limit:
                query = " & ".join(f"{_lexeme(w)}:A" for w in words)
                cursor.execute(f"SELECT title, url, document_number FROM search_searchentry "
                               f"WHERE vector @@ %s::tsquery AND strpos(lower(title), %s) > 0 {agency_sql} "
                               f"ORDER BY published_at DESC NULLS LAST LIMIT %s",
                               [query, prefix_norm, *agency_params, limit - len(out)])
                out += cursor.fetchall()
        seen, suggestions = set(), []
        for title, url, number in out:
            if (url, title) not in seen:
                seen.add((url, title))
                suggestions.append(base.Suggestion(title, url, number))
        return suggestions

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_searchentry")
            return cursor.fetchone()[0]

    def size_bytes(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_searchentry')")
            return cursor.fetchone()[0]

