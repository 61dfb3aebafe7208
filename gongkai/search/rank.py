"""Ranking the engine's best candidates the same way on both backends (issue 17; pure).

The engine (Tantivy or PostgreSQL) finds the documents holding ANY of the query's key terms and
hands over its best `WINDOW`; they are scored here with BM25 over title and text, using the index's
document frequencies as IDF weights, so that:
- a document with more of the query's important terms ranks higher, and one missing a term can
  still rank first (minimum-should-match: a document holding MIN_SHOULD_MATCH of the query's IDF
  weight ranks with the full matches, instead of all-must-match);
- the whole query in the title or text (phrase), or its terms close together, boosts;
- a 发文字号 named in the query, the document kind named (公报, 通知, 解读, 数据) and the year named
  (2020年, 今年) boost; a public message never outranks the authoritative document it asks about
  (`_about`), and weighs MESSAGE_PRIOR against other documents;
- a later copy by another issuer (a provincial implementation repeating the State Council's notice)
  ranks right below its original unless it holds more of the query (`_originals_first`); 最新/最近
  boost the newest documents holding the query (`_recency`);
- near-identical documents are collapsed into one ("另有 N 条相似").
Every factor is kept in `explain` for the office search page. Weights tuned on
benchmarks/search/judged/ only (docs/performance.md).
"""

import math
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from . import segment
from .normalize import key
from .query import ParsedQuery
from .understand import KINDS

WINDOW = 50  # candidates re-ranked (the first pages); deeper pages keep the engine's order
K1 = 2.0
B = 0.75
TITLE_FIELD = 3.0  # a term in the title adds this many times its IDF weight, beside the text's BM25
TITLE_WEIGHT = 8.0  # (choosing between a word and its synonyms) a title occurrence counts this many
SINGLE_CHARACTER_WEIGHT = 0.3  # 找, 算, 办: one character says little about a document
MIN_SHOULD_MATCH = 0.6
COVERAGE_POWER = 0.5  # the score × coverage ** this: a document missing an important term pays for it
STRICT_TIERS = False  # full matches before partial ones whatever the score (the old remnant of all-must-match)  # share of the query's IDF weight that makes a document a full match
PHRASE_TITLE_BOOST = 2.0  # the key terms, adjacent and in order, inside the title
PHRASE_TEXT_BOOST = 1.3  # … inside the text
PROXIMITY_BOOST = 0.25  # × (1 + this × the share of the query's weight one stretch of text holds)
PROXIMITY_CHARS = 40
DOCUMENT_NUMBER_BOOST = 3.0  # the query names this document's 发文字号
KIND_PRIOR = 1.5  # the query names the document's kind
YEAR_BOOST = 1.2
PLACE_BOOST = 1.3  # the query names a place (福州, 鼓楼区) the document's title, issuer or opening names  # the query names the document's year (or 今年)
RECENCY_BOOST = 1.0  # 最新/最近: × (1 + this × 0.5 ** years older than the newest document holding the query)
COPY_SHARE = 0.6  # a later document whose title repeats this share of an earlier one's (another issuer's) …
COPY_MIN_CHARS = 8  # … in one stretch of at least this many characters copies it: it ranks below the original
COPY_DEPTH = 20  # copies are looked for among the first this many
TITLE_IN_TEXT = True  # the title counts as part of the text for the text's BM25 (a title-only document)
MESSAGE_PRIOR = 0.85  # a public message (留言答复) against an authoritative document
ABOUT_SHARE = 0.5  # a message is about a document whose title holds this share of what its title asks
COMMON_SHARE = 0.1  # a term in more than this share of the documents does not select candidates …
COMMON_FROM = 10_000  # … in an index of at least this many documents (latency at 1M, ADR 0011)
TEXT_CHARS = 20_000
PART_CREDIT = 0.5  # a long word found only in part: this share of its parts' mean frequency  # terms are counted in the first this many characters of the text
_NON_WORD = re.compile(r"[\W_]+")
# A record's own number (留言编号 LY202611020018, 依申请公开 YSQ…): part of its text, never of its content.
_RECORD_NUMBER = re.compile(r"[A-Za-z]{1,6}\d{6,}")

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
    "recent": "查询要最新的文件",
    "copy_below": "排在其所转发或照搬的原文件之后",
}


@dataclass
class Scored:
    hit: object  # base.RawHit
    score: float
    coverage: float  # share of the query's IDF weight this document holds
    full: bool
    explain: dict = field(default_factory=dict)
    similar: int = 0
    in_title: tuple = ()  # per key term: the title holds it whole (or every part of it)


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


