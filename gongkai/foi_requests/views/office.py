"""The office: the register, a request's page with its timeline, ledger and actions, letters,
templates, table 三 with its drill-down, and table 四 cases."""

import csv
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.guard import scoped
from gongkai.accounts.permissions import has_perm
from gongkai.catalogue.models import InformationItem
from gongkai.core.errors import DomainError, NotFound
from gongkai.workdays.selectors import legal_today

from .. import letters, selectors, services, statistics
from ..forms import (
    AnswerForm,
    AssignForm,
    CatalogueItemForm,
    ConsultationForm,
    DateNoteForm,
    ExtendForm,
    FeeForm,
    ForwardForm,
    LetterTemplateForm,
    OverrideForm,
    RegisterForm,
    ReviewCaseForm,
    SupplementForm,
    UploadForm,
    WithdrawForm,
)
from ..models import Channel, FoiRequest, LetterTemplate, RequestDocument, ReviewCase
from ..outcomes import ROWS_BY_KEY, TABLE3_HEADER, ApplicantType, Outcome
from ..states import Status, allowed_actions
from .portal import _bytes_docx, _docx_response, _file_response

BREADCRUMB = [("依申请公开", "/office/foi/")]


def _request(user, pk) -> FoiRequest:
    try:
        return selectors.request_for_staff(user, pk)
    except NotFound:
        raise Http404("没有找到该申请。")


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


def _dated(d) -> dict:
    return {"on": d.get("on"), "backdate_reason": d.get("backdate_reason", "")}


ACTIONS = {
    # name: (form, permission, label, service call)
    "confirm": (
        DateNoteForm,
        "foi.register",
        "确认收到申请",
        lambda u, r, d: services.confirm_receipt(actor=u, foi_request=r, note=d["note"], **_dated(d)),
    ),
    "assign": (
        AssignForm,
        "foi.register",
        "分办",
        lambda u, r, d: services.assign(
            actor=u, foi_request=r, department=d["department"], handler=d["handler"]
        ),
    ),
    "supplement": (
        SupplementForm,
        "foi.handle",
        "发出补正告知",
        lambda u, r, d: services.request_supplement(
            actor=u, foi_request=r, items=d["items"], days=d["days"], **_dated(d)
        ),
    ),
    "supplement_received": (
        DateNoteForm,
        "foi.handle",
        "登记收到补正",
        lambda u, r, d: services.receive_supplement(actor=u, foi_request=r, note=d["note"], **_dated(d)),
    ),
    "consult": (
        ConsultationForm,
        "foi.handle",
        "征求意见",
        lambda u, r, d: services.start_consultation(
            actor=u, foi_request=r, party=d["party"], consultee=d["consultee"], **_dated(d)
        ),
    ),
    "consult_end": (
        DateNoteForm,
        "foi.handle",
        "征求意见结束",
        lambda u, r, d: services.end_consultation(actor=u, foi_request=r, note=d["note"], **_dated(d)),
    ),
    "extend": (
        ExtendForm,
        "foi.extend",
        "延长答复期限",
        lambda u, r, d: services.extend_deadline(
            actor=u, foi_request=r, days=d["days"], reason=d["reason"], **_dated(d)
        ),
    ),
    "fee": (
        FeeForm,
        "foi.handle",
        "发出收费通知",
        lambda u, r, d: services.send_fee_notice(
            actor=u,
            foi_request=r,
            method=d["method"],
            pages=d["pages"] or 0,
            relief=d["relief"],
            reduced_amount=d["reduced_amount"],
            relief_reason=d["relief_reason"],
            **_dated(d),
        ),
    ),
    "paid": (
        DateNoteForm,
        "foi.handle",
        "登记已缴费",
        lambda u, r, d: services.record_payment(actor=u, foi_request=r, **_dated(d)),
    ),
    "answer": (
        AnswerForm,
        "foi.handle",
        "作出答复",
        lambda u, r, d: services.answer(
            actor=u,
            foi_request=r,
            outcome=d["outcome"],
            text=d["text"],
            letter_number=d["letter_number"],
            **_dated(d),
        ),
    ),
    "forward": (
        ForwardForm,
        "foi.handle",
        "答复不属于本机关负责公开并转送有权机关",
        lambda u, r, d: services.forward_request(
            actor=u,
            foi_request=r,
            to_agency=d["to_agency"],
            text=d["text"],
            letter_number=d["letter_number"],
            **_dated(d),
        ),
    ),
    "withdraw": (
        WithdrawForm,
        "foi.register",
        "撤回",
        lambda u, r, d: services.withdraw(actor=u, foi_request=r, note=d["note"], **_dated(d)),
    ),
}
AGENCY_FORMS = (AssignForm, ForwardForm)
# Which actions the state allows (states.py) → which forms the page shows.
ACTION_FOR_STATE = {
    "confirm": "confirm_receipt",
    "supplement": "request_supplement",
    "supplement_received": "receive_supplement",
    "consult": "start_consultation",
    "consult_end": "end_consultation",
    "extend": "extend",
    "fee": "fee_notice",
    "paid": "fee_paid",
    "answer": "answer",
    "withdraw": "withdraw",
}


