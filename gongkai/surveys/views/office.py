"""Staff screens of 调查征集: questionnaires and questions, moderation of free texts, results."""

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
from gongkai.publishing import selectors as publishing_selectors

from .. import rules, selectors, services
from ..forms import QuestionForm, ResultForm, SurveyForm
from ..models import Answer, Question, QuestionKind, ResultReport

LIST = ("调查征集", "/office/surveys/")


def _get(user, pk):
    survey = selectors.surveys_for(user).filter(pk=pk).first()
    if survey is None:
        raise Http404("没有找到该调查。")
    return survey


@permission_required("surveys.view")
def survey_list(request):
    qs = selectors.surveys_for(request.user)
    if request.GET.get("queue") == "results":
        qs = selectors.closed_without_results(request.user)
    now = timezone.now()
    rows = list(qs)
    for s in rows:
        s.phase_label = rules.PHASE_LABELS[selectors.phase_of(s, now)]
        s.workflow = publishing_selectors.workflow_for(s)
    return render(
        request,
        "surveys/office/list.html",
        {
            "rows": rows,
            "can_manage": has_perm(request.user, "surveys.manage"),
            "pending": selectors.pending_texts(request.user).count(),
            "breadcrumb": [(LIST[0], None)],
        },
    )


@permission_required("surveys.manage")
def survey_edit(request, pk=None):
    survey = _get(request.user, pk) if pk else None
    initial = {"department": request.user.department}
    if survey:
        initial = {f: getattr(survey, f) for f in ("title", "introduction", "department", "identity_rule")}
        initial.update(
            opens_at=timezone.localtime(survey.opens_at), closes_at=timezone.localtime(survey.closes_at)
        )
    form = SurveyForm(request.POST or None, agency=request.user.agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.save_survey(actor=request.user, survey=survey, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已保存。")
            return redirect("surveys_office:detail", row.pk)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": "调查问卷",
            "cancel_url": reverse("surveys_office:list"),
            "breadcrumb": [LIST, ("编辑", None)],
        },
    )


@permission_required("surveys.view")
def detail(request, pk):
    survey = _get(request.user, pk)
    report = ResultReport.objects.filter(survey=survey).first()
    phase = selectors.phase_of(survey)
    return render(
        request,
        "surveys/office/detail.html",
        {
            "s": survey,
            "questions": list(survey.questions.all()),
            "phase": phase,
            "phase_label": rules.PHASE_LABELS[phase],
            "workflow": publishing_selectors.workflow_for(survey),
            "report": report,
            "report_workflow": publishing_selectors.workflow_for(report) if report else None,
            "responses": survey.responses.count(),
            "pending": Answer.objects.filter(response__survey=survey, text_state="pending").count(),
            "result_form": ResultForm(initial={"introduction": report.introduction if report else ""}),
            "can_manage": has_perm(request.user, "surveys.manage"),
            "breadcrumb": [LIST, (survey.title, None)],
        },
    )


@permission_required("surveys.manage")
def question_edit(request, pk, question_pk=None):
    survey = _get(request.user, pk)
    question = Question.objects.filter(survey=survey, pk=question_pk).first() if question_pk else None
    if question_pk and question is None:
        raise Http404("没有找到该题目。")
    initial = {"position": survey.questions.count() + 1, "required": True, "scale_min": 1, "scale_max": 5}
    if question:
        initial = {
            f: getattr(question, f)
            for f in (
                "kind",
                "text",
                "options",
                "rows",
                "scale_min",
                "scale_max",
                "scale_labels",
                "required",
                "position",
            )
        }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_question(actor=request.user, survey=survey, question=question, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "题目已保存。")
            return redirect("surveys_office:detail", survey.pk)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": "题目",
            "cancel_url": reverse("surveys_office:detail", args=[survey.pk]),
            "breadcrumb": [
                LIST,
                (survey.title, reverse("surveys_office:detail", args=[survey.pk])),
                ("题目", None),
            ],
        },
    )


@require_POST
@permission_required("surveys.manage")
def question_delete(request, pk, question_pk):
    survey = _get(request.user, pk)
    question = Question.objects.filter(survey=survey, pk=question_pk).first()
    if question is None:
        raise Http404("没有找到该题目。")
    try:
        services.delete_question(actor=request.user, question=question)
        messages.success(request, "题目已删除。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("surveys_office:detail", survey.pk)


def _publish(request, obj, survey_pk):
    try:
        workflow = services.send_to_publication(actor=request.user, obj=obj)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已提交发布流程（{workflow.get_state_display()}）。")
    return redirect("surveys_office:detail", survey_pk)


@require_POST
@permission_required("surveys.manage")
def publish(request, pk):
    survey = _get(request.user, pk)
    return _publish(request, survey, survey.pk)


@require_POST
@permission_required("surveys.manage")
def generate(request, pk):
    survey = _get(request.user, pk)
    form = ResultForm(request.POST)
    form.is_valid()
    try:
        services.generate_results(
            actor=request.user, survey=survey, introduction=form.cleaned_data.get("introduction", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已生成调查结果。")
    return redirect("surveys_office:detail", survey.pk)


@require_POST
@permission_required("surveys.manage")
def publish_results(request, pk):
    survey = _get(request.user, pk)
    report = ResultReport.objects.filter(survey=survey).first()
    if report is None:
        raise Http404("尚未生成调查结果。")
    return _publish(request, report, survey.pk)


@permission_required("surveys.view")
def responses_csv(request, pk):
    """Every response, one row each (no addresses: only the survey's own keyed hash is stored)."""
    survey = _get(request.user, pk)
    questions = list(survey.questions.all())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-responses.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["答卷编号", "提交时间"] + [f"{n}. {q.text}" for n, q in enumerate(questions, start=1)])
    for r in survey.responses.prefetch_related("answers"):
        cells = []
        for q in questions:
            marks = [a for a in r.answers.all() if a.question_id == q.pk]
            if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                cells.append(
                    "；".join(
                        q.option_list[a.option]
                        for a in marks
                        if a.option is not None and a.option < len(q.option_list)
                    )
                )
            elif q.kind == QuestionKind.SCALE:
                cells.append("；".join(str(a.value) for a in marks))
            elif q.kind == QuestionKind.MATRIX:
                cells.append(
                    "；".join(
                        f"{q.row_list[a.row]}:{q.option_list[a.option]}"
                        for a in marks
                        if a.row is not None
                        and a.row < len(q.row_list)
                        and a.option is not None
                        and a.option < len(q.option_list)
                    )
                )
            else:
                cells.append("；".join(f"{a.text}（{a.get_text_state_display()}）" for a in marks))
        writer.writerow([r.pk, timezone.localtime(r.submitted_at).strftime("%Y-%m-%d %H:%M")] + cells)
    return response


@permission_required("surveys.moderate")
def moderation(request):
    return render(
        request,
        "surveys/office/moderation.html",
        {
            "rows": list(selectors.pending_texts(request.user)[:200]),
            "breadcrumb": [LIST, ("填空回答审核", None)],
        },
    )


@require_POST
@permission_required("surveys.moderate")
def moderate(request, answer_pk):
    answer = selectors.pending_texts(request.user).filter(pk=answer_pk).first()
    if answer is None:
        raise Http404("没有找到该回答。")
    try:
        services.moderate_text(
            actor=request.user, answer=answer, approve=request.POST.get("action") == "approve"
        )
        messages.success(request, "已审核。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("surveys_office:moderation")
