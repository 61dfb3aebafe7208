"""Issue 19 item 4: how fast the statistical importer writes observations, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bulk_load.py [--quick] [--obs 1000000] [--backend sqlite|postgres|both] [--file]

`services.write_parsed` (the path of `gongkai import` and of every upload: all or nothing, one version)
writes N parsed cells of a fresh INDICATOR × AREA × TIME cube; beside it, in the same run and on the
same database, the ORM's `bulk_create` of Observation instances in batches of 2,000 — what the importer
did before (COPY on PostgreSQL, executemany on SQLite now). Target: ≥ 50,000 observations/s.
Then, each in a fresh process, the streamed file import (bulk_import, `gongkai import data long`): an
N-row CSV (written beforehand by another process, so that the RSS figure is the import's own) read row
by row into a new dataset, with its rate and peak RSS growth (memory bounded); beside it, in the same
process, the same file imported again (the diff path: every cell compared, all unchanged), the
previous path (ADR 0053: parse_long for every row, staged, diffed in SQL) into another new dataset, and
the raw peer (`raw_insert`: the same rows, already in memory, written by the bare driver — sqlite3
executemany / psycopg COPY — into a copy of the observation table in the same database).
`--file` runs only that part. PostgreSQL: GONGKAI_BENCH_BULK_URL (default
postgres://postgres@127.0.0.1:5432/gongkai_bench_bulk).
"""

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET = 50_000


def _postgres_url(keep: bool = False) -> str:
    """A fresh database (`keep`: the one named, made only when missing — an already migrated one)."""
    import psycopg

    url = os.environ.get("GONGKAI_BENCH_BULK_URL") or "postgres://postgres@127.0.0.1:5432/gongkai_bench_bulk"
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if keep and conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return url
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url


