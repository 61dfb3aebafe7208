"""Search benchmark: build an N-document index from the real records on both backends and time a
fixed query mix through the project's search interface (in-process, no HTTP).

    .venv/bin/python benchmarks/search/bench.py --docs 20000                 # both backends
    .venv/bin/python benchmarks/search/bench.py --docs 1000000 --backend tantivy
    make bench-search                                                           # 1,000,000, both

Documents: the 34.6k + 5.8k real metadata records (title, 文号, organ, dates) and the 135 full texts,
multiplied with variations (variant k > 0 shifts the year and the serial number of the 文号 and
adds a 修订/汇编 note to the title) and given a 500-character real body cut from the full texts at a
varying offset. Variant 0 keeps every real 文号, so `国办发〔2019〕6号` exists exactly once.

jieba segmentation is the slow part (~12 min for 1M on 2 processes): tokens are cached under
`var/bench-search/` (GONGKAI_BENCH_CACHE) and reused by the next run. The PostgreSQL backend uses
DATABASE_URL (default postgres://postgres@127.0.0.1:5432/gongkai_bench, created if missing);
its search table there is replaced.
"""

import argparse
import hashlib
import marshal
import os
import re
import statistics
import sys
import tempfile
import time
from multiprocessing import Pool
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

CHUNK = 10_000
CACHE_VERSION = "1"
BODY_CHARS = 500
PER_PAGE = 20

QUERY_MIX = {
    "2-character words": ["统计", "发展", "改革", "教育", "经济", "医疗", "农村", "环境", "税收", "就业"],
    "long phrases": [
        "关于进一步加强安全生产工作的通知",
        "居民消费价格指数",
        "国民经济和社会发展统计公报",
        '"推进政务公开"',
        '"高质量发展"',
        "小微企业融资担保",
        "城镇老旧小区改造实施方案",
        "行政规范性文件合法性审核机制",
    ],
    "document numbers": [
        "国办发〔2019〕6号",
        "国办发[2019]6号",
        "国办发(2019)6号",
        "国发〔2018〕39号",
        "国函[2023]98号",
        "粤府〔2023〕68号",
        "000014349/2019-00007",
    ],
    "no-hit": ["火星探测器着陆", "量子引力波天线", "zxqvbn"],
    # citizens' questions of 10-30 characters (from benchmarks/search/judged/questions.jsonl)
    "questions 10-30 chars": [
        "孩子上小学报名要准备哪些材料？",
        "个体户今年还能享受什么优惠政策吗",
        "子女教育专项附加扣除每月能扣多少？",
        "小区配套幼儿园被挪作他用怎么办？",
        "失业保险稳岗返还怎么申请",
        "政府性融资担保基金担保费率是多少",
        "统计公报一般每年几月份发布？",
        "规范性文件出台前要做合法性审核吗？",
        "三级公立医院绩效考核考核哪些指标？",
        "请问福州市鼓楼区的人口普查数据在哪里可以查到",
    ],
    "deep pages": [("统计", 50), ("发展", 100), ("改革", 25), ("教育", 75)],
}


# --- the corpus ---------------------------------------------------------------------------------
_NUMBER = re.compile(r"(〔|\[|\()(\d{4})(〕|\]|\))(\d+)号")
_YEAR = re.compile(r"(19|20)\d{2}")
NOTES = ["", "（修订）", "（汇编本）", "（第二次修订）", "（征求意见稿）", "（转发）", "（解读）", "（节选）"]


def _vary_number(number: str, k: int) -> str:
    if k == 0 or not number:
        return number
    return _NUMBER.sub(lambda m: f"{m[1]}{int(m[2]) - k % 20}{m[3]}{int(m[4]) + 1000 * k}号", number)


def _vary_title(title: str, k: int) -> str:
    if k == 0:
        return title
    title = _YEAR.sub(lambda m: str(int(m[0]) - k % 20), title, count=1)
    return title + NOTES[k % len(NOTES)]


class Corpus:
    def __init__(self):
        from corpus import full_texts, metadata_records

        self.records = metadata_records()
        self.full = full_texts()
        self.pool = "".join(d.body for d in self.full)

    def document(self, i: int):
        from gongkai.search.documents import SearchDocument
        from gongkai.search.testing import parse_date

        n_full = len(self.full)
        base_n = len(self.records) + n_full
        k, j = divmod(i, base_n)
        if j < n_full:
            d = self.full[j]
            title, number, issuer, published = d.title, d.document_number, d.issuer, d.published_at
            body = d.body[: BODY_CHARS * 4] if k == 0 else None
            index_number = d.index_number if k == 0 else ""
        else:
            r = self.records[j - n_full]
            title, number = r["title"], r.get("doc_number_文号") or ""
            issuer = r.get("source_organ") or ""
            published = parse_date(r.get("publish_date_发布日期") or "")
            body, index_number = None, ""
        if body is None:
            offset = int(hashlib.blake2b(str(i).encode(), digest_size=4).hexdigest(), 16) % (
                len(self.pool) - BODY_CHARS
            )
            body = self.pool[offset : offset + BODY_CHARS]
        if published and k:
            year = max(1990, published.year - k % 20)
            leap_day = (published.month, published.day) == (2, 29)  # 29 February exists in leap years only
            published = published.replace(year=year, day=28) if leap_day else published.replace(year=year)
        return SearchDocument(
            type=("item", "interpretation", "normative")[i % 3],
            id=str(i),
            agency_id=1,
            title=_vary_title(title, k),
            url=f"/bench/{i}/",
            document_number=_vary_number(number, k),
            index_number=index_number or f"000014349/{published.year if published else 2000}-{i:07d}",
            issuer=issuer,
            body=body,
            category=("综合政务", "国民经济管理", "财政金融", "教育科技", "卫生健康")[i % 5],
            year=published.year if published else None,
            validity="有效" if i % 7 else "已废止",
            published_at=published,
        )


