"""Staff screens of 征求意见. Workflow actions (提交审查, 审批) are the publishing app's screens."""

import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.permissions import has_perm
from gongkai.core.errors import DomainError

from .. import rules, selectors, services
from ..forms import (
    AttachmentForm,
    ConsultationForm,
    DecisionForm,
    DispositionForm,
    FinalTextForm,
    HearingForm,
    HideForm,
    RegisterCommentForm,
    ReportForm,
    WindowForm,
)
from ..masking import KIND_LABELS, personal_findings
from ..models import AdoptionReport, Article, Comment, CommentState, Disposition, Hearing

LIST = ("征求意见", "/office/consultations/")


def _get(user, pk):
    consultation = selectors.get_consultation(user, pk)
    if consultation is None:
        raise Http404("没有找到该征求意见。")
    return consultation


def _crumbs(c, label):
    return [LIST, (c.title, reverse("consultations_office:detail", args=[c.pk])), (label, None)]


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with the BOM
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return response


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


# --- moderation ---------------------------------------------------------------------------------
@permission_required("consultations.moderate")
def moderation(request):
    qs = selectors.moderation_queue(request.user).order_by("submitted_at", "id")
    if request.GET.get("format") == "csv":
        return csv_response(
            "comments-pending.csv",
            ["编号", "征求意见", "条文", "渠道", "姓名", "提交时间", "内容"],
            (
                [
                    m.pk,
                    m.consultation.title,
                    m.article.label if m.article_id else "总体意见",
                    m.get_channel_display(),
                    m.name,
                    timezone.localtime(m.submitted_at).strftime("%Y-%m-%d %H:%M"),
                    m.body,
                ]
                for m in qs
            ),
        )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    for m in page.object_list:
        m.personal = sorted({KIND_LABELS.get(f.kind, f.kind) for f in personal_findings(m.body)})
    return render(
        request,
        "consultations/office/moderation.html",
        {"page": page, "hide_form": HideForm(), "breadcrumb": [LIST, ("待审核的意见", None)]},
    )


def _comment(user, pk) -> Comment:
    comment = Comment.objects.filter(pk=pk, consultation__in=selectors.consultations_for(user)).first()
    if comment is None:
        raise Http404("没有找到该意见。")
    return comment


def _back(request, comment):
    target = request.POST.get("next", "")
    if target.startswith("/office/"):
        return redirect(target)
    return redirect("consultations_office:detail", comment.consultation_id)


@require_POST
@permission_required("consultations.moderate")
def comment_moderate(request, pk):
    comment = _comment(request.user, pk)
    action = request.POST.get("action")
    try:
        if action == "approve":
            services.approve_comment(actor=request.user, comment=comment)
            messages.success(request, f"意见 {comment.pk} 已公开。")
        elif action == "approve_masked":
            services.approve_masked(actor=request.user, comment=comment)
            messages.success(request, f"意见 {comment.pk} 已遮盖个人信息后公开。")
        elif action == "hide":
            services.hide_comment(actor=request.user, comment=comment, reason=request.POST.get("reason", ""))
            messages.success(request, f"意见 {comment.pk} 不予公开。")
        else:
            messages.error(request, "未知的操作。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return _back(request, comment)


@permission_required("consultations.edit")
def comment_register(request, pk):
    c = _get(request.user, pk)
    articles = list(c.articles.exclude(text=""))
    form = RegisterCommentForm(request.POST or None, articles=articles)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.register_comment(
                actor=request.user,
                consultation=c,
                channel=data["channel"],
                body=data["body"],
                article=next((a for a in articles if a.pk == data["article"]), None),
                name=data["name"],
                contact=data["contact"],
                received_at=data["received_at"],
            )
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已登记意见。")
            return redirect("consultations_office:detail", c.pk)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": "登记电子邮件、信函、听证会等渠道的意见",
            "submit_label": "登记",
            "cancel_url": reverse("consultations_office:detail", args=[c.pk]),
            "breadcrumb": _crumbs(c, "登记意见"),
        },
    )


# --- hearings -----------------------------------------------------------------------------------
@permission_required("consultations.edit")
def hearing_edit(request, pk, hearing_pk=None):
    c = _get(request.user, pk)
    hearing = None
    initial = {}
    if hearing_pk is not None:
        hearing = Hearing.objects.filter(pk=hearing_pk, consultation=c).first()
        if hearing is None:
            raise Http404("没有找到该听证会。")
        initial = {f: getattr(hearing, f) for f in HearingForm.base_fields}
        initial["held_at"] = timezone.localtime(hearing.held_at)
    form = HearingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_hearing(actor=request.user, consultation=c, hearing=hearing, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已保存听证会。")
            return redirect("consultations_office:detail", c.pk)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": "听证会",
            "submit_label": "保存",
            "cancel_url": reverse("consultations_office:detail", args=[c.pk]),
            "breadcrumb": _crumbs(c, "听证会"),
        },
    )


