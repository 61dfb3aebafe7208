"""What every backend does; `gongkai.search.interface` picks one by setting."""

import re
from dataclasses import dataclass
from datetime import datetime

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
CHARS_PATTERN = r"[\x{3400}-\x{9fff}\x{f900}-\x{faff}]|[a-z0-9]+"


def chars(text: str) -> list[str]:
    """The character tokens used for phrase matching (one per Han character, runs of a-z0-9)."""
    return _CHARS.findall(text)


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


@dataclass
class RawResults:
    hits: list[RawHit]
    total: int
    type_counts: dict[str, int]
    facets: dict[str, list[tuple[str, int]]]
    partial: bool = False
    approximate: bool = False  # total, type counts and facets are estimates (too many matches to count)


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

    def count(self) -> int:  # pragma: no cover
        raise NotImplementedError

    def size_bytes(self) -> int:  # pragma: no cover
        raise NotImplementedError