def _count(text: str, word: str, parts, weights=None) -> tuple[float, float]:
    """(term frequency, share of the word found): a long word the text never spells out whole
    counts through its parts, in proportion to the parts found (体育比赛 in a text saying 体育竞赛).
    `weights`: part → IDF weight; the share found is the share of the parts' weight (专项债券 is most
    of 地方政府专项债券, 地方 and 政府 little), by characters when no weights are given."""
    n = text.count(word)
    if n or not parts:
        return n, 1.0 if n else 0.0
    counts = [text.count(p) for p in parts]
    if all(counts):
        return min(counts), 1.0
    # partial credit counts the parts of two characters or more (税 in 纳税人 says nothing)
    found = [(p, c) for p, c in zip(parts, counts, strict=True) if len(p) > 1 and c]
    if not found:
        return 0, 0.0

    def weight(p):
        return weights.get(p, 0.0) if weights else len(p)

    share = sum(weight(p) for p, _ in found) / (sum(weight(p) for p in parts) or 1.0)
    return PART_CREDIT * share * min(c for _, c in found), share


def _passage(text: str, weighted) -> tuple[float, int]:
    """The most query weight one stretch of PROXIMITY_CHARS characters holds, and how many distinct
    terms make it up: `weighted` = [(word as found, weight)]. The terms of a question standing
    together (养老保险全国统筹) say more than the same terms scattered over a long report."""
    events = []
    for i, (w, _) in enumerate(weighted):
        start, found = text.find(w), 0
        while start >= 0 and found < 50:
            events.append((start, i))
            found += 1
            start = text.find(w, start + 1)
    events.sort()
    best, best_terms, lo, have = 0.0, 0, 0, {}
    for pos, i in events:
        have[i] = have.get(i, 0) + 1
        while events[lo][0] < pos - PROXIMITY_CHARS:
            j = events[lo][1]
            have[j] -= 1
            if not have[j]:
                del have[j]
            lo += 1
        value = sum(weighted[j][1] for j in have)
        if value > best:
            best, best_terms = value, len(have)
    return best, best_terms