def _segment_chunk(args):
    start, stop = args
    from gongkai.search import segment

    corpus = _corpus()
    out = []
    for i in range(start, stop):
        d = corpus.document(i)
        text = "\n".join(x for x in (d.summary, d.body, d.attachment_text) if x)
        out.append(
            {
                "title": segment.index_tokens(d.title),
                "meta": segment.index_tokens(" ".join((d.document_number, d.issuer, d.category))),
                "text": segment.index_tokens(text),
            }
        )
    return start, out


_CORPUS = None


def _corpus():
    global _CORPUS
    if _CORPUS is None:
        import django

        django.setup()
        _CORPUS = Corpus()
    return _CORPUS


def cached_tokens(n: int, procs: int, cache: Path):
    """Yields (start, tokens of CHUNK documents), segmenting only the chunks not cached yet."""
    cache.mkdir(parents=True, exist_ok=True)
    chunks = [(s, min(s + CHUNK, n)) for s in range(0, n, CHUNK)]
    path = lambda s, e: cache / f"tokens-v{CACHE_VERSION}-{s:08d}-{e:08d}.marshal"  # noqa: E731
    missing = [c for c in chunks if not path(*c).exists()]
    if missing:
        started = time.perf_counter()
        print(f"segmenting {sum(e - s for s, e in missing):,} documents on {procs} processes …", flush=True)
        with Pool(procs) as pool:
            for start, tokens in pool.imap_unordered(_segment_chunk, missing):
                end = start + len(tokens)
                path(start, end).write_bytes(marshal.dumps(tokens))
        print(f"segmentation: {time.perf_counter() - started:.1f} s (cached in {cache})", flush=True)
    for s, e in chunks:
        yield s, marshal.loads(path(s, e).read_bytes())


# --- building and querying ----------------------------------------------------------------------
def build(backend, n: int, procs: int, cache: Path) -> float:
    corpus = _corpus()
    backend.clear()
    for _ in cached_tokens(n, procs, cache):  # segment what is missing first: not part of the build time
        break
    started = time.perf_counter()
    if backend.name == "postgres":
        gin = _drop_gin()  # a bulk load is faster without the GIN index, built once at the end
    for start, tokens in cached_tokens(n, procs, cache):
        docs = [corpus.document(i) for i in range(start, start + len(tokens))]
        if backend.name == "tantivy":
            tokens = [{"title": t["title"], "text": t["meta"] + t["text"]} for t in tokens]
            backend.index(docs, tokens=tokens)
        else:
            _copy_rows(backend, docs, tokens)
    if backend.name == "postgres":
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            cursor.execute(gin)
            cursor.execute("RESET maintenance_work_mem")
    return time.perf_counter() - started


def _copy_rows(backend, docs, tokens) -> None:
    """The backend's own rows, loaded with COPY (6x faster than its INSERT … ON CONFLICT) into the
    table the benchmark has just emptied."""
    from django.db import connection, transaction

    from gongkai.search.backends.postgres_backend import _COLUMNS

    rows = [backend.row(doc, tokens[k]) for k, doc in enumerate(docs)]
    sql = f"COPY search_searchentry ({', '.join((*_COLUMNS, 'vector'))}) FROM STDIN"
    with transaction.atomic(), connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _drop_gin() -> str:
    """Drops the search table's GIN index; returns the statement that creates it (migration 0002)."""
    import importlib

    from django.db import connection

    statement = importlib.import_module("gongkai.search.migrations.0002_postgres_gin_index").FORWARD[0]
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS search_entry_vector_gin")
    return statement


