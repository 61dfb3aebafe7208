"""/api/v1/results: the published plans, work-report breakdowns, projects, decisions and evaluations."""

from ninja import Router

from gongkai.core.errors import NotFound
from gongkai.core.selectors import public_agency
from gongkai.workdays.selectors import legal_today

from . import selectors
from .models import Decision, Evaluation, Plan, Project

router = Router(tags=["results"])


def _agency(request):
    agency = getattr(request, "agency", None) or public_agency()
    if agency is None:
        raise NotFound("没有可显示的机关。")
    return agency


@router.get("", auth=None, summary="结果公开：规划、为民办实事项目、重大决策、评估")
def list_results(request):
    agency = _agency(request)
    return {
        "plans": [
            {
                "id": p.pk,
                "title": p.title,
                "start_year": p.start_year,
                "end_year": p.end_year,
                "indicators": [
                    {
                        "name": i.name,
                        "unit": i.unit,
                        "baseline": i.baseline,
                        "target": i.target,
                        "nature": i.nature,
                    }
                    for i in p.indicators.all()
                ],
            }
            for p in selectors.public(Plan, agency)
        ],
        "projects": [
            {
                "id": p.pk,
                "year": p.year,
                "title": p.title,
                "budget": str(p.budget),
                "location": p.location,
                "starts_on": p.starts_on,
                "due_on": p.due_on,
                "completed_on": p.completed_on,
                "demo": p.is_demo,
            }
            for p in selectors.public(Project, agency)
        ],
        "decisions": [
            {"id": d.pk, "title": d.title, "decided_on": d.decided_on}
            for d in selectors.public(Decision, agency)
        ],
        "evaluations": [
            {
                "id": e.pk,
                "kind": e.kind,
                "title": e.title,
                "evaluator": e.evaluator,
                "evaluated_on": e.evaluated_on,
                "conclusion": e.conclusion,
                "response": e.response,
            }
            for e in selectors.public(Evaluation, agency)
        ],
    }


@router.get("/decisions/{int:pk}", auth=None, summary="一项重大决策：征求意见 → 决策 → 执行 → 评估")
def decision_chain(request, pk: int):
    d = selectors.public(Decision, _agency(request)).filter(pk=pk).first()
    if d is None:
        raise NotFound("没有找到该决策。")
    chain = selectors.decision_chain(d, legal_today())
    c = chain["consultation"]
    return {
        "consultation": {
            "id": c.pk,
            "title": c.title,
            "closes_at": c.closes_at,
            "report_published": chain["adoption_report"] is not None,
        }
        if c
        else None,
        "decision": {
            "title": d.title,
            "decided_on": d.decided_on,
            "document_title": d.document_title,
            "document_url": d.document_url,
        },
        "execution": [
            {"task": v.task.pk, "title": v.task.title, "progress": v.progress, "status": v.status.value}
            for v in chain["tasks"]
        ],
        "evaluations": [
            {"id": e.pk, "kind": e.kind, "title": e.title, "conclusion": e.conclusion}
            for e in chain["evaluations"]
        ],
    }