def _cube(obs: int):
    """The benchmark cube's shape: 10 indicators × N areas × 100 years (1926-2025)."""
    periods = [str(1926 + p) for p in range(100)]
    return 10, max(1, obs // 1000), periods


def _parsed(obs: int, code: str, cells: bool = True):
    from decimal import Decimal

    from gongkai.opendata.importers import ParsedCell, ParsedDataset, ParsedDimension, ParsedIndicator

    periods = [str(1926 + p) for p in range(100)]
    indicators = 10
    areas = max(1, obs // (indicators * len(periods)))
    area_codes = [(f"{350000 + i:06d}", f"地区{i}", "") for i in range(areas)]
    cells = [
        ParsedCell((f"I{i}", area), period, Decimal(f"{(i * 7919 + a * 104729 + p) % 100000}.5"), line=n)
        for n, (i, (a, (area, _, _)), (p, period)) in enumerate(
            (
                (i, ai, pi)
                for i in range(indicators)
                for ai in enumerate(area_codes)
                for pi in enumerate(periods)
            ),
            start=2,
        )
        if cells
    ]
    return ParsedDataset(
        code=code,
        title="批量导入基准",
        frequency="A",
        dimensions=[
            ParsedDimension("INDICATOR", "指标", "indicator"),
            ParsedDimension("AREA", "地区", "area", "CL_AREA"),
        ],
        codelists={"CL_AREA": ("行政区划", area_codes)},
        indicators={f"I{i}": ParsedIndicator(f"I{i}", f"指标{i}", "元", 1) for i in range(indicators)},
        cells=cells,
    )


def run(obs: int, backend: str) -> None:
    from django.db import transaction

    from gongkai.accounts.guard import SYSTEM
    from gongkai.core.models import Agency
    from gongkai.opendata import services
    from gongkai.opendata.models import Observation

    agency, _ = Agency.objects.get_or_create(
        code="bulk", defaults={"name": "批量导入基准", "organisation_code": "BULK00001"}
    )
    parsed = _parsed(obs, "bulk-copy")
    n = len(parsed.cells)
    started = time.perf_counter()
    (result,) = services.write_parsed([parsed], actor=SYSTEM, agency=agency)
    importer = time.perf_counter() - started
    assert Observation.objects.filter(version=result.version).count() == n

    # The peer: the previous write path, bulk_create of model instances, on a second dataset.
    peer_parsed = _parsed(obs, "bulk-orm")
    (peer_result,) = services.write_parsed([_parsed(10, "bulk-orm")], actor=SYSTEM, agency=agency)
    dataset, version = peer_result.dataset, peer_result.version
    from gongkai.opendata.models import Series

    series = {}
    for cell in peer_parsed.cells:
        key = ".".join(cell.key)
        if key not in series:
            series[key] = Series(
                dataset=dataset,
                key=key,
                indicator_id=peer_result.version.dataset.series.first().indicator_id,
                area=cell.key[1],
                first_version=version,
                dims={"INDICATOR": cell.key[0], "AREA": cell.key[1]},
            )
    Series.objects.filter(dataset=dataset).delete()
    Series.objects.bulk_create(series.values(), batch_size=2000)
    ids = dict(Series.objects.filter(dataset=dataset).values_list("key", "pk"))
    started = time.perf_counter()
    with transaction.atomic():
        batch = []
        for cell in peer_parsed.cells:
            batch.append(
                Observation(
                    dataset=dataset,
                    series_id=ids[".".join(cell.key)],
                    period=cell.period,
                    version=version,
                    value=cell.value,
                    status="F",
                )
            )
            if len(batch) >= 2000:
                Observation.objects.bulk_create(batch)
                batch = []
        Observation.objects.bulk_create(batch)
    orm = time.perf_counter() - started
    rate, peer = n / importer, n / orm
    print(
        f"{backend:<10}{n:>12,}{rate:>14,.0f}{peer:>14,.0f}{rate / peer:>8.1f}x   target ≥ {TARGET:,}/s: "
        f"{'met' if rate >= TARGET else 'NOT met'}"
    )


def write_csv(obs: int, path: Path) -> None:
    """The N-row long-format CSV of the cube (run in its own process, so that the importing process's
    peak RSS is the import's own)."""
    import csv

    indicators, areas, periods = _cube(obs)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["indicator", "area", "period", "value"])
        for i in range(indicators):
            for a in range(areas):
                area = f"{350000 + a:06d}"
                out.writerows(
                    (f"I{i}", area, period, f"{(i * 7919 + a * 104729 + p) % 100000}.5")
                    for p, period in enumerate(periods)
                )


def _file_import(path: Path, code: str, *, previous: bool = False):
    """Imports the CSV into a fresh dataset `code`; returns (seconds, peak RSS growth MB, result).
    `previous`: the path before this one (ADR 0053) — parse_long for every row, staged, diffed in SQL."""
    import resource

    from gongkai.accounts.guard import SYSTEM
    from gongkai.core.models import Agency
    from gongkai.opendata import bulk_import, services
    from gongkai.opendata.models import DataResource, Dataset

    agency, _ = Agency.objects.get_or_create(
        code="bulk", defaults={"name": "批量导入基准", "organisation_code": "BULK00001"}
    )
    Dataset.objects.filter(agency=agency, code=code).delete()  # a fresh dataset each run
    DataResource.objects.filter(agency=agency, code=code).delete()
    obs = sum(1 for _ in path.open(encoding="utf-8")) - 1
    services.write_parsed([_parsed(obs, code, cells=False)], actor=SYSTEM, agency=agency)
    dataset = Dataset.objects.get(agency=agency, code=code)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    if previous:
        layout, bulk_import.layout = bulk_import.layout, lambda header, dims: None
        try:
            result = bulk_import._import(path, dataset, SYSTEM, "", None, None, direct=False)
        finally:
            bulk_import.layout = layout
    else:
        result = bulk_import.import_long(path, dataset=dataset, actor=SYSTEM)
    seconds = time.perf_counter() - started
    growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before
    return seconds, growth, result, dataset


def raw_insert(path: Path) -> tuple[float, float, int]:
    """The peer: the same file's rows, read beforehand into tuples, written by the driver alone — raw
    sqlite3 `executemany` in one transaction / raw psycopg COPY (`write_row`) — into a new table made
    like the observation table (its primary key, unique constraint and indexes), in the same database.
    Returns (seconds, CPU seconds of this process, rows)."""
    import csv

    from django.db import connection

    series: dict[str, int] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows = [
            (1, series.setdefault(f"{i}.{a}", len(series) + 1), p, 1, v or None, "F", None)
            for i, a, p, v in reader
        ]
    columns = "dataset_id, series_id, period, version_id, value, status, respondents"
    raw = connection.connection
    if connection.vendor == "postgresql":
        raw.execute("DROP TABLE IF EXISTS bench_peer_obs")
        raw.execute("CREATE TABLE bench_peer_obs (LIKE opendata_observation INCLUDING ALL)")
        raw.commit()
        started, cpu = time.perf_counter(), time.process_time()
        with raw.transaction(), raw.cursor() as cursor:  # one transaction, as the import's
            for start in range(0, len(rows), 20_000):
                with cursor.copy(f"COPY bench_peer_obs ({columns}) FROM STDIN") as copy:
                    for row in rows[start : start + 20_000]:
                        copy.write_row(row)
    else:
        schema = [
            sql.replace("opendata_observation", "bench_peer_obs").replace("opendata_obs_", "bench_peer_")
            for (sql,) in raw.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = 'opendata_observation' AND sql IS NOT NULL"
            )
        ]
        raw.execute("DROP TABLE IF EXISTS bench_peer_obs")
        for sql in schema:
            raw.execute(sql)
        raw.commit()
        started, cpu = time.perf_counter(), time.process_time()
        raw.execute("BEGIN")
        for start in range(0, len(rows), 20_000):
            raw.executemany(
                f"INSERT INTO bench_peer_obs ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows[start : start + 20_000],
            )
        raw.commit()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    raw.execute("DROP TABLE bench_peer_obs")
    raw.commit()
    return seconds, cpu, len(rows)