def run_queries(backend, repeat: int):
    from gongkai.search.interface import search
    from gongkai.search.query import Filters

    filters = Filters(agency_id=1)
    timings = {kind: [] for kind in QUERY_MIX}
    cpu = {kind: [] for kind in QUERY_MIX}
    server = _server_cpu(backend)
    firsts = {}
    for kind, queries in QUERY_MIX.items():
        for q in queries:
            text, page = q if isinstance(q, tuple) else (q, 1)
            search(text, filters=filters, page=page, backend=backend)  # warm
            for _ in range(repeat):
                c, s = time.process_time(), server()
                t = time.perf_counter()
                r = search(text, filters=filters, page=page, backend=backend)
                timings[kind].append((time.perf_counter() - t) * 1000)
                cpu[kind].append((time.process_time() - c + server() - s) * 1000)
            if kind == "document numbers":
                first = r.hits[0] if r.hits else None
                firsts[text] = (
                    first and first.document_number,
                    bool(first and first.exact),
                    bearers(backend, text),
                )
    return timings, cpu, firsts


def _server_cpu(backend):
    """A reader of the CPU seconds the PostgreSQL server process of this connection has used (its
    /proc/<pid>/schedstat, nanoseconds; the server runs on this machine), or of nothing (Tantivy runs
    in this process, whose CPU time `time.process_time` counts)."""
    if backend.name != "postgres":
        return lambda: 0.0
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        stat = Path(f"/proc/{cursor.fetchone()[0]}/schedstat")
    if not stat.exists():
        return lambda: 0.0
    return lambda: int(stat.read_text().split()[0]) / 1e9


def bearers(backend, text: str) -> int:
    """How many indexed documents bear the 发文字号/索引号 typed (0: the sample has none, and the first
    hit is only the nearest)."""
    from gongkai.search.normalize import document_number_key, index_number_key

    for field, column, value in (
        ("docnum", "document_number_key", document_number_key(text)),
        ("indexnum", "index_number_key", index_number_key(text)),
    ):
        if not value:
            continue
        if backend.name == "tantivy":
            return backend._searcher().doc_freq(field, value)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM search_searchentry WHERE {column} = %s", [value])
            return cursor.fetchone()[0]
    return 0


def _load() -> list[str]:
    return [f"{v:.1f}" for v in os.getloadavg()]


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def report(name, n, build_s, size, timings, cpu, firsts):
    print(f"\n== {name}: {n:,} documents (load average {' '.join(_load())})")
    print(f"build {build_s:.1f} s (segmentation cached, not included), index size {size / 2**20:.0f} MiB")
    print(f"{'':<20}{'':>5}{'wall-clock':>30}{'CPU (client + server process)':>36}")
    print(
        f"{'query kind':<20}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'p50 ms':>12}{'p95 ms':>12}{'p99 ms':>12}"
    )
    every = {"all": [v for kind in timings for v in timings[kind]]}
    every_cpu = [v for kind in cpu for v in cpu[kind]]
    for kind, vs in [*timings.items(), *every.items()]:
        cs = cpu.get(kind, every_cpu)
        print(
            f"{kind:<20}{len(vs):>5}{statistics.median(vs):>10.1f}{pct(vs, 95):>10.1f}{pct(vs, 99):>10.1f}"
            f"{statistics.median(cs):>12.1f}{pct(cs, 95):>12.1f}{pct(cs, 99):>12.1f}"
        )
    for q, (number, exact, n) in firsts.items():
        held = f"{n} document(s) bear it" if n else "no document bears it in this index"
        print(f"  first hit for {q}: {number} (exact: {'yes' if exact else 'no'}; {held})")


def _postgres_url():
    url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/gongkai_bench"
    import psycopg

    dbname = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone():
            conn.execute(f'CREATE DATABASE "{dbname}"')
    return url


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="20,000 documents (make bench)")
    parser.add_argument("--backend", choices=["tantivy", "postgres", "both"], default="both")
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-build", action="store_true", help="time the queries on the index already built")
    parser.add_argument(
        "--cache", default=os.environ.get("GONGKAI_BENCH_CACHE", str(ROOT / "var" / "bench-search"))
    )
    args = parser.parse_args()
    if args.quick:
        args.docs = 20_000
    if args.backend in ("postgres", "both"):
        os.environ["DATABASE_URL"] = _postgres_url()
    os.environ["GONGKAI_VAR_DIR"] = os.environ.get("GONGKAI_VAR_DIR") or tempfile.mkdtemp(
        prefix="gongkai-bench-"
    )

    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.GONGKAI_SEARCH_DIR = str(Path(args.cache) / f"tantivy-{args.docs}")
    from gongkai.search.interface import get_backend

    names = ["tantivy", "postgres"] if args.backend == "both" else [args.backend]
    print(
        f"corpus: {args.docs:,} documents from {len(_corpus().records):,} metadata records and "
        f"{len(_corpus().full)} full texts"
    )
    for name in names:
        if name == "postgres":
            call_command("migrate", "search", verbosity=0)
        backend = get_backend(name)
        if args.no_build:
            print("build: not measured (--no-build, the existing index)")
            build_s = 0.0
        else:
            build_s = build(backend, args.docs, args.procs, Path(args.cache))
        if name == "postgres" and not args.no_build:
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE search_searchentry")
        timings, cpu, firsts = run_queries(backend, args.repeat)
        report(name, args.docs, build_s, backend.size_bytes(), timings, cpu, firsts)


if __name__ == "__main__":
    main()
