"""Imports: the diff against the current values, preview and commit of an upload, new codes, and
the bulk writer (`write_parsed`, `insert_observations`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connections, router, transaction

from gongkai.accounts.guard import require, user_or_none
from gongkai.core import audit
from gongkai.core.errors import ValidationFailed

from ..importers import LineError, ParsedDataset, ParsedIndicator
from ..importers.shape import _area_parent
from ..models import (
    Code,
    Codelist,
    DataResource,
    Dataset,
    DatasetVersion,
    Dimension,
    Indicator,
    Observation,
    Series,
)
from .common import BATCH, ImportFailed, _agency_for


@dataclass
class Diff:
    """What an import or upload changes, cell by cell (shown before committing an upload)."""

    new: list = field(default_factory=list)  # (key, period, value)
    revised: list = field(default_factory=list)  # (key, period, old, new)
    unchanged: int = 0
    new_codes: list = field(default_factory=list)  # (dimension, dimension name, code, name) not known yet


@dataclass
class ImportResult:
    dataset: Dataset
    version: DatasetVersion | None
    diff: Diff


def ensure_codelist(*, agency, code: str, name: str, codes: list[tuple[str, str, str]]) -> Codelist:
    codelist, _ = Codelist.objects.get_or_create(agency=agency, code=code, defaults={"name": name})
    existing = set(codelist.codes.values_list("code", flat=True))
    start = len(existing)
    Code.objects.bulk_create(
        [
            Code(codelist=codelist, code=c, name=n, parent=p, sort_order=start + i)
            for i, (c, n, p) in enumerate(codes)
            if c not in existing
        ]
    )
    return codelist


def _ensure_dataset(parsed: ParsedDataset, *, agency) -> Dataset:
    dataset = Dataset.objects.filter(agency=agency, code=parsed.code).first()
    if dataset is not None:
        return dataset
    resource = DataResource.objects.create(
        agency=agency,
        code=parsed.code,
        title=parsed.title,
        description=parsed.description,
        topic=parsed.topic,
        update_frequency={"A": "每年", "Q": "每季度", "M": "每月", "I": "普查年份"}.get(parsed.frequency, ""),
    )
    dataset = Dataset.objects.create(
        agency=agency,
        resource=resource,
        code=parsed.code,
        title=parsed.title,
        description=parsed.description,
        topic=parsed.topic,
        frequency=parsed.frequency or "A",
        source=parsed.source,
        source_url=parsed.source_url,
    )
    for position, dim in enumerate(parsed.dimensions):
        codelist = None
        if dim.codelist:
            name, codes = parsed.codelists[dim.codelist]
            codelist = ensure_codelist(agency=agency, code=dim.codelist, name=name, codes=codes)
        Dimension.objects.create(
            dataset=dataset, code=dim.code, name=dim.name, role=dim.role, codelist=codelist, position=position
        )
    return dataset


def _ensure_indicators(parsed: ParsedDataset, *, agency) -> dict[str, Indicator]:
    """The indicators of every cell (existing ones looked up, new ones created from parsed.indicators)."""
    wanted = set(parsed.indicators) | {cell.key[0] for cell in parsed.cells}
    found = {i.code: i for i in Indicator.objects.filter(agency=agency, code__in=list(wanted))}
    for order, (code, ind) in enumerate(parsed.indicators.items()):
        if code not in found:
            found[code] = Indicator.objects.create(
                agency=agency,
                code=code,
                name=ind.name,
                unit=ind.unit,
                decimals=ind.decimals,
                meaning=ind.meaning,
                scope=ind.scope,
                source=ind.source,
                survey_method=ind.survey_method,
                sort_order=order,
            )
    return found


def current_values(dataset: Dataset) -> dict[tuple[str, str], tuple]:
    """(series key, period) → (value, status) of the newest version, embargoed ones included (staff side)."""
    ranks = dict(DatasetVersion.objects.filter(dataset=dataset).values_list("pk", "number"))
    keys = dict(Series.objects.filter(dataset=dataset).values_list("pk", "key"))
    best: dict[tuple[str, str], tuple] = {}
    rows = Observation.objects.filter(dataset=dataset).values_list(
        "series_id", "period", "version_id", "value", "status"
    )
    for series_id, period, version_id, value, status in rows.iterator(chunk_size=5000):
        k = (keys[series_id], period)
        rank = ranks[version_id]
        if k not in best or best[k][0] < rank:
            best[k] = (rank, value, status)
    return {k: (v[1], v[2]) for k, v in best.items()}


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.compare(b) == 0


def diff_cells(dataset: Dataset | None, cells) -> Diff:
    current = current_values(dataset) if dataset is not None else {}
    diff = Diff()
    seen = set()
    for cell in cells:
        k = (".".join(cell.key), cell.period)
        if k in seen:
            continue
        seen.add(k)
        if k not in current:
            diff.new.append((cell.key, cell.period, cell.value))
        elif _same(current[k][0], cell.value):
            diff.unchanged += 1
        else:
            diff.revised.append((cell.key, cell.period, current[k][0], cell.value))
    return diff


def _duplicates(parsed: ParsedDataset) -> list[LineError]:
    seen: dict[tuple, int] = {}
    errors = []
    for cell in parsed.cells:
        k = (cell.key, cell.period)
        if k in seen:
            errors.append(LineError(cell.line, "", f"与第 {seen[k]} 行重复（同一指标、地区和时期）"))
        else:
            seen[k] = cell.line
    return errors


def _write_one(parsed: ParsedDataset, *, agency, actor, progress, release, note) -> ImportResult:
    dataset = _ensure_dataset(parsed, agency=agency)
    dims = list(dataset.dimensions.order_by("position"))
    # Code lists grow with the data (e.g. 长乐区 350112 arrives with the 2020 census).
    for dim in dims:
        if dim.codelist_id and dim.codelist.code in parsed.codelists:
            name, codes = parsed.codelists[dim.codelist.code]
            ensure_codelist(agency=agency, code=dim.codelist.code, name=name, codes=codes)
    indicators = _ensure_indicators(parsed, agency=agency)
    diff = diff_cells(dataset, parsed.cells)
    changes = {(".".join(k), p): "N" for k, p, _ in diff.new}
    changes.update({(".".join(k), p): "R" for k, p, _, _ in diff.revised})
    if not changes:
        return ImportResult(dataset, None, diff)
    number = (dataset.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = DatasetVersion.objects.create(
        dataset=dataset,
        number=number,
        release=release,
        created_by=user_or_none(actor),
        note=note or ("首次导入" if number == 1 else ""),
    )
    series = dict(Series.objects.filter(dataset=dataset).values_list("key", "pk"))
    area_pos = next((i for i, d in enumerate(dims) if d.role == "area"), None)
    new_series = []
    for cell in parsed.cells:
        key = ".".join(cell.key)
        if key not in series:
            series[key] = None
            new_series.append(
                Series(
                    dataset=dataset,
                    key=key,
                    indicator=indicators[cell.key[0]],
                    area=cell.key[area_pos] if area_pos is not None else "",
                    first_version=version,
                    dims={d.code: c for d, c in zip(dims, cell.key, strict=True)},
                )
            )
    Series.objects.bulk_create(new_series, batch_size=BATCH)
    series = dict(Series.objects.filter(dataset=dataset).values_list("key", "pk"))

    def rows():
        for cell in parsed.cells:
            key = ".".join(cell.key)
            change = changes.pop((key, cell.period), None)
            if change is None:
                continue
            status = "R" if change == "R" and cell.status == "F" else cell.status
            yield (dataset.pk, series[key], cell.period, version.pk, cell.value, status, cell.respondents)

    insert_observations(rows(), progress=progress)
    version.periods = sorted(
        {p for _, p in [*((k, p) for k, p, _ in diff.new), *((k, p) for k, p, _, _ in diff.revised)]}
    )
    version.save(update_fields=["periods"])
    audit.record(
        actor=actor,
        verb="opendata.imported",
        obj=version,
        agency=agency,
        after={
            "dataset": dataset.code,
            "version": number,
            "new": len(diff.new),
            "revised": len(diff.revised),
            "unchanged": diff.unchanged,
        },
    )
    return ImportResult(dataset, version, diff)


OBSERVATION_COLUMNS = ("dataset_id", "series_id", "period", "version_id", "value", "status", "respondents")


def insert_observations(rows, *, progress=None, batch: int = 20_000) -> int:
    """Write observation rows (in OBSERVATION_COLUMNS order) as fast as the database takes them: COPY on
    PostgreSQL, executemany in large batches on SQLite, inside the caller's transaction (issue 19 item 4:
    the ORM's bulk_create of model instances managed ~12,000 rows a second)."""
    connection = connections[router.db_for_write(Observation)]
    table = connection.ops.quote_name(Observation._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in OBSERVATION_COLUMNS)
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
                    if progress and written % batch == 0:
                        progress(batch)
            if progress and written % batch:
                progress(written % batch)
            return written
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(OBSERVATION_COLUMNS))})"
        pending = []
        for row in rows:
            pending.append(row)
            if len(pending) >= batch:
                cursor.executemany(sql, pending)
                written += len(pending)
                if progress:
                    progress(len(pending))
                pending = []
        if pending:
            cursor.executemany(sql, pending)
            written += len(pending)
            if progress:
                progress(len(pending))
    return written