# --- after closing ------------------------------------------------------------------------------
@permission_required("consultations.edit")
def dispositions(request, pk):
    c = _get(request.user, pk)
    articles = list(c.articles.all())
    form = DispositionForm(request.POST or None, articles=articles)
    # Hidden comments too: one not published is still given a disposition, or the report lists it apart.
    comments = list(selectors.comments_for(request.user, c))
    if request.method == "POST" and form.is_valid():
        chosen = [m for m in comments if str(m.pk) in request.POST.getlist("comments")]
        data = form.cleaned_data
        try:
            services.record_disposition(
                actor=request.user,
                comments=chosen,
                disposition=data["disposition"],
                reason=data["reason"],
                group_label=data["group_label"],
                changed_article=next((a for a in articles if a.pk == data["changed_article"]), None),
            )
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, f"已为 {len(chosen)} 条意见填写处理意见。")
            return redirect("consultations_office:dispositions", c.pk)
    return render(
        request,
        "consultations/office/dispositions.html",
        {
            "c": c,
            "form": form,
            "comments": comments,
            "selected": request.POST.getlist("comments"),
            "phase": selectors.phase_of(c),
            "remaining": sum(1 for m in comments if not m.disposition and m.state != CommentState.HIDDEN),
            "breadcrumb": _crumbs(c, "处理意见"),
        },
    )


@permission_required("consultations.edit")
def report(request, pk):
    from gongkai.publishing.selectors import workflow_for

    c = _get(request.user, pk)
    existing = AdoptionReport.objects.filter(consultation=c).first()
    form = ReportForm(
        request.POST or None, initial={"introduction": existing.introduction if existing else ""}
    )
    if request.method == "POST" and form.is_valid():
        try:
            existing = services.generate_report(actor=request.user, consultation=c, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已生成采纳情况。请在“发布流程”中提交审查和审批。")
            return redirect("consultations_office:report", c.pk)
    snapshot = existing.snapshot if existing else selectors.report_snapshot(c)
    return render(
        request,
        "consultations/office/report.html",
        {
            "c": c,
            "form": form,
            "report": existing,
            "workflow": workflow_for(existing) if existing else None,
            "snapshot": snapshot,
            "labels": dict(Disposition.choices),
            "ledger": selectors.due_ledger(c),
            "breadcrumb": _crumbs(c, "采纳情况"),
        },
    )


@permission_required("consultations.edit")
def final_text(request, pk):
    c = _get(request.user, pk)
    articles = list(c.articles.all())
    if request.method == "POST":
        article = next((a for a in articles if str(a.pk) == request.POST.get("article")), None)
        try:
            if request.POST.get("action") == "add":
                services.add_final_article(
                    actor=request.user, consultation=c, final_text=request.POST.get("final_text", "")
                )
            elif article is None:
                raise Http404("没有找到该条文。")
            else:
                services.record_final_text(
                    actor=request.user,
                    article=article,
                    final_state=request.POST.get("final_state", ""),
                    final_text=request.POST.get("final_text", ""),
                )
            messages.success(request, "已保存定稿条文。")
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("consultations_office:final_text", c.pk)
    forms = [
        (
            a,
            FinalTextForm(
                prefix=f"a{a.pk}",
                initial={"final_state": a.final_state, "final_text": a.final_text or a.text},
            ),
        )
        for a in articles
    ]
    decision = DecisionForm(
        initial={
            "decision_title": c.decision_title,
            "decision_url": c.decision_url,
            "decided_on": c.decided_on,
        }
    )
    return render(
        request,
        "consultations/office/final_text.html",
        {
            "c": c,
            "forms": forms,
            "decision_form": decision,
            "rows": selectors.comparison(c),
            "breadcrumb": _crumbs(c, "定稿与对照"),
        },
    )


@require_POST
@permission_required("consultations.edit")
def decision(request, pk):
    c = _get(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.link_decision(
                actor=request.user,
                consultation=c,
                title=form.cleaned_data["decision_title"],
                url=form.cleaned_data["decision_url"],
                decided_on=form.cleaned_data["decided_on"],
            )
            messages.success(request, "已关联最终决策。")
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "请填写最终决策文件名称。")
    return redirect("consultations_office:final_text", c.pk)


__all__ = ["Article"]
