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
        raise ValidationFailed("考核期间格式应为 2026Q4 或 2026。", field="period")
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
