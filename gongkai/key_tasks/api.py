"""/api/v1/key-tasks: published key tasks with progress, status and history; findings; case notices."""

from ninja import Router

from gongkai.core.errors import NotFound
from gongkai.core.selectors import public_agency
from gongkai.workdays.selectors import legal_today

from . import selectors

router = Router(tags=["key-tasks"])


def _agency(request):
    agency = getattr(request, "agency", None) or public_agency()
    if agency is None:
        raise NotFound("没有可显示的机关。")
    return agency


def _task_out(v) -> dict:
    t = v.task
    return {
        "id": t.pk,
        "year": t.year,
        "title": t.title,
        "department": t.department.name,
        "source": t.source,
        "source_title": t.source_title,
        "due_on": t.due_on,
        "weight": t.weight,
        "progress": v.progress,
        "status": v.status.value,
        "status_label": v.status.label,
        "demo": t.is_demo,
    }


@router.get("", auth=None, summary="公开的重点任务（进度、状态）")
def list_tasks(request, year: int | None = None):
    qs = selectors.public_tasks(_agency(request))
    if year:
        qs = qs.filter(year=year)
    return [_task_out(v) for v in selectors.task_views(qs[:500], legal_today())]


@router.get("/{int:pk}", auth=None, summary="一项重点任务：节点、进展记录、进度变化")
def get_task(request, pk: int):
    task = selectors.public_tasks(_agency(request)).filter(pk=pk).first()
    if task is None:
        raise NotFound("没有找到该重点任务。")
    updates = list(selectors.public_updates(task))
    v = selectors.task_view(task, legal_today(), updates)
    return {
        **_task_out(v),
        "target": task.target,
        "milestones": [
            {
                "title": m.title,
                "due_on": m.due_on,
                "weight": m.weight,
                "percent": f.percent,
                "flag": flag.value,
            }
            for m, f, flag in v.milestones
        ],
        "updates": [
            {
                "id": u.pk,
                "reported_on": u.reported_on,
                "milestone": u.milestone.title if u.milestone else None,
                "percent": u.percent,
                "text": u.text,
            }
            for u in updates
        ],
        "history": [{"date": d, "progress": p} for d, p in v.history],
    }


@router.get("/findings", auth=None, summary="督查发现问题及整改落实情况")
def list_findings(request):
    out = []
    for f in selectors.public_findings(_agency(request))[:500]:
        rect = f.rectifications.filter(decision="confirmed").last()
        out.append(
            {
                "id": f.pk,
                "title": f.title,
                "source": f.source,
                "department": f.department.name,
                "found_on": f.found_on,
                "rectify_by": f.rectify_by,
                "state": f.state,
                "measures": rect.measures if rect else "",
                "result": rect.result if rect else "",
                "completed_on": rect.completed_on if rect else None,
            }
        )
    return out


@router.get("/notices", auth=None, summary="问责典型案例通报（已隐名）")
def list_notices(request):
    return [
        {
            "id": n.pk,
            "title": n.title,
            "kind": n.kind,
            "facts": n.facts,
            "handling": n.handling,
            "notified_on": n.notified_on,
            "finding": n.finding_id,
        }
        for n in selectors.public_notices(_agency(request))[:500]
    ]
