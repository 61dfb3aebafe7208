"""Reading the search parameters of a request; bad values fall back instead of failing."""

from dataclasses import dataclass

from django import forms as django_forms

from . import registry
from .backends.base import SORTS
from .query import Filters, clean


@dataclass(frozen=True)
class SearchParams:
    q: str
    filters: Filters
    page: int
    sort: str
    errors: dict[str, str]


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def read_params(data, *, agency_id: int | None, strict: bool = False) -> SearchParams:
    """`data` is request.GET. `strict` (the API) reports bad values in `errors`; pages fall back."""
    errors = {}
    types = tuple(t for t in data.getlist("type") if t)
    unknown = [t for t in types if registry.get(t) is None]
    if unknown:
        errors["type"] = f"未知的类型：{'、'.join(unknown)}"
        types = tuple(t for t in types if registry.get(t) is not None)
    year_raw = (data.get("year") or "").strip()
    year = _int(year_raw)
    if year_raw and (year is None or not 1949 <= year <= 2100):
        errors["year"] = "年份应为 1949 至 2100 之间的四位数字。"
        year = None
    page_raw = data.get("page") or "1"
    page = _int(page_raw)
    if page is None or page < 1:
        errors["page"] = "页码应为正整数。"
        page = 1
    sort = data.get("sort") or "relevance"
    if sort not in SORTS:
        errors["sort"] = "排序方式应为 relevance（相关度）或 date（时间）。"
        sort = "relevance"
    filters = Filters(
        types=types,
        category=clean(data.get("category", ""))[:100],
        year=year,
        issuer=clean(data.get("issuer", ""))[:100],
        validity=clean(data.get("validity", ""))[:20],
        agency_id=agency_id,
    )
    return SearchParams(
        q=clean(data.get("q", "")), filters=filters, page=page, sort=sort, errors=errors if strict else {}
    )


class SynonymForm(django_forms.Form):
    """A synonym group typed by the openness office: words separated by spaces or 、."""

    words = django_forms.CharField(
        label="同义词",
        max_length=300,
        help_text="两个或更多意思相同的词，用空格或顿号分隔，例如：医保 医疗保险",
        error_messages={"required": "请填写同义词。", "max_length": "最多 300 个字符。"},
    )
    note = django_forms.CharField(
        label="说明", max_length=200, required=False, error_messages={"max_length": "最多 200 个字符。"}
    )
