"""/api/v1/assessment (staff, bearer token): the latest website self-inspection and the assessment board."""

from ninja import Router

from gongkai.accounts.api_auth import TokenAuth
from gongkai.accounts.permissions import has_perm
from gongkai.core.errors import NotFound, PermissionDenied, ValidationFailed

from . import measures, scoring
from .selectors import latest_run

router = Router(tags=["assessment"])


def _viewer(request):
    if not has_perm(request.auth, "assessment.view"):
        raise PermissionDenied("您的角色无权查看网站自查与绩效考核。")
    return request.auth


@router.get("/inspection/latest", auth=TokenAuth(), summary="最近一次网站自查及各项指标（工作人员）")
def latest_inspection(request):
    run = latest_run(_viewer(request).agency)
    if run is None:
        raise NotFound("尚未进行网站自查。")
    return {
        "checked_at": run.checked_at,
        "verdict": run.verdict,
        "pages_crawled": run.pages_crawled,
        "indicators": [
            {
                "code": r.code,
                "name": r.name,
                "verdict": r.verdict,
                "rule": r.rule,
                "source": r.source,
                "summary": r.summary,
                "measured": r.measured,
                "evidence": r.evidence,
            }
            for r in run.results.all()
        ],
    }


@router.get(
    "/scores", auth=TokenAuth(), summary="一个考核期（如 2026Q4 或 2026）的各处室得分与排名（工作人员）"
)
def scores(request, period: str):
    user = _viewer(request)
    parsed = measures.parse_period(period)
    if parsed is None:
        raise ValidationFailed("考核期间格式应为 2026Q4、2026 或 2026-11。", field="period")
    ranked, whole, _rows = scoring.scoreboard(user.agency, parsed)
    return {
        "period": parsed.key,
        "lines": [
            {
                "department": line.label,
                "rank": line.rank,
                "score": str(line.score),
                "deducted": str(line.deducted),
                "measures": {code: {"met": c.met, "total": c.total} for code, c in line.cells.items()},
            }
            for line in [*ranked, whole]
        ],
    }


@router.get(
    "/scores/{code}",
    auth=TokenAuth(),
    summary="一个考核项在一个考核期（2026Q4、2026 或 2026-11）的每条记录，可按处室筛选（工作人员）",
)
def drilldown(request, code: str, period: str, dept: str = scoring.AGENCY_KEY):
    user = _viewer(request)
    measure = measures.BY_CODE.get(code)
    if measure is None:
        raise NotFound("没有该考核项。")
    parsed = measures.parse_period(period)
    if parsed is None:
        raise ValidationFailed("考核期间格式应为 2026Q4、2026 或 2026-11。", field="period")
    rows = measure.compute(user.agency, parsed)
    if dept != scoring.AGENCY_KEY:
        rows = [r for r in rows if str(r.department_id) == dept]
    return {
        "measure": code,
        "label": measure.label,
        "rule": measure.rule,
        "period": parsed.key,
        "met": sum(r.met for r in rows),
        "total": len(rows),
        "records": [
            {
                "label": r.label,
                "url": r.url,
                "department": r.department,
                "met": r.met,
                "detail": r.detail,
                "on": r.on,
            }
            for r in rows
        ],
    }


@router.get(
    "/dashboard", auth=TokenAuth(), summary="绩效考核看板：本期未达标的考核项与近 12 个月（工作人员）"
)
def dashboard_data(request):
    from .dashboard import dashboard
    from .models import Scheme

    user = _viewer(request)
    board = dashboard(user.agency, Scheme.objects.filter(agency=user.agency).first())
    return {
        "period": board["period"].key,
        "off_track": [
            {"label": o.label, "department": o.who, "met": o.met, "total": o.total, "url": o.url}
            for o in board["off_track"]
        ],
        "months": board["chart"]["months"],
        "measures": [
            {
                "code": measure.code,
                "label": measure.label,
                "months": [{"month": c.month, "met": c.met, "total": c.total, "url": c.url} for c in cells],
            }
            for measure, cells in board["series"]
        ],
    }
