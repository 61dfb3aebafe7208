"""Ranking the engine's best candidates the same way on both backends (issue 17; pure).

The engine (Tantivy or PostgreSQL) finds the documents holding ANY of the query's key terms and
hands over its best `WINDOW`; they are scored here with BM25 over title and text, using the index's
document frequencies as IDF weights, so that:
- a document with more of the query's important terms ranks higher, and one missing a term can
  still rank first (minimum-should-match: a document holding MIN_SHOULD_MATCH of the query's IDF
  weight ranks with the full matches, instead of all-must-match);
- the whole query in the title or text (phrase), or its terms close together, boosts;
- a 发文字号 named in the query, the document kind named (公报, 通知, 解读, 数据) and the year named
  (2020年, 今年) boost; public messages never outrank the authoritative document with as much of
  the query;
- near-identical documents are collapsed into one ("另有 N 条相似").
Every factor is kept in `explain` for the office search page. Weights tuned on
benchmarks/search/judged/ only (docs/performance.md).
"""

import math
import re
from dataclasses import dataclass, field

from . import segment
from .normalize import key
from .query import ParsedQuery
from .understand import KINDS

WINDOW = 50  # candidates re-ranked (the first pages); deeper pages keep the engine's order
K1 = 2.0
B = 0.75
TITLE_WEIGHT = 8.0  # a term in the title adds this many times its IDF weight
SINGLE_CHARACTER_WEIGHT = 0.3  # 找, 算, 办: one character says little about a document
MIN_SHOULD_MATCH = 0.6
STRICT_TIERS = False  # full matches before partial ones whatever the score (the old remnant of all-must-match)  # share of the query's IDF weight that makes a document a full match
PHRASE_TITLE_BOOST = 2.0  # the key terms, adjacent and in order, inside the title
PHRASE_TEXT_BOOST = 1.3  # … inside the text
PROXIMITY_BOOST = 1.15  # every matched term within PROXIMITY_CHARS characters of the text
PROXIMITY_CHARS = 40
DOCUMENT_NUMBER_BOOST = 3.0  # the query names this document's 发文字号
KIND_PRIOR = 1.5  # the query names the document's kind
YEAR_BOOST = 1.2
PLACE_BOOST = 1.3  # the query names a place (福州, 鼓楼区) the document's title, issuer or opening names  # the query names the document's year (or 今年)
MESSAGE_PRIOR = 0.85  # a public message (留言答复) against an authoritative document
ABOUT_SHARE = 0.5  # a message is about a document whose title holds this share of what its title asks
COMMON_SHARE = 0.1  # a term in more than this share of the documents does not select candidates …
COMMON_FROM = 10_000  # … in an index of at least this many documents (latency at 1M, ADR 0011)
TEXT_CHARS = 20_000
PART_CREDIT = 0.5  # a long word found only in part: this share of its parts' mean frequency  # terms are counted in the first this many characters of the text
_NON_WORD = re.compile(r"[\W_]+")

BOOST_LABELS = {
    "phrase_title": "标题含完整查询",
    "phrase_text": "正文含完整查询",
    "proximity": "查询词彼此邻近",
    "document_number": "查询含本文发文字号",
    "kind": "查询点名的文件类型",
    "year": "查询点名的年份",
    "place": "查询点名的地方",
    "message": "留言答复让位于权威文件",
    "message_below": "排在其所问的权威文件之后",
}


@dataclass
class Scored:
    hit: object  # base.RawHit
    score: float
    coverage: float  # share of the query's IDF weight this document holds
    full: bool
    explain: dict = field(default_factory=dict)
    similar: int = 0