def run_file(path: Path, backend: str) -> None:
    """The streamed file import (`gongkai import data long`, bulk_import) of the CSV at `path` into a new
    dataset: rate and peak RSS growth; then the same file again into it (every cell compared with the
    stored one: all unchanged); then the previous path into another new dataset, in the same process."""
    from gongkai.accounts.guard import SYSTEM
    from gongkai.opendata import bulk_import
    from gongkai.opendata.models import Observation

    warm = path.with_name("warm.csv")  # the first import's one-off costs (imports, caches) out of the figures
    with path.open(encoding="utf-8") as source, warm.open("w", encoding="utf-8") as out:
        out.writelines(itertools.islice(source, 1001))
    _file_import(warm, "bulk-file-warm")
    warm.unlink()
    load = os.getloadavg()[0]
    cpu = time.process_time()
    seconds, growth, result, dataset = _file_import(path, "bulk-file")
    cpu = time.process_time() - cpu
    n = result.new
    assert n == Observation.objects.filter(version=result.version).count()
    started = time.perf_counter()
    again = bulk_import.import_long(path, dataset=dataset, actor=SYSTEM)
    diff_seconds = time.perf_counter() - started
    assert again.unchanged == n and again.version is None
    peer_seconds, _, peer, _ = _file_import(path, "bulk-file-prev", previous=True)
    assert peer.new == n
    raw_seconds, raw_cpu, raw_n = raw_insert(path)
    rate, peer_rate, raw_rate = n / seconds, n / peer_seconds, raw_n / raw_seconds
    print(
        f"{backend:<10}{n:>12,}{rate:>12,.0f}{raw_rate:>12,.0f}{peer_rate:>12,.0f}{rate / peer_rate:>7.1f}x"
        f"{n / diff_seconds:>14,.0f}{growth:>9,.0f} MB   target ≥ {TARGET:,}/s: {'met' if rate >= TARGET else 'NOT met'}"
        f"\n{'':<10}CPU of this process: import {cpu:.1f} s, raw insert {raw_cpu:.1f} s "
        f"(file {path.stat().st_size / 1e6:,.0f} MB, load {load:.1f} → {os.getloadavg()[0]:.1f})",
        flush=True,
    )


FILE_HEADER = (
    f"{'database':<10}{'obs':>12}{'import /s':>12}{'raw /s':>12}{'previous /s':>12}{'ratio':>8}{'re-import /s':>14}"
    f"{'peak RSS':>12}"
)


def _file_runs(obs: int, backends) -> None:
    """Each backend in a fresh process, the CSV written beforehand by another."""
    path = Path(tempfile.mkdtemp(prefix="gongkai-bench-file-")) / "long.csv"
    subprocess.run([sys.executable, __file__, "--write-csv", str(path), "--obs", str(obs)], check=True)
    try:
        for backend in backends:
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--obs",
                    str(obs),
                    "--backend",
                    backend,
                    "--file",
                    "--csv",
                    str(path),
                ],
                check=False,
            )
    finally:
        path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--obs", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="200,000 observations")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--file", action="store_true", help="only the streamed file import (bulk_import)")
    parser.add_argument("--csv", type=Path, help=argparse.SUPPRESS)  # --file: the CSV already written
    parser.add_argument("--write-csv", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.obs = 200_000
    if args.write_csv:
        write_csv(args.obs, args.write_csv)
        return
    if args.file and not args.csv:
        print(f"streamed file import (gongkai import data long), load average {os.getloadavg()[0]:.2f}")
        print(FILE_HEADER)
        _file_runs(args.obs, ["sqlite", "postgres"] if args.backend == "both" else [args.backend])
        return
    if args.backend == "both":
        print(f"bulk load, load average {os.getloadavg()[0]:.2f}")
        print(f"{'database':<10}{'observations':>12}{'importer /s':>14}{'bulk_create /s':>14}{'ratio':>8}")
        for backend in ("sqlite", "postgres"):
            subprocess.run(
                [sys.executable, __file__, "--obs", str(args.obs), "--backend", backend], check=False
            )
        print("\nstreamed file import (gongkai import data long), each in a fresh process")
        print(FILE_HEADER)
        _file_runs(args.obs, ["sqlite", "postgres"])
        print(f"load average after: {os.getloadavg()[0]:.2f}")
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    # GONGKAI_BENCH_VAR (SQLite) / GONGKAI_BENCH_BULK_URL with --file (PostgreSQL): reuse a migrated database.
    os.environ["GONGKAI_VAR_DIR"] = os.environ.get("GONGKAI_BENCH_VAR") or tempfile.mkdtemp(
        prefix="gongkai-bench-bulk-"
    )
    if args.backend == "postgres":
        os.environ["DATABASE_URL"] = _postgres_url(keep=args.file)
    else:
        os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    if args.file:
        run_file(args.csv, args.backend)
    else:
        run(args.obs, args.backend)


if __name__ == "__main__":
    main()
