"""What every backend does; `gongkai.search.interface` picks one by setting."""

import re
from dataclasses import dataclass
from datetime import datetime
from itertools import compress, islice
from operator import add

from ..documents import SearchDocument
from ..query import ParsedQuery

# Relevance weights, tuned on benchmarks/search/judged_queries.jsonl (see docs/performance.md).
TITLE_BOOST = 4.0  # a word in the title counts this many times a word in the body
TITLE_PHRASE_BOOST = 6.0  # the whole query, as typed, inside the title
PHRASE_BOOST = 1.5  # the whole query, as typed, inside the text
EXACT_BOOST = 1000.0  # the query is this document's 发文字号 or 索引号
MAX_RESULTS = 2000  # deepest result reachable by paging (100 pages of 20)
SORTS = ("relevance", "date")

_CHARS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[a-z0-9]+")


def round_estimate(n: int) -> int:
    """Two significant digits: an estimate should not look exact."""
    if n < 100:
        return n
    scale = 10 ** (len(str(n)) - 2)
    return round(n / scale) * scale


def chars(text: str) -> list[str]:
    """The character tokens used for phrase matching (one per Han character, runs of a-z0-9)."""
    return _CHARS.findall(text)


def _is_han(token: str) -> bool:
    return not token[0].isascii()


def bigram(a: str, b: str) -> str:
    """Two adjacent character tokens as one term; two runs of a-z0-9 keep a `_` between them, so
    `gdp cpi` and the single run `gdpcpi` stay apart."""
    return f"{a}_{b}" if not (_is_han(a) or _is_han(b)) else a + b


def bigrams(tokens: list[str]) -> list[str]:
    """The overlapping bigrams of a text's character tokens (a one-token text is its token): the
    terms of the embedded backend's phrase fields, so a phrase of n characters is n-1 terms long
    instead of n, and each term is far rarer than a single character (ADR 0011).

    `bigram` for every pair, done a list at a time (issue 19 item 4: ~1 µs a pair in a Python loop was
    a third of a reindex's CPU in the writing process): every pair is first joined as `a + b`, then the
    few pairs of two a-z0-9 runs get their `_`. The tokens are `chars()`'s: one Han character, or a
    run of ASCII letters and digits."""
    if len(tokens) < 2:
        return list(tokens)
    out = list(map(add, tokens, islice(tokens, 1, None)))
    runs = set(compress(range(len(tokens)), map(str.isascii, tokens)))
    for i in runs:
        if i + 1 in runs:
            out[i] = f"{tokens[i]}_{tokens[i + 1]}"
    return out


def index_parts(doc: SearchDocument) -> tuple[str, str, str]:
    """What the index segments of a document: its title, its metadata (文号, issuer, category) and
    its text (summary, body, attachments)."""
    text = "\n".join(x for x in (doc.summary, doc.body, doc.attachment_text) if x)
    return doc.title, " ".join((doc.document_number, doc.issuer, doc.category)), text


def phrase_bigrams(tokens: list[str]) -> list[tuple[int, str]]:
    """The fewest bigrams, with their positions, that cover a phrase of two or more tokens: every
    other one, plus the last (`居民消费价格` → 居民@0 消费@2 价格@4). Matching these at their positions
    is matching the whole phrase, with half the posting lists to intersect."""
    grams = bigrams(tokens)
    picked = list(range(0, len(grams), 2))
    if picked[-1] != len(grams) - 1:
        picked.append(len(grams) - 1)
    return [(i, grams[i]) for i in picked]


def single_token_pattern(token: str) -> str:
    """A regular expression for the bigram-field terms that contain one character token: the token
    alone (a one-token text), first in a bigram, or second."""
    han = r"[\x{3400}-\x{9fff}\x{f900}-\x{faff}]"
    if _is_han(token):
        return f"{token}|{token}.+|.+{token}"
    return f"{token}|{token}(_.+|{han})|(.+_|{han}){token}"


@dataclass(frozen=True)
class RawHit:
    """A hit as a backend returns it; the interface adds snippets."""

    type: str
    id: str
    score: float
    title: str
    url: str
    document_number: str
    index_number: str
    issuer: str
    category: str
    year: int | None
    validity: str
    published_at: datetime | None
    text: str  # summary + body + attachment text, for the snippet
    exact: bool
    agency_id: int | None = None  # whose document (the city portal links each hit to its agency's site)


@dataclass
class RawResults:
    hits: list[RawHit]
    total: int
    type_counts: dict[str, int]
    facets: dict[str, list[tuple[str, int]]]
    partial: bool = False
    approximate: bool = False  # total, type counts and facets are estimates (too many matches to count)
    approximate_counts: bool = False  # the total is exact; type counts and facets are estimates


@dataclass(frozen=True)
class Suggestion:
    title: str
    url: str
    document_number: str


class SearchBackend:
    name = ""

    def index(self, documents: list[SearchDocument]) -> int:  # pragma: no cover - interface
        raise NotImplementedError

    def remove(self, type_name: str, object_id: str) -> None:  # pragma: no cover
        raise NotImplementedError

    def clear(self, type_name: str | None = None) -> None:  # pragma: no cover
        raise NotImplementedError

    def search(
        self, query: ParsedQuery, *, offset: int, limit: int, sort: str, require_all: bool
    ) -> RawResults:  # pragma: no cover
        raise NotImplementedError

    def suggest(
        self, prefix: str, *, limit: int, agency_id: int | None
    ) -> list[Suggestion]:  # pragma: no cover
        raise NotImplementedError

    def doc_freqs(self, words) -> tuple[int, dict[str, int]]:  # pragma: no cover - interface
        """The number of documents, and how many hold each word (IDF weights, spelling)."""
        raise NotImplementedError

    def needs_rebuild(self) -> bool:
        """True when the index lost its documents to an upgrade of its layout (a full reindex
        clears it)."""
        return False

    def rebuilt(self) -> None:
        """Called after a full reindex."""

    def count(self) -> int:  # pragma: no cover
        raise NotImplementedError

    def size_bytes(self) -> int:  # pragma: no cover
        raise NotImplementedError