def _forms_for(user, foi_request, bound=None):
    allowed = {a.value for a in allowed_actions(foi_request.status)}
    forms = []
    for name, (form_class, permission, label, _call) in ACTIONS.items():
        state_action = ACTION_FOR_STATE.get(name)
        if state_action and state_action not in allowed:
            continue
        if name == "assign" and foi_request.status == Status.CLOSED:
            continue
        if name == "forward" and not services.can_forward(foi_request):
            continue
        if not has_perm(user, permission):
            continue
        kwargs = {"agency": foi_request.agency} if form_class in AGENCY_FORMS else {}
        form = bound if bound is not None and bound[0] == name else None
        forms.append((name, label, form[1] if form else form_class(prefix=name, **kwargs)))
    return forms


def _detail_context(user, foi_request, bound=None):
    return {
        "foi_request": foi_request,
        "clock": selectors.clock_for(foi_request),
        "events": selectors.timeline(foi_request),
        "documents": foi_request.documents.all(),
        "action_forms": _forms_for(user, foi_request, bound),
        "similar": selectors.similar_requests(foi_request),
        "upload_form": UploadForm(prefix="upload"),
        "item_form": CatalogueItemForm(prefix="item"),
        "override_form": OverrideForm(prefix="override"),
        "can_handle": has_perm(user, "foi.handle") and foi_request.status != Status.CLOSED,
        "can_override": has_perm(user, "confidentiality.override"),
        "letter": letters.letter_for(foi_request) if foi_request.outcome else None,
        "notices": letters.notices_for(foi_request),
        "reminders": foi_request.reminders.all()[:10],
        "forwarded_to": FoiRequest.objects.filter(forwarded_from=foi_request)
        .select_related("agency")
        .first(),
        "breadcrumb": [*BREADCRUMB, (foi_request.tracking_number, None)],
    }


@permission_required("foi.view")
def detail(request, pk):
    foi_request = _request(request.user, pk)
    return render(request, "foi_requests/office/detail.html", _detail_context(request.user, foi_request))


@require_POST
@permission_required("foi.view")
def action(request, pk, name):
    foi_request = _request(request.user, pk)
    if name not in ACTIONS:
        raise Http404
    form_class, permission, label, call = ACTIONS[name]
    if not has_perm(request.user, permission):
        raise DjangoPermissionDenied("您的角色无权执行此操作。")
    kwargs = {"agency": foi_request.agency} if form_class in AGENCY_FORMS else {}
    form = form_class(request.POST, prefix=name, **kwargs)
    if form.is_valid():
        try:
            call(request.user, foi_request, form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, f"已{label}。")
            return redirect("foi_office:detail", pk=foi_request.pk)
    foi_request = _request(request.user, pk)
    context = _detail_context(request.user, foi_request, bound=(name, form))
    context["failed_action"] = name
    return render(request, "foi_requests/office/detail.html", context, status=400)


