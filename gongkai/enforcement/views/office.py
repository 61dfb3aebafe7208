"""Staff screens of enforcement publicity: queues, decisions, 事前 tables, inspections, listings.
Publishing and withdrawing a decision are the publishing app's screens; these link to them."""

import csv

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.guard import fetch_for, scoped
from gongkai.accounts.permissions import has_perm
from gongkai.core.errors import DomainError

from .. import masking, selectors, services
from ..forms import (
    REFERENCE_FORMS,
    ChangeForm,
    CompleteForm,
    DecisionForm,
    InspectionForm,
    ListingForm,
    ReasonForm,
)
from ..models import Decision, DishonestyListing, Event, Inspection

HOME = ("行政执法", "/office/enforcement/")


def _form_page(request, form, title, cancel, submit_label="保存"):
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": title,
            "submit_label": submit_label,
            "cancel_url": cancel,
            "breadcrumb": [HOME, (title, None)],
        },
    )


def _today():
    from gongkai.workdays.selectors import legal_today

    return legal_today()


@permission_required("enforcement.view")
def home(request):
    today = _today()
    due = list(selectors.decisions_due(request.user))
    withdrawals = list(selectors.withdrawals_due(request.user))
    for d in due:
        d.urgency = selectors.urgency(d.due_on, today)
    for d in withdrawals:
        d.urgency = selectors.urgency(d.withdraw_due_on, today)
    return render(
        request,
        "enforcement/office/home.html",
        {
            "due": due,
            "withdrawals": withdrawals,
            "listings_due": selectors.listings_due(request.user),
            "reference_kinds": [(k, label) for k, (_f, label) in REFERENCE_FORMS.items()],
            "can_manage": has_perm(request.user, "enforcement.manage"),
            "breadcrumb": [("行政执法", None)],
        },
    )


DECISION_COLUMNS = (
    "决定书文号",
    "类别",
    "案件名称",
    "当事人",
    "决定日期",
    "应公开日期",
    "状态",
    "公开时间",
    "逾期工作日",
)


def _decision_row(d):
    party, _ = masking.public_party(d)
    return [
        d.document_number,
        d.get_kind_display(),
        d.title,
        party,
        f"{d.decided_on:%Y-%m-%d}",
        f"{d.due_on:%Y-%m-%d}",
        d.get_status_display(),
        d.published_at.strftime("%Y-%m-%d %H:%M") if d.published_at else "",
        d.late_by_days or 0,
    ]


