"""Streaming import of the long format (issue 19 items 2 and 4): a file of any length, memory bounded.

`gongkai import data long FILE --dataset CODE` reads a CSV (UTF-8) or the first sheet of an XLSX
(openpyxl read-only) row by row, parses CHUNK rows at a time with `importers.parse_long`, and stages
each chunk's cells in a temporary table — all inside one transaction. Duplicates, the diff against the
newest version (new / revised / unchanged) and the insert of the changed cells are SQL over the staging
table. Any line error (bad cell, unknown code shape, duplicate) rolls everything back and is reported with
its line, as the in-memory importers do. Memory holds one chunk, the dataset's series keys and at most
MAX_ERRORS errors, never the file: a 10M-row file needs what a 20,000-row one does plus its series.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, connections, router, transaction

from gongkai.accounts.guard import require, user_or_none
from gongkai.core import audit
from gongkai.core.errors import ValidationFailed

from .bulk_rows import Cells, RowReader, layout
from .importers import LineError, ParsedCell, ParsedDataset, parse_long
from .models import Dataset, DatasetVersion, Observation, Series
from .services import ImportFailed, new_codes
from .services.imports import _ensure_indicators, add_new_codes, insert_observations

CHUNK = 20_000
MAX_ERRORS = 1_000
STAGE = "gk_import_stage"


@dataclass
class BulkImportResult:
    dataset: Dataset
    version: DatasetVersion | None  # None: nothing changed
    new: int
    revised: int
    unchanged: int


def iter_rows(path: Path) -> Iterator[list[str]]:
    """The rows of a CSV or of an XLSX's first sheet, as strings, one at a time."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds on a corrupt file
            raise ValidationFailed(f"无法读取该 XLSX 文件：{exc.__class__.__name__}", field="file") from None
        try:
            for row in workbook.worksheets[0].iter_rows(values_only=True):
                yield ["" if v is None else str(v) for v in row]
        finally:
            workbook.close()
        return
    yield from _csv_rows(path)


def _csv_rows(path: Path) -> Iterator[list[str]]:
    line = 0
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for line, row in enumerate(csv.reader(handle), start=1):  # noqa: B007 (line is read below)
                yield row
    except UnicodeDecodeError:
        raise ValidationFailed(f"CSV 文件须为 UTF-8 编码（第 {line + 1} 行）。", field="file") from None
    except csv.Error as exc:
        raise ValidationFailed(f"CSV 文件格式有误（第 {line + 1} 行）：{exc}", field="file") from None


