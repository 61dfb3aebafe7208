"""nDCG@10, Recall@10 and MRR@10 of Gongkai's ranking on both backends against a plain BM25 + jieba
baseline computed here, side by side (`make bench` runs it).

    .venv/bin/python benchmarks/search/evaluate.py [--backend tantivy|postgres|both] [--verbose]

The corpus: the 135 real documents of the shared data (corpus.full_texts) plus the demo's public
documents (corpus.demo_documents: 留言 published four times each, 政策解读 and 问答, 办事指南,
意见征集, the 2017 openness plan). The baseline is one BM25 field over title + body, jieba
search-mode tokens, every query token OR-ed (what a plain Tantivy/Lucene setup gives); Gongkai's
ranking goes through `gongkai.search.interface.search` on each backend. Near-identical copies (the
four copies of a 留言) count as one document: a copy shown again gains nothing, for every ranking.
PostgreSQL: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/gongkai_eval, created and
migrated if missing; its search table is replaced); skipped with a note when unreachable.
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


def canonical(ids) -> list[str]:
    """`demo:message:2#3` (the fourth copy of a 留言) is `demo:message:2`; a copy seen before gains
    nothing (it keeps its place in the list)."""
    out, seen = [], set()
    for i in ids:
        c = i.split("#", 1)[0]
        out.append(c if c not in seen else f"{i}(copy)")
        seen.add(c)
    return out


def judged_sets():
    """The citizens' questions (judged/questions.jsonl, with provenance), the older keyword-style
    set (judged_queries.jsonl), and the questions with pooled judgments (judged/pooled.jsonl, pool.py)."""
    out = {"questions": HERE / "judged" / "questions.jsonl", "keywords": HERE / "judged_queries.jsonl"}
    sets = {
        name: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for name, path in out.items()
    }
    pooled_path = HERE / "judged" / "pooled.jsonl"
    if pooled_path.exists():  # the hand judgments plus the pooled documents' rule grades (pool.py)
        pooled = {}
        for line in pooled_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                pooled[row["query"]] = row["pooled"]
        sets["pooled"] = [
            {**item, "relevant": {**pooled.get(item["query"], {}), **item["relevant"]}}
            for item in sets["questions"]
        ]
    return sets


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


def _postgres_ready() -> str:
    """'' when the PostgreSQL backend can run, else why not."""
    from django.core.management import call_command

    try:
        call_command("migrate", "search", verbosity=0)
    except Exception as exc:  # noqa: BLE001 — any connection failure: skip the backend, say why
        return f"{type(exc).__name__}: {exc}".splitlines()[0]
    return ""


def evaluate(rankers: dict, sets: dict, verbose: bool = False) -> dict:
    """{set: {metric: {ranker: mean}}}; prints the questions where Gongkai loses to the baseline."""
    out = {}
    for name, judged in sets.items():
        totals = {m: dict.fromkeys(rankers, 0.0) for m in METRICS}
        for item in judged:
            lists = {r: canonical(f(item["query"])) for r, f in rankers.items()}
            for metric, f in METRICS.items():
                for r, ranked in lists.items():
                    totals[metric][r] += f(ranked, item["relevant"])
            if verbose:
                scores = {r: ndcg(ranked, item["relevant"]) for r, ranked in lists.items()}
                base = scores["BM25+jieba"]
                if any(v < base for r, v in scores.items()) or verbose > 1:
                    print(
                        f"  {' '.join(f'{v:5.3f}' for v in scores.values())}  {item['query']}  "
                        + "  ".join(f"{r}={ranked[:3]}" for r, ranked in lists.items())
                    )
        out[name] = {m: {r: v / len(judged) for r, v in t.items()} for m, t in totals.items()}
    return out


def setup(names: list[str]) -> dict:
    """Django set up for the evaluation (PostgreSQL when asked for and reachable); returns the
    backends that cannot run, with why."""
    skipped = {}
    if "postgres" in names:
        from bench import _postgres_url

        try:
            os.environ["DATABASE_URL"] = (
                os.environ.get("EVAL_DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/gongkai_eval"
            )
            os.environ["DATABASE_URL"] = _postgres_url()
        except Exception as exc:  # noqa: BLE001
            skipped["postgres"] = str(exc).splitlines()[0]
    os.environ["GONGKAI_VAR_DIR"] = os.environ.get("GONGKAI_VAR_DIR") or tempfile.mkdtemp(
        prefix="gongkai-eval-"
    )

    import django
    from django.conf import settings

    django.setup()
    settings.GONGKAI_SEARCH_DIR = tempfile.mkdtemp(prefix="gongkai-eval-")
    return skipped


LABELS = {"tantivy": "Tantivy", "postgres": "PostgreSQL"}


def build_rankers(names: list[str], docs, skipped: dict) -> dict:
    """{label: text → ranked ids}: the baseline, then Gongkai on each backend that can run."""
    from gongkai.search import interface

    rankers = {"BM25+jieba": baseline_ranker(docs)}
    for name in names:
        if name == "postgres" and "postgres" not in skipped:
            why = _postgres_ready()
            if why:
                skipped["postgres"] = why
        if name in skipped:
            continue
        backend = interface.get_backend(name)
        backend.clear()
        backend.index(docs)
        rankers[LABELS[name]] = lambda text, b=backend: [
            h.id for h in interface.search(text, per_page=10, backend=b).hits
        ]
    return rankers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="both", choices=["tantivy", "postgres", "both"])
    parser.add_argument("--verbose", "-v", action="count", default=0)
    parser.add_argument("--quick", action="store_true", help="accepted for run_all.py (the set is small)")
    args = parser.parse_args()
    names = ["tantivy", "postgres"] if args.backend == "both" else [args.backend]
    skipped = setup(names)
    from corpus import demo_documents, full_texts

    docs = full_texts() + demo_documents()
    rankers = build_rankers(names, docs, skipped)
    labels = LABELS
    sets = judged_sets()
    results = evaluate(rankers, sets, verbose=args.verbose)
    print(f"documents: {len(docs)} (shared data {len(full_texts())}, demo {len(demo_documents())})")
    for name, why in skipped.items():
        print(f"{labels[name]}: skipped ({why})")
    cols = list(rankers)
    print(f"{'set':<10} {'n':>4}  {'metric':<10}" + "".join(f"{c:>12}" for c in cols) + "   Δ vs BM25")
    for name, metrics in results.items():
        for metric, values in metrics.items():
            deltas = "  ".join(f"{c} {values[c] - values['BM25+jieba']:+.3f}" for c in cols[1:])
            print(
                f"{name:<10} {len(sets[name]):>4}  {metric:<10}"
                + "".join(f"{values[c]:>12.3f}" for c in cols)
                + f"   {deltas}"
            )


if __name__ == "__main__":
    main()