@require_POST
@permission_required("foi.handle")
def upload(request, pk):
    foi_request = _request(request.user, pk)
    form = UploadForm(request.POST, request.FILES, prefix="upload")
    if form.is_valid():
        f = form.cleaned_data["file"]
        try:
            services.attach_document(
                actor=request.user,
                foi_request=foi_request,
                filename=f.name,
                data=f.read(),
                title=form.cleaned_data["title"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "已上传附件并完成保密审查扫描。")
    else:
        messages.error(request, "请选择要上传的文件。")
    return redirect("foi_office:detail", pk=pk)


@require_POST
@permission_required("foi.handle")
def attach_item(request, pk):
    foi_request = _request(request.user, pk)
    form = CatalogueItemForm(request.POST, prefix="item")
    if form.is_valid():
        item = InformationItem.objects.filter(
            agency=foi_request.agency, index_number=form.cleaned_data["index_number"].strip()
        ).first()
        if item is None:
            messages.error(request, "没有找到该索引号的政府信息。")
        else:
            try:
                services.attach_catalogue_item(actor=request.user, foi_request=foi_request, item=item)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "已附上政府信息。")
    return redirect("foi_office:detail", pk=pk)


@require_POST
@permission_required("confidentiality.override")
def override(request, pk, doc_pk):
    foi_request = _request(request.user, pk)
    doc = get_object_or_404(RequestDocument, pk=doc_pk, request=foi_request)
    form = OverrideForm(request.POST, prefix="override")
    if form.is_valid():
        services.override_document_findings(
            actor=request.user, document=doc, reason=form.cleaned_data["reason"]
        )
        messages.success(request, "已放行。")
    else:
        messages.error(request, "请说明放行理由。")
    return redirect("foi_office:detail", pk=pk)


@permission_required("foi.view")
def document(request, pk, doc_pk):
    foi_request = _request(request.user, pk)
    doc = get_object_or_404(RequestDocument, pk=doc_pk, request=foi_request)
    if not doc.file:
        raise Http404
    return _file_response(doc)


@permission_required("foi.view")
def letter(request, pk):
    foi_request = _request(request.user, pk)
    if not foi_request.outcome:
        raise Http404
    if request.GET.get("format") == "docx":
        return _docx_response(foi_request)
    data = letters.letter_for(foi_request)
    return render(
        request,
        "foi_requests/letter_print.html",
        {"letter": data, "paragraphs": letters.paragraphs(data["text"]), "page_title": "答复书"},
    )


