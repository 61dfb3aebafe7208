"""nDCG@10, Recall@10 and MRR@10 of Gongkai's ranking against a plain BM25 + jieba baseline.

    .venv/bin/python benchmarks/search/evaluate.py [--backend tantivy|postgres] [--verbose]

Both rankings index the same 135 real documents (corpus.full_texts) with jieba search-mode tokens.
The baseline is one BM25 field over title + body, every query token OR-ed (what a plain
Tantivy/Lucene setup gives); Gongkai's ranking goes through `gongkai.search.interface.search`.
The postgres backend needs DATABASE_URL pointing at a migrated database (the table is cleared).
"""

import argparse
import json
import math
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1])]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def ndcg(ranked: list[str], relevant: dict[str, int], k: int = 10) -> float:
    dcg = sum((2 ** relevant.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], relevant: dict[str, int], k: int = 10) -> float:
    wanted = {d for d, g in relevant.items() if g > 0}
    return len(wanted & set(ranked[:k])) / len(wanted) if wanted else 0.0


def mrr(ranked: list[str], relevant: dict[str, int], k: int = 10) -> float:
    return next((1 / (i + 1) for i, d in enumerate(ranked[:k]) if relevant.get(d, 0) > 0), 0.0)


METRICS = {"nDCG@10": ndcg, "Recall@10": recall, "MRR@10": mrr}


def judged_sets():
    """The keyword-style set (judged_queries.jsonl) and the citizens' questions (judged/)."""
    out = {"keywords": HERE / "judged_queries.jsonl", "questions": HERE / "judged" / "questions.jsonl"}
    return {
        name: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for name, path in out.items()
    }


def baseline_ranker(docs):
    import tantivy

    from gongkai.search import segment

    b = tantivy.SchemaBuilder()
    b.add_text_field("id", stored=True, tokenizer_name="raw")
    b.add_text_field("text", tokenizer_name="whitespace")
    index = tantivy.Index(b.build())
    writer = index.writer(50_000_000, 1)
    for d in docs:
        tokens = segment.index_tokens(f"{d.title}\n{d.body}")
        writer.add_document(tantivy.Document(id=d.id, text=" ".join(tokens)))
    writer.commit()
    index.reload()
    searcher = index.searcher()
    schema = index.schema

    def rank(text):
        tokens = list(dict.fromkeys(segment.index_tokens(text)))
        if not tokens:
            return []
        q = tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(schema, "text", t)) for t in tokens]
        )
        return [searcher.doc(a)["id"][0] for _, a in searcher.search(q, limit=10).hits]

    return rank


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", default="tantivy", choices=["tantivy", "postgres"])
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    import django
    from django.conf import settings

    django.setup()
    settings.GONGKAI_SEARCH_BACKEND = args.backend
    settings.GONGKAI_SEARCH_DIR = tempfile.mkdtemp(prefix="gongkai-eval-")
    from corpus import full_texts

    from gongkai.search import interface

    docs = full_texts()
    backend = interface.get_backend()
    backend.clear()
    backend.index(docs)
    baseline = baseline_ranker(docs)
    sets = judged_sets()
    print(f"documents: {len(docs)}  backend: {args.backend}")
    print(f"{'set':<10} {'n':>4}  {'metric':<10} {'BM25+jieba':>10} {'Gongkai':>8}")
    for name, judged in sets.items():
        totals = {m: [0.0, 0.0] for m in METRICS}
        for item in judged:
            ours = [h.id for h in interface.search(item["query"], per_page=10).hits]
            base = baseline(item["query"])
            for metric, f in METRICS.items():
                totals[metric][0] += f(base, item["relevant"])
                totals[metric][1] += f(ours, item["relevant"])
            o, b = ndcg(ours, item["relevant"]), ndcg(base, item["relevant"])
            if args.verbose or o < b:
                print(f"  {o:5.3f} {b:5.3f}  {item['query']}  ours={ours[:3]} base={base[:3]}")
        n = len(judged)
        for metric, (b, o) in totals.items():
            print(f"{name:<10} {n:>4}  {metric:<10} {b / n:>10.3f} {o / n:>8.3f}")


if __name__ == "__main__":
    main()
