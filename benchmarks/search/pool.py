"""Pooled judgments for the citizens' questions: the top 10 of the three rankers (BM25 + jieba,
Gongkai on Tantivy, Gongkai on PostgreSQL), and a grade for every pooled document the hand
judgments (judged/questions.jsonl) leave out, given by one written rule (`grade`) that reads only
the question and the document — never which ranker returned it.

    .venv/bin/python benchmarks/search/pool.py [--backend tantivy|postgres|both]

Writes judged/pooled.jsonl: per question the pooled, unjudged documents and their grades (0
included, so that a pooled document counts as judged); `evaluate.py` reports the set "pooled" (the
hand judgments plus these) beside the hand-judged one. The rule, in full:
- the question's content terms are its jieba precise-mode words without stop words
  (stopwords-iso-zh), question words (data/question_words.txt) and relative years (今年, 去年);
- grade 2 (closely related) when the document's title holds every content term;
- grade 1 (related) when one stretch of PASSAGE_CHARS characters of its title and text holds every
  content term (a passage that speaks to the whole question);
- grade 0 otherwise. Never 3: "the answer" is only given by hand.
It is lexical (no synonyms, no parts of words): it cannot see a document that answers in other
words, and it rewards terms standing together, as Gongkai's proximity boost does (docs/performance.md).
"""

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1])]

import evaluate  # noqa: E402 — after the path is set

PASSAGE_CHARS = 100
DEPTH = 10
OUT = HERE / "judged" / "pooled.jsonl"


def content_terms(question: str) -> list[str]:
    from gongkai.search import segment, understand

    dropped = understand.question_words() | set(understand.RELATIVE_YEARS)
    return [w for w in segment.query_words(question) if w not in dropped]


def holds_all_within(text: str, terms: list[str], width: int) -> bool:
    """Some stretch of `width` characters of `text` holds every term (whole)."""
    events = sorted((i, t) for t in terms for i in _positions(text, t))
    have, lo = {}, 0
    for pos, t in events:
        have[t] = have.get(t, 0) + 1
        while events[lo][0] + width < pos + len(t):
            have[events[lo][1]] -= 1
            if not have[events[lo][1]]:
                del have[events[lo][1]]
            lo += 1
        if len(have) == len(terms):
            return True
    return False


def _positions(text: str, term: str):
    i = text.find(term)
    while i >= 0:
        yield i
        i = text.find(term, i + 1)


def grade(question: str, title: str, text: str) -> int:
    from gongkai.search import segment

    terms = content_terms(question)
    if not terms:
        return 0
    title, text = segment.normalize_text(title), segment.normalize_text(text)
    if all(t in title for t in terms):
        return 2
    return 1 if holds_all_within(f"{title}\n{text}", terms, PASSAGE_CHARS) else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="both", choices=["tantivy", "postgres", "both"])
    parser.add_argument(
        "--add", action="store_true", help="add to the pool already written (one backend at a time)"
    )
    args = parser.parse_args()
    names = ["tantivy", "postgres"] if args.backend == "both" else [args.backend]
    skipped = evaluate.setup(names)
    from corpus import demo_documents, full_texts

    docs = full_texts() + demo_documents()
    by_id = {d.id.split("#", 1)[0]: d for d in docs}  # a 留言 published four times: one document
    rankers = evaluate.build_rankers(names, docs, skipped)
    questions = evaluate.judged_sets()["questions"]
    before = {}
    if args.add and OUT.exists():
        for line in OUT.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            before[row["query"]] = row["pooled"]
    rows, graded = [], {0: 0, 1: 0, 2: 0}
    for item in questions:
        pool = list(before.get(item["query"], {}))
        for rank in rankers.values():
            pool += [i for i in evaluate.canonical(rank(item["query"]))[:DEPTH] if "(copy)" not in i]
        pooled = {}
        for doc_id in dict.fromkeys(pool):
            if doc_id in item["relevant"]:
                continue
            d = by_id[doc_id]
            body = "\n".join(x for x in (d.summary, d.body, d.attachment_text) if x)
            pooled[doc_id] = grade(item["query"], d.title, body)
            graded[pooled[doc_id]] += 1
        rows.append({"query": item["query"], "pooled": pooled})
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"pooled with {', '.join(rankers)} (skipped: {skipped or 'none'}); depth {DEPTH}")
    print(f"{len(rows)} questions, {sum(graded.values())} unjudged pooled documents graded: {graded}")
    more = sum(1 for r in rows if any(g > 0 for g in r["pooled"].values()))
    print(f"questions gaining a graded document: {more}")


if __name__ == "__main__":
    main()
