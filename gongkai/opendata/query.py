"""The data query engine: (dataset, versions, filters) → `Cube`, the one source of every output.

The caller passes the versions it may show (selectors.public_versions for the public, staff_versions
for the office) — this module never decides visibility. Disclosure control (统计法 Art. 28) is applied
here, once, so that pages, API, JSON-stat, downloads and charts all get suppressed cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from gongkai.core.errors import DomainError

from .models import Code, Dataset, DatasetVersion, Dimension, Indicator, Observation, Series

TIME = "TIME_PERIOD"
SUPPRESSED = "S"  # output status of a suppressed cell
MISSING = "M"  # output status of a cell without data


class TooManyCells(DomainError):
    http_status = 422
    code = "too_many_cells"
    default_message = "查询的数据单元格过多。"


def min_respondents() -> int:
    return int(getattr(settings, "GONGKAI_MIN_RESPONDENTS", 3))


def max_cells() -> int:
    return int(getattr(settings, "GONGKAI_DATA_MAX_CELLS", 100_000))


@dataclass(frozen=True)
class Cell:
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
        return dict(self.codes).get(code, code)


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
        """Every cell position in row-major order (the last dimension varies fastest)."""
        keys: list[tuple[str, ...]] = [()]
        for dim in self.dimensions:
            keys = [k + (c,) for k in keys for c, _ in dim.codes]
        return keys

    def cell(self, key: tuple[str, ...]) -> Cell:
        found = self.cells.get(key)
        if found is not None:
            return found
        return Cell(None, MISSING, self.indicators[key[0]].decimals if key[0] in self.indicators else 0)

    @property
    def revision_notes(self) -> list[DatasetVersion]:
        return [v for v in self.versions if v.note and v.number > 1]


def dimension_codes(dataset: Dataset) -> list[Dimension]:
    return list(dataset.dimensions.select_related("codelist").order_by("position"))


def available(dataset: Dataset, versions: list[DatasetVersion]) -> dict[str, list[tuple[str, str]]]:
    """For forms: the codes each dimension takes in the given versions, with labels."""
    return _dimension_infos(dataset, Series.objects.filter(dataset=dataset), versions, None)[1]


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
    for dim in dims:
        if dim.role == "indicator":
            ordered = Indicator.objects.filter(agency=dataset.agency, code__in=used[dim.code]).order_by(
                "sort_order", "code").values_list("code", "name")
        else:
            ordered = Code.objects.filter(codelist=dim.codelist, code__in=used[dim.code]).order_by(
                "sort_order", "code").values_list("code", "name")
        labels[dim.code] = list(ordered)
    labels[TIME] = [(p, period_label(p)) for p in periods]
    return series, labels


def period_label(period: str) -> str:
    if len(period) == 4:
        return f"{period}年"
    year, rest = period.split("-", 1)
    if rest.startswith("Q"):
        return f"{year}年第{'一二三四'[int(rest[1]) - 1]}季度"
    return f"{year}年{int(rest)}月"


def build_cube(dataset: Dataset, *, versions: list[DatasetVersion], filters: dict[str, list[str]] | None = None,
               periods: list[str] | None = None, start: str = "", end: str = "", limit: int | None = None) -> Cube:
    """The cube of `dataset` restricted to `filters` (dimension code → codes) and periods.

    A cell takes its value from the newest of `versions` that has it (vintages, Art. 26).
    """
    filters = {k: v for k, v in (filters or {}).items() if v}
    dims = dimension_codes(dataset)
    series_qs = Series.objects.filter(dataset=dataset)
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
    series, labels = _dimension_infos(dataset, series_qs, versions, set(periods) if periods else None)
    time_codes = [(p, lab) for p, lab in labels[TIME] if (not start or p >= start) and (not end or p <= end)]
    infos = [DimInfo(d.code, d.name, d.role, labels[d.code]) for d in dims]
    infos.append(DimInfo(TIME, "时间", "time", time_codes))
    cells_wanted = 1
    for info in infos:
        cells_wanted *= len(info.codes)
    limit = max_cells() if limit is None else limit
    if cells_wanted > limit:
        raise TooManyCells(f"本次查询包含 {cells_wanted:,} 个数据单元格，超过单次查询上限 {limit:,} 个。"
                           "请减少指标、地区或时期后重试，或分批下载。")
    indicators = {i.code: i for i in Indicator.objects.filter(agency=dataset.agency,
                                                             code__in=[c for c, _ in infos[0].codes])}
    series_keys = {pk: tuple(values[d.code] for d in dims) for pk, values in series}
    rank = {v.pk: v.number for v in versions}
    period_set = {c for c, _ in time_codes}
    obs = Observation.objects.filter(dataset=dataset, version_id__in=list(rank))
    if len(series_keys) < Series.objects.filter(dataset=dataset).count():
        obs = obs.filter(series_id__in=list(series_keys))
    if len(period_set) < len(labels[TIME]) or periods:
        obs = obs.filter(period__in=sorted(period_set))
    best: dict[tuple, tuple] = {}
    for series_id, period, version_id, value, status, respondents in obs.values_list(
            "series_id", "period", "version_id", "value", "status", "respondents").iterator(chunk_size=10000):
        k = (*series_keys[series_id], period)
        r = rank[version_id]
        current = best.get(k)
        if current is None or current[0] < r:
            best[k] = (r, value, status, respondents)
    threshold = min_respondents()
    cells = {}
    for k, (_, value, status, respondents) in best.items():
        decimals = indicators[k[0]].decimals if k[0] in indicators else 0
        if respondents is not None and respondents < threshold:
            # 统计法 Art. 28: nothing that could identify a respondent is released.
            cells[k] = Cell(None, SUPPRESSED, decimals)
        elif value is None:
            cells[k] = Cell(None, MISSING, decimals)
        else:
            cells[k] = Cell(value, status, decimals)
    return Cube(dataset, infos, cells, indicators, versions)
