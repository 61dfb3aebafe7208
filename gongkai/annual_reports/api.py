"""/api/v1/annual-reports: the published reports and each one's frozen tables (problem JSON on errors)."""

from ninja import Router

from gongkai.core.errors import NotFound
from gongkai.core.selectors import public_agency

from . import selectors
from .services import ReportWithdrawn

router = Router(tags=["annual-reports"])


def _agency(request):
    return getattr(request, "agency", None) or public_agency()


def _out(report) -> dict:
    return {
        "year": report.year,
        "title": report.title,
        "published_at": report.published_at,
        "url": f"/xxgk/ndbg/{report.year}/",
    }


@router.get("", auth=None, summary="已发布的政府信息公开工作年度报告（新的在前）")
def list_reports(request):
    agency = _agency(request)
    return [_out(r) for r in selectors.public_reports(agency).select_related("agency")] if agency else []


@router.get("/{int:year}", auth=None, summary="一个年度的报告：各部分文字和发布时固定的表二、表三、表四")
def get_report(request, year: int):
    agency = _agency(request)
    report = selectors.public_report(agency, year) if agency else None
    if report is None:
        withdrawn = selectors.withdrawn_report(agency, year) if agency else None
        if withdrawn is not None:  # 410 with the public reason, like the report's page
            raise ReportWithdrawn(
                f"{withdrawn.title}已于{selectors.withdrawn_on(withdrawn):%Y年%-m月%-d日}撤回。"
                f"撤回原因：{withdrawn.withdrawal_reason}"
            )
        raise NotFound(f"没有找到{year}年的年度报告。")
    return {
        **_out(report),
        "sections": {
            "overview": report.overview,
            "proactive_note": report.proactive_note,
            "problems": report.problems,
            "other_matters": report.other_matters,
        },
        "tables": report.snapshot,
    }
