"""Production backend: PostgreSQL full-text search over jieba tokens (ADR 0011).

The tsvector is written as a literal (`'词':1A,4A '统计':2`) so PostgreSQL's parser never re-splits
Chinese; the 'simple' configuration means no stemming and no stop words of its own. Title tokens
carry weight A, 发文字号/发文机关 B, the rest D; `ts_rank` with length normalisation (flag 1) stands
in for BM25, which PostgreSQL does not have. Phrases in quotes are matched exactly with `strpos` on
the rows the index found.

Searching is bounded (ADR 0011): every document also carries a month token, so that the newest
matches of a common word are read through the GIN index a few months at a time instead of reading,
ranking and counting all of them; see `PostgresBackend.search` and `postgres_walk`.
"""

from collections import Counter, defaultdict

from django.db import connection, transaction

from .. import segment
from ..documents import SearchDocument
from ..normalize import key
from ..query import ParsedQuery
from . import base
from . import postgres_walk as walk
from .postgres_walk import BoundedCandidates, month_token
from .postgres_walk import lexeme as _lexeme

MAX_POSITION = 16383  # PostgreSQL's limit for a lexeme position
MAX_POSITIONS_PER_LEXEME = 255
# ts_rank weights for {D, C, B, A}: a title word counts TITLE_BOOST times a body word.
WEIGHTS = "{%s, 0.1, 0.4, %s}" % (1.0 / base.TITLE_BOOST, 1.0)  # noqa: UP031 - a SQL array literal
AGENCY_SQL = "coalesce(agency_id, 0) = %s"
EXACT_DF_BELOW = 50_000  # below this many rows, word frequencies are counted exactly
FACET_COLUMNS = ("year", "category", "issuer", "validity")
_LOAD = "search_entry_load"  # a session's temporary table for bulk writes
_COLUMNS = (
    "key",
    "type",
    "object_id",
    "agency_id",
    "title",
    "url",
    "document_number",
    "document_number_key",
    "index_number",
    "index_number_key",
    "issuer",
    "category",
    "year",
    "validity",
    "published_at",
    "text",
)


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


def prepare(title: str, meta: str, text: str) -> str:
    """A document's tsvector literal (`base.index_parts`; the month token is added by `row`): a
    plain string, so that a bulk index computes it in worker processes (`search.bulk`)."""
    return tsvector_literal(
        [
            (segment.index_tokens(title), "A"),
            (segment.index_tokens(meta), "B"),
            (segment.index_tokens(text), "D"),
        ]
    )


def tsquery_literal(words, operator: str, parts: dict | None = None, synonyms: dict | None = None) -> str:
    """`'a' & ('b' | 'c' & 'd')`: a long word matches whole or by all its parts (query.parts), or as
    any of its synonyms (query.synonyms)."""

    def one(w):
        if parts and parts.get(w):
            return f"({_lexeme(w)} | ({' & '.join(_lexeme(p) for p in parts[w])}))"
        return _lexeme(w)

    def term(w):
        others = (synonyms or {}).get(w)
        if not others:
            return one(w)
        return "(" + " | ".join([one(w), *(one(o) for o in others)]) + ")"

    return f" {operator} ".join(term(w) for w in words)


