"""The blocks of “最新发布” on the home page, supplied by the capability apps.

Capability apps sit below `web` in the layers (pyproject.toml, import-linter), so they cannot import
this module. Instead each app names its provider here as a dotted path — one line, like the
navigation — and web imports it lazily:

    HOME_BLOCK_PROVIDERS = [
        "gongkai.catalogue.selectors.home_blocks",
    ]

A provider is `provider(agency) -> iterable of blocks`; a block is a mapping (or any object with
these attributes): title, items = [(label, url, date or None)], more_url = "", empty_text = "",
order = 100, slot = "news" (the main column: 政府信息, 政策解读 ...) | "data" (the 数据发布 band) |
"interaction" (互动交流: consultations, messages, interviews). Only published, public content may be
returned: the home page is served to anyone.
"""

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.utils.module_loading import import_string

from .sections import Column, ResolvedColumn, resolve

logger = logging.getLogger(__name__)

HOME_BLOCK_PROVIDERS: list[str] = [
    "gongkai.catalogue.home.home_blocks",
    "gongkai.interpretations.home.interpretation_blocks",
    "gongkai.opendata.home.home_blocks",
    "gongkai.consultations.home.home_blocks",
    "gongkai.public_messages.home.home_blocks",
    "gongkai.interviews.home.home_blocks",
    "gongkai.annual_reports.home.home_blocks",
    "gongkai.surveys.home.home_blocks",
]
SLOTS = ("news", "data", "interaction")

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


# 数据服务 beside the data blocks: what a statistics bureau's visitors come for.
DATA_LINKS: tuple[Column, ...] = (
    Column("统计数据库", "opendata:database", "查询、制表、绘图、下载"),
    Column("统计公报", "opendata:bulletins", "历年统计公报"),
    Column("数据解读", "opendata:analysis", "统计数据的解读分析"),
    Column("普查数据", "opendata:census", "人口普查等普查资料"),
    Column("开放目录与指南", "opendata:catalogue", "无条件、有条件开放"),
    Column("统计调查项目", "opendata:surveys", "调查项目与调查制度"),
)

# 热门搜索 under the home page's search box.
HOT_WORDS: tuple[str, ...] = ("统计公报", "居民消费价格", "人口普查", "依申请公开", "统计执法")


@dataclass
class HomeBlock:
    title: str
    items: list[tuple[str, str, date | None]] = field(default_factory=list)
    more_url: str = ""
    empty_text: str = "暂无发布内容。"
    order: int = 100
    slot: str = "news"

    @classmethod
    def coerce(cls, value) -> "HomeBlock":
        if isinstance(value, cls):
            return value
        get = (
            value.get
            if isinstance(value, Mapping)
            else (lambda name, default=None: getattr(value, name, default))
        )
        return cls(
            title=str(get("title")),
            items=[tuple(item) for item in (get("items") or [])],
            more_url=get("more_url", "") or "",
            empty_text=get("empty_text", "") or "暂无发布内容。",
            order=get("order", 100) or 100,
            slot=get("slot", "news") if get("slot", "news") in SLOTS else "news",
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
    return [
        c
        for c in (ResolvedColumn(c.label, c.description, resolve(c.url_name)) for c in QUICK_LINKS)
        if c.available
    ]


def data_links() -> list[ResolvedColumn]:
    return [
        c
        for c in (ResolvedColumn(c.label, c.description, resolve(c.url_name)) for c in DATA_LINKS)
        if c.available
    ]


def blocks_by_slot(blocks: list[HomeBlock]) -> dict[str, list[HomeBlock]]:
    return {slot: [b for b in blocks if b.slot == slot] for slot in SLOTS}
