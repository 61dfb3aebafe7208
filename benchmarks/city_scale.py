"""Issue 18 item 11: the city platform at scale — 500 agencies and 2,000,000 catalogue documents on PostgreSQL.

    .venv/bin/python benchmarks/city_scale.py --quick                  # 50 agencies, 20,000 documents (make bench)
    .venv/bin/python benchmarks/city_scale.py                          # 500 agencies, 2,000,000 (make bench-city)
    .venv/bin/python benchmarks/city_scale.py --agencies 500 --docs 400000

A dedicated PostgreSQL database (GONGKAI_BENCH_CITY_URL, default
postgres://postgres@127.0.0.1:5432/gongkai_city_bench; dropped and created again unless it already
holds this size, see --reload) is migrated and bulk-loaded with COPY:

- `--agencies` agencies of a city (市政府部门, 区县政府 and their bureaus), each with 5 departments and the
  5 catalogue columns of 条例 (决策/执行/管理/服务/结果公开); the first ten are ten times larger than the
  others (a city's large agencies). One more agency, `peer`, holds 20 documents: its catalogue page is
  the peer of the large ones, measured in the same run.
- `--docs` public 政府信息 (an InformationItem with one published revision each) with real titles and
  文号 (the 40k metadata records of ../shared/data, varied as the search benchmark varies them), the
  agency as issuer, and a summary cut from the real full texts and the demo's documents.
- the PostgreSQL search index of the same documents (COPY of the backend's own rows, the GIN index
  built once at the end). Segmentation: every distinct title and text chunk is segmented once with
  jieba and the tokens of a document are put together from them (a document's text is two 150-character
  chunks of the real texts), so the index of 2M documents does not need 30 minutes of jieba.

Then, in-process through Django's test client with every middleware (page cache not serving, so each
request renders; "cold" also drops the per-generation memo so every query runs), p50/p95 of: the
city-wide search (keywords, citizens' questions, with the agency facet; and narrowed to one agency),
an agency's catalogue page under /bm/<code>/, the city portal's directory and home page, beside the
peers (a trivial view, the 20-document agency's catalogue page). The slowest queries of each page are
run again under EXPLAIN (ANALYZE, BUFFERS) and written with the figures to
var/bench-city/report-<agencies>-<docs>.md (quoted in docs/performance.md).
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
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(HERE / "search"), str(ROOT)]
CACHE = Path(os.environ.get("GONGKAI_BENCH_CACHE", str(ROOT / "var" / "bench-city")))
TOKENS_VERSION = "1"
CHUNK_CHARS = 150
BATCH = 20_000
BIG_AGENCIES, BIG_FACTOR = 10, 10
PEER_DOCS = 20
DEFAULT_CODE = "szfb"  # 福州市人民政府办公厅: the agency at the root

CATEGORIES = ("decision", "execution", "management", "service", "result")
CATEGORY_NAMES = ("决策公开", "执行公开", "管理公开", "服务公开", "结果公开")
DEPARTMENTS = ("办公室", "政策法规处", "综合规划处", "财务审计处", "监督检查处")
CITY_BUREAUS = [
    "发展和改革委员会",
    "教育局",
    "科学技术局",
    "工业和信息化局",
    "公安局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源和规划局",
    "生态环境局",
    "住房和城乡建设局",
    "城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化和旅游局",
    "卫生健康委员会",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "国有资产监督管理委员会",
    "市场监督管理局",
    "体育局",
    "统计局",
    "医疗保障局",
    "城市管理委员会",
    "林业局",
    "海洋与渔业局",
    "信访局",
    "机关事务管理局",
    "大数据委员会",
    "金融工作办公室",
    "数字福州建设领导小组办公室",
    "人民防空办公室",
    "地方志编纂委员会",
    "粮食和物资储备局",
    "行政服务中心管理委员会",
    "残疾人联合会",
    "住房公积金中心",
    "港口发展中心",
    "园林中心",
    "供电公司",
    "气象局",
]
DISTRICTS = [
    "鼓楼区",
    "台江区",
    "仓山区",
    "晋安区",
    "马尾区",
    "长乐区",
    "福清市",
    "闽侯县",
    "连江县",
    "罗源县",
    "闽清县",
    "永泰县",
    "平潭综合实验区",
]
DISTRICT_BUREAUS = [
    "人民政府",
    "发展和改革局",
    "教育局",
    "科学技术局",
    "工业和信息化局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "商务局",
    "文体旅局",
    "卫生健康局",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "城市管理局",
    "水利局",
    "生态环境局",
    "自然资源局",
    "信访局",
    "林业局",
    "机关事务服务中心",
    "融媒体中心",
    "行政服务中心",
    "街道办事处",
    "乡镇人民政府",
    "园林中心",
    "人民防空办公室",
    "国有资产服务中心",
]
NOTES = ["", "（修订）", "（汇编本）", "（第二次修订）", "（征求意见稿）", "（转发）", "（解读）", "（节选）"]
_NUMBER = re.compile(r"(〔|\[|\()(\d{4})(〕|\]|\))(\d+)号")
_META_TOKEN = re.compile(r"\d+|[^\W\d_]+")

KEYWORDS = ["统计", "教育", "医疗保障", "营商环境", "国办发〔2019〕6号"]
QUESTIONS = [
    "孩子上小学报名要准备哪些材料？",
    "失业保险稳岗返还怎么申请",
    "子女教育专项附加扣除每月能扣多少？",
    "政府性融资担保基金担保费率是多少",
    "统计公报一般每年几月份发布？",
]


# --- the database ------------------------------------------------------------------------------------
def database_url() -> str:
    return os.environ.get("GONGKAI_BENCH_CITY_URL") or "postgres://postgres@127.0.0.1:5432/gongkai_city_bench"


def prepare_database(url: str, size: str, reload: bool) -> bool:
    """True when the database already holds this size (nothing to load). Otherwise it is created again
    from `<name>_template`, a database kept migrated (a migration of a new database takes minutes)."""
    import subprocess

    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    template = f"{name}_template"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not reload:
            with psycopg.connect(url) as db:
                found = db.execute("SELECT to_regclass('bench_city_size')").fetchone()[0]
                if found and db.execute("SELECT size FROM bench_city_size").fetchone()[0] == size:
                    return True
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone():
            conn.execute(f'CREATE DATABASE "{template}"')
    env = {
        **os.environ,
        "DATABASE_URL": url.rsplit("/", 1)[0] + "/" + template,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "GONGKAI_VAR_DIR": tempfile.mkdtemp(prefix="gongkai-bench-city-"),
    }
    started = time.perf_counter()
    for command in (["createcachetable"], ["migrate", "--noinput", "-v0"]):
        subprocess.run([sys.executable, str(ROOT / "manage.py"), *command], env=env, check=True)
    print(f"template database migrated ({time.perf_counter() - started:.0f} s)", flush=True)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return False


# --- the corpus ----------------------------------------------------------------------------------------
def agency_names(n: int) -> list[tuple[str, str, str]]:
    """(code, name, kind) of n agencies: the city's departments, then the districts and their bureaus."""
    out = [(DEFAULT_CODE, "福州市人民政府办公厅", "city_department")]
    out += [(f"s{i:02d}", f"福州市{b}", "city_department") for i, b in enumerate(CITY_BUREAUS)]
    for bi, bureau in enumerate(DISTRICT_BUREAUS):
        for di, district in enumerate(DISTRICTS):
            kind = "district" if bureau == "人民政府" else "other"
            out.append((f"d{di:02d}{bi:02d}", f"福州市{district}{bureau}", kind))
    k = 0
    while len(out) < n:  # beyond the city's own list: numbered units of the districts
        out.append(
            (
                f"x{k:04d}",
                f"福州市{DISTRICTS[k % len(DISTRICTS)]}第{k // len(DISTRICTS) + 1}服务中心",
                "other",
            )
        )
        k += 1
    return out[:n]


