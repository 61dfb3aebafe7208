"""The register (with its CSV), a new registration, and the frequently requested list."""

import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.permissions import has_perm
from gongkai.core.errors import DomainError
from gongkai.workdays.selectors import legal_today

from ... import selectors, services
from ...forms import (
    RegisterForm,
)
from ...models import Channel
from ...outcomes import ApplicantType
from ...states import Status
from .common import BREADCRUMB


@permission_required("foi.view")
def register(request):
    params = {
        k: request.GET.get(k, "") for k in ("status", "queue", "channel", "applicant_type", "q", "sort")
    }
    qs = selectors.register(request.user, **params)
    if request.GET.get("format") == "csv":
        return _csv(qs)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    today = legal_today()
    page.object_list = [selectors.as_of(r, today) for r in page.object_list]
    return render(
        request,
        "foi_requests/office/register.html",
        {
            "page": page,
            "params": params,
            "statuses": Status.choices,
            "channels": Channel.choices,
            "applicant_types": ApplicantType.choices,
            "today": legal_today(),
            "breadcrumb": [("依申请公开", None)],
            "can_register": has_perm(request.user, "foi.register"),
            "warning_days": selectors.warning_days(),
            "can_statistics": has_perm(request.user, "foi.statistics"),
            "can_manage": has_perm(request.user, "foi.manage"),
        },
    )


def _csv(qs):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="foi-requests.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with the BOM
    writer = csv.writer(response)
    writer.writerow(
        [
            "申请编号",
            "申请方式",
            "申请人类型",
            "申请人",
            "提交时间",
            "收到日期",
            "答复期限",
            "状态",
            "办理结果",
            "办结日期",
            "承办处室",
            "承办人",
            "申请内容",
        ]
    )
    today = legal_today()
    for r in qs.iterator():
        r = selectors.as_of(r, today)
        writer.writerow(
            [
                r.tracking_number,
                r.get_channel_display(),
                r.get_applicant_type_display(),
                r.applicant_name,
                f"{timezone.localtime(r.submitted_at):%Y-%m-%d %H:%M}",
                r.received_on or "",
                r.answer_due_on or "",
                r.get_status_display(),
                r.get_outcome_display() if r.outcome else "",
                r.closed_on or "",
                r.department.name if r.department else "",
                str(r.handler) if r.handler else "",
                r.description,
            ]
        )
    return response


@permission_required("foi.register")
def new(request):
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            foi_request = services.submit_application(
                actor=request.user,
                agency=request.user.agency,
                data=data,
                channel=data["channel"],
                received_on=data.get("received_on"),
                note=data.get("note", ""),
                backdate_reason=data.get("backdate_reason", ""),
            )
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, f"已登记申请 {foi_request.tracking_number}。")
            return redirect("foi_office:detail", pk=foi_request.pk)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": "登记申请（信函、传真、当面或口头）",
            "submit_label": "登记",
            "cancel_url": "/office/foi/",
            "breadcrumb": [*BREADCRUMB, ("登记申请", None)],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@permission_required("foi.view")
def frequent(request):
    """Information several applicants asked for: candidates for proactive disclosure (《条例》Art. 44)."""
    clusters = selectors.frequently_requested(request.user)
    page = Paginator(clusters, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "foi_requests/office/frequent.html",
        {
            "page": page,
            "threshold": int(selectors.SIMILARITY_THRESHOLD * 100),
            "breadcrumb": [*BREADCRUMB, ("多人申请的政府信息", None)],
        },
    )