class PostgresBackend(BoundedCandidates, base.SearchBackend):
    name = "postgres"

    # --- writing ---------------------------------------------------------------------------
    def row(self, doc: SearchDocument, tokens: dict | None = None, prepared: str | None = None) -> tuple:
        """`prepared` is `prepare(*base.index_parts(doc))` (computed in a worker by a bulk index)."""
        text = "\n".join(x for x in (doc.summary, doc.body, doc.attachment_text) if x)
        if prepared is not None:
            vector = prepared
        elif tokens is not None:
            vector = tsvector_literal(
                [(tokens["title"], "A"), (tokens.get("meta", []), "B"), (tokens["text"], "D")]
            )
        else:
            vector = prepare(*base.index_parts(doc))
        vector = f"{vector} {_lexeme(month_token(doc.published_at))}"
        values = (
            doc.key,
            doc.type,
            doc.id,
            doc.agency_id,
            doc.title[:500],
            doc.url[:500],
            doc.document_number[:100],
            key(doc.document_number)[:100],
            doc.index_number[:100],
            key(doc.index_number)[:100],
            doc.issuer[:200],
            doc.category[:200],
            doc.year,
            doc.validity[:40],
            doc.published_at,
            text,
        )
        return (*values, vector)

    def index(self, documents, *, tokens=None, prepared=None) -> int:
        rows = [
            self.row(doc, tokens[i] if tokens else None, prepared[i] if prepared else None)
            for i, doc in enumerate(documents)
        ]
        if not rows:
            return 0
        columns = ", ".join((*_COLUMNS, "vector"))
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in (*_COLUMNS[1:], "vector"))
        if len(rows) == 1:  # a publication: one statement
            placeholders = ", ".join(["%s"] * len(_COLUMNS) + ["%s::tsvector"])
            sql = (
                f"INSERT INTO search_searchentry ({columns}) VALUES ({placeholders}) "
                f"ON CONFLICT (key) DO UPDATE SET {updates}"
            )
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, rows[0])
            return 1
        # A bulk write (reindex, import; issue 19 item 4): COPY into a temporary table, then one
        # INSERT … SELECT … ON CONFLICT, instead of a statement a row. A key given twice keeps its last row.
        rows = list({row[0]: row for row in rows}.values())
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {_LOAD} ON COMMIT DELETE ROWS AS "
                f"SELECT {columns} FROM search_searchentry WITH NO DATA"
            )
            with cursor.cursor.copy(f"COPY {_LOAD} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"INSERT INTO search_searchentry ({columns}) SELECT {columns} FROM {_LOAD} "
                f"ON CONFLICT (key) DO UPDATE SET {updates}"
            )
            cursor.execute(f"TRUNCATE {_LOAD}")
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
            text_params = [tsquery_literal(words, "&" if require_all else "|", q.parts, q.synonyms)]
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
        filter_sql, filter_params = self._filters(q.filters, with_types=with_types)
        return "(" + " OR ".join(matches) + ")" + filter_sql, params + filter_params, words

    @staticmethod
    def _filters(f, *, with_types: bool):
        """` AND …` for the filters, and its params."""
        where, params = [], []
        if f.agency_id:
            # Not indexable on purpose: the agency's btree would otherwise be chosen over the GIN
            # index and every row of a large agency read (measured: 20x slower for frequent words).
            where.append(AGENCY_SQL)
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
        return "".join(f" AND {w}" for w in where), params

    def _rank(self, q: ParsedQuery, words):
        parts, params = [], []
        if words:
            parts.append(f"ts_rank('{WEIGHTS}', vector, %s::tsquery, 1)")
            params.append(
                tsquery_literal(
                    [*words, *(p for w in words for p in (*q.parts.get(w, ()), *q.synonyms.get(w, ())))], "|"
                )
            )
        whole = segment.normalize_text("".join(q.words))
        if len(q.words) > 1 or (q.words and len(whole) > 2):
            parts.append(
                f"CASE WHEN strpos(lower(title), %s) > 0 THEN {base.TITLE_PHRASE_BOOST / 10} ELSE 0 END"
            )
            params.append(whole)
        for column, value in (
            ("document_number_key", q.document_number),
            ("index_number_key", q.index_number),
        ):
            if value:
                parts.append(f"CASE WHEN {column} = %s THEN {base.EXACT_BOOST} ELSE 0 END")
                params.append(value)
        return " + ".join(parts) or "0", params

    def search(self, q: ParsedQuery, *, offset: int, limit: int, sort: str, require_all: bool):
        """Bounded (ADR 0011): the rows read stay near `max(CANDIDATES, offset + limit)` however many
        documents match.

        The newest CANDIDATES matches are ranked by relevance (every match, when there are fewer);
        deeper results follow newest first. When a query can match more documents than it is worth
        reading (a common two-character word matches most of them), the total, the type counts and
        the facets are estimates (`approximate`), which the page shows as "约 N 条". Exact
        发文字号/索引号 matches always join the ranked set.
        """
        match = self._match(q, require_all, with_types=False)
        if match is None:
            return base.RawResults([], 0, {}, {})
        where, params, words = match
        cap = max(walk.CANDIDATES, offset + limit)
        with transaction.atomic(), connection.cursor() as cursor:
            # JIT compiling costs more than these short queries run; a sequential scan is never
            # wanted (the planner picks one for a frequent word, then reads every row's tsvector).
            cursor.execute("SELECT set_config('jit', 'off', true), set_config('enable_seqscan', 'off', true)")
            rows, estimate, complete = self._candidates(
                cursor, q, where, params, words, cap, ranked=sort == "relevance", require_all=require_all
            )
            type_counts = _scaled(Counter(r[1] for r in rows), len(rows), estimate)
            if q.filters.types:
                where_t, params_t = f"{where} AND type = ANY(%s)", [*params, list(q.filters.types)]
                rows = [r for r in rows if r[1] in q.filters.types]
                estimate_t, complete_t = len(rows), complete
                if not complete:
                    rows, estimate_t, complete_t = self._candidates(
                        cursor,
                        q,
                        where_t,
                        params_t,
                        words,
                        cap,
                        ranked=sort == "relevance",
                        require_all=require_all,
                    )
            else:
                complete_t, estimate_t = complete, estimate
            if not rows:
                return base.RawResults([], 0, type_counts, {c: [] for c in FACET_COLUMNS})
            facets = self._facet_counts(rows, estimate_t)
            if not q.filters.agency_id:  # the city-wide search: the agency facet (issue 18 item 2)
                facets["agency"] = self._agency_counts(cursor, rows, estimate_t)
            if sort == "relevance" and (q.document_number or q.index_number):
                # always: an exact match may be older than the ranked candidates (one indexed lookup)
                rows = self._exact(cursor, q, words) + rows
            order = _ordered_ids(rows, ranked=sort == "relevance")
            page_ids = order[offset : offset + limit]
            hits = self._hits(cursor, q, words, page_ids)
        return base.RawResults(
            hits, estimate_t, type_counts, facets, approximate=not (complete and complete_t)
        )

    def doc_freqs(self, words) -> tuple[int, dict[str, int]]:
        """The number of documents, and about how many hold each word (for IDF weights): the
        planner's statistics for frequent words on a large table, an exact count otherwise."""
        out = {}
        with connection.cursor() as cursor:
            stats = self._statistics(cursor)
            if stats is not None and stats[0] > EXACT_DF_BELOW:
                rows, freqs, floor = stats
                return int(rows), {w: round(rows * freqs.get(w, floor / 2)) for w in words}
            cursor.execute("SELECT count(*) FROM search_searchentry")
            rows = cursor.fetchone()[0]
            for w in words:
                cursor.execute(
                    "SELECT count(*) FROM search_searchentry WHERE vector @@ %s::tsquery", [_lexeme(w)]
                )
                out[w] = cursor.fetchone()[0]
        return rows, out

    def _scores(self, cursor, q, words, ids) -> dict:
        rank_sql, rank_params = self._rank(q, words)
        cursor.execute(
            f"SELECT id, {rank_sql} FROM search_searchentry WHERE id = ANY(%s)", [*rank_params, ids]
        )
        return dict(cursor.fetchall())

    def _exact(self, cursor, q, words):
        """Exact 发文字号/索引号 matches within the filters, ranked (they may be older than the candidates)."""
        rank_sql, rank_params = self._rank(q, words)
        keys, key_params = [], []
        for column, value in (
            ("document_number_key", q.document_number),
            ("index_number_key", q.index_number),
        ):
            if value:
                keys.append(f"{column} = %s")
                key_params.append(value)
        where, filter_params = self._filters(q.filters, with_types=bool(q.filters.types))
        cursor.execute(
            f"SELECT id, type, year, category, issuer, validity, published_at, {rank_sql} "
            f"FROM search_searchentry WHERE ({' OR '.join(keys)}){where} LIMIT 20",
            [*rank_params, *key_params, *filter_params],
        )
        return cursor.fetchall()

    def _agency_counts(self, cursor, rows, total):
        """The agency facet over the candidate rows (their ids), scaled like the other facets."""
        cursor.execute(
            "SELECT coalesce(agency_id, 0), count(*) FROM search_searchentry WHERE id = ANY(%s) GROUP BY 1",
            [[r[0] for r in rows]],
        )
        counts = _scaled(Counter({a: n for a, n in cursor.fetchall() if a}), len(rows), total)
        return sorted(((str(a), n) for a, n in counts.items()), key=lambda b: (-b[1], b[0]))[:100]

    def _facet_counts(self, rows, total):
        facets = {}
        for column, i in (("year", 2), ("category", 3), ("issuer", 4), ("validity", 5)):
            counts = _scaled(Counter(r[i] for r in rows if r[i] not in (None, "")), len(rows), total)
            values = [(str(v), n) for v, n in counts.items()]
            if column == "year":
                values.sort(key=lambda b: b[0], reverse=True)
            else:
                values.sort(key=lambda b: (-b[1], b[0]))
            facets[column] = values[:12]
        return facets

    def _hits(self, cursor, q, words, ids):
        if not ids:
            return []
        rank_sql, rank_params = self._rank(q, words)
        cursor.execute(
            f"SELECT id, type, object_id, title, url, document_number, index_number, issuer, category, year, "
            f"validity, published_at, text, document_number_key, index_number_key, {rank_sql}, agency_id "
            f"FROM search_searchentry WHERE id = ANY(%s)",
            [*rank_params, ids],
        )
        by_id = {r[0]: r for r in cursor.fetchall()}
        hits = []
        for r in (by_id[i] for i in ids if i in by_id):
            hits.append(
                base.RawHit(
                    type=r[1],
                    id=r[2],
                    title=r[3],
                    url=r[4],
                    document_number=r[5],
                    index_number=r[6],
                    issuer=r[7],
                    category=r[8],
                    year=r[9],
                    validity=r[10],
                    published_at=r[11],
                    text=r[12],
                    score=float(r[15]),
                    exact=bool(
                        (q.document_number and r[13] == q.document_number)
                        or (q.index_number and r[14] == q.index_number)
                    ),
                    agency_id=r[16],
                )
            )
        return hits

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
                cursor.execute(
                    f"SELECT title, url, document_number FROM search_searchentry "
                    f"WHERE document_number_key LIKE %s {agency_sql} ORDER BY document_number_key LIMIT %s",
                    [like, *agency_params, limit],
                )
                out += cursor.fetchall()
            words = segment.query_words(prefix_norm)
            if words and len(out) < limit:
                query = " & ".join(f"{_lexeme(w)}:A" for w in words)
                cursor.execute(
                    f"SELECT title, url, document_number FROM search_searchentry "
                    f"WHERE vector @@ %s::tsquery AND strpos(lower(title), %s) > 0 {agency_sql} "
                    f"ORDER BY published_at DESC NULLS LAST LIMIT %s",
                    [query, prefix_norm, *agency_params, limit - len(out)],
                )
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


def _scaled(counts: Counter, sample: int, total: int) -> dict:
    """Counts in a sample of `sample` matches, scaled to `total` (unchanged when the sample is all)."""
    if not sample or total <= sample:
        return dict(counts)
    return {value: max(1, base.round_estimate(round(n * total / sample))) for value, n in counts.items()}


def _ordered_ids(rows, *, ranked: bool) -> list[int]:
    """Ranked rows by (score, newest, id) first, then the unranked ones in their (newest first) order."""
    scored = [r for r in rows if r[7] is not None] if ranked else []
    scored.sort(key=lambda r: (-r[7], r[6] is None, -(r[6].timestamp() if r[6] else 0), -r[0]))
    seen, out = set(), []
    for r in [*scored, *rows]:
        if r[0] not in seen:
            seen.add(r[0])
            out.append(r[0])
    return out