class Texts:
    """Real titles, 文号 and text chunks, each distinct string segmented once (cached on disk)."""

    def __init__(self, names: list[str]):
        from corpus import demo_documents, full_texts, metadata_records

        records = metadata_records()
        self.titles = [r["title"].replace("\n", " ")[:180] for r in records]
        self.numbers = [r.get("doc_number_文号") or "" for r in records]
        self.dates = [r.get("publish_date_发布日期") or "" for r in records]
        pool = "".join(d.body for d in full_texts() + demo_documents() if d.body)
        pool = re.sub(r"\s+", "", pool)
        self.chunks = [pool[i : i + CHUNK_CHARS] for i in range(0, len(pool) - CHUNK_CHARS, CHUNK_CHARS)]
        self.names = names
        self.tokens = self._segmented()

    def _segmented(self) -> dict:
        digest = hashlib.blake2b(
            "\x00".join([*self.titles, *self.chunks, *self.names, *NOTES, *CATEGORY_NAMES]).encode(),
            digest_size=8,
        ).hexdigest()
        path = CACHE / f"tokens-v{TOKENS_VERSION}-{digest}.marshal"
        if path.exists():
            return marshal.loads(path.read_bytes())
        from gongkai.search import segment

        started = time.perf_counter()
        print(f"segmenting {len(self.titles) + len(self.chunks):,} distinct titles and chunks …", flush=True)
        tokens = {
            "titles": [segment.index_tokens(t) for t in self.titles],
            "chunks": [segment.index_tokens(c) for c in self.chunks],
            "names": [segment.index_tokens(n) for n in self.names],
            "notes": [segment.index_tokens(n) for n in NOTES],
            "categories": [segment.index_tokens(c) for c in CATEGORY_NAMES],
        }
        CACHE.mkdir(parents=True, exist_ok=True)
        path.write_bytes(marshal.dumps(tokens))
        print(f"segmentation: {time.perf_counter() - started:.0f} s (cached in {path})", flush=True)
        return tokens


