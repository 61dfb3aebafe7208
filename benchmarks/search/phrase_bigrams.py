"""Prototype timing, not used by the site: a quoted phrase over per-character positions (the
`chars` field today) against the same phrase over character bigrams with positions.

    .venv/bin/python benchmarks/search/phrase_bigrams.py --docs 100000

Builds a two-field index (bodies only, the benchmark corpus) under var/bench-search/bigrams-N
the first time (~30 s for 100k), then times each phrase on both fields (minimum of 5 runs) and
checks that both find the same number of documents.
"""

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

PHRASES = [
    "推进政务公开",
    "高质量发展",
    "关于进一步加强安全生产工作的通知",
    "居民消费价格指数",
    "行政规范性文件合法性审核机制",
    "统计公报",
]


def bigrams(tokens: list[str]) -> list[str]:
    return [a + b for a, b in zip(tokens, tokens[1:], strict=False)] or tokens


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    args = parser.parse_args()
    import django

    django.setup()
    import bench
    import tantivy
    from tantivy import Query

    from gongkai.search import segment
    from gongkai.search.backends import base

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("chars", tokenizer_name="gk_chars", index_option="position")
    builder.add_text_field("bigrams", tokenizer_name="whitespace", index_option="position")
    schema = builder.build()
    path = ROOT / "var" / "bench-search" / f"bigrams-{args.docs}"
    fresh = not path.exists()
    path.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(schema, path=str(path))
    index.register_tokenizer(
        "gk_chars",
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(base.CHARS_PATTERN))
        .filter(tantivy.Filter.lowercase())
        .build(),
    )
    if fresh:
        corpus, writer, started = bench._corpus(), index.writer(200_000_000, 1), time.perf_counter()
        for i in range(args.docs):
            text = segment.normalize_text(corpus.document(i).body)
            doc = tantivy.Document()
            doc.add_text("chars", text)
            doc.add_text("bigrams", " ".join(bigrams(base.chars(text))))
            writer.add_document(doc)
        writer.commit()
        writer.wait_merging_threads()
        print(f"built {args.docs:,} documents in {time.perf_counter() - started:.1f} s")
    index.reload()
    searcher = index.searcher()

    def timed(query):
        searcher.search(query, limit=40)
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            count = searcher.search(query, limit=40).count
            runs.append((time.perf_counter() - started) * 1000)
        return min(runs), count

    for phrase in PHRASES:
        tokens = base.chars(phrase)
        ms_c, n_c = timed(Query.phrase_query(schema, "chars", tokens))
        ms_b, n_b = timed(Query.phrase_query(schema, "bigrams", bigrams(tokens)))
        print(f"{phrase:<24} characters {ms_c:7.2f} ms  bigrams {ms_b:7.2f} ms  matches {n_c:,} / {n_b:,}")


if __name__ == "__main__":
    main()
