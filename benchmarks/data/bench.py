"""Statistical data benchmark: N observations in one cube, p95 latency of typical /api/v1/data queries.

    .venv/bin/python benchmarks/data/bench.py --quick                 # 100k observations, SQLite (seconds)
    .venv/bin/python benchmarks/data/bench.py --obs 10000000 --backend both   # make bench-data (~25 min)
    GONGKAI_BENCH_VAR=/tmp/b .venv/bin/python benchmarks/data/bench.py --backend sqlite --reuse   # queries only

The cube is INDICATOR × AREA × TIME_PERIOD (annual), sized to reach --obs: 10M = 50 indicators ×
2,000 areas × 100 years. Values are deterministic pseudo-random decimals; every 97th cell carries a
respondent count below the threshold (suppressed), every 101st is missing. The data goes public
through a real Release (workflow state published), so the queries pay the embargo filter like the
public does. Queries go through Django's test client (the full API path: rate limit aside, access
funnel, cube, rendering), in-process, no network:

- one series: one indicator × one area × all years
- a 20-area × 10-year slice (× 1 indicator = 200 cells) and a 10,000-cell slice (10 × 100 × 10)
- whole-flow downloads (JSON-stat, CSV, SDMX-ML) above the query limit, which are streamed from two flat
  arrays (issue 19 item 3): time, bytes and the process's peak RSS growth, target ≤ 200 MB at 10M cells
  (before issue 19 a 10M-cell JSON-stat download needed ~5 GB); they run --full-repeat times (3)

The rows are loaded with COPY (PostgreSQL) or executemany (SQLite): ~4-5 minutes for 10M.

Targets (issue 6): p95 ≤ 30 ms single series, ≤ 300 ms for a 10,000-cell slice.
PostgreSQL uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/gongkai_bench_data).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _shape(obs: int) -> tuple[int, int, int]:
    periods = 100 if obs >= 100_000 else 10
    indicators = 50 if obs >= 5_000_000 else 10
    areas = max(1, obs // (indicators * periods))
    return indicators, areas, periods


def _postgres_url() -> str:
    url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/gongkai_bench_data"
    import psycopg

    dbname = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone():
            conn.execute(f'CREATE DATABASE "{dbname}"')
    return url


def build(obs: int, reuse: bool = False):
    from datetime import timedelta
    from decimal import Decimal

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from tqdm import tqdm

    from gongkai.accounts.guard import SYSTEM
    from gongkai.accounts.models import User
    from gongkai.core.models import Agency
    from gongkai.opendata import services
    from gongkai.opendata.importers import ParsedDataset, ParsedDimension, ParsedIndicator
    from gongkai.opendata.models import DataResource, Dataset, DatasetVersion, Indicator, Observation, Series
    from gongkai.publishing.models import Workflow

    n_ind, n_area, n_per = _shape(obs)
    agency, _ = Agency.objects.get_or_create(
        code="bench", defaults={"name": "基准测试", "organisation_code": "BENCH0001"}
    )
    areas = [(f"{350000 + i:06d}", f"地区{i}", "") for i in range(n_area)]
    periods = [str(2025 - n_per + 1 + p) for p in range(n_per)]
    existing = Dataset.objects.filter(agency=agency, code="bench").first()
    if reuse and existing and Series.objects.filter(dataset=existing).count() == n_ind * n_area:
        print(f"reusing the {n_ind * n_area * n_per:,} observations already built on {connection.vendor}")
        return agency, [f"B{i:03d}" for i in range(n_ind)], [a for a, _, _ in areas], periods, Indicator
    Dataset.objects.filter(agency=agency, code="bench").delete()
    DataResource.objects.filter(agency=agency, code="bench").delete()  # _ensure_dataset makes a new one
    author = User.objects.filter(username="bench").first() or User.objects.create(
        username="bench", agency=agency
    )
    parsed = ParsedDataset(
        code="bench",
        title="基准测试数据集",
        frequency="A",
        source="合成数据",
        dimensions=[
            ParsedDimension("INDICATOR", "指标", "indicator"),
            ParsedDimension("AREA", "地区", "area", "CL_BENCH_AREA"),
        ],
        codelists={"CL_BENCH_AREA": ("基准地区", areas)},
        indicators={f"B{i:03d}": ParsedIndicator(f"B{i:03d}", f"指标{i}", "元", 1) for i in range(n_ind)},
    )
    started = time.perf_counter()
    with transaction.atomic():
        dataset = services.imports._ensure_dataset(parsed, agency=agency)
        indicators = services.imports._ensure_indicators(parsed, agency=agency)
        release = services.create_release(
            actor=SYSTEM,
            agency=agency,
            title="基准发布",
            confirmed=True,
            scheduled_at=timezone.now() - timedelta(days=1),
        )
        Workflow.objects.create(
            agency=agency,
            content_type=ContentType.objects.get_for_model(type(release)),
            object_id=release.pk,
            state="published",
            author=author,
            published_at=release.scheduled_at,
        )
        version = DatasetVersion.objects.create(dataset=dataset, number=1, release=release, periods=periods)
        Series.objects.bulk_create(
            [
                Series(
                    dataset=dataset,
                    key=f"{ind}.{area}",
                    indicator=indicators[ind],
                    area=area,
                    first_version=version,
                    dims={"INDICATOR": ind, "AREA": area},
                )
                for ind in parsed.indicators
                for area, _, _ in areas
            ],
            batch_size=5000,
        )
    series_ids = list(Series.objects.filter(dataset=dataset).order_by("pk").values_list("pk", flat=True))

    def rows():
        for s_index, series_id in enumerate(series_ids):
            for p_index, period in enumerate(periods):
                cell = s_index * n_per + p_index
                value = None if cell % 101 == 0 else str(Decimal((cell * 7919) % 1_000_000) / 10)
                yield (dataset.pk, series_id, period, version.pk, value, "F", 2 if cell % 97 == 0 else None)

    # Rows go in through the driver (COPY on PostgreSQL, executemany on SQLite), not as 10M model
    # instances: the load is setup, the queries afterwards are what is measured.
    columns = "dataset_id, series_id, period, version_id, value, status, respondents"
    table = Observation._meta.db_table
    with tqdm(total=len(series_ids) * n_per, unit="obs", desc="写入") as bar, connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with transaction.atomic(), cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for n, row in enumerate(rows(), start=1):
                    copy.write_row(row)
                    if n % 100_000 == 0:
                        bar.update(100_000)
        else:
            batch = []
            for row in rows():
                batch.append(row)
                if len(batch) >= 100_000:
                    with transaction.atomic():
                        cursor.executemany(
                            f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s)", batch
                        )
                    bar.update(len(batch))
                    batch = []
            if batch:
                with transaction.atomic():
                    cursor.executemany(
                        f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s)", batch
                    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"built {len(series_ids) * n_per:,} observations ({n_ind} indicators × {n_area} areas × {n_per} periods) "
        f"in {time.perf_counter() - started:.0f} s on {connection.vendor}"
    )
    return agency, [i for i in parsed.indicators], [a for a, _, _ in areas], periods, Indicator


def run(obs: int, repeat: int, *, reuse: bool = False, full_repeat: int = 3) -> None:
    from django.conf import settings
    from django.test import Client

    agency, inds, areas, periods, _ = build(obs, reuse)
    settings.GONGKAI_DEFAULT_AGENCY = agency.code
    settings.GONGKAI_DATA_RATE_LIMIT = 10**9
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.GONGKAI_DATA_MAX_CELLS = min(100_000, obs // 2)  # whole flows are above it: streamed
    client = Client()
    base = "/api/v1/data/datasets/bench/data"
    n_per = len(periods)
    queries = {
        "one series": [
            f"{base}?INDICATOR={inds[i % len(inds)]}&AREA={areas[(i * 37) % len(areas)]}"
            for i in range(repeat)
        ],
        "20 areas × 10 years": [
            f"{base}?INDICATOR={inds[i % len(inds)]}&AREA="
            + ",".join(areas[(i * 20 + k) % len(areas)] for k in range(20))
            + f"&start={periods[-10]}&end={periods[-1]}"
            for i in range(repeat)
        ],
        "10,000-cell slice": [
            f"{base}?INDICATOR="
            + ",".join(inds[:10])
            + "&AREA="
            + ",".join(areas[(i * 100 + k) % len(areas)] for k in range(min(100, len(areas))))
            + f"&start={periods[max(0, n_per - 10)]}"
            for i in range(repeat)
        ],
    }
    print(f"{'query':<22}{'n':>5}{'cells':>10}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name, urls in queries.items():
        client.get(urls[0])  # warm
        times, cells = [], 0
        for url in urls:
            t = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
            if not cells:
                import json

                body = json.loads(response.content)
                cells = len(body["value"]) if "value" in body else len(body["observations"])
        times.sort()
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(
            f"{name:<22}{len(times):>5}{cells:>10,}{statistics.median(times):>10.1f}{p95:>10.1f}{times[-1]:>10.1f}"
        )
    _whole_flow_downloads(client, agency, full_repeat, len(inds) * len(areas) * len(periods))


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _whole_flow_downloads(client, agency, repeat: int, cells: int) -> None:
    """Streamed whole-flow downloads: each read chunk by chunk as a client would, never held whole."""
    downloads = {
        "whole JSON-stat": "/api/v1/data/datasets/bench/data?format=jsonstat",
        "whole CSV": "/api/v1/data/datasets/bench/data?format=csv",
        "whole SDMX-ML": f"/sdmx/2.1/data/{agency.code.upper()},bench,1.0/all",
    }
    baseline = _peak_rss_mb()
    print(
        f"\nwhole-flow downloads, {cells:,} cells (peak RSS before: {baseline:.0f} MB; target growth ≤ 200 MB)"
    )
    print(f"{'download':<22}{'n':>5}{'MB':>10}{'p50 s':>10}{'max s':>10}{'RSS +MB':>10}")
    for name, url in downloads.items():
        times, size = [], 0
        for _ in range(repeat):
            t = time.perf_counter()
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            assert response.streaming, f"{name} was not streamed"
            size = sum(len(chunk) for chunk in response.streaming_content)
            times.append(time.perf_counter() - t)
        times.sort()
        growth = _peak_rss_mb() - baseline
        print(
            f"{name:<22}{len(times):>5}{size / 1e6:>10.1f}{statistics.median(times):>10.1f}{times[-1]:>10.1f}{growth:>10.0f}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--obs", type=int, default=10_000_000)
    parser.add_argument("--quick", action="store_true", help="100,000 observations, SQLite only")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--full-repeat", type=int, default=3, help="runs of the full-dataset download")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the cube already built in GONGKAI_BENCH_VAR / DATABASE_URL (queries only)",
    )
    args = parser.parse_args()
    if args.quick:
        args.obs, args.backend, args.repeat = 100_000, "sqlite", 20
    if args.backend == "both":
        for backend in ("sqlite", "postgres"):
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--obs",
                    str(args.obs),
                    "--backend",
                    backend,
                    "--repeat",
                    str(args.repeat),
                    "--full-repeat",
                    str(args.full_repeat),
                    *(["--reuse"] if args.reuse else []),
                ],
                check=False,
            )
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["GONGKAI_VAR_DIR"] = os.environ.get("GONGKAI_BENCH_VAR") or tempfile.mkdtemp(
        prefix="gongkai-bench-data-"
    )
    if args.backend == "postgres":
        os.environ["DATABASE_URL"] = _postgres_url()
    else:
        os.environ.pop("DATABASE_URL", None)
    print(f"== {args.backend}, {args.obs:,} observations")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    run(args.obs, args.repeat, reuse=args.reuse, full_repeat=args.full_repeat)


if __name__ == "__main__":
    main()
