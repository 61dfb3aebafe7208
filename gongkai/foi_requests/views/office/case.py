"""A request's page: its timeline, ledger and action forms, the actions, uploads and catalogue
items, the reviewer's release, documents, the answer letter and notices."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.permissions import has_perm
from gongkai.catalogue.models import InformationItem
from gongkai.core.errors import DomainError

from ... import letters, selectors, services
from ...forms import (
    AnswerForm,
    AssignForm,
    CatalogueItemForm,
    ConsultationForm,
    DateNoteForm,
    ExtendForm,
    FeeForm,
    ForwardForm,
    OverrideForm,
    SupplementForm,
    UploadForm,
    WithdrawForm,
)
from ...models import FoiRequest, RequestDocument
from ...states import Status, allowed_actions
from ..portal import _bytes_docx, _docx_response, _file_response
from .common import BREADCRUMB, _request


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
