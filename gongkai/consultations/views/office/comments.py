"""Moderation of public comments, comments registered by staff, and hearings."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.core.errors import DomainError

from ... import selectors, services
from ...forms import HearingForm, HideForm, RegisterCommentForm
from ...masking import KIND_LABELS, personal_findings
from ...models import Comment, Hearing
from .common import LIST, _crumbs, _get, csv_response


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
