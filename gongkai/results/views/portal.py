"""Public pages of 结果公开: one index and a page per record; the decision page shows the whole chain
征求意见 → 决策 → 执行 → 评估."""

from django.db.models import Count, prefetch_related_objects
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from gongkai.core.pagecache import memoised
from gongkai.workdays.selectors import legal_today

from .. import selectors
from ..models import Decision, Evaluation, Plan, Project, WorkReport

XXGK = ("政府信息公开", "/xxgk/")
INDEX = ("结果公开", "/xxgk/jggk/")


def _agency(request):
    agency = getattr(request, "agency", None)
    if not agency:
        raise Http404("没有可显示的机关。")
    return agency


def _kept(request, model, pk, details, *, today=None):
    """The public record `pk` and `details(row)` (everything its page reads from the database), kept
    for the page cache's generation (ADR 0043/0063): the same for every reader until a committed write
    ends the generation, and, when `today` is given, on the same legal day. 404 when not public."""
    agency = _agency(request)

    def data():
        row = selectors.public(model, agency).filter(pk=pk).first()
        return (row, details(row)) if row is not None else (None, None)

    key = f"results.{model.__name__}:{agency.pk}:{pk}:{today or ''}"
    row, found = memoised(key, data)
    if row is None:
        raise Http404("没有找到该记录。")
    return row, found


def index(request):
    agency = _agency(request)

    def data():
        return {
            "plans": list(selectors.public(Plan, agency)),
            "reports": list(selectors.public(WorkReport, agency).annotate(task_count=Count("tasks"))),
            "projects": list(selectors.public(Project, agency)),
            "decisions": list(selectors.public(Decision, agency)),
            "evaluations": list(selectors.public(Evaluation, agency)[:50]),
        }

    # The same for every reader until a committed write ends the page-cache generation (ADR 0043).
    return render(
        request,
        "results/portal/index.html",
        {**memoised(f"results.index:{agency.pk}", data), "breadcrumb": [XXGK, (INDEX[0], None)]},
    )


def plan(request, pk):
    def details(row):
        evaluations = list(
            selectors.public_evaluations_of(row.agency, plan=row).prefetch_related("indicator_values")
        )
        values = {}
        for e in evaluations:
            for v in e.indicator_values.all():
                values.setdefault(v.indicator_id, []).append((e, v))
        return {
            "indicators": [(i, values.get(i.pk, [])) for i in row.indicators.all()],
            "evaluations": evaluations,
        }

    row, found = _kept(request, Plan, pk, details)
    return render(
        request,
        "results/portal/plan.html",
        {"p": row, **found, "breadcrumb": [XXGK, INDEX, (row.title, None)]},
    )


def work_report(request, pk):
    from gongkai.key_tasks import selectors as key_task_selectors

    today = legal_today()

    def details(row):
        tasks = key_task_selectors.public_tasks(row.agency).filter(pk__in=row.tasks.values("pk"))
        return key_task_selectors.task_views(tasks, today)

    row, views = _kept(request, WorkReport, pk, details, today=today)
    return render(
        request,
        "results/portal/work_report.html",
        {"r": row, "views": views, "breadcrumb": [XXGK, INDEX, (row.title, None)]},
    )


def project(request, pk):
    row, evaluations = _kept(
        request, Project, pk, lambda row: list(selectors.public_evaluations_of(row.agency, project=row))
    )
    return render(
        request,
        "results/portal/project.html",
        {
            "p": row,
            "evaluations": evaluations,
            "today": legal_today(),
            "breadcrumb": [XXGK, INDEX, (row.title, None)],
        },
    )


def decision(request, pk):
    today = legal_today()
    row, chain = _kept(request, Decision, pk, lambda row: selectors.decision_chain(row, today), today=today)
    return render(
        request,
        "results/portal/decision.html",
        {"d": row, "chain": chain, "breadcrumb": [XXGK, INDEX, (row.title, None)]},
    )


def evaluation(request, pk):
    def details(row):
        # The indicator values are read by the template twice: fetched once, kept with the row.
        prefetch_related_objects([row], "indicator_values__indicator")
        return {"subject": row.subject, "survey_report": selectors.survey_result_of(row)}

    row, found = _kept(request, Evaluation, pk, details)
    subject_url = ""
    if row.plan_id:
        subject_url = reverse("results:plan", args=[row.plan_id])
    elif row.project_id:
        subject_url = reverse("results:project", args=[row.project_id])
    elif row.decision_id:
        subject_url = reverse("results:decision", args=[row.decision_id])
    elif row.key_task_id:
        subject_url = reverse("key_tasks:task", args=[row.key_task_id])
    return render(
        request,
        "results/portal/evaluation.html",
        {"e": row, **found, "subject_url": subject_url, "breadcrumb": [XXGK, INDEX, (row.title, None)]},
    )
