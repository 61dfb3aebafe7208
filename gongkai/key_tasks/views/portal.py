"""Public pages of 执行公开: key tasks with progress and chart, findings and rectification, case notices."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse

from gongkai.core.pagecache import evaluated_page, memoised
from gongkai.workdays.selectors import legal_today

from .. import rollup, selectors
from ..models import Evidence, Source

PAGE_SIZE = 20
XXGK = ("政府信息公开", "/xxgk/")


def _agency(request):
    agency = getattr(request, "agency", None)
    if not agency:
        raise Http404("没有可显示的机关。")
    return agency


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def task_list(request):
    agency = _agency(request)
    today = legal_today()
    year = _int(request.GET.get("year"))
    source = request.GET.get("source", "")
    status = request.GET.get("status", "")
    number = request.GET.get("page")

    def data():
        qs = selectors.public_tasks(agency)
        years = sorted(set(qs.values_list("year", flat=True)), reverse=True)
        if year:
            qs = qs.filter(year=year)
        if source in Source.values:
            qs = qs.filter(source=source)
        views = selectors.task_views(qs.order_by("-year", "department__sort_order", "id"), today)
        all_views = views
        if status in rollup.Status.__members__.values():
            views = [v for v in views if v.status == status]
        page = Paginator(views, PAGE_SIZE).get_page(number)
        return page, selectors.rollups(all_views, today), years

    # The same for every reader on the same legal day until a committed write (ADR 0043).
    key = f"key_tasks.list:{agency.pk}:{today}:{year}:{source}:{status}:{number}"
    page, rollups, years = memoised(key, data)
    return render(
        request,
        "key_tasks/portal/list.html",
        {
            "page": page,
            "rollups": rollups,
            "years": years,
            "statuses": [(s.value, s.label) for s in rollup.Status],
            "sources": Source.choices,
            "selected": {"year": year, "status": status, "source": source},
            "breadcrumb": [XXGK, ("重点任务推进情况", None)],
        },
    )


def task_detail(request, pk):
    agency = _agency(request)
    today = legal_today()

    def data():
        task = selectors.public_tasks(agency).filter(pk=pk).prefetch_related("co_departments").first()
        if task is None:
            return None
        updates = list(selectors.public_updates(task))
        view = selectors.task_view(task, today, updates)
        return {
            "view": view,
            "task": task,
            "updates": list(reversed(updates)),
            "chart": {
                "dates": [d.isoformat() for d, _ in view.history],
                "progress": [p for _, p in view.history],
                "title": "累计完成进度（%）",
            },
            "findings": list(selectors.public_findings(agency).filter(task=task)),
        }

    # The same for every reader on the same legal day until a committed write (ADR 0043/0063).
    found = memoised(f"key_tasks.detail:{agency.pk}:{pk}:{today}", data)
    if found is None:
        raise Http404("没有找到该重点任务。")
    task = found["task"]
    return render(
        request,
        "key_tasks/portal/task.html",
        {
            **found,
            "breadcrumb": [XXGK, ("重点任务推进情况", reverse("key_tasks:tasks")), (task.title, None)],
        },
    )


def evidence(request, pk):
    agency = _agency(request)
    row = Evidence.objects.filter(pk=pk, update__task__agency=agency).select_related("update").first()
    if row is None or not selectors.public_update_ids(agency).filter(object_id=row.update_id).exists():
        raise Http404("没有找到该材料。")
    try:
        handle = row.file.open("rb")
    except OSError:
        raise Http404("文件暂时无法读取。") from None
    return FileResponse(handle, as_attachment=True, filename=row.original_name, content_type=row.mime)


def finding_list(request):
    agency = _agency(request)
    number = request.GET.get("page")
    # The same for every reader until a committed write ends the generation (ADR 0043/0063).
    page = memoised(
        f"key_tasks.findings:{agency.pk}:{number}",
        lambda: evaluated_page(
            selectors.public_findings(agency).order_by("-found_on", "-id"), number, PAGE_SIZE
        ),
    )
    return render(
        request,
        "key_tasks/portal/findings.html",
        {"page": page, "breadcrumb": [XXGK, ("督查发现问题及整改落实情况", None)]},
    )


def finding_detail(request, pk):
    agency = _agency(request)

    def data():
        finding = selectors.public_findings(agency).filter(pk=pk).first()
        if finding is None:
            return None
        return {
            "f": finding,
            "rect": finding.rectifications.filter(decision="confirmed").last(),
            "notices": list(selectors.public_notices(agency).filter(finding=finding)),
        }

    found = memoised(f"key_tasks.finding:{agency.pk}:{pk}", data)
    if found is None:
        raise Http404("没有找到该督查问题。")
    return render(
        request,
        "key_tasks/portal/finding.html",
        {
            **found,
            "breadcrumb": [
                XXGK,
                ("督查发现问题及整改落实情况", reverse("key_tasks:findings")),
                (found["f"].title, None),
            ],
        },
    )


def notice_list(request):
    agency = _agency(request)
    number = request.GET.get("page")
    page = memoised(
        f"key_tasks.notices:{agency.pk}:{number}",
        lambda: evaluated_page(selectors.public_notices(agency), number, PAGE_SIZE),
    )
    return render(
        request,
        "key_tasks/portal/notices.html",
        {"page": page, "breadcrumb": [XXGK, ("问责典型案例通报", None)]},
    )


def notice_detail(request, pk):
    agency = _agency(request)

    def data():
        notice = selectors.public_notices(agency).filter(pk=pk).first()
        if notice is None:
            return None
        finding = (
            notice.finding
            if notice.finding_id and selectors.public_findings(agency).filter(pk=notice.finding_id).exists()
            else None
        )
        return {"n": notice, "finding": finding}

    found = memoised(f"key_tasks.notice:{agency.pk}:{pk}", data)
    if found is None:
        raise Http404("没有找到该通报。")
    return render(
        request,
        "key_tasks/portal/notice.html",
        {
            **found,
            "breadcrumb": [
                XXGK,
                ("问责典型案例通报", reverse("key_tasks:notices")),
                (found["n"].title, None),
            ],
        },
    )