def write_parsed(
    parsed_list: list[ParsedDataset], *, actor, agency=None, progress=None, release=None, note: str = ""
) -> list[ImportResult]:
    """Write parsed datasets all or nothing: any line error → ImportFailed, no row written."""
    require(actor, "opendata.manage")
    agency = _agency_for(actor, agency)
    errors = []
    for parsed in parsed_list:
        prefix = [] if len(parsed_list) == 1 else [parsed.title]
        for error in [*parsed.errors, *_duplicates(parsed)]:
            errors.append(
                LineError(
                    error.line, "/".join([*prefix, error.column]) if prefix else error.column, error.message
                )
            )
    if errors:
        raise ImportFailed(errors)
    if release is not None:
        require(actor, "opendata.manage", release, department_field=None)
    with transaction.atomic():
        return [
            _write_one(p, agency=agency, actor=actor, progress=progress, release=release, note=note)
            for p in parsed_list
        ]


def preview_upload(*, actor, dataset: Dataset, filename: str, data: bytes) -> tuple[ParsedDataset, Diff]:
    """Parse an upload of new periods (long format) and say what would change; writes nothing."""
    from ..importers import parse_long, read_table

    require(actor, "opendata.manage", dataset, department_field=None)
    dims = list(dataset.dimensions.order_by("position").values_list("code", flat=True))
    parsed = parse_long(read_table(data, filename), dataset_code=dataset.code, dimension_codes=dims)
    parsed.errors.extend(_duplicates(parsed))
    if parsed.errors:
        raise ImportFailed(parsed.errors)
    diff = diff_cells(dataset, parsed.cells)
    diff.new_codes = new_codes(dataset, parsed)
    return parsed, diff


