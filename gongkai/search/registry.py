"""Content types register here to be searched; search never imports a content app.

A content app's `apps.py` `ready()` calls `register(SearchType(...))`, and its services call
`gongkai.search.services.index_document` / `remove_document` after commit on publication, revision
and withdrawal.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .documents import SearchDocument


@dataclass(frozen=True)
class SearchType:
    name: str  # "item", "interpretation" ... (ASCII, stable)
    label: str  # "政府信息"
    iter_public_documents: Callable[[], Iterable[SearchDocument]]
    document_for: Callable[[Any], SearchDocument | None]  # None: not public (any more)
    order: int = 100  # position of its group on the results page


_types: dict[str, SearchType] = {}


def register(search_type: SearchType) -> SearchType:
    _types[search_type.name] = search_type
    return search_type


def unregister(name: str) -> None:
    _types.pop(name, None)


def types() -> list[SearchType]:
    return sorted(_types.values(), key=lambda t: (t.order, t.name))


def get(name: str) -> SearchType | None:
    return _types.get(name)


def label(name: str) -> str:
    search_type = _types.get(name)
    return search_type.label if search_type else name