def iter_chunks(path: Path, size: int) -> Iterator[list[list[str]]]:
    """The rows of `path` in lists of `size` (the last one shorter). A CSV's chunks come straight from
    `csv.reader` (no Python frame a row); a file it cannot read is read again row by row for the
    message naming the line."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = iter_rows(path)
        while chunk := list(itertools.islice(rows, size)):
            yield chunk
        return
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            while chunk := list(itertools.islice(reader, size)):
                yield chunk
    except (UnicodeDecodeError, csv.Error):
        for _row in _csv_rows(path):
            pass
        raise


def _create_stage(cursor, vendor: str, fresh: bool) -> None:
    """The staging table; in a dataset without observations every cell is new (change N)."""
    change = "DEFAULT 'N'" if fresh else ""
    if vendor == "postgresql":
        cursor.execute(
            f"CREATE TEMP TABLE {STAGE} (line integer NOT NULL, series_id bigint NOT NULL, period varchar(10) "
            f"NOT NULL, value numeric, status varchar(1) NOT NULL, respondents integer, change char(1) {change}) "
            "ON COMMIT DROP"
        )
    else:
        cursor.execute(f"DROP TABLE IF EXISTS temp.{STAGE}")
        cursor.execute(
            f"CREATE TEMP TABLE {STAGE} (line INTEGER NOT NULL, series_id INTEGER NOT NULL, period TEXT NOT NULL, "
            f"value DECIMAL, status TEXT NOT NULL, respondents INTEGER, change TEXT {change})"
        )


STAGE_COLUMNS = "line, series_id, period, value, status, respondents"


def _stage(cursor, vendor: str, rows: list[tuple]) -> None:
    if vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {STAGE} ({STAGE_COLUMNS}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        cursor.executemany(f"INSERT INTO {STAGE} ({STAGE_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s)", rows)


def _add_series(
    keys: dict[str, tuple], code_names: dict, dataset: Dataset, version, dims, series: dict
) -> None:
    """Makes the series of `keys` (key → codes) the dataset does not have, with their new codes and
    indicators, and adds their ids to `series`."""
    unknown = [key for key in keys if key not in series]
    if not unknown:
        return
    dim_codes = [d.code for d in dims]
    area_pos = next((i for i, d in enumerate(dims) if d.role == "area"), None)
    shape = ParsedDataset(code=dataset.code, title="", frequency="", code_names=code_names)
    shape.cells = [ParsedCell(keys[key], "", None) for key in unknown]
    shape.indicators = add_new_codes(dataset, new_codes(dataset, shape))
    indicators = _ensure_indicators(shape, agency=dataset.agency)
    Series.objects.bulk_create(
        [
            Series(
                dataset=dataset,
                key=key,
                indicator=indicators[keys[key][0]],
                area=keys[key][area_pos] if area_pos is not None else "",
                first_version=version,
                dims=dict(zip(dim_codes, keys[key], strict=True)),
            )
            for key in unknown
        ],
        batch_size=2000,
    )
    series.update(_series_ids(dataset, unknown))


def _slow_cells(parsed, series: dict, reader, target) -> list[tuple]:
    """The rows of the cells parse_long read (their series made): staging rows, or with `target`
    (dataset id, version id) observation rows."""
    staged = []
    for c in parsed.cells:
        if reader:
            reader.seen(c.period)
        value = None if c.value is None else str(c.value)
        sid = series[".".join(c.key)]
        if target:
            staged.append((target[0], sid, c.period, target[1], value, c.status, c.respondents))
        else:
            staged.append((c.line, sid, c.period, value, c.status, c.respondents))
    return staged


def _series_ids(dataset: Dataset, keys: list[str]) -> dict[str, int]:
    found = {}
    for start in range(0, len(keys), 500):
        found.update(
            Series.objects.filter(dataset=dataset, key__in=keys[start : start + 500]).values_list("key", "pk")
        )
    return found


def _insert(connection, cursor, staged: list[tuple] | Cells, target: tuple[int, int]) -> None:
    """Observation rows into the table: `Cells` as one block of COPY text (PostgreSQL) or by the
    driver's own executemany with the constant columns in the statement (SQLite); rows as before."""
    if not isinstance(staged, Cells):
        insert_observations(staged)
        return
    dataset_id, version_id = target
    table = Observation._meta.db_table
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({', '.join(Cells.COPY_COLUMNS)}) FROM STDIN") as copy:
            copy.write(staged.copy_text(dataset_id, version_id))
        return
    columns = "dataset_id, series_id, period, version_id, value, status, respondents"
    if isinstance(staged.statuses, str) and staged.respondents is None:
        sql = f"INSERT INTO {table} ({columns}) VALUES ({dataset_id:d}, ?, ?, {version_id:d}, ?, 'F', NULL)"
        params = zip(staged.series_ids, staged.periods, staged.values, strict=True)
    else:
        sql = f"INSERT INTO {table} ({columns}) VALUES ({dataset_id:d}, ?, ?, {version_id:d}, ?, ?, ?)"
        params = zip(*staged.columns(), strict=False)  # a constant column repeats
    connection.connection.executemany(sql, params)


class _Retry(Exception):
    """A direct insert hit a constraint: roll back and import again through the staging table, whose
    checks name the lines."""