CODE_PATTERN = r"[A-Za-z0-9_.\-]{1,40}"  # SDMX IDType, shortened to the column widths


def new_codes(dataset: Dataset, parsed: ParsedDataset) -> list[tuple[str, str, str, str]]:
    """Codes the upload brings that the dataset does not know yet: (dimension code, dimension name,
    code, name). A new indicator or area makes a new series; it is shown in the change preview and
    created on commit (issue 12 item 7). Names come from the optional `<dimension>_name` columns."""
    import re

    found = []
    dims = list(dataset.dimensions.order_by("position").select_related("codelist"))
    for position, dim in enumerate(dims):
        codes = {cell.key[position] for cell in parsed.cells}
        if dim.role == "indicator" or position == 0:
            known = set(
                Indicator.objects.filter(agency=dataset.agency, code__in=list(codes)).values_list(
                    "code", flat=True
                )
            )
        elif dim.codelist_id:
            known = set(dim.codelist.codes.filter(code__in=list(codes)).values_list("code", flat=True))
        else:
            continue
        for code in sorted(codes - known):
            if not re.fullmatch(CODE_PATTERN, code):
                raise ValidationFailed(
                    f"“{dim.name}”代码“{code[:40]}”无效：只能由字母、数字、下划线、点或连字符组成，"
                    "最长 40 个字符。",
                    field="file",
                )
            found.append((dim.code, dim.name, code, parsed.code_names.get((dim.code, code), code)))
    return found


def add_new_codes(dataset: Dataset, found) -> dict[str, ParsedIndicator]:
    """Adds the codes `new_codes` found to the dataset's code lists; returns the new indicators (made
    by `_write_one`, or `bulk_import`, with the series that use them)."""
    indicators = {}
    dims = {dim.code: dim for dim in dataset.dimensions.select_related("codelist")}
    for dim_code, _dim_name, code, name in found:
        dim = dims[dim_code]
        if dim.role == "indicator" or dim.position == 0:
            indicators[code] = ParsedIndicator(code=code, name=name)
        else:
            parent = _area_parent(code) if dim.role == "area" and code.isdigit() and len(code) == 6 else ""
            if parent and not dim.codelist.codes.filter(code=parent).exists():
                parent = ""
            ensure_codelist(
                agency=dataset.agency,
                code=dim.codelist.code,
                name=dim.codelist.name,
                codes=[(code, name, parent)],
            )
    return indicators


def commit_upload(
    *, actor, dataset: Dataset, filename: str, data: bytes, note: str, release=None, progress=None
) -> ImportResult:
    parsed, diff = preview_upload(actor=actor, dataset=dataset, filename=filename, data=data)
    parsed.title = dataset.title
    with transaction.atomic():
        parsed.indicators = add_new_codes(dataset, diff.new_codes)
        return _write_one(
            parsed,
            agency=dataset.agency,
            actor=actor,
            progress=progress,
            release=release,
            note=note or "上传新一期数据",
        )