def idf(n: int, df: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def df_words(q: ParsedQuery) -> list[str]:
    """The words whose document frequencies the ranking needs: key terms, synonyms, parts."""
    words = [*q.words, *(o for w in q.words for o in q.synonyms.get(w, ()))]
    words += [p for w in list(words) for p in q.parts.get(w, ())]
    return list(dict.fromkeys(words))


def _df(word: str, q: ParsedQuery, dfs: dict) -> int:
    """A long word no document spells out whole weighs as its parts do together (at most the
    rarest part's frequency), not as a word nobody uses."""
    df = dfs.get(word, 0)
    parts = q.parts.get(word, ())
    if df == 0 and parts:
        return min(dfs.get(p, 0) for p in parts)
    return df


def retrieval_words(q: ParsedQuery, n: int, dfs: dict) -> tuple[str, ...]:
    """The key terms that select candidates: all but the very common ones (unless all are)."""
    if n < COMMON_FROM:
        return q.words
    rare = tuple(w for w in q.words if dfs.get(w, 0) <= COMMON_SHARE * n)
    return rare or q.words


def _count(text: str, word: str, parts) -> tuple[float, float]:
    """(term frequency, share of the word found): a long word the text never spells out whole
    counts through its parts, in proportion to the parts found (体育比赛 in a text saying 体育竞赛)."""
    n = text.count(word)
    if n or not parts:
        return n, 1.0 if n else 0.0
    counts = [text.count(p) for p in parts]
    if all(counts):
        return min(counts), 1.0
    # partial credit counts the parts of two characters or more (税 in 纳税人 says nothing)
    counts = [c for p, c in zip(parts, counts, strict=True) if len(p) > 1]
    if not counts:
        return 0, 0.0
    share = sum(1 for c in counts if c) / len(counts)
    return PART_CREDIT * share * sum(counts) / len(counts), share


def _span(text: str, words) -> int | None:
    """The shortest stretch of text holding every word (in characters), or None."""
    events = []
    for i, w in enumerate(words):
        start = text.find(w)
        found = 0
        while start >= 0 and found < 50:
            events.append((start, i, len(w)))
            found += 1
            start = text.find(w, start + 1)
    events.sort()
    need, have, best, lo = len(words), {}, None, 0
    for hi, (_pos, i, _) in enumerate(events):
        have[i] = have.get(i, 0) + 1
        while len(have) == need:
            lpos, li, llen = events[lo]
            end = max(p + ln for p, _, ln in events[lo : hi + 1])
            best = end - lpos if best is None else min(best, end - lpos)
            have[li] -= 1
            if not have[li]:
                del have[li]
            lo += 1
    return best


def score(hits, q: ParsedQuery, n: int, dfs: dict) -> list[Scored]:
    words = q.words
    understood = q.understood
    weights = {}
    for w in words:
        df = max([_df(w, q, dfs), *(_df(o, q, dfs) for o in q.synonyms.get(w, ()))])
        weights[w] = idf(max(n, 1), df) * (SINGLE_CHARACTER_WEIGHT if len(w) == 1 else 1.0)
    total_weight = sum(weights.values()) or 1.0
    lengths = [len(h.title) + min(len(h.text), TEXT_CHARS) for h in hits]
    avg = (sum(lengths) / len(lengths)) if lengths else 1.0
    query_key = key(q.text)
    whole = "".join(words)
    out = []
    for hit, length in zip(hits, lengths, strict=True):
        title = segment.normalize_text(hit.title)
        text = segment.normalize_text(hit.text[:TEXT_CHARS])
        terms, bm25, matched, matched_words = [], 0.0, 0.0, []
        for w in words:
            best = (0, 0, w, 0.0)
            for alt in (w, *q.synonyms.get(w, ())):
                parts = q.parts.get(alt, ())
                (t, ts), (b, bs) = _count(title, alt, parts), _count(text, alt, parts)
                if t * TITLE_WEIGHT + b > best[0] * TITLE_WEIGHT + best[1]:
                    best = (t, b, alt, max(ts, bs))
            tf = best[0] * TITLE_WEIGHT + best[1]
            part = (
                weights[w] * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / max(avg, 1.0))) if tf else 0.0
            )
            bm25 += part
            if tf:
                matched += weights[w] * best[3]
                if best[3] == 1.0:
                    matched_words.append(best[2])
            terms.append(
                {
                    "word": w,
                    "as": best[2],
                    "title": round(best[0], 2),
                    "text": round(best[1], 2),
                    "idf": round(weights[w], 2),
                }
            )
        coverage = matched / total_weight if words else 1.0
        boosts = []
        if len(words) > 1 and whole and whole in title:
            boosts.append(("phrase_title", PHRASE_TITLE_BOOST))
        elif len(words) > 1 and whole and whole in text:
            boosts.append(("phrase_text", PHRASE_TEXT_BOOST))
        elif len(matched_words) > 1:
            span = _span(text, matched_words)
            if span is not None and span <= PROXIMITY_CHARS:
                boosts.append(("proximity", PROXIMITY_BOOST))
        if (
            hit.document_number
            and len(key(hit.document_number)) > 4
            and key(hit.document_number) in query_key
        ):
            boosts.append(("document_number", DOCUMENT_NUMBER_BOOST))
        if understood and understood.kinds and _is_kind(hit, title, understood.kinds):
            boosts.append(("kind", KIND_PRIOR))
        if (
            understood
            and understood.years
            and (hit.year in understood.years or any(str(y) in title for y in understood.years))
        ):
            boosts.append(("year", YEAR_BOOST))
        if understood and understood.places and _names_place(hit, title, text, understood.places):
            boosts.append(("place", PLACE_BOOST))
        if hit.type == "message":
            boosts.append(("message", MESSAGE_PRIOR))
        value = bm25
        for _, factor in boosts:
            value *= factor
        out.append(
            Scored(
                hit=hit,
                score=value,
                coverage=coverage,
                full=coverage >= MIN_SHOULD_MATCH,
                explain={
                    "terms": terms,
                    "coverage": round(coverage, 2),
                    "bm25": round(bm25, 3),
                    "boosts": [(BOOST_LABELS[name], factor) for name, factor in boosts],
                    "engine_score": round(hit.score, 3),
                    "full": coverage >= MIN_SHOULD_MATCH,
                    "exact": hit.exact,
                },
            )
        )
    _messages_below_authorities(out)
    for s in out:
        s.explain["score"] = round(s.score, 3)
    return out


