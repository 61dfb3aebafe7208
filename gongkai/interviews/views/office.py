"""Staff screens of 在线访谈: the list, the interview with question moderation and the live console."""

import csv

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.permissions import has_perm
from gongkai.core.errors import DomainError

from .. import selectors, services
from ..forms import EntryForm, InterviewForm
from ..models import Question, QuestionState

LIST = ("在线访谈", "/office/interviews/")


def _get(user, pk):
    interview = selectors.interviews_for(user).filter(pk=pk).first()
    if interview is None:
        raise Http404("没有找到该访谈。")
    return interview


@permission_required("interviews.view")
def interview_list(request):
    qs = selectors.interviews_for(request.user)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(title__icontains=q)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="interviews.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(["编号", "访谈主题", "开始时间", "状态", "问题数"])
        for i in qs:
            writer.writerow(
                [
                    i.pk,
                    i.title,
                    timezone.localtime(i.starts_at).strftime("%Y-%m-%d %H:%M"),
                    services.PHASE_LABELS[services.phase(i)],
                    i.questions.count(),
                ]
            )
        return response
    rows = list(qs)
    for i in rows:
        i.phase_label = services.PHASE_LABELS[services.phase(i)]
    return render(
        request,
        "interviews/office/list.html",
        {
            "rows": rows,
            "pending": selectors.pending_questions(request.user).count(),
            "can_manage": has_perm(request.user, "interviews.manage"),
            "breadcrumb": [("在线访谈", None)],
        },
    )


@permission_required("interviews.manage")
def interview_edit(request, pk=None):
    interview = _get(request.user, pk) if pk else None
    initial = {}
    if interview:
        initial = {f: getattr(interview, f) for f in ("title", "announcement", "guests", "interpretation")}
        initial.update(
            starts_at=timezone.localtime(interview.starts_at),
            ends_at=timezone.localtime(interview.ends_at),
            publish=bool(interview.published_at),
        )
    form = InterviewForm(request.POST or None, agency=request.user.agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.save_interview(actor=request.user, interview=interview, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已保存。")
            return redirect("interviews_office:detail", row.pk)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": "在线访谈",
            "submit_label": "保存",
            "cancel_url": reverse("interviews_office:list"),
            "breadcrumb": [LIST, ("编辑", None)],
        },
    )


@permission_required("interviews.view")
def detail(request, pk):
    interview = _get(request.user, pk)
    questions = list(interview.questions.all())
    return render(
        request,
        "interviews/office/detail.html",
        {
            "i": interview,
            "questions": questions,
            "entries": list(interview.entries.all()),
            "phase_label": services.PHASE_LABELS[services.phase(interview)],
            "entry_form": EntryForm(questions=[q for q in questions if q.state == QuestionState.APPROVED]),
            "can_manage": has_perm(request.user, "interviews.manage"),
            "can_moderate": has_perm(request.user, "interviews.moderate"),
            "breadcrumb": [LIST, (interview.title, None)],
        },
    )


@require_POST
@permission_required("interviews.moderate")
def moderate(request, pk, question_pk):
    interview = _get(request.user, pk)
    question = Question.objects.filter(pk=question_pk, interview=interview).first()
    if question is None:
        raise Http404("没有找到该问题。")
    try:
        services.moderate_question(
            actor=request.user,
            question=question,
            approve=request.POST.get("action") == "approve",
            reason=request.POST.get("reason", ""),
        )
        messages.success(request, "已审核。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("interviews_office:detail", pk)


@require_POST
@permission_required("interviews.manage")
def post_entry(request, pk):
    interview = _get(request.user, pk)
    approved = list(interview.questions.filter(state=QuestionState.APPROVED))
    form = EntryForm(request.POST, questions=approved)
    if form.is_valid():
        try:
            services.post_entry(
                actor=request.user,
                interview=interview,
                speaker=form.cleaned_data["speaker"],
                text=form.cleaned_data["text"],
                question=next((q for q in approved if q.pk == form.cleaned_data["question"]), None),
            )
            messages.success(request, "已发布到文字直播。")
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "请填写发言人和内容。")
    return redirect("interviews_office:detail", pk)