@permission_required("foi.view")
def notice(request, pk, event_pk):
    foi_request = _request(request.user, pk)
    data = letters.notice_for(foi_request, event_pk)
    if data is None:
        raise Http404
    if request.GET.get("format") == "docx":
        return _bytes_docx(letters.notice_docx(data), f"{foi_request.tracking_number}-{event_pk}")
    return render(
        request,
        "foi_requests/letter_print.html",
        {"letter": data, "paragraphs": letters.paragraphs(data["text"]), "page_title": data["title"]},
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


def _template_label(kind: str) -> str:
    if kind == "answer":
        return "通用答复书"
    if kind in letters.NOTICE_KINDS:
        return letters.NOTICE_KINDS[kind][0]
    return Outcome(kind).label


@permission_required("foi.manage")
def templates(request):
    existing = {t.kind: t for t in scoped(request.user, LetterTemplate.objects.all(), department_field=None)}
    kinds = (
        [("answer", "通用答复书", existing.get("answer"))]
        + [(o.value, o.label, existing.get(o.value)) for o in Outcome]
        + [(kind, title, existing.get(kind)) for kind, (title, _body) in letters.NOTICE_KINDS.items()]
    )
    return render(
        request,
        "foi_requests/office/templates.html",
        {"kinds": kinds, "variables": letters.VARIABLES, "breadcrumb": [*BREADCRUMB, ("答复书模板", None)]},
    )


@permission_required("foi.manage")
def template_edit(request, kind):
    if kind != "answer" and kind not in Outcome.values and kind not in letters.NOTICE_KINDS:
        raise Http404
    existing = scoped(request.user, LetterTemplate.objects.filter(kind=kind), department_field=None).first()
    default_title, default_body = (
        letters.NOTICE_KINDS.get(kind)
        or letters.OUTCOME_DEFAULTS.get(kind)
        or (letters.DEFAULT_TITLE, letters.DEFAULT_BODY)
    )
    initial = {
        "title": existing.title if existing else default_title,
        "body": existing.body if existing else default_body,
    }
    form = LetterTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_letter_template(
                actor=request.user, agency=request.user.agency, kind=kind, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error("body", exc.message)
        else:
            messages.success(request, "模板已保存。")
            return redirect("foi_office:templates")
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": f"编辑文书模板：{_template_label(kind)}",
            "cancel_url": "/office/foi/templates/",
            "breadcrumb": [*BREADCRUMB, ("答复书模板", "/office/foi/templates/"), ("编辑", None)],
            "help_variables": letters.VARIABLES,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", legal_today().year - 1))
    except ValueError:
        year = legal_today().year - 1
    return min(max(year, 2008), 2100)


@permission_required("foi.statistics")
def table3(request):
    year = _year(request)
    table = statistics.compute_table3(request.user.agency, year)
    error = ""
    try:
        statistics.check_table3(table.counts)
    except statistics.Table3CheckFailed as exc:
        error = exc.message
    return render(
        request,
        "foi_requests/office/table3.html",
        {
            "year": year,
            "table": table,
            "rows": list(table.rows()),
            "columns": [*statistics.COLUMNS, statistics.TOTAL],
            "column_labels": [c.label for c in statistics.COLUMNS] + ["总计"],
            "header": TABLE3_HEADER,
            "error": error,
            "table4": statistics.compute_table4(request.user.agency, year),
            "result_labels": ReviewCase.Result.choices,
            "breadcrumb": [*BREADCRUMB, (f"{year}年统计", None)],
        },
    )


@permission_required("foi.statistics")
def table3_cell(request):
    year = _year(request)
    row, column = request.GET.get("row", ""), request.GET.get("column", "")
    if row not in ROWS_BY_KEY or column not in [*statistics.COLUMNS, statistics.TOTAL]:
        raise Http404
    table = statistics.compute_table3(request.user.agency, year)
    ids = table.ids.get((row, column), [])
    requests = scoped(request.user, FoiRequest.objects.filter(pk__in=ids), department_field=None).order_by(
        "tracking_number"
    )
    column_label = "总计" if column == statistics.TOTAL else ApplicantType(column).label
    return render(
        request,
        "foi_requests/office/table3_cell.html",
        {
            "year": year,
            "row": ROWS_BY_KEY[row],
            "column_label": column_label,
            "requests": requests,
            "breadcrumb": [
                *BREADCRUMB,
                (f"{year}年统计", f"/office/foi/statistics/?year={year}"),
                ("明细", None),
            ],
        },
    )


@permission_required("foi.statistics")
def review_cases(request):
    cases = scoped(request.user, ReviewCase.objects.select_related("request"), department_field=None)
    form = ReviewCaseForm(
        request.POST or None, initial={"year": date.today().year}, agency=request.user.agency
    )
    if request.method == "POST":
        if not has_perm(request.user, "foi.manage"):
            raise DjangoPermissionDenied("您的角色无权录入。")
        if form.is_valid():
            try:
                services.save_review_case(actor=request.user, agency=request.user.agency, **form.to_service())
            except DomainError as exc:
                exc.show_on(form)
            else:
                messages.success(request, "已录入。")
                return redirect("foi_office:review_cases")
    page = Paginator(cases, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "foi_requests/office/review_cases.html",
        {
            "form": form,
            "page": page,
            "can_manage": has_perm(request.user, "foi.manage"),
            "breadcrumb": [*BREADCRUMB, ("行政复议和行政诉讼", None)],
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@permission_required("foi.manage")
def review_case_edit(request, pk):
    """Record the outcome of a review or suit when it is decided (result and 审结日期)."""
    case = (
        scoped(request.user, ReviewCase.objects.select_related("request"), department_field=None)
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404("没有找到该案件。")
    form = ReviewCaseForm(request.POST or None, instance=case, agency=request.user.agency)
    if request.method == "POST" and form.is_valid():
        try:
            fresh = ReviewCase.objects.get(pk=case.pk)  # the form wrote the typed values onto `case`
            services.save_review_case(
                actor=request.user, agency=request.user.agency, case=fresh, **form.to_service()
            )
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已保存案件结果。")
            return redirect("foi_office:review_cases")
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": f"行政复议、行政诉讼案件 {case.case_number or case.pk}",
            "submit_label": "保存",
            "cancel_url": reverse("foi_office:review_cases"),
            "breadcrumb": [
                *BREADCRUMB,
                ("行政复议和行政诉讼", reverse("foi_office:review_cases")),
                ("结果", None),
            ],
        },
        status=400 if form.is_bound and form.errors else 200,
    )
