from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from gongkai.opendata import services
from gongkai.opendata.importers import ParsedCell, ParsedDataset, ParsedDimension, ParsedIndicator

AREAS = [
    ("000000", "全国", ""),
    ("350100", "福州市", "000000"),
    ("350102", "鼓楼区", "350100"),
    ("350103", "台江区", "350100"),
]


def small_dataset(cells, code="test-income") -> ParsedDataset:
    """INDICATOR × AREA, annual; `cells` = [(indicator, area, period, value, respondents)]."""
    return ParsedDataset(
        code=code,
        title="住户收入（测试）",
        frequency="A",
        topic="society",
        source="测试数据",
        dimensions=[
            ParsedDimension("INDICATOR", "指标", "indicator"),
            ParsedDimension("AREA", "地区", "area", "CL_AREA"),
        ],
        codelists={"CL_AREA": ("行政区划", AREAS)},
        indicators={
            "INC": ParsedIndicator(
                "INC", "人均可支配收入", "元", 0, meaning="居民可用于最终消费和储蓄的收入。"
            ),
            "EXP": ParsedIndicator("EXP", "人均消费支出", "元", 1),
        },
        cells=[
            ParsedCell((i, a), p, None if v is None else Decimal(str(v)), respondents=r, line=n)
            for n, (i, a, p, v, r) in enumerate(cells, start=2)
        ],
    )


BASE_CELLS = [
    ("INC", "350102", "2023", 60000, 120),
    ("INC", "350103", "2023", 55000, 2),
    ("INC", "350102", "2024", 62000, 130),
    ("INC", "350103", "2024", None, None),
    ("EXP", "350102", "2024", 40000.5, 3),
]


@pytest.fixture
def publish_release(drafter, reviewer, approver):
    """Create a confirmed release at `at`, attach the parsed data, take it through the real workflow."""
    from gongkai.publishing import services as publishing

    def make(parsed_list, *, at, title="测试发布", note=""):
        release = services.create_release(
            actor=drafter,
            title=title,
            scheduled_at=at,
            confirmed=True,
            press_release="测试统计公报正文。",
            interpretation="测试数据解读。",
            department=drafter.department,
        )
        results = services.write_parsed(parsed_list, actor=drafter, release=release, note=note)
        workflow = publishing.start_workflow(actor=drafter, obj=release)
        publishing.submit(actor=drafter, workflow=workflow)
        publishing.pass_review(actor=reviewer, workflow=workflow)
        publishing.approve(actor=approver, workflow=workflow, publish_at=at if at > timezone.now() else None)
        return release, results

    return make


@pytest.fixture
def published(agency, publish_release):
    """The small dataset, released yesterday."""
    at = timezone.now() - timedelta(days=1)
    return publish_release([small_dataset(BASE_CELLS)], at=at, title="2024年住户收入")
