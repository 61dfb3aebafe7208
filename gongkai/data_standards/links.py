"""The downloads and services of a catalogue entry, shared by the CKAN and DCAT views.

Every URL points at an existing Gongkai endpoint: opendata's downloads (CSV with BOM, XLSX, JSON,
JSON-stat 2.0, all through its embargo funnel) and this app's SDMX data query.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from gongkai.opendata.models import OpenType

from .selectors import CatalogueEntry


@dataclass(frozen=True)
class Download:
    key: str  # stable within the entry: csv xlsx json jsonstat sdmx
    name: str
    format: str  # CKAN format label
    media_type: str  # IANA media type
    url: str
    description: str = ""


FORMATS = [
    ("csv", "CSV（UTF-8，带 BOM，可直接用 Excel 打开）", "CSV", "text/csv"),
    (
        "xlsx",
        "Excel 工作簿（含指标说明）",
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    ("json", "JSON（本平台格式）", "JSON", "application/json"),
    ("jsonstat", "JSON-stat 2.0", "JSON-stat", "application/json"),
]


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def landing_page(request, entry: CatalogueEntry) -> str:
    if entry.has_data:
        return absolute(request, reverse("opendata:dataset", args=[entry.dataset.code]))
    return absolute(request, reverse("opendata:catalogue")) + f"#{entry.resource.code}"


def guide_page(request) -> str:
    return absolute(request, reverse("opendata:catalogue"))


def apply_page(request, entry: CatalogueEntry) -> str:
    return absolute(request, reverse("opendata:apply", args=[entry.resource.code]))


def downloads(request, entry: CatalogueEntry) -> list[Download]:
    """Nothing for entries whose data is not served; conditional ones need the applicant's token."""
    if not entry.has_data:
        return []
    code = entry.dataset.code
    note = ""
    if entry.resource.open_type == OpenType.CONDITIONAL:
        note = "有条件开放：须先申请，获批后在请求中带 Authorization: Bearer <令牌> 或 ?token=<令牌>。"
    items = [
        Download(
            key,
            f"{entry.title}（{label}）",
            fmt,
            media,
            absolute(request, reverse("opendata:download", args=[code, key])),
            note,
        )
        for key, label, fmt, media in FORMATS
    ]
    items.append(
        Download(
            "sdmx",
            f"{entry.title}（SDMX-ML 2.1 结构化数据）",
            "SDMX-ML",
            "application/vnd.sdmx.structurespecificdata+xml",
            absolute(request, reverse("data_standards:sdmx_data", args=[code, "all"])),
            note,
        )
    )
    return items
