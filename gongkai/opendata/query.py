"""The data query engine: (dataset, versions, filters) → `Cube`, the one source of every output.

The caller passes the versions it may show (selectors.public_versions for the public, staff_versions
for the office) — this module never decides visibility. Disclosure control (统计法 Art. 28) is applied
here, once, so that pages, API, JSON-stat, downloads and charts all get suppressed cells.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from itertools import product
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

from gongkai.core.errors import DomainError

from .models import Code, Dataset, DatasetVersion, Dimension, Indicator, Observation, Series

TIME = "TIME_PERIOD"
SUPPRESSED = "S"  # output status of a suppressed cell
MISSING = "M"  # output status of a cell without data


class TooManyCells(DomainError):
    http_status = 422
    code = "too_many_cells"
    default_message = "查询的数据单元格过多。"


def min_respondents(agency=None) -> int:
    from gongkai.core import agency_settings  # per agency (issue 18 item 7)

    return agency_settings.value("min_respondents", agency)


def max_cells() -> int:
    from gongkai.core import agency_settings  # per agency (issue 18 item 7)

    return agency_settings.value("data_max_cells")


def max_stream_cells() -> int:
    """A whole dataflow (no filter) is streamed up to this many cells (issue 19 item 3)."""
    return int(getattr(settings, "GONGKAI_DATA_MAX_STREAM_CELLS", 12_000_000))


class Cell(NamedTuple):
    """One cell of a cube (a named tuple: a full download makes millions of them)."""

    value: Decimal | None
    status: str  # F P R (observation), S suppressed, M missing
    decimals: int = 0

    @property
    def suppressed(self) -> bool:
        return self.status == SUPPRESSED

    def display(self) -> str:
        if self.status == SUPPRESSED:
            return "—"
        if self.value is None:
            return "…"
        return f"{self.value:,.{self.decimals}f}"

    def rounded(self) -> float | None:
        return None if self.value is None else round(float(self.value), self.decimals)


@dataclass
class DimInfo:
    code: str
    name: str
    role: str  # indicator area other time
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, label) in display order

    def label(self, code: str) -> str:
        return self._labels.get(code, code)

    @cached_property
    def _labels(self) -> dict[str, str]:
        return dict(self.codes)


@dataclass
class Cube:
    dataset: Dataset
    dimensions: list[DimInfo]  # key order; TIME_PERIOD last
    cells: dict[tuple[str, ...], Cell]  # (code per dimension incl. period) → cell
    indicators: dict[str, Indicator]
    versions: list[DatasetVersion]

    def dim(self, code: str) -> DimInfo:
        return next(d for d in self.dimensions if d.code == code)

    @property
    def size(self) -> list[int]:
        return [len(d.codes) for d in self.dimensions]

    def iter_keys(self):
        """Every cell position in row-major order (the last dimension varies fastest), lazily."""
        return product(*[[c for c, _ in dim.codes] for dim in self.dimensions])

    @property
    def streamed(self) -> bool:
        """A whole dataflow above the query limit: outputs are written as a stream, never whole."""
        return isinstance(self.cells, CompactCells)

    def cell(self, key: tuple[str, ...]) -> Cell:
        found = self.cells.get(key)
        if found is not None:
            return found
        return Cell(None, MISSING, self.indicators[key[0]].decimals if key[0] in self.indicators else 0)

    @property
    def revision_notes(self) -> list[DatasetVersion]:
        return [v for v in self.versions if v.note and v.number > 1]


class CompactCells:
    """The cells of a whole dataflow in two flat arrays (issue 19 item 3): 9 bytes a cell instead of
    ~500 for a dict of tuples and named tuples, so that a 10,000,000-cell download stays in ~100 MB.

    Positions are row-major over the dimensions' codes; `get` answers like the dict it replaces.
    """

    _ABSENT = 0

    def __init__(self, dimensions: list[DimInfo], decimals_of: dict[str, int]):
        self.index = [{c: i for i, (c, _) in enumerate(d.codes)} for d in dimensions]
        self.strides = []
        stride = 1
        for d in reversed(dimensions):
            self.strides.insert(0, stride)
            stride *= len(d.codes)
        self.size = stride
        self.values = array("d", bytes(8 * stride))
        self.status = bytearray(stride)  # 0 = no observation, else ord(status letter)
        self.decimals_of = decimals_of
        self.count = 0

    def position(self, key) -> int | None:
        pos = 0
        for index, stride, code in zip(self.index, self.strides, key, strict=True):
            i = index.get(code)
            if i is None:
                return None
            pos += i * stride
        return pos

    def put(self, pos: int, value, status: str) -> None:
        if not self.status[pos]:
            self.count += 1
        self.status[pos] = ord(status)
        self.values[pos] = 0.0 if value is None else float(value)

    def get(self, key, default=None):
        pos = self.position(key)
        if pos is None or not self.status[pos]:
            return default
        status = chr(self.status[pos])
        decimals = self.decimals_of.get(key[0], 0)
        if status in (SUPPRESSED, MISSING):
            return Cell(None, status, decimals)
        return Cell(Decimal(repr(self.values[pos])), status, decimals)

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0


def dimension_codes(dataset: Dataset) -> list[Dimension]:
    # Asked several times per request (filters, cube, labels): kept on the instance, which lives one request.
    cached = getattr(dataset, "_dimension_rows", None)
    if cached is None:
        cached = dataset._dimension_rows = list(
            dataset.dimensions.select_related("codelist").order_by("position")
        )
    return cached


def visible_series(dataset: Dataset, versions: list[DatasetVersion]) -> QuerySet[Series]:
    """The series whose codes may be shown with `versions`: those that one of these versions brought in.

    A release that adds an indicator or an area must not show its code or name before its minute
    (统计法实施条例 Art. 28), so codes come from these series only, never from all series of the dataset.
    """
    return Series.objects.filter(dataset=dataset, first_version_id__in=[v.pk for v in versions])


def available(dataset: Dataset, versions: list[DatasetVersion]) -> dict[str, list[tuple[str, str]]]:
    """For forms: the codes each dimension takes in the given versions, with labels."""
    return _dimension_infos(dataset, visible_series(dataset, versions), versions, None)[1]


def unreleased_codes(agency, now=None) -> dict[str, set[str]]:
    """Codelist code → the codes that only not-yet-public series use.

    Shared code lists (CL_AREA) grow when an import brings a new area; whoever sends a code list whole
    leaves these out until a release that uses them is public.
    """
    from .selectors import released_releases

    released = released_releases(now, agency=agency)
    dims: dict[int, list[Dimension]] = {}
    for dim in Dimension.objects.filter(dataset__agency=agency, codelist__isnull=False).select_related(
        "codelist"
    ):
        dims.setdefault(dim.dataset_id, []).append(dim)
    candidates: dict[str, set[str]] = {}
    hidden = Series.objects.filter(dataset__agency=agency).exclude(first_version__release__in=released)
    for dataset_id, values in hidden.values_list("dataset_id", "dims").iterator(chunk_size=5000):
        for dim in dims.get(dataset_id, []):
            if values.get(dim.code):
                candidates.setdefault(dim.codelist.code, set()).add(values[dim.code])
    for dataset_id, dataset_dims in dims.items():
        for dim in dataset_dims:
            wanted = candidates.get(dim.codelist.code)
            if not wanted:
                continue
            public = Series.objects.filter(dataset_id=dataset_id, first_version__release__in=released)
            if dim.role == "area":
                used = public.filter(area__in=wanted).values_list("area", flat=True)
            else:
                used = public.filter(**{f"dims__{dim.code}__in": list(wanted)}).values_list(
                    f"dims__{dim.code}", flat=True
                )
            wanted.difference_update(set(used))
    return {code: codes for code, codes in candidates.items() if codes}


def _dimension_infos(dataset, series_qs, versions, periods_filter):
    dims = dimension_codes(dataset)
    series = list(series_qs.values_list("pk", "dims"))
    used: dict[str, set[str]] = {d.code: set() for d in dims}
    for _, values in series:
        for code, value in values.items():
            used.setdefault(code, set()).add(value)
    periods = sorted({p for v in versions for p in v.periods})
    if periods_filter:
        periods = [p for p in periods if p in periods_filter]
    labels: dict[str, list[tuple[str, str]]] = {}
    indicators: dict[str, Indicator] = {}
    for dim in dims:
        if dim.role == "indicator":
            rows = list(
                Indicator.objects.filter(agency_id=dataset.agency_id, code__in=used[dim.code]).order_by(
                    "sort_order", "code"
                )
            )
            indicators.update((i.code, i) for i in rows)
            labels[dim.code] = [(i.code, i.name) for i in rows]
        else:
            labels[dim.code] = list(
                Code.objects.filter(codelist=dim.codelist, code__in=used[dim.code])
                .order_by("sort_order", "code")
                .values_list("code", "name")
            )
    labels[TIME] = [(p, period_label(p)) for p in periods]
    return series, labels, indicators


def period_label(period: str) -> str:
    if len(period) == 4:
        return f"{period}年"
    year, rest = period.split("-", 1)
    if rest.startswith("Q"):
        return f"{year}年第{'一二三四'[int(rest[1]) - 1]}季度"
    return f"{year}年{int(rest)}月"


def _raw_rows(qs, chunk: int = 10_000, *, server_side: bool = False):
    """The rows of a values_list query straight from the driver.

    Django's per-row converters (SQLite's Decimal converter above all) cost more than the rest of a
    10,000-cell query; values come back as Decimal (PostgreSQL) or int/float (SQLite), made Decimal here.
    `server_side` reads a whole dataflow through a PostgreSQL named cursor, `chunk` rows at a time.
    """
    try:
        sql, params = qs.query.sql_with_params()
    except EmptyResultSet:  # e.g. series_id IN (): nothing to read
        return
    connection = connections[qs.db]
    with connection.chunked_cursor() if server_side else connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk):
            for row in rows:
                value = row[3]
                if value is not None and not isinstance(value, Decimal):
                    row = (*row[:3], Decimal(str(value)), *row[4:])
                yield row


def build_cube(
    dataset: Dataset,
    *,
    versions: list[DatasetVersion],
    filters: dict[str, list[str]] | None = None,
    periods: list[str] | None = None,
    start: str = "",
    end: str = "",
    limit: int | None = None,
    stream_whole: bool = False,
) -> Cube:
    """The cube of `dataset` restricted to `filters` (dimension code → codes) and periods.

    A cell takes its value from the newest of `versions` that has it (vintages, Art. 26).
    `stream_whole`: a caller that writes its output as a stream may ask for a whole dataflow (no
    filter, no period) above the query limit, up to `max_stream_cells()`; it gets `CompactCells`.
    """
    filters = {k: v for k, v in (filters or {}).items() if v}
    dims = dimension_codes(dataset)
    series_qs = visible_series(dataset, versions)
    for dim in dims:
        wanted = filters.get(dim.code)
        if not wanted:
            continue
        if dim.role == "indicator":
            series_qs = series_qs.filter(indicator__code__in=wanted)
        elif dim.role == "area":
            series_qs = series_qs.filter(area__in=wanted)
        else:
            series_qs = series_qs.filter(**{f"dims__{dim.code}__in": wanted})
    series, labels, indicators = _dimension_infos(
        dataset, series_qs, versions, set(periods) if periods else None
    )
    time_codes = [(p, lab) for p, lab in labels[TIME] if (not start or p >= start) and (not end or p <= end)]
    infos = [DimInfo(d.code, d.name, d.role, labels[d.code]) for d in dims]
    infos.append(DimInfo(TIME, "时间", "time", time_codes))
    cells_wanted = 1
    for info in infos:
        cells_wanted *= len(info.codes)
    limit = max_cells() if limit is None else limit
    whole = not filters and not periods and not start and not end
    compact = stream_whole and whole and limit < cells_wanted <= max_stream_cells()
    if cells_wanted > limit and not compact:
        if stream_whole and whole:
            raise TooManyCells(
                f"该数据集共 {cells_wanted:,} 个数据单元格，超过整库下载上限 {max_stream_cells():,} 个。"
                "请按指标、地区或时期分批下载。"
            )
        raise TooManyCells(
            f"本次查询包含 {cells_wanted:,} 个数据单元格，超过单次查询上限 {limit:,} 个。"
            "请减少指标、地区或时期后重试，或分批下载。"
        )
    series_keys = {pk: tuple(values[d.code] for d in dims) for pk, values in series}
    rank = {v.pk: v.number for v in versions}
    period_set = {c for c, _ in time_codes}
    obs = Observation.objects.filter(dataset=dataset, version_id__in=list(rank))
    if filters:
        # A list of ids lets the (dataset, series, period, version) index do the work; a very long
        # one would pass the database's parameter limit, so that case uses the series query itself.
        obs = obs.filter(
            series_id__in=list(series_keys) if len(series_keys) <= 5000 else series_qs.values("pk")
        )
    if len(period_set) < len(labels[TIME]) or periods:
        obs = obs.filter(period__in=sorted(period_set))
    threshold = min_respondents()
    decimals_of = {code: ind.decimals for code, ind in indicators.items()}
    if compact:
        cells = _compact_cells(infos, decimals_of, obs, series_keys, rank, threshold)
        return Cube(dataset, infos, cells, indicators, versions)
    cells: dict[tuple, Cell] = {}
    # Several vintages: a cell keeps the value of the newest one that has it. One vintage (the common
    # case, and a 10M-cell download): no rank bookkeeping at all.
    ranks: dict[tuple, int] | None = {} if len(rank) > 1 else None
    for series_id, period, version_id, value, status, respondents in _raw_rows(
        obs.values_list("series_id", "period", "version_id", "value", "status", "respondents")
    ):
        series_key = series_keys.get(series_id)
        if series_key is None:  # a series brought in by a version not among `versions`
            continue
        k = (*series_key, period)
        if ranks is not None:
            r = rank[version_id]
            if ranks.get(k, -1) > r:
                continue
            ranks[k] = r
        decimals = decimals_of.get(k[0], 0)
        if respondents is not None and respondents < threshold:
            # 统计法 Art. 28: nothing that could identify a respondent is released.
            cells[k] = Cell(None, SUPPRESSED, decimals)
        elif value is None:
            cells[k] = Cell(None, MISSING, decimals)
        else:
            cells[k] = Cell(value, status, decimals)
    return Cube(dataset, infos, cells, indicators, versions)


def _compact_cells(infos, decimals_of, obs, series_keys, rank, threshold) -> CompactCells:
    cells = CompactCells(infos, decimals_of)
    # The position of each series' first period: a row's position is that plus its period's offset.
    period_index, period_stride = cells.index[-1], cells.strides[-1]
    first = next(iter(period_index), None)
    if first is None:
        return cells
    series_base = {
        series_id: pos
        for series_id, key in series_keys.items()
        if (pos := cells.position((*key, first))) is not None
    }
    ranks = array("H", bytes(2 * cells.size)) if len(rank) > 1 else None
    rows = _raw_rows(
        obs.values_list("series_id", "period", "version_id", "value", "status", "respondents"),
        chunk=20_000,
        server_side=True,
    )
    for series_id, period, version_id, value, status, respondents in rows:
        base = series_base.get(series_id)
        p = period_index.get(period)
        if base is None or p is None:
            continue
        pos = base + p * period_stride
        if ranks is not None:
            r = rank[version_id] + 1
            if ranks[pos] > r:
                continue
            ranks[pos] = r
        if respondents is not None and respondents < threshold:
            cells.put(pos, None, SUPPRESSED)  # 统计法 Art. 28
        elif value is None:
            cells.put(pos, None, MISSING)
        else:
            cells.put(pos, value, status)
    return cells
