"""What a content type hands to the index, and what a search returns."""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class SearchDocument:
    type: str
    id: str
    agency_id: int | None
    title: str
    url: str
    document_number: str = ""  # 发文字号
    index_number: str = ""  # 索引号
    issuer: str = ""  # 发文机关
    summary: str = ""
    body: str = ""
    attachment_text: str = ""
    category: str = ""  # 主题分类 / 五公开类别
    year: int | None = None
    validity: str = ""  # 有效性
    published_at: datetime | None = None

    @property
    def key(self) -> str:
        return f"{self.type}:{self.id}"


@dataclass(frozen=True)
class Hit:
    type: str
    id: str
    title: str
    url: str
    score: float
    document_number: str = ""
    index_number: str = ""
    issuer: str = ""
    category: str = ""
    year: int | None = None
    validity: str = ""
    published_at: datetime | None = None
    snippet: str = ""  # safe HTML: escaped text with <mark> around matches
    title_html: str = ""  # safe HTML
    exact: bool = False  # found by its 发文字号 or 索引号
    similar: int = 0  # near-identical documents collapsed under this one ("另有 N 条相似")
    explain: dict = field(default_factory=dict, compare=False)  # why it ranked here (rank.explain)
    agency_id: int | None = None  # whose document (issue 18: the city-wide search)


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    type_counts: dict[str, int] = field(default_factory=dict)  # over the query, before the type filter
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # year, category, issuer, validity
    partial: bool = False  # no document had every word: results hold some of them
    approximate: bool = False  # too many matches to count: total, type counts and facets are estimates
    approximate_counts: bool = False  # the total is exact; type counts and facets are estimates
    took_ms: float = 0.0
    suggestion: str = ""  # "您是不是要找": the query with a misspelt word corrected (spelling.py)
    dropped: tuple[str, ...] = ()  # question words left out of the query (understand.py)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))