@permission_required("enforcement.view")
def decisions(request):
    from django.core.paginator import Paginator

    qs = selectors.decisions_for(request.user)
    kind = request.GET.get("kind", "")
    if kind:
        qs = qs.filter(kind=kind)
    fmt = request.GET.get("format")
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="enforcement-decisions.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(DECISION_COLUMNS)
        for d in qs:
            writer.writerow(_decision_row(d))
        return response
    if fmt == "xlsx":
        import io

        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "行政执法决定"
        sheet.append(DECISION_COLUMNS)
        for d in qs:
            sheet.append(_decision_row(d))
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(
            out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = 'attachment; filename="enforcement-decisions.xlsx"'
        return response
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    from ..models import DecisionKind

    return render(
        request,
        "enforcement/office/decisions.html",
        {
            "page": page,
            "kinds": DecisionKind.choices,
            "kind": kind,
            "can_manage": has_perm(request.user, "enforcement.manage"),
            "breadcrumb": [HOME, ("执法决定", None)],
        },
    )


def _decision_for(user, pk) -> Decision:
    d = selectors.decisions_for(user).filter(pk=pk).first()
    if d is None:
        raise Http404("没有找到该执法决定。")
    return d


@permission_required("enforcement.manage")
def decision_new(request):
    form = DecisionForm(request.POST or None, agency=request.user.agency)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if data.get("department") is None:
            data.pop("department")
        try:
            d = services.create_decision(actor=request.user, agency=request.user.agency, **data)
            messages.success(request, f"已登记执法决定，应于 {d.due_on:%Y-%m-%d} 前公开。")
            return redirect("enforcement_office:decision", d.pk)
        except DomainError as exc:
            exc.show_on(form)
    return _form_page(request, form, "登记执法决定", reverse("enforcement_office:decisions"))


@permission_required("enforcement.manage")
def decision_edit(request, pk):
    d = _decision_for(request.user, pk)
    form = DecisionForm(
        request.POST or None,
        instance=None,
        agency=request.user.agency,
        initial={f: getattr(d, f) for f in services.DECISION_FIELDS},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_decision(actor=request.user, decision=d, **form.cleaned_data)
            messages.success(request, "已保存。")
            return redirect("enforcement_office:decision", d.pk)
        except DomainError as exc:
            exc.show_on(form)
    return _form_page(
        request, form, f"修改执法决定：{d.title}", reverse("enforcement_office:decision", args=[d.pk])
    )


@permission_required("enforcement.view")
def decision(request, pk):
    from gongkai.publishing.selectors import workflow_for

    d = _decision_for(request.user, pk)
    today = _today()
    return render(
        request,
        "enforcement/office/decision.html",
        {
            "d": d,
            "public": masking.public_texts(d),
            "workflow": workflow_for(d),
            "publish_state": selectors.urgency(d.due_on, today) if d.status == "draft" else "",
            "withdraw_state": selectors.urgency(d.withdraw_due_on, today) if d.status == "published" else "",
            "events": Event.objects.filter(record_type="decision", record_id=d.pk),
            "can_manage": has_perm(request.user, "enforcement.manage"),
            "breadcrumb": [HOME, ("执法决定", reverse("enforcement_office:decisions")), (d.title, None)],
        },
    )


@permission_required("enforcement.manage")
def decision_change(request, pk):
    d = _decision_for(request.user, pk)
    form = ChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            d = services.mark_changed(actor=request.user, decision=d, **form.cleaned_data)
            messages.success(request, f"已登记，须于 {d.withdraw_due_on:%Y-%m-%d} 前在发布流程中撤回该决定。")
            return redirect("enforcement_office:decision", d.pk)
        except DomainError as exc:
            exc.show_on(form)
    return _form_page(
        request,
        form,
        f"登记变更、撤销或确认无效：{d.title}",
        reverse("enforcement_office:decision", args=[d.pk]),
        "登记",
    )


# --- 事前 reference tables -------------------------------------------------------------------------
def _kind(kind):
    if kind not in REFERENCE_FORMS:
        raise Http404("没有该类信息。")
    return REFERENCE_FORMS[kind]


@permission_required("enforcement.view")
def references(request, kind):
    form_class, label = _kind(kind)
    model = form_class._meta.model
    return render(
        request,
        "enforcement/office/references.html",
        {
            "rows": scoped(request.user, model.objects.all(), department_field=None),
            "kind": kind,
            "label": label,
            "can_manage": has_perm(request.user, "enforcement.manage"),
            "breadcrumb": [HOME, (label, None)],
        },
    )


@permission_required("enforcement.manage")
def reference_edit(request, kind, pk=None):
    form_class, label = _kind(kind)
    model = form_class._meta.model
    obj = None
    if pk is not None:
        obj = fetch_for(request.user, model, pk, department_field=None, not_found="没有找到该记录。")
    form = form_class(request.POST or None, instance=obj)
    if "department" in form.fields:
        form.fields["department"].queryset = form.fields["department"].queryset.filter(
            agency=request.user.agency
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_reference(
                actor=request.user, agency=request.user.agency, kind=kind, obj=obj, **form.cleaned_data
            )
            messages.success(request, f"已保存{label}。")
            return redirect("enforcement_office:references", kind)
        except DomainError as exc:
            exc.show_on(form)
    return _form_page(
        request,
        form,
        f"{'修改' if obj else '新增'}{label}",
        reverse("enforcement_office:references", args=[kind]),
    )


# --- 双随机 -------------------------------------------------------------------------------------------
def _inspection_for(user, pk) -> Inspection:
    i = Inspection.objects.filter(agency=user.agency, pk=pk).select_related("item").first()
    if i is None:
        raise Http404("没有找到该抽查任务。")
    return i


@permission_required("enforcement.view")
def inspections(request):
    return render(
        request,
        "enforcement/office/inspections.html",
        {
            "rows": scoped(request.user, Inspection.objects.select_related("item"), department_field=None),
            "can_draw": has_perm(request.user, "enforcement.draw"),
            "breadcrumb": [HOME, ("双随机抽查", None)],
        },
    )


@permission_required("enforcement.draw")
def inspection_new(request):
    form = InspectionForm(request.POST or None, agency=request.user.agency)
    if request.method == "POST" and form.is_valid():
        try:
            i = services.create_inspection(
                actor=request.user, agency=request.user.agency, **form.cleaned_data
            )
            return redirect("enforcement_office:inspection", i.pk)
        except DomainError as exc:
            exc.show_on(form)
    return _form_page(request, form, "新建双随机抽查任务", reverse("enforcement_office:inspections"))


@permission_required("enforcement.view")
def inspection(request, pk):
    i = _inspection_for(request.user, pk)
    return render(
        request,
        "enforcement/office/inspection.html",
        {
            "i": i,
            "events": Event.objects.filter(record_type="inspection", record_id=i.pk),
            "can_draw": has_perm(request.user, "enforcement.draw"),
            "can_verify": has_perm(request.user, "enforcement.verify_draw"),
            "complete_form": CompleteForm(),
            "breadcrumb": [HOME, ("双随机抽查", reverse("enforcement_office:inspections")), (i.title, None)],
        },
    )


def _act(request, call, ok):
    try:
        result = call()
        messages.success(request, ok(result) if callable(ok) else ok)
    except DomainError as exc:
        messages.error(request, exc.message)


@require_POST
@permission_required("enforcement.draw")
def inspection_draw(request, pk):
    i = _inspection_for(request.user, pk)
    _act(
        request,
        lambda: services.perform_draw(actor=request.user, inspection=i),
        "已随机抽取，种子和结果已记录。",
    )
    return redirect("enforcement_office:inspection", pk)


@require_POST
@permission_required("enforcement.verify_draw")
def inspection_verify(request, pk):
    i = _inspection_for(request.user, pk)
    _act(
        request,
        lambda: services.verify_draw(actor=request.user, inspection=i),
        lambda same: (
            "复核一致：用记录的种子重新抽取，结果与原抽取结果相同。"
            if same
            else "复核不一致：重新抽取的结果与记录不同，请调查。"
        ),
    )
    return redirect("enforcement_office:inspection", pk)


@require_POST
@permission_required("enforcement.draw")
def inspection_complete(request, pk):
    i = _inspection_for(request.user, pk)
    form = CompleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写检查完成日期和检查结果。")
    else:
        _act(
            request,
            lambda: services.complete_inspection(actor=request.user, inspection=i, **form.cleaned_data),
            lambda x: f"已登记，检查结果须于 {x.results_due_on:%Y-%m-%d} 前公示。",
        )
    return redirect("enforcement_office:inspection", pk)


@require_POST
@permission_required("enforcement.draw")
def inspection_publish(request, pk):
    i = _inspection_for(request.user, pk)
    _act(request, lambda: services.publish_results(actor=request.user, inspection=i), "检查结果已公示。")
    return redirect("enforcement_office:inspection", pk)


# --- 统计严重失信企业 -----------------------------------------------------------------------------------
def _listing_for(user, pk) -> DishonestyListing:
    listing = DishonestyListing.objects.filter(agency=user.agency, pk=pk).first()
    if listing is None:
        raise Http404("没有找到该记录。")
    return listing


@permission_required("enforcement.view")
def listings(request):
    from django.utils import timezone

    return render(
        request,
        "enforcement/office/listings.html",
        {
            "rows": scoped(request.user, DishonestyListing.objects.all(), department_field=None),
            "now": timezone.now(),
            "can_manage": has_perm(request.user, "enforcement.manage"),
            "reason_form": ReasonForm(),
            "breadcrumb": [HOME, ("统计严重失信企业", None)],
        },
    )


@permission_required("enforcement.manage")
def listing_new(request):
    form = ListingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            listing = services.register_listing(
                actor=request.user, agency=request.user.agency, **form.cleaned_data
            )
            messages.success(request, f"已登记，须于 {listing.listing_due_on:%Y-%m-%d} 前公示。")
            return redirect("enforcement_office:listings")
        except DomainError as exc:
            exc.show_on(form)
    return _form_page(request, form, "登记统计严重失信企业", reverse("enforcement_office:listings"))


@require_POST
@permission_required("enforcement.manage")
def listing_action(request, pk, action):
    listing = _listing_for(request.user, pk)
    reason = request.POST.get("reason", "")
    calls = {
        "publish": (lambda: services.publish_listing(actor=request.user, listing=listing), "已开始公示。"),
        "remove": (
            lambda: services.remove_early(actor=request.user, listing=listing, reason=reason),
            "已提前移出。",
        ),
        "extend": (
            lambda: services.extend_listing(actor=request.user, listing=listing, reason=reason),
            "公示期已延长为 2 年。",
        ),
    }
    if action not in calls:
        raise Http404()
    call, ok = calls[action]
    _act(request, call, ok)
    return redirect("enforcement_office:listings")
