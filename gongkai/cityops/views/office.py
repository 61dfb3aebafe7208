"""The city openness office's screens (issue 18 items 8-9) and the agency's side of a 督办通知.

The city office sees every agency read-only (overview, at-risk requests, notices, the roll-up); an
agency's staff see only their own agency's notices (selectors.notices_for) and answer them there."""

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.permissions import has_perm
from gongkai.assessment.measures import MEASURES
from gongkai.core.errors import DomainError
from gongkai.core.models import Agency
from gongkai.workdays.selectors import legal_today

from .. import selectors, services, xlsx
from .. import tables as T
from ..forms import AnswerForm, NoticeForm, TypedTablesForm, UploadForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BREADCRUMB = [("市政务公开办", "/office/city/")]


def _xlsx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- item 8: every agency, read-only ----------------------------------------------------------
@permission_required("cityops.oversee")
def overview(request):
    rows, period = selectors.overview(period_key=request.GET.get("period", ""))
    return render(
        request,
        "cityops/overview.html",
        {
            "rows": rows,
            "period": period,
            "measures": [(m.code, m.label) for m in MEASURES],
            "breadcrumb": [("市政务公开办", None)],
        },
    )


@permission_required("cityops.oversee")
def agency_detail(request, code):
    agency = get_object_or_404(Agency, code=code, is_active=True)
    today = legal_today()
    return render(
        request,
        "cityops/agency.html",
        {
            "agency": agency,
            "today": today,
            "requests": selectors.at_risk_requests(agency, today=today)[:100],
            "notices": selectors.notices_sent(agency=agency)[:50],
            "breadcrumb": [*BREADCRUMB, (agency.name, None)],
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("cityops.oversee")
def supervision(request):
    """Notices the city office sent, and the form to send one."""
    can_send = has_perm(request.user, "cityops.supervise")
    form = NoticeForm(request.POST or None, initial={"agency": request.GET.get("agency") or None})
    status = 200
    if request.method == "POST":
        status = 400
        if not can_send:
            raise Http404
        if form.is_valid():
            try:
                notice = services.issue_notice(
                    actor=request.user,
                    agency=form.cleaned_data["agency"],
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    due_days=form.cleaned_data["due_days"],
                )
            except DomainError as exc:
                exc.show_on(form)
            else:
                messages.success(
                    request, f"已向{notice.agency.name}发出督办通知，办理期限 {notice.due_on:%Y-%m-%d}。"
                )
                return redirect("cityops_office:supervision")
    today = legal_today()
    notices = [(n, selectors.is_overdue(n, today)) for n in selectors.notices_sent()[:200]]
    return render(
        request,
        "cityops/supervision.html",
        {
            "form": form if can_send else None,
            "notices": notices,
            "breadcrumb": [*BREADCRUMB, ("督办通知", None)],
        },
        status=status,
    )


# --- the agency's side of a notice ---------------------------------------------------------------
@permission_required("cityops.notices_view")
def notices(request):
    today = legal_today()
    rows = [(n, selectors.is_overdue(n, today)) for n in selectors.notices_for(request.user)]
    return render(request, "cityops/notices.html", {"rows": rows, "breadcrumb": [("督办通知", None)]})


@require_http_methods(["GET", "POST"])
@permission_required("office.enter")
def notice(request, pk):
    """One notice: its agency's staff (and answer it), or the city office (read-only)."""
    user = request.user
    if has_perm(user, "cityops.oversee"):
        item = get_object_or_404(selectors.notices_sent(), pk=pk)
        if item.agency_id == user.agency_id and has_perm(user, "cityops.notices_view"):
            can_answer = has_perm(user, "cityops.notices_answer")
        else:
            can_answer = False
    elif has_perm(user, "cityops.notices_view"):
        item = get_object_or_404(selectors.notices_for(user), pk=pk)
        can_answer = has_perm(user, "cityops.notices_answer")
    else:
        return _denied(request)
    can_answer = can_answer and not item.is_answered
    form = AnswerForm(request.POST or None) if can_answer else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise Http404
        status = 400
        if form.is_valid():
            try:
                services.answer_notice(actor=user, notice=item, answer=form.cleaned_data["answer"])
            except DomainError as exc:
                exc.show_on(form)
            else:
                messages.success(request, "已答复督办通知。")
                return redirect("cityops_office:notice", pk=item.pk)
    return render(
        request,
        "cityops/notice.html",
        {
            "notice": item,
            "overdue": selectors.is_overdue(item),
            "form": form,
            "breadcrumb": [("督办通知", "/office/city/notices/"), (item.subject, None)],
        },
        status=status,
    )


def _denied(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied("您的角色无权访问此页面。")


# --- item 9: the city annual report roll-up ------------------------------------------------------
def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = legal_today().year - 1
    return min(max(year, 2008), legal_today().year - 1)


@permission_required("cityops.rollup")
def rollup(request):
    year = _year(request)
    total, lines = selectors.city_summary(year)
    return render(
        request,
        "cityops/rollup.html",
        {
            "year": year,
            "years": list(range(legal_today().year - 1, legal_today().year - 6, -1)),
            "lines": lines,
            "missing": [line for line in lines if line.source == "missing"],
            "late": [line for line in lines if line.is_late],
            "reported": sum(1 for line in lines if line.tables is not None),
            "t": T.rows_for_display(total),
            "due": date(year + 1, 1, 31),
            "breadcrumb": [*BREADCRUMB, (f"{year}年度年报汇总", None)],
        },
    )


@permission_required("cityops.rollup")
def rollup_xlsx(request, year):
    if not 2008 <= year < legal_today().year:
        raise Http404
    total, lines = selectors.city_summary(year)
    return _xlsx(xlsx.summary_workbook(total, lines, year=year), f"city-annual-report-{year}.xlsx")


@permission_required("cityops.rollup")
def template_xlsx(request):
    return _xlsx(xlsx.build(), "annual-report-tables-template.xlsx")


@require_http_methods(["GET", "POST"])
@permission_required("cityops.rollup")
def submit(request, year, code):
    """Tables of one agency: upload the filled template, or type them; both checked the same way."""
    agency = get_object_or_404(Agency, code=code, is_active=True)
    if not 2008 <= year < legal_today().year:
        raise Http404
    upload_form = UploadForm()
    typed_form = TypedTablesForm()
    status = 200
    if request.method == "POST":
        status = 400
        if request.POST.get("mode") == "upload":
            upload_form = UploadForm(request.POST, request.FILES)
            if upload_form.is_valid():
                upload = upload_form.cleaned_data["file"]
                if upload.size > xlsx.MAX_BYTES:
                    upload_form.add_error("file", f"文件不能超过 {xlsx.MAX_BYTES // (1024 * 1024)} MB。")
                else:
                    try:
                        services.upload_tables(
                            actor=request.user,
                            agency=agency,
                            year=year,
                            data=upload.read(),
                            file_name=upload.name,
                        )
                    except DomainError as exc:
                        upload_form.add_error("file", exc.message)
                    else:
                        messages.success(request, f"已接收{agency.name}{year}年度统计表（上传）。")
                        return redirect(f"/office/city/annual-reports/?year={year}")
        else:
            typed_form = TypedTablesForm(request.POST)
            if typed_form.is_valid():
                try:
                    services.submit_tables(
                        actor=request.user,
                        agency=agency,
                        year=year,
                        tables=typed_form.tables(),
                        source="typed",
                    )
                except DomainError as exc:
                    exc.show_on(typed_form)
                else:
                    messages.success(request, f"已接收{agency.name}{year}年度统计表（在线填写）。")
                    return redirect(f"/office/city/annual-reports/?year={year}")
    return render(
        request,
        "cityops/submit.html",
        {
            "agency": agency,
            "year": year,
            "upload_form": upload_form,
            "typed_form": typed_form,
            "grid": typed_form.grid(),
            "breadcrumb": [
                *BREADCRUMB,
                (f"{year}年度年报汇总", f"/office/city/annual-reports/?year={year}"),
                (agency.name, None),
            ],
        },
        status=status,
    )