def import_long(
    path, *, dataset: Dataset, actor, note: str = "", release=None, progress=None
) -> BulkImportResult:
    """Writes the long-format file at `path` into `dataset` as one new version, all or nothing.

    Into a dataset without observations every cell is new: the cells go straight into the observation
    table (COPY / executemany), and a duplicate cell, caught by its unique constraint, sends the import
    round again through the staging table, which names both lines. Otherwise the cells are staged and
    diffed against the newest version in SQL."""
    require(actor, "opendata.manage", dataset, department_field=None)
    if release is not None:
        require(actor, "opendata.manage", release, department_field=None)
    try:
        return _import(Path(path), dataset, actor, note, release, progress, direct=True)
    except _Retry:
        return _import(Path(path), dataset, actor, note, release, None, direct=False)


def _import(path: Path, dataset, actor, note, release, progress, *, direct: bool) -> BulkImportResult:
    dims = list(dataset.dimensions.order_by("position"))
    dim_codes = [d.code for d in dims]
    chunks = iter_chunks(path, CHUNK)
    first = next(chunks, None)
    if not first:
        raise ImportFailed([LineError(1, "", "文件为空")])
    header = first[0]
    header_errors = parse_long([header], dataset_code=dataset.code, dimension_codes=dim_codes).errors
    if header_errors:
        raise ImportFailed(header_errors)
    row_layout = layout(header, dim_codes)
    connection = connections[router.db_for_write(Observation)]
    vendor = connection.vendor
    errors: list[LineError] = []
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        fresh = not Observation.objects.filter(dataset=dataset).exists()
        direct = direct and fresh
        number = (dataset.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        version = DatasetVersion.objects.create(
            dataset=dataset,
            number=number,
            release=release,
            created_by=user_or_none(actor),
            note=note or ("首次导入" if number == 1 else "导入新一期数据"),
        )
        series = dict(Series.objects.filter(dataset=dataset).values_list("key", "pk"))
        target = (dataset.pk, version.pk) if direct else None  # the observation row's (dataset, version)
        reader = RowReader(row_layout, series, target) if row_layout else None
        if not direct:
            _create_stage(cursor, vendor, fresh)
        line, written = 2, 0
        for chunk in itertools.chain([first[1:]], chunks):
            if not chunk:
                continue
            if reader:
                staged, slow_rows, slow_lines = reader.split(chunk, line)
            else:
                staged, slow_rows, slow_lines = [], chunk, range(line, line + len(chunk))
            line += len(chunk)
            parsed = parse_long(
                [header, *slow_rows], dataset_code=dataset.code, dimension_codes=dim_codes, lines=slow_lines
            )
            errors.extend(parsed.errors[: MAX_ERRORS - len(errors)])
            if errors:  # nothing will be written: read on only to report the file's other errors
                continue
            keys = dict(reader.new_keys) if reader else {}
            keys.update(
                (".".join(cell.key), cell.key) for cell in parsed.cells if ".".join(cell.key) not in keys
            )
            _add_series(keys, parsed.code_names, dataset, version, dims, series)
            if reader:
                staged = reader.resolve(staged)
            if not isinstance(staged, Cells):
                staged += _slow_cells(parsed, series, reader, target)
            written += len(staged)
            if direct:
                try:
                    with transaction.atomic(using=connection.alias):
                        _insert(connection, cursor, staged, target)
                except (IntegrityError, connection.Database.IntegrityError):  # COPY raises psycopg's own
                    raise _Retry from None
            else:
                _stage(cursor, vendor, staged.rows() if isinstance(staged, Cells) else staged)
            if progress:
                progress(len(chunk))
        if errors:
            raise ImportFailed(errors)
        if direct:
            counts = {"N": written, "R": 0, "U": 0}
        else:
            _refuse_duplicates(cursor)
            counts = _diff_and_write(cursor, vendor, dataset, version, fresh)
        if not counts["N"] and not counts["R"]:
            version.delete()
            return BulkImportResult(dataset, None, 0, 0, counts["U"])
        if direct and reader and reader.periods_complete:
            version.periods = sorted(set(reader.periods.values()))
        else:
            table, where = (
                (Observation._meta.db_table, f"version_id = {version.pk}")
                if direct
                else (STAGE, "change IN ('N', 'R')")
            )
            cursor.execute(f"SELECT DISTINCT period FROM {table} WHERE {where}")
            version.periods = sorted(p for (p,) in cursor.fetchall())
        version.save(update_fields=["periods"])
        if vendor != "postgresql" and not direct:
            cursor.execute(f"DROP TABLE temp.{STAGE}")
        audit.record(
            actor=actor,
            verb="opendata.imported",
            obj=version,
            agency=dataset.agency,
            after={
                "dataset": dataset.code,
                "version": number,
                "new": counts["N"],
                "revised": counts["R"],
                "unchanged": counts["U"],
            },
        )
    return BulkImportResult(dataset, version, counts["N"], counts["R"], counts["U"])


def _refuse_duplicates(cursor) -> None:
    """Two staged cells of one series and period: ImportFailed naming each later line and the first."""
    cursor.execute(f"CREATE INDEX {STAGE}_key ON {STAGE} (series_id, period)")
    cursor.execute(
        f"SELECT s.line, d.first FROM {STAGE} s JOIN (SELECT series_id, period, MIN(line) AS first "
        f"FROM {STAGE} GROUP BY series_id, period HAVING COUNT(*) > 1) d "
        "ON d.series_id = s.series_id AND d.period = s.period WHERE s.line > d.first ORDER BY s.line LIMIT %s",
        [MAX_ERRORS],
    )
    duplicates = [
        LineError(n, "", f"与第 {first} 行重复（同一指标、地区和时期）") for n, first in cursor.fetchall()
    ]
    if duplicates:
        raise ImportFailed(duplicates)


def _diff_and_write(cursor, vendor: str, dataset: Dataset, version: DatasetVersion, fresh: bool) -> dict:
    """Marks each staged cell N (no earlier value), R (the newest earlier value differs) or U (the same),
    and inserts the N and R cells as the new version's observations (a revision of a final figure is R)."""
    obs = Observation._meta.db_table
    versions = DatasetVersion._meta.db_table
    same = "IS NOT DISTINCT FROM" if vendor == "postgresql" else "IS"
    if not fresh:
        newest = (
            f"SELECT o.value FROM {obs} o JOIN {versions} v ON v.id = o.version_id WHERE o.dataset_id = %s "
            f"AND o.series_id = {STAGE}.series_id AND o.period = {STAGE}.period AND o.version_id <> %s "
            "ORDER BY v.number DESC LIMIT 1"
        )
        known = (
            f"SELECT 1 FROM {obs} o WHERE o.dataset_id = %s AND o.series_id = {STAGE}.series_id "
            f"AND o.period = {STAGE}.period AND o.version_id <> %s"
        )
        cursor.execute(
            f"UPDATE {STAGE} SET change = CASE WHEN NOT EXISTS ({known}) THEN 'N' "
            f"WHEN ({newest}) {same} value THEN 'U' ELSE 'R' END",
            [dataset.pk, version.pk, dataset.pk, version.pk],
        )
    cursor.execute(
        f"INSERT INTO {obs} (dataset_id, series_id, period, version_id, value, status, respondents) "
        f"SELECT %s, series_id, period, %s, value, CASE WHEN change = 'R' AND status = 'F' THEN 'R' "
        f"ELSE status END, respondents FROM {STAGE} WHERE change IN ('N', 'R')",
        [dataset.pk, version.pk],
    )
    cursor.execute(f"SELECT change, COUNT(*) FROM {STAGE} GROUP BY change")
    counts = {"N": 0, "R": 0, "U": 0}
    counts.update(dict(cursor.fetchall()))
    return counts
