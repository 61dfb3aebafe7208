"""The blocks of “最新发布” on the home page, supplied by the capability apps.

Capability apps sit below `web` in the layers (pyproject.toml, import-linter), so they cannot import
this module. Instead each app names its provider here as a dotted path — one line, like the
navigation — and web imports it lazily:

    HOME_BLOCK_PROVIDERS = [
        "gongkai.catalogue.selectors.home_blocks",
    ]

A provider is `provider(agency) -> iterable of blocks`; a block is a mapping (or any object with
these attributes): title, items = [(label, url, date or None)], more_url = "", empty_text = "",
order = 100. Only published, public content may be returned: the home page is served to anyone.
"""

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.utils.module_loading import import_string

from .sections import Column, ResolvedColumn, resolve

logger = logging.getLogger(__name__)

HOME_BLOCK_PROVIDERS: list[str] = []

# 快捷入口 on the home page: the columns visitors look for most.
QUICK_LINKS: tuple[Column, ...] = (
    Column("政府信息公开指南", "catalogue:guide"),
    Column("政府信息公开目录", "catalogue:catalogue"),
    Column("依申请公开", "foi:landing"),
    Column("规范性文件", "catalogue:normative"),
    Column("年度报告", "annual_reports:list"),
    Column("我要留言", "public_messages:list"),
    Column("统计数据库", "opendata:database"),
    Column("数据发布日程", "opendata:calendar"),
)


@dataclass
class HomeBlock:
    title: str
    items: list[tuple[str, str, date | None]] = field(default_factory=list)
    more_url: str = ""
    empty_text: str = "暂无发布内容。"
    order: int = 100

    @classmethod
    def coerce(cls, value) -> "HomeBlock":
        if isinstance(value, cls):
            return value
        get = value.get if isinstance(value, Mapping) else (lambda name, default=None: getattr(value, name, default))
        return cls(
            title=str(get("title")),
            items=[tuple(item) for item in (get("items") or [])],
            more_url=get("more_url", "") or "",
            empty_text=get("empty_text", "") or "暂无发布内容。",
            order=get("order", 100) or 100,
        )


def home_blocks(agency, providers: Iterable[str] | None = None) -> list[HomeBlock]:
    """Every provider's blocks, ordered. A failing provider is logged and left out: the home page
    must stay up when one capability breaks."""
    blocks: list[HomeBlock] = []
    for dotted in HOME_BLOCK_PROVIDERS if providers is None else providers:
        try:
            provider = import_string(dotted)
            blocks.extend(HomeBlock.coerce(b) for b in provider(agency) or [])
        except Exception:  # noqa: BLE001 - isolate one broken capability from the home page
            logger.exception("home block provider %s failed", dotted)
    return sorted(blocks, key=lambda b: b.order)


def quick_links() -> list[ResolvedColumn]:
    return [ResolvedColumn(c.label, c.description, resolve(c.url_name)) for c in QUICK_LINKS]
