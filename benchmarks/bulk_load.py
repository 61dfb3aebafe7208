"""Issue 19 item 4: how fast the statistical importer writes observations, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bulk_load.py [--quick] [--obs 1000000] [--backend sqlite|postgres|both]

`services.write_parsed` (the path of `gongkai import` and of every upload: all or nothing, one version)
writes N parsed cells of a fresh INDICATOR × AREA × TIME cube; beside it, in the same run and on the
same database, the ORM's `bulk_create` of Observation instances in batches of 2,000 — what the importer
did before (COPY on PostgreSQL, executemany on SQLite now). Target: ≥ 50,000 observations/s.
PostgreSQL uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/gongkai_bench_bulk).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET = 50_000


def _postgres_url() -> str:
    import psycopg

    url = os.environ.get("GONGKAI_BENCH_BULK_URL") or "postgres://postgres@127.0.0.1:5432/gongkai_bench_bulk"
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url


def _parsed(obs: int, code: str):
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--obs", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="200,000 observations")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    if args.quick:
        args.obs = 200_000
    if args.backend == "both":
        print(f"bulk load, load average {os.getloadavg()[0]:.2f}")
        print(f"{'database':<10}{'observations':>12}{'importer /s':>14}{'bulk_create /s':>14}{'ratio':>8}")
        for backend in ("sqlite", "postgres"):
            subprocess.run(
                [sys.executable, __file__, "--obs", str(args.obs), "--backend", backend], check=False
            )
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["GONGKAI_VAR_DIR"] = tempfile.mkdtemp(prefix="gongkai-bench-bulk-")
    if args.backend == "postgres":
        os.environ["DATABASE_URL"] = _postgres_url()
    else:
        os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    run(args.obs, args.backend)


if __name__ == "__main__":
    main()
