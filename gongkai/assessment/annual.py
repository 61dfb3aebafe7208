"""Section 五 of the annual report (存在的主要问题及改进情况), prompted by the year's records: the website
inspection indicators that failed and the assessment measures below their target. Registered with
annual_reports.drafts in AssessmentConfig.ready() (this app sits above annual_reports)."""

from collections import OrderedDict

from django.utils import timezone

from . import scoring
from .measures import BY_CODE, parse_period
from .models import IndicatorResult, Scheme, Verdict


def year_problems(agency, year: int) -> list[str]:
    period = parse_period(str(year))
    lines = []
    failed: OrderedDict[str, list] = OrderedDict()
    for result in (
        IndicatorResult.objects.filter(
            run__agency=agency,
            run__checked_at__gte=period.start_at,
            run__checked_at__lt=period.end_at,
            verdict=Verdict.FAIL,
        )
        .select_related("run")
        .order_by("sort_order", "run__checked_at")
    ):
        failed.setdefault(result.name, []).append(result)
    for name, results in failed.items():
        last = results[-1]
        lines.append(
            f"网站自查“{name}”不合格 {len(results)} 次（最近一次 "
            f"{timezone.localtime(last.run.checked_at):%Y-%m-%d}：{last.summary}）。"
        )
    scheme = Scheme.objects.filter(agency=agency).first()
    targets = scoring.targets_of(scheme)
    _ranked, whole, _rows = scoring.scoreboard(agency, period)
    for code, cell in whole.cells.items():
        if cell.rate is not None and cell.rate < targets[code]:
            lines.append(
                f"绩效考核“{BY_CODE[code].label}”为 {cell.rate}%（{cell.met}/{cell.total}），低于达标线 "
                f"{targets[code]}%，{cell.total - cell.met} 条未达标（{BY_CODE[code].rule}）。"
            )
    return lines
