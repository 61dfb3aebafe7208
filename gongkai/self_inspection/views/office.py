"""The annual self-inspection screens of the office (年度自查, seed 四(一))."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.guard import fetch_for
from gongkai.core.errors import DomainError

from .. import report, selectors, services
from ..forms import CampaignForm, CloseForm, DecisionForm, ReviewForm
from ..models import Campaign, Entry, NegativeListReview
from ..permissions import can_manage
from ..rules import ARTICLES, Kind, Status

HOME = ("年度自查", "/office/self-inspection/")
PAGE_SIZE = 25


def _campaign(request, pk) -> Campaign:
    return fetch_for(request.user, selectors.campaigns_for(request.user), pk, department_field=None)


def _crumbs(campaign: Campaign):
    return [HOME, (str(campaign), f"/office/self-inspection/{campaign.pk}/")]


@permission_required("self_inspection.view")
def campaigns(request):
    form = CampaignForm(initial={"year": timezone.localdate().year - 1})
    return render(
        request,
        "self_inspection/office/campaigns.html",
        {
            "campaigns": selectors.campaigns_for(request.user),
            "form": form,
            "can_manage": can_manage(request.user),
        },
    )


@permission_required("self_inspection.manage")
def campaign_new(request):
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.create_campaign(
                actor=request.user, agency=request.user.agency, year=form.cleaned_data["year"]
            )
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(
                request, f"已发起 {campaign.year} 年度自查，共列出 {campaign.entries.count()} 项信息。"
            )
            return redirect("self_inspection_office:campaign", campaign.pk)
    return render(
        request,
        "office/form.html",
        {"form": form, "title": "发起年度自查", "submit_label": "发起自查", "breadcrumbs": [HOME]},
    )


@permission_required("self_inspection.view")
def campaign(request, pk):
    campaign = _campaign(request, pk)
    kind = request.GET.get("kind", "")
    decision = request.GET.get("decision", "")
    q = request.GET.get("q", "")[:100]
    page = Paginator(selectors.entries_of(campaign, kind=kind, decision=decision, q=q), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.with_states(page.object_list)
    manage = can_manage(request.user) and campaign.status == Status.OPEN
    return render(
        request,
        "self_inspection/office/campaign.html",
        {
            "campaign": campaign,
            "page": page,
            "figures": selectors.figures(campaign),
            "reviews": selectors.reviews_of(campaign),
            "kinds": Kind.choices,
            "decisions": [(value, label) for value, (label, _q) in selectors.DECISION_FILTERS.items()],
            "can_manage": manage,
            "close_form": CloseForm(initial={"conclusion": campaign.conclusion}) if manage else None,
            "breadcrumbs": [HOME],
        },
    )


@require_POST
@permission_required("self_inspection.manage")
def collect(request, pk):
    campaign = _campaign(request, pk)
    try:
        added = services.collect_entries(actor=request.user, campaign=campaign)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已更新清单，新增 {added} 项信息。")
    return redirect("self_inspection_office:campaign", campaign.pk)


@permission_required("self_inspection.manage")
def decide(request, pk):
    entry = fetch_for(request.user, Entry.objects.select_related("campaign"), pk, department_field=None)
    form = DecisionForm(
        request.POST or None,
        initial={"decision": entry.decision, "article": entry.article, "reason": entry.reason},
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.decide_entry(actor=request.user, entry=entry, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, f"已记录自查决定：{entry.get_decision_display()}。")
            return redirect("self_inspection_office:campaign", entry.campaign_id)
    return render(
        request,
        "self_inspection/office/decide.html",
        {
            "form": form,
            "entry": entry,
            "articles": ARTICLES,
            "title": "自查决定",
            "breadcrumbs": _crumbs(entry.campaign),
        },
    )


@permission_required("self_inspection.manage")
def review(request, pk):
    row = fetch_for(
        request.user,
        NegativeListReview.objects.select_related("campaign", "entry"),
        pk,
        department_field=None,
    )
    form = ReviewForm(
        request.POST or None,
        initial={"matter": row.entry.matter, "legal_basis": row.entry.legal_basis, "terms": row.entry.terms},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if data["outcome"] != "change":
            data.update(matter="", legal_basis="", terms=None)
        try:
            row = services.review_negative_entry(actor=request.user, review=row, **data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, f"已审查负面清单事项“{row.matter}”：{row.get_outcome_display()}。")
            return redirect("self_inspection_office:campaign", row.campaign_id)
    return render(
        request,
        "self_inspection/office/review.html",
        {"form": form, "review": row, "title": "审查负面清单事项", "breadcrumbs": _crumbs(row.campaign)},
    )


@require_POST
@permission_required("self_inspection.manage")
def close(request, pk):
    campaign = _campaign(request, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.close_campaign(
                actor=request.user, campaign=campaign, conclusion=form.cleaned_data["conclusion"]
            )
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, f"{campaign.year} 年度自查已完成，可下载自查报告报送市政府办公厅。")
            return redirect("self_inspection_office:campaign", campaign.pk)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": "完成年度自查",
            "submit_label": "完成自查",
            "breadcrumbs": _crumbs(campaign),
        },
    )


@permission_required("self_inspection.view")
def report_docx(request, pk):
    campaign = _campaign(request, pk)
    response = HttpResponse(
        report.build(campaign),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{report.filename(campaign)}"'
    return response