def _names_place(hit, title: str, text: str, places) -> bool:
    where = f"{title} {hit.issuer or ''} {text[:300]}"
    return any(name in where for names in places for name in names)


def _is_kind(hit, title: str, kinds) -> bool:
    for kind in kinds:
        types, marks = KINDS[kind]
        if hit.type in types or any(m in title for m in marks):
            return True
    return False


def _messages_below_authorities(scored: list[Scored]) -> None:
    """A public message never outranks an authoritative document holding as much of the query."""
    for m in scored:
        if m.hit.type != "message":
            continue
        caps = [
            s.score
            for s in scored
            if s.hit.type != "message" and s.full == m.full and s.coverage >= m.coverage - 1e-9
        ]
        if caps and m.score >= min(caps):
            m.score = min(caps) * 0.999


def order(scored: list[Scored]) -> list[Scored]:
    """Exact 发文字号/索引号 matches first, then documents whose 发文字号 the query names, then the
    full matches, then the rest; by score, then newest. A public message then moves below every
    authoritative document it asks about (`_about`)."""
    ranked = sorted(
        scored,
        key=lambda s: (
            not s.hit.exact,
            ("查询含本文发文字号", DOCUMENT_NUMBER_BOOST) not in s.explain.get("boosts", []),
            not s.full if STRICT_TIERS else False,
            -s.score,
            -(s.hit.published_at.timestamp() if s.hit.published_at else 0),
        ),
    )
    for m in reversed([s for s in ranked if s.hit.type == "message"]):
        i = ranked.index(m)
        below = [
            j for j in range(i + 1, len(ranked)) if ranked[j].hit.type != "message" and _about(m, ranked[j])
        ]
        if below:
            ranked.pop(i)
            ranked.insert(below[-1], m)
            m.explain["boosts"] = [*m.explain["boosts"], (BOOST_LABELS["message_below"], 1.0)]
    return ranked


def _about(message: Scored, document: Scored) -> bool:
    """The message asks about the document: the document's title holds at least ABOUT_SHARE of the
    key terms the message's title holds, counted in characters (the topic, 统计公报, outweighs the
    verb, 发布, however rare either is in a small index)."""
    asked = [
        (len(m["word"]), d["title"])
        for m, d in zip(message.explain["terms"], document.explain["terms"], strict=True)
        if m["title"]
    ]
    if not asked:
        return False
    return sum(n for n, t in asked if t) / sum(n for n, _ in asked) >= ABOUT_SHARE


def signature(hit) -> tuple:
    """Near-identical: same type, same title and same opening text, ignoring spaces and punctuation."""
    title = _NON_WORD.sub("", segment.normalize_text(hit.title))
    text = _NON_WORD.sub("", segment.normalize_text(hit.text[:400]))[:200]
    return (hit.type, title, text)


def collapse(ranked: list[Scored]) -> list[Scored]:
    """One of each group of near-identical documents (the best ranked), counting the others."""
    first: dict[tuple, Scored] = {}
    out = []
    for s in ranked:
        sig = signature(s.hit)
        if sig in first and not s.hit.exact:
            first[sig].similar += 1
            continue
        first[sig] = s
        out.append(s)
    return out
