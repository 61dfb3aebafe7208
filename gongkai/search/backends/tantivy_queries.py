"""The embedded backend's queries: a ParsedQuery as a Tantivy query (the fields are described in
`tantivy_backend`); a mixin of `TantivyBackend`, which provides `_is_sole_agency`."""

from tantivy import Occur, Query

from .. import segment
from ..query import ParsedQuery
from . import base


class TantivyQueries:
    def _match(self, schema, word: str, parts=(), *, boost: bool = True):
        """Documents with the word anywhere: the whole word, or every one of its parts; with
        `boost`, a title match scores TITLE_BOOST times more.

        When every part is a dictionary word of two characters or more, a document with the whole
        word has its parts too (the index holds every dictionary word inside a word,
        `segment.index_tokens`), so the parts alone select the same documents, without the union
        (a five-word query at 1M documents: 12.4 → 8.4 ms)."""
        whole = self._boosted(schema, Query.term_query(schema, "all_t", word), word, boost)
        if not parts:
            return whole
        every_part = Query.boolean_query(
            [
                (Occur.Must, self._boosted(schema, Query.term_query(schema, "all_t", p), p, boost))
                for p in parts
            ]
        )
        if all(len(p) > 1 for p in parts):
            return _optional(every_part, self._title(schema, word), boost)
        return Query.boolean_query([(Occur.Should, whole), (Occur.Should, every_part)])

    def _synonymous(self, schema, q: ParsedQuery, word: str, boost: bool):
        """The word, or any of its synonyms (understand.py)."""
        match = self._match(schema, word, q.parts.get(word, ()), boost=boost)
        others = q.synonyms.get(word, ())
        if not others:
            return match
        alternatives = [(Occur.Should, match)]
        for other in others:
            parts = segment.word_parts(other) if other not in segment.synonym_words() else ()
            alternatives.append((Occur.Should, self._match(schema, other, parts, boost=boost)))
        return Query.boolean_query(alternatives)

    def _title(self, schema, word: str):
        return Query.boost_query(Query.term_query(schema, "title_t", word), base.TITLE_BOOST)

    def _boosted(self, schema, required, word: str, boost: bool):
        return _optional(required, self._title(schema, word), boost)

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
        """Every word and phrase (or, when not `require_all`, any of them) must match; the boosts
        (title, whole query as a phrase) only score the documents that do.

        Each boost hangs on its own required clause, one optional query each: several optional
        clauses side by side form a union, which Tantivy evaluates window by window over every
        posting of every branch (`通知` in titles: hundreds of thousands), not only at the matches
        (measured at 1M: a six-word query 17.4 ms with side-by-side boosts)."""
        required = [self._synonymous(schema, q, w, boost) for w in q.words]
        for phrase in q.phrases:
            p = self._phrase(schema, "bigrams", phrase)
            if p is not None:
                required.append(_optional(p, self._phrase(schema, "title_bigrams", phrase), boost))
        if not required:
            return None
        if require_all:
            query = (
                required[0]
                if len(required) == 1
                else Query.boolean_query([(Occur.Must, r) for r in required])
            )
        else:
            query = Query.boolean_query([(Occur.Should, r) for r in required])
        whole = segment.normalize_text(" ".join(q.words))
        if boost and (len(q.words) > 1 or (q.words and len(whole) > 2)):
            for field, weight in (("title_bigrams", base.TITLE_PHRASE_BOOST), ("bigrams", base.PHRASE_BOOST)):
                p = self._phrase(schema, field, whole)
                if p is not None:
                    query = _optional(query, Query.boost_query(p, weight), True)
        return query

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


def _optional(required, optional, boost: bool):
    """`required`, scored more when `optional` matches too (`optional` None or no boost: `required`)."""
    if not boost or optional is None:
        return required
    return Query.boolean_query([(Occur.Must, required), (Occur.Should, optional)])