def _vary_number(number: str, k: int) -> str:
    if k == 0 or not number:
        return number
    return _NUMBER.sub(lambda m: f"{m[1]}{int(m[2]) - k % 20}{m[3]}{int(m[4]) + 1000 * k}号", number)


def _published(text: str, i: int, k: int) -> datetime:
    m = re.search(r"(\d{4})\D(\d{1,2})\D(\d{1,2})", text)
    if m:
        year, month, day = int(m[1]), int(m[2]), min(int(m[3]), 28)
    else:
        year, month, day = 2015, 1 + i % 12, 1 + i % 28
    year = max(2008, min(2026, year - k % 12))
    return datetime(year, month, day, 9, i % 60, tzinfo=UTC)


def shares(n_agencies: int, docs: int) -> list[int]:
    weights = [BIG_FACTOR if a < BIG_AGENCIES else 1 for a in range(n_agencies)]
    total = sum(weights)
    counts = [docs * w // total for w in weights]
    counts[-1] += docs - sum(counts)
    return counts


# --- loading -------------------------------------------------------------------------------------------
def _copy(cursor, table: str, columns: tuple, rows) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


ITEM_COLUMNS = [
    "id",
    "index_number",
    "slug",
    "source",
    "source_url",
    "first_published_at",
    "created_at",
    "agency_id",
    "department_id",
    "current_revision_id",
]
REVISION_COLUMNS = [
    "id",
    "number",
    "status",
    "title",
    "summary",
    "topic",
    "issuer",
    "written_on",
    "document_number",
    "published_at",
    "validity",
    "disclosure_mode",
    "withheld_reason",
    "category",
    "body",
    "change_note",
    "withdrawal_reason",
    "created_at",
    "updated_at",
    "department_id",
    "item_id",
    "node_id",
    "needs_interpretation",
    "agency_id",
    "source",
]


def load(n_agencies: int, docs: int) -> dict:
    """Agencies, departments, columns, items, revisions and search rows, all with COPY."""
    from django.db import connection, transaction

    from gongkai.search.backends.postgres_backend import _COLUMNS, key, month_token, tsvector_literal

    started = time.perf_counter()
    agencies = agency_names(n_agencies) + [("peer", "福州市对照机关", "other")]
    counts = shares(n_agencies, docs) + [PEER_DOCS]
    texts = Texts([name for _, name, _ in agencies])
    tk = texts.tokens
    now = datetime.now(UTC)
    raw = connection.cursor().cursor
    with transaction.atomic():
        _copy(
            raw,
            "core_agency",
            (
                "id",
                "code",
                "name",
                "short_name",
                "organisation_code",
                "area_code",
                "is_active",
                "created_at",
                "kind",
                "site_host",
                "sort_order",
            ),
            (
                (
                    a + 1,
                    code,
                    name,
                    name.removeprefix("福州市")[:40],
                    f"BM{a + 1:07d}",
                    "350100",
                    True,
                    now,
                    kind,
                    "",
                    a,
                )
                for a, (code, name, kind) in enumerate(agencies)
            ),
        )
        _copy(
            raw,
            "accounts_department",
            ("id", "name", "code", "duties", "sort_order", "is_active", "agency_id"),
            (
                (a * 5 + d + 1, dep, f"dep{d}", "", d, True, a + 1)
                for a in range(len(agencies))
                for d, dep in enumerate(DEPARTMENTS)
            ),
        )
        _copy(
            raw,
            "catalogue_cataloguenode",
            (
                "id",
                "depth",
                "name",
                "code",
                "content",
                "basis",
                "time_limit",
                "subject",
                "channels",
                "audience",
                "mode",
                "level",
                "sort_order",
                "is_active",
                "agency_id",
            ),
            (
                (
                    a * 5 + c + 1,
                    1,
                    CATEGORY_NAMES[c],
                    CATEGORIES[c],
                    "",
                    "《中华人民共和国政府信息公开条例》",
                    "信息形成或者变更之日起20个工作日内",
                    "",
                    "政府网站",
                    "全社会",
                    "主动公开",
                    "市级",
                    c,
                    True,
                    a + 1,
                )
                for a in range(len(agencies))
                for c in range(5)
            ),
        )
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS search_entry_vector_gin")
        cursor.execute("TRUNCATE search_searchentry")
    deferred = _drop_indexes(("catalogue_informationitem", "catalogue_itemrevision", "search_searchentry"))
    n_titles, n_chunks = len(texts.titles), len(texts.chunks)
    i = 0
    todo = [(a, c) for a, c in enumerate(counts)]
    batch_items, batch_revs, batch_search = [], [], []

    def flush():
        with transaction.atomic():
            # The rows are consistent by construction: no foreign-key trigger per row (superuser only).
            raw.execute("SET LOCAL session_replication_role = replica")
            _copy(raw, "catalogue_informationitem", ITEM_COLUMNS, batch_items)
            _copy(raw, "catalogue_itemrevision", REVISION_COLUMNS, batch_revs)
            _copy(raw, "search_searchentry", (*_COLUMNS, "vector"), batch_search)
        batch_items.clear(), batch_revs.clear(), batch_search.clear()

    for a, count in todo:
        code, name, _kind = agencies[a]
        for seq in range(count):
            k, j = divmod(i, n_titles)
            c1 = int.from_bytes(hashlib.blake2b(i.to_bytes(4, "big"), digest_size=4).digest()) % n_chunks
            c2 = (c1 * 7 + 13) % n_chunks
            title = texts.titles[j] + NOTES[k % len(NOTES)]
            number = _vary_number(texts.numbers[j], k)
            published = _published(texts.dates[j], i, k)
            cat = i % 5
            text = texts.chunks[c1] + texts.chunks[c2]
            pk = i + 1
            slug = f"i{pk}"
            index_number = f"BM{a + 1:07d}/{published.year}-{seq + 1:05d}"
            department = a * 5 + i % 5 + 1
            validity = "in_force" if i % 7 else "repealed"
            source = "higher_level" if i % 20 == 0 else "own"
            batch_items.append(
                (pk, index_number, slug, source, "", published, published, a + 1, department, pk)
            )
            batch_revs.append(
                (
                    pk,
                    1,
                    "published",
                    title,
                    text[:120],
                    "",
                    name,
                    published.date(),
                    number,
                    published,
                    validity,
                    "proactive",
                    "",
                    CATEGORIES[cat],
                    "",
                    "",
                    "",
                    published,
                    published,
                    department,
                    pk,
                    a * 5 + cat + 1,
                    False,
                    a + 1,
                    source,
                )
            )
            title_tokens = tk["titles"][j] + tk["notes"][k % len(NOTES)]
            meta_tokens = _META_TOKEN.findall(number) + tk["names"][a] + tk["categories"][cat]
            vector = tsvector_literal(
                [(title_tokens, "A"), (meta_tokens, "B"), (tk["chunks"][c1] + tk["chunks"][c2], "D")]
            )
            vector = f"{vector} '{month_token(published)}'"
            batch_search.append(
                (
                    f"item:{pk}",
                    "item",
                    str(pk),
                    a + 1,
                    title,
                    f"/xxgk/items/{slug}/",
                    number,
                    key(number)[:100],
                    index_number,
                    key(index_number)[:100],
                    name,
                    CATEGORY_NAMES[cat],
                    published.year,
                    "有效" if validity == "in_force" else "废止",
                    published,
                    text,
                    vector,
                )
            )
            i += 1
            if len(batch_items) >= BATCH:
                flush()
                if i % (BATCH * 10) == 0:
                    rate = i / (time.perf_counter() - started)
                    print(f"  {i:,} documents loaded ({rate:,.0f}/s)", flush=True)
    if batch_items:
        flush()
    copy_s = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for definition in deferred:
            cursor.execute(definition)
        cursor.execute("RESET maintenance_work_mem")
    index_s = time.perf_counter() - started - copy_s
    print(f"  {len(deferred)} indexes built again ({index_s:.0f} s)", flush=True)
    import importlib

    gin = importlib.import_module("gongkai.search.migrations.0002_postgres_gin_index").FORWARD[0]
    with connection.cursor() as cursor:
        for table in (
            "core_agency",
            "accounts_department",
            "catalogue_cataloguenode",
            "catalogue_informationitem",
            "catalogue_itemrevision",
            "search_searchentry",
        ):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute(gin)
        cursor.execute("RESET maintenance_work_mem")
    gin_s = time.perf_counter() - started - copy_s - index_s
    for table in ("catalogue_informationitem", "catalogue_itemrevision", "search_searchentry", "core_agency"):
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {table}")
    return {
        "index_s": index_s,
        "copy_s": copy_s,
        "gin_s": gin_s,
        "total_s": time.perf_counter() - started,
        "agencies": agencies,
        "counts": counts,
    }


def _drop_indexes(tables) -> list[str]:
    """Drop the secondary indexes of `tables` (not those of constraints) and return their definitions:
    building an index once after the COPY is many times faster than keeping it up to date row by row."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
            "WHERE t.relname = ANY(%s) AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)",
            [list(tables)],
        )
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in found]


# --- measuring -----------------------------------------------------------------------------------------
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


AGENCY_TABLE = re.compile(r'FROM\s+"core_agency"', re.I)


def measure(client, url: str, repeat: int, *, cold: bool) -> tuple[list[float], int, int, int]:
    """Timings (ms) of `repeat` GETs after one warm-up, the number of queries of the first request
    after the warm-up and how many of them read the agency table (agency resolution: none), status."""
    from django.db import connection

    from gongkai.core import pagecache

    if cold:
        pagecache._memo.clear()
    client.get(url)  # the warm-up: the site directory memo of this process is built
    if cold:
        pagecache._memo.clear()
    statements = []
    with connection.execute_wrapper(lambda execute, sql, *a: statements.append(sql) or execute(sql, *a)):
        response = client.get(url)
    agency_reads = sum(1 for sql in statements if AGENCY_TABLE.search(sql))
    timings = []
    for _ in range(repeat):
        if cold:
            pagecache._memo.clear()
        t = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - t) * 1000)
    return timings, len(statements), agency_reads, response.status_code


def slowest_queries(client, url: str, n: int) -> list[tuple[float, str, list[str]]]:
    """The n slowest SQL statements of one cold request (with the SET statements before each)."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from gongkai.core import pagecache

    pagecache._memo.clear()
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    found, sets = [], []
    for q in captured.captured_queries:
        sql = q["sql"]
        if sql.upper().startswith("SET "):
            sets.append(sql)
        elif sql.upper().startswith(("SELECT", "WITH")) and "gongkai_cache" not in sql:
            found.append((float(q["time"]) * 1000, sql, list(sets)))
    return sorted(found, key=lambda f: -f[0])[:n]


def explain(sql: str, sets: list[str]) -> str:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        for s in sets:
            cursor.execute(s)
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        plan = "\n".join(r[0] for r in cursor.fetchall())
        transaction.set_rollback(True)
    return plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=500)
    parser.add_argument("--docs", type=int, default=2_000_000)
    parser.add_argument("--quick", action="store_true", help="50 agencies, 20,000 documents (make bench)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--reload", action="store_true", help="load again even if the database holds this size"
    )
    parser.add_argument("--plans", type=int, default=3, help="slowest queries explained per page")
    parser.add_argument("--load-only", action="store_true", help="load the database, measure nothing")
    args = parser.parse_args()
    if args.quick:
        args.agencies, args.docs, args.repeat = 50, 20_000, 10
    size = f"{args.agencies}-{args.docs}"
    url = database_url()
    loaded = prepare_database(url, size, args.reload)
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="bench_settings",
        GONGKAI_SEARCH_BACKEND="postgres",
        GONGKAI_DEFAULT_AGENCY=DEFAULT_CODE,
        GONGKAI_PAGE_CACHE_SERVE="0",
        GONGKAI_ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
    )
    os.environ["GONGKAI_VAR_DIR"] = str(CACHE / "var")  # collected static files, kept between runs
    import django
    from django.core.management import call_command

    django.setup()
    call_command("collectstatic", "--noinput", verbosity=0)
    from django.db import connection

    print(
        f"city platform at scale: {args.agencies} agencies, {args.docs:,} documents; "
        f"load average {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    report = [
        f"### {args.agencies} agencies, {args.docs:,} documents ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)",
        "",
    ]
    if loaded:
        print("database already holds this size: not loaded again (--reload to load)")
        report.append("Load: not measured in this run (the database held this size already).")
    else:
        result = load(args.agencies, args.docs)
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE bench_city_size (size text)")
            cursor.execute("INSERT INTO bench_city_size VALUES (%s)", [size])
        line = (
            f"Load: COPY of agencies, departments, columns, items, revisions "
            f"and search rows {result['copy_s']:.0f} s ({args.docs / result['copy_s']:,.0f} documents/s); "
            f"the other indexes built after it {result['index_s']:.0f} s; "
            f"GIN index {result['gin_s']:.0f} s; with VACUUM ANALYZE {result['total_s']:.0f} s."
        )
        print(line, flush=True)
        report.append(line)
    if args.load_only:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database())), "
            "pg_size_pretty(pg_total_relation_size('search_searchentry')), "
            "pg_size_pretty(pg_total_relation_size('catalogue_itemrevision') "
            "+ pg_total_relation_size('catalogue_informationitem'))"
        )
        db_size, search_size, catalogue_size = cursor.fetchone()
        cursor.execute("SELECT code FROM core_agency ORDER BY id")
        codes = [r[0] for r in cursor.fetchall()]
        cursor.execute(
            "SELECT a.code, count(*) FROM catalogue_informationitem i JOIN core_agency a ON a.id = i.agency_id "
            "WHERE a.code = ANY(%s) GROUP BY a.code",
            [[codes[0], codes[BIG_AGENCIES + 5], "peer"]],
        )
        sizes = dict(cursor.fetchall())
    report.append(f"Database {db_size} (search table {search_size}, catalogue tables {catalogue_size}).")
    report.append("")
    big, normal = codes[0], codes[BIG_AGENCIES + 5]
    from django.test import Client

    client = Client()
    pages = [
        ("peer: a trivial view", "/__bench/trivial", False),
        (
            f"peer: catalogue page, `peer` ({sizes.get('peer', 0)} documents)",
            "/bm/peer/xxgk/catalogue/",
            True,
        ),
        (
            f"catalogue page, large agency `{big}` ({sizes.get(big, 0):,} documents)",
            f"/bm/{big}/xxgk/catalogue/",
            True,
        ),
        ("  … page 50", f"/bm/{big}/xxgk/catalogue/?page=50", True),
        ("  … 2019, 决策公开", f"/bm/{big}/xxgk/catalogue/?year=2019&category=decision", True),
        (
            f"catalogue page, agency `{normal}` ({sizes.get(normal, 0):,} documents)",
            f"/bm/{normal}/xxgk/catalogue/",
            True,
        ),
        (
            f"catalogue page, `{normal}` with the page cache's memo (warm)",
            f"/bm/{normal}/xxgk/catalogue/",
            False,
        ),
        (f"city portal: directory of {len(codes)} agencies", "/city/agencies/", True),
        ("city portal: home (latest lists)", "/city/", True),
    ]
    searches = [(f"city search: {q}", f"/city/search/?q={q}") for q in KEYWORDS]
    searches += [(f"city search (question): {q}", f"/city/search/?q={q}") for q in QUESTIONS]
    searches += [
        (f"city search narrowed to `{big}`: {q}", f"/city/search/?q={q}&agency={big}") for q in KEYWORDS[:3]
    ]
    rows = []
    print(f"\n{'page':<62}{'queries':>8}{'agency':>7}{'p50 ms':>10}{'p95 ms':>10}{'load':>6}")
    for label, path, cold in pages:
        timings, queries, agency_reads, status = measure(client, path, args.repeat, cold=cold)
        assert status == 200, (path, status)
        la = os.getloadavg()[0]
        rows.append((label, queries, statistics.median(timings), pct(timings, 95), agency_reads, la))
        print(
            f"{label[:60]:<62}{queries:>8}{agency_reads:>7}{rows[-1][2]:>10.1f}{rows[-1][3]:>10.1f}{la:>6.1f}",
            flush=True,
        )
    groups = {"keywords": [], "questions": [], "narrowed": []}
    counts = {group: set() for group in groups}
    for label, path in searches:
        timings, queries, agency_reads, status = measure(client, path, max(3, args.repeat // 4), cold=True)
        assert status == 200, (path, status)
        group = "narrowed" if "narrowed" in label else "questions" if "question" in label else "keywords"
        groups[group] += timings
        counts[group].add(f"{queries}/{agency_reads}")
        print(
            f"{label[:60]:<62}{queries:>8}{agency_reads:>7}{statistics.median(timings):>10.1f}"
            f"{pct(timings, 95):>10.1f}{os.getloadavg()[0]:>6.1f}",
            flush=True,
        )
    for group, timings in groups.items():
        queries = ", ".join(sorted({c.split("/")[0] for c in counts[group]}, key=int))
        agency_reads = ", ".join(sorted({c.split("/")[1] for c in counts[group]}))
        la = os.getloadavg()[0]
        rows.append(
            (
                f"city search, {group} (with the agency facet), all",
                queries,
                statistics.median(timings),
                pct(timings, 95),
                agency_reads,
                la,
            )
        )
        print(f"{rows[-1][0]:<62}{'':>8}{'':>7}{rows[-1][2]:>10.1f}{rows[-1][3]:>10.1f}{la:>6.1f}")
    report += [
        "| page (in-process, test client, cold: every query runs) | queries | of them on the agency table "
        "| p50 ms | p95 ms | load (1 min) |",
        "|---|---|---|---|---|---|",
    ]
    report += [
        f"| {label.strip()} | {q} | {a} | {p50:.1f} | {p95:.1f} | {la:.2f} |"
        for label, q, p50, p95, a, la in rows
    ]
    report.append("")
    report.append(f"Load average after the timings: {os.getloadavg()[0]:.2f}.")
    report.append("")
    for label, path in [
        (f"catalogue page of `{big}`", f"/bm/{big}/xxgk/catalogue/"),
        ("city portal home", "/city/"),
        ("city search `统计`", "/city/search/?q=统计"),
        ("city search (question)", f"/city/search/?q={QUESTIONS[0]}"),
    ]:
        report.append(f"#### Plans: {label} (`{path}`), the {args.plans} slowest queries")
        for ms, sql, sets in slowest_queries(client, path, args.plans):
            report += ["", f"{ms:.1f} ms:", "```sql", sql[:3000], "```", "```", explain(sql, sets), "```"]
        report.append("")
    CACHE.mkdir(parents=True, exist_ok=True)
    out = CACHE / f"report-{size}.md"
    out.write_text("\n".join(report) + "\n", encoding="utf-8")
    print(f"\nreport with the query plans: {out}")


if __name__ == "__main__":
    main()
