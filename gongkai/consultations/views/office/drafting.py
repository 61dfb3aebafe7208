"""The list, a new consultation, edits, moving the window, the page and attachments."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.permissions import has_perm
from gongkai.core.errors import DomainError

from ... import rules, selectors, services
from ...forms import AttachmentForm, ConsultationForm, HideForm, WindowForm
from ...models import AdoptionReport
from .common import LIST, _crumbs, _get, csv_response


@permission_required("consultations.view")
def consultation_list(request):
    user, now = request.user, timezone.now()
    queue = request.GET.get("queue", "")
    if queue == "closing":
        qs = selectors.closing_soon(user, now=now)
    elif queue == "reports":
        qs = selectors.reports_due(user, now=now)
    else:
        qs = selectors.filter_phase(selectors.consultations_for(user), request.GET.get("phase", ""), now=now)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(title__icontains=q)
    if request.GET.get("format") == "csv":
        return csv_response(
            "consultations.csv",
            [
                "编号",
                "草案名称",
                "承办处室",
                "开始",
                "截止",
                "状态",
                "意见数",
                "待审核",
                "采纳情况应公布日期",
            ],
            (
                [
                    c.pk,
                    c.title,
                    c.department or "",
                    timezone.localtime(c.opens_at).strftime("%Y-%m-%d %H:%M"),
                    timezone.localtime(c.closes_at).strftime("%Y-%m-%d %H:%M"),
                    rules.PHASE_LABELS[selectors.phase_of(c, now)],
                    c.comment_count,
                    c.pending_count,
                    c.report_due_on or "",
                ]
                for c in qs
            ),
        )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    for c in page.object_list:
        c.phase_label = rules.PHASE_LABELS[selectors.phase_of(c, now)]
        c.overdue = selectors.report_overdue(c)
    return render(
        request,
        "consultations/office/list.html",
        {
            "page": page,
            "queue": queue,
            "breadcrumb": [("征求意见", None)],
            "can_edit": has_perm(user, "consultations.edit"),
            "can_moderate": has_perm(user, "consultations.moderate"),
            "pending": selectors.moderation_queue(user).count(),
        },
    )


def _form_values(cleaned: dict) -> dict:
    return dict(cleaned)


@permission_required("consultations.edit")
def consultation_new(request):
    form = ConsultationForm(
        request.POST or None, agency=request.user.agency, initial={"department": request.user.department}
    )
    if request.method == "POST" and form.is_valid():
        try:
            c = services.create_consultation(actor=request.user, **_form_values(form.cleaned_data))
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(
                request, f"已新建征求意见草稿，共 {c.articles.count()} 条。完成后请提交审查发布。"
            )
            return redirect("consultations_office:detail", c.pk)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": "新建征求意见",
            "submit_label": "保存草稿",
            "cancel_url": reverse("consultations_office:list"),
            "breadcrumb": [LIST, ("新建", None)],
        },
        status=422 if form.is_bound and form.errors else 200,
    )


@permission_required("consultations.edit")
def consultation_edit(request, pk):
    c = _get(request.user, pk)
    initial = {name: getattr(c, name) for name in services.FIELDS}
    initial["opens_at"], initial["closes_at"] = (
        timezone.localtime(c.opens_at),
        timezone.localtime(c.closes_at),
    )
    initial["articles_text"] = "\n".join(f"{a.label} {a.text}" for a in c.articles.exclude(text=""))
    form = ConsultationForm(request.POST or None, agency=request.user.agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = _form_values(form.cleaned_data)
        articles_text = values.pop("articles_text")
        if articles_text.strip() == initial["articles_text"].strip():
            articles_text = None
        try:
            services.update_consultation(
                actor=request.user, consultation=c, articles_text=articles_text, **values
            )
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已保存。")
            return redirect("consultations_office:detail", c.pk)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": f"编辑：{c.title}",
            "submit_label": "保存",
            "cancel_url": reverse("consultations_office:detail", args=[c.pk]),
            "breadcrumb": _crumbs(c, "编辑"),
        },
    )


@permission_required("consultations.edit")
def window(request, pk):
    c = _get(request.user, pk)
    form = WindowForm(
        request.POST or None,
        initial={"opens_at": timezone.localtime(c.opens_at), "closes_at": timezone.localtime(c.closes_at)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.move_window(actor=request.user, consultation=c, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            c.refresh_from_db()
            messages.success(request, f"已调整征求意见时间，采纳情况应于 {c.report_due_on:%Y-%m-%d} 前公布。")
            return redirect("consultations_office:detail", c.pk)
    if c.is_major:
        form.fields[
            "closes_at"
        ].help_text = "重大行政决策：期限一般不少于 30 日（《重大行政决策程序暂行条例》第十五条）"
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": f"调整征求意见时间：{c.title}",
            "submit_label": "保存调整",
            "cancel_url": reverse("consultations_office:detail", args=[c.pk]),
            "breadcrumb": _crumbs(c, "调整征求意见时间"),
        },
        status=422 if form.errors else 200,
    )


@permission_required("consultations.view")
def detail(request, pk):
    from gongkai.publishing.selectors import workflow_for

    c = _get(request.user, pk)
    now = timezone.now()
    comments = list(selectors.comments_for(request.user, c))
    report = AdoptionReport.objects.filter(consultation=c).first()
    return render(
        request,
        "consultations/office/detail.html",
        {
            "c": c,
            "phase": selectors.phase_of(c, now),
            "phase_label": rules.PHASE_LABELS[selectors.phase_of(c, now)],
            "workflow": workflow_for(c),
            "report": report,
            "report_workflow": workflow_for(report) if report else None,
            "comments": comments,
            "articles": list(c.articles.all()),
            "attachments": list(c.attachments.all()),
            "hearings": list(c.hearings.all()),
            "events": list(c.events.select_related("actor")),
            "ledger": selectors.due_ledger(c),
            "overdue": selectors.report_overdue(c),
            "attachment_form": AttachmentForm(),
            "hide_form": HideForm(),
            "can_edit": has_perm(request.user, "consultations.edit"),
            "can_moderate": has_perm(request.user, "consultations.moderate"),
            "breadcrumb": [LIST, (c.title, None)],
        },
    )


@require_POST
@permission_required("consultations.edit")
def attachment_add(request, pk):
    c = _get(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要上传的文件。")
    else:
        upload = form.cleaned_data["file"]
        try:
            services.add_attachment(
                actor=request.user, consultation=c, filename=upload.name, data=upload.read()
            )
            messages.success(request, "已上传附件。")
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("consultations_office:detail", c.pk)