def score(hits, q: ParsedQuery, n: int, dfs: dict) -> list[Scored]:
    words = q.words
    understood = q.understood
    weights = {}
    for w in words:
        df = max([_df(w, q, dfs), *(_df(o, q, dfs) for o in q.synonyms.get(w, ()))])
        weights[w] = idf(max(n, 1), df) * (SINGLE_CHARACTER_WEIGHT if len(w) == 1 else 1.0)
    total_weight = sum(weights.values()) or 1.0
    part_weights = {p: idf(max(n, 1), dfs.get(p, 0)) for ps in q.parts.values() for p in ps}
    lengths = [len(h.title) + min(len(h.text), TEXT_CHARS) for h in hits]
    avg = (sum(lengths) / len(lengths)) if lengths else 1.0
    query_key = key(q.text)
    whole = "".join(words)
    out = []
    for hit, length in zip(hits, lengths, strict=True):
        title = segment.normalize_text(hit.title)
        text = segment.normalize_text(hit.text[:TEXT_CHARS])
        counted = f"{title}\n{text}" if TITLE_IN_TEXT else text
        terms, bm25, matched, matched_words, in_title, title_weight = [], 0.0, 0.0, [], [], 0.0
        for w in words:
            best = (0, 0, w, 0.0, 0.0)
            for alt in (w, *q.synonyms.get(w, ())):
                parts = q.parts.get(alt, ())
                (t, ts), (b, bs) = (
                    _count(title, alt, parts, part_weights),
                    _count(counted, alt, parts, part_weights),
                )
                if t * TITLE_WEIGHT + b > best[0] * TITLE_WEIGHT + best[1]:
                    best = (t, b, alt, max(ts, bs), ts)
            in_title.append(best[4] == 1.0)
            tf = best[0] * TITLE_WEIGHT + best[1]
            # the title is a field of its own: a long report saying 就业 forty times does not drown
            # a title that says it once (the text's frequency saturates, the title's is added)
            text_tf = best[1]
            part = (
                weights[w] * text_tf * (K1 + 1) / (text_tf + K1 * (1 - B + B * length / max(avg, 1.0)))
                if text_tf
                else 0.0
            )
            title_weight += weights[w] * min(best[0], 1.0)
            bm25 += part
            if tf:
                matched += weights[w] * best[3]
                if best[3] == 1.0:
                    matched_words.append((best[2], weights[w]))
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
        bm25 += TITLE_FIELD * title_weight
        boosts = []
        if len(words) > 1 and whole and whole in title:
            boosts.append(("phrase_title", PHRASE_TITLE_BOOST))
        elif len(words) > 1 and whole and whole in text:
            boosts.append(("phrase_text", PHRASE_TEXT_BOOST))
        elif len(matched_words) > 1:
            near, terms_near = _passage(text, matched_words)
            if terms_near > 1:
                boosts.append(("proximity", round(1 + PROXIMITY_BOOST * near / total_weight, 2)))
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
        if understood and understood.recent:
            boosts.append(("recent", 1.0))  # the factor is set below, against the newest candidate
        value = bm25 * coverage**COVERAGE_POWER
        for _, factor in boosts:
            value *= factor
        out.append(
            Scored(
                hit=hit,
                score=value,
                coverage=coverage,
                full=coverage >= MIN_SHOULD_MATCH,
                in_title=tuple(in_title),
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
    if understood and understood.recent:
        _recency(out)
    for s in out:
        s.explain["score"] = round(s.score, 3)
    return out


def _stamp(hit) -> float:
    return hit.published_at.timestamp() if hit.published_at else 0.0


def _recency(out: list[Scored]) -> None:
    """最新/最近: the newest of the documents holding the query (MIN_SHOULD_MATCH of its weight)
    gains × (1 + RECENCY_BOOST), one a year older half as much, and so on."""
    holding = [_stamp(s.hit) for s in out if s.coverage >= MIN_SHOULD_MATCH and s.hit.published_at]
    if not holding:
        return
    newest = max(holding)
    for s in out:
        years = max(0.0, (newest - _stamp(s.hit)) / (365.25 * 86400)) if s.hit.published_at else 99.0
        factor = round(1 + RECENCY_BOOST * 0.5**years, 2)
        s.score *= factor
        s.explain["boosts"] = [
            (BOOST_LABELS["recent"], factor) if name == BOOST_LABELS["recent"] else (name, f)
            for name, f in s.explain["boosts"]
        ]


def _names_place(hit, title: str, text: str, places) -> bool:
    where = f"{title} {hit.issuer or ''} {text[:300]}"
    return any(name in where for names in places for name in names)


def _is_kind(hit, title: str, kinds) -> bool:
    for kind in kinds:
        types, marks = KINDS[kind]
        if hit.type in types or any(m in title for m in marks):
            return True
    return False


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
    return _originals_first(ranked)


@lru_cache(maxsize=4096)
def _core(title: str) -> str:
    """The title without case, width, spaces and punctuation; cached, as `_originals_first` compares
    each of the first COPY_DEPTH titles with the others (~190 pairs a search)."""
    return _NON_WORD.sub("", segment.normalize_text(title))


def _copies(later: Scored, earlier: Scored) -> bool:
    """`later` repeats `earlier`: another issuer's document, published after it, whose title holds
    one stretch of COPY_SHARE of the earlier title (国务院关于做好…促进就业工作的若干意见 → 河南省人民政府
    关于做好…促进就业工作的实施意见), and holding no more of the query than it does."""
    a, b = later.hit, earlier.hit
    if not (a.published_at and b.published_at) or _stamp(b) >= _stamp(a):
        return False
    if not a.issuer or not b.issuer or a.issuer == b.issuer or later.coverage > earlier.coverage + 1e-9:
        return False
    ta, tb = _core(a.title), _core(b.title)
    shorter = min(len(ta), len(tb))
    if shorter < COPY_MIN_CHARS:
        return False
    m = SequenceMatcher(None, ta, tb, autojunk=False).find_longest_match(0, len(ta), 0, len(tb))
    return m.size >= COPY_MIN_CHARS and m.size >= COPY_SHARE * shorter


def _originals_first(ranked: list[Scored]) -> list[Scored]:
    """A document copying an earlier one (a provincial implementation repeating the State Council's
    notice) moves right below the original when it holds no more of the query: the citizen reads the
    source first, the copy next ("near-duplicate national/provincial copies", ADR 0059)."""
    if COPY_SHARE >= 1:
        return ranked
    head = ranked[:COPY_DEPTH]
    for c in list(head):
        i = head.index(c)
        originals = [j for j in range(i + 1, len(head)) if _copies(c, head[j])]
        if originals:
            head.pop(i)
            head.insert(originals[-1], c)
            c.explain["boosts"] = [*c.explain["boosts"], (BOOST_LABELS["copy_below"], 1.0)]
    return head + ranked[COPY_DEPTH:]


def _about(message: Scored, document: Scored) -> bool:
    """The message asks about the document: what the message's title holds of the query carries at
    least ABOUT_SHARE of the query's IDF weight (its topic, not one generic word such as 统计), and the
    document's title holds at least ABOUT_SHARE of those terms, counted in characters (the topic,
    统计公报, outweighs the verb, 发布, however rare either is in a small index)."""
    terms = message.explain["terms"]
    total = sum(t["idf"] for t in terms) or 1.0
    asked = [
        (len(t["word"]), t["idf"], held)
        for t, held, whole in zip(terms, document.in_title, message.in_title, strict=True)
        if whole
    ]
    if not asked or sum(w for _, w, _ in asked) < ABOUT_SHARE * total:
        return False
    return sum(n for n, _, held in asked if held) / sum(n for n, _, _ in asked) >= ABOUT_SHARE


def signature(hit) -> tuple:
    """Near-identical: same type, same title and same opening text, ignoring spaces, punctuation and the
    records' own numbers (four answers to the same 留言 differ only in their 留言编号)."""
    title = _NON_WORD.sub("", segment.normalize_text(hit.title))
    text = _NON_WORD.sub("", _RECORD_NUMBER.sub("", segment.normalize_text(hit.text[:400])))[:200]
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
