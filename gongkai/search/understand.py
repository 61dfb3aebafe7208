"""Query understanding: what a citizen's question asks for, as data (pure: no ORM, no index).

A question (`孩子上小学报名要准备哪些材料？`) carries words that say nothing about the document it
seeks: question words, particles and polite phrases (`data/question_words.txt`, besides the stop
words of `segment`). Those are removed; numbers and years are kept, `今年`/`去年` become the year
as a soft boost (never a filter); synonyms and abbreviations (`data/synonyms.txt`, plus the rows the
openness office adds, `extra_synonyms`) let `医保` find `医疗保险`; a document kind named in the
question (公报, 通知, 解读, 数据) becomes a type prior. See docs/howto/search.md "How ranking works".
"""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from . import segment

DATA_DIR = segment.DATA_DIR
# Relative years a question may name: the word, and the offset from the current year.
RELATIVE_YEARS = {"今年": 0, "本年": 0, "本年度": 0, "去年": -1, "上年": -1, "上一年": -1, "前年": -2}
# Words asking for the newest document of its kind (最新的政府工作报告): dropped, and the newest of the
# documents that hold the question rank first (rank.RECENCY_BOOST, a soft boost, never a filter).
RECENT_WORDS = ("最新", "最近", "新近", "近期")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年|年度)?(?!\d)")
# A kind of document named in a question → what marks a document of that kind: search types, and
# words its title contains.
KINDS = {
    "公报": ((), ("公报",)),
    "通知": ((), ("通知",)),
    "解读": (("interpretation",), ("解读",)),
    "政策解读": (("interpretation",), ("解读",)),
    "数据": (("data_release", "dataset"), ("数据",)),
    "统计数据": (("data_release", "dataset"), ("数据",)),
    "意见": ((), ("意见",)),
    "办法": ((), ("办法",)),
    "规划": ((), ("规划",)),
    "报告": (("report",), ("报告",)),
    "年报": ((), ("年度报告", "年报")),
}


def _lines(name: str) -> list[str]:
    out = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


@cache
def question_words() -> frozenset[str]:
    return frozenset(segment.normalize_text(w) for w in _lines("question_words.txt"))


@cache
def shipped_synonyms() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(segment.normalize_text(w) for w in line.split()) for line in _lines("synonyms.txt"))


def synonym_map(groups) -> dict[str, tuple[str, ...]]:
    """word → the other words of every group it is in."""
    out: dict[str, dict[str, None]] = {}
    for group in groups:
        for w in group:
            out.setdefault(w, {}).update(dict.fromkeys(x for x in group if x != w))
    return {w: tuple(others) for w, others in out.items() if others}


@cache
def places() -> tuple[tuple[str, ...], ...]:
    """(full name, short name) of every place of data/places.txt, longest names first."""
    out = []
    for line in _lines("places.txt"):
        _code, *names = line.split()
        out.append(tuple(names))
    return tuple(sorted(out, key=lambda names: -len(names[0])))


def named_places(norm: str) -> tuple[tuple[str, ...], ...]:
    """The places a (normalised) question names, by full or short name (福州 → 福州市)."""
    found = []
    for names in places():
        if any(n in norm for n in names) and not any(names[0] in f[0] for f in found):
            found.append(names)
    return tuple(found)


@dataclass(frozen=True)
class Understood:
    words: tuple[str, ...]  # the key terms, in order
    dropped: tuple[str, ...] = ()  # question words and relative years removed
    synonyms: dict = field(default_factory=dict)  # key term → its synonyms
    years: tuple[int, ...] = ()  # years the question names (soft boost)
    kinds: tuple[str, ...] = ()  # document kinds the question names (type prior)
    places: tuple[tuple[str, ...], ...] = ()  # places named: (full, short) names (soft boost)
    recent: bool = False  # the question asks for the newest (最新, 最近): recency boost


def understand(text: str, words, *, today: date, groups=None) -> Understood:
    """`words`: the query's words (segment.query_words); `groups`: synonym groups (default: shipped)."""
    qwords = question_words()
    keep, dropped, years, recent = [], [], [], False
    for w in words:
        if w in RECENT_WORDS:
            recent = True
            dropped.append(w)
        elif w in RELATIVE_YEARS:
            years.append(today.year + RELATIVE_YEARS[w])
            dropped.append(w)
        elif w in qwords:
            dropped.append(w)
        else:
            keep.append(w)
    years += [int(y) for y in _YEAR.findall(segment.normalize_text(text))]
    synonyms = synonym_map(groups if groups is not None else shipped_synonyms())
    norm = segment.normalize_text(text)
    kinds = tuple(k for k in KINDS if k in norm and not any(k != o and k in o and o in norm for o in KINDS))
    return Understood(
        words=tuple(keep),
        dropped=tuple(dropped),
        synonyms={w: synonyms[w] for w in keep if w in synonyms},
        years=tuple(dict.fromkeys(years)),
        kinds=kinds,
        places=named_places(norm),
        recent=recent,
    )
