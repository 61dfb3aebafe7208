"""After closing: dispositions, the 采纳情况 report, the final text and the decision link."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.core.errors import DomainError

from ... import selectors, services
from ...forms import DecisionForm, DispositionForm, FinalTextForm, ReportForm
from ...models import AdoptionReport, CommentState, Disposition
from .common import _crumbs, _get


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
