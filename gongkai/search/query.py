"""What the user typed, parsed once and handed to a backend (pure: no ORM, no index)."""

import re
from dataclasses import dataclass, field
from datetime import date

from . import normalize, segment
from .understand import Understood, understand

MAX_QUERY_LENGTH = 100
# Straight and curly double quotes, and the Chinese corner brackets, mark a phrase.
_PHRASE = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」')


@dataclass(frozen=True)
class Filters:
    types: tuple[str, ...] = ()
    category: str = ""
    year: int | None = None
    issuer: str = ""
    validity: str = ""
    agency_id: int | None = None

    def active(self) -> bool:
        return bool(self.types or self.category or self.year or self.issuer or self.validity)


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    words: tuple[str, ...] = ()  # precise-mode words outside quotes
    phrases: tuple[str, ...] = ()  # normalised phrase texts (quoted)
    phrase_words: tuple[tuple[str, ...], ...] = ()  # the words of each phrase
    document_number: str | None = None  # key, when the query is a 发文字号
    index_number: str | None = None  # key, when the query is a 索引号
    filters: Filters = field(default_factory=Filters)
    parts: dict = field(default_factory=dict)  # long word → the dictionary words spelling it out
    synonyms: dict = field(default_factory=dict)  # word → its synonyms (any of them matches too)
    understood: Understood | None = None  # question words dropped, years, kinds (understand.py)

    @property
    def all_words(self) -> tuple[str, ...]:
        seen = dict.fromkeys(self.words)
        for words in self.phrase_words:
            seen.update(dict.fromkeys(words))
        return tuple(seen)

    @property
    def is_empty(self) -> bool:
        return not (self.all_words or self.phrases or self.document_number or self.index_number)


def clean(text: str) -> str:
    return " ".join((text or "").split())[:MAX_QUERY_LENGTH]


def parse(
    text: str, filters: Filters | None = None, *, today: date | None = None, synonyms=None
) -> ParsedQuery:
    """`synonyms`: the synonym groups (default: the shipped data file)."""
    text = clean(text)
    phrases = []
    for match in _PHRASE.finditer(text):
        phrase = next(g for g in match.groups() if g)
        phrase = segment.normalize_text(phrase).strip()
        if phrase:
            phrases.append(phrase)
    rest = _PHRASE.sub(" ", text)
    phrase_words = tuple(tuple(segment.query_words(p)) for p in phrases)
    understood = understand(rest, segment.query_words(rest), today=today or date.today(), groups=synonyms)
    words = understood.words
    return ParsedQuery(
        text=text,
        words=words,
        parts={
            w: p
            for w in dict.fromkeys([*words, *(o for x in words for o in understood.synonyms.get(x, ()))])
            if (p := segment.word_parts(w))
        },
        synonyms=understood.synonyms,
        understood=understood,
        phrases=tuple(phrases),
        phrase_words=phrase_words,
        document_number=normalize.document_number_key(text),
        index_number=normalize.index_number_key(text),
        filters=filters or Filters(),
    )
