"""Staff screens of 规范性文件: profiles, status changes, cleanup campaigns (政务公开办)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.guard import fetch_for
from gongkai.core.errors import DomainError, ValidationFailed

from ...models import CleanupCampaign, CleanupDecision
from ...permissions import can_manage_normative
from ...views.office import ITEMS, _item_for
from .. import selectors as normative_selectors
from .. import services as normative
from ..forms import CampaignForm, DecisionForm, NormativeForm, PublishCampaignForm, StatusForm

NORMATIVE = ("规范性文件", "/office/catalogue/normative/")
CLEANUPS = ("规范性文件清理", "/office/catalogue/cleanup/")


def _document_for(user, pk):
    document = normative_selectors.documents_for(user).filter(pk=pk).first()
    if document is None:
        raise Http404("没有找到该规范性文件。")
    return document


def _campaign_for(user, pk) -> CleanupCampaign:
    campaign = normative_selectors.campaigns_for(user).filter(pk=pk).first()
    if campaign is None:
        raise Http404("没有找到该清理。")
    return campaign


def _successor(user, reference: str, form):
    if not (reference or "").strip():
        return None
    item = normative.find_item(user.agency, reference)
    if item is None:
        raise ValidationFailed("没有找到该索引号对应的政府信息。", field="successor")
    return item


@permission_required("catalogue.view")
def documents(request):
    user = request.user
    return render(
        request,
        "catalogue/office/normative.html",
        {
            "documents": normative_selectors.documents_for(user),
            "today": timezone.localdate(),
            "expiring": normative_selectors.expiring_soon(user),
            "can_manage": can_manage_normative(user),
            "breadcrumb": [ITEMS, ("规范性文件", None)],
        },
    )


@permission_required("catalogue.view")
def document(request, pk):
    doc = _document_for(request.user, pk)
    return render(
        request,
        "catalogue/office/normative_detail.html",
        {
            "document": doc,
            "changes": normative_selectors.public_status_changes(doc),
            "can_manage": can_manage_normative(request.user),
            "breadcrumb": [ITEMS, NORMATIVE, (str(doc.item), None)],
        },
    )


@permission_required("normative.manage")
def register(request, pk):
    item = _item_for(request.user, pk)
    profile = normative_selectors.profile_for(item)
    initial = (
        {"effective_on": profile.effective_on, "expires_on": profile.expires_on}
        if profile
        else {"effective_on": timezone.localdate()}
    )
    form = NormativeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            doc = normative.register_normative(actor=request.user, item=item, **form.cleaned_data)
            messages.success(request, "已保存规范性文件信息。")
            return redirect("catalogue_office:normative_detail", doc.pk)
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": f"规范性文件信息：{item.current_revision or item}",
            "submit_label": "保存",
            "cancel_url": reverse("catalogue_office:item", args=[item.pk]),
            "breadcrumb": [
                ITEMS,
                (str(item), reverse("catalogue_office:item", args=[item.pk])),
                ("规范性文件", None),
            ],
        },
    )


@permission_required("normative.manage")
def change_status(request, pk):
    doc = _document_for(request.user, pk)
    form = StatusForm(request.POST or None, initial={"effective_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            successor = _successor(request.user, data["successor"], form)
            normative.change_status(
                actor=request.user,
                document=doc,
                status=data["status"],
                effective_on=data["effective_on"],
                reason=data["reason"],
                successor=successor,
            )
            messages.success(request, "已记录效力变化，原文页面将显示该状态。")
            return redirect("catalogue_office:normative_detail", doc.pk)
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": f"记录效力变化：{doc.item.current_revision or doc.item}",
            "submit_label": "记录",
            "cancel_url": reverse("catalogue_office:normative_detail", args=[doc.pk]),
            "breadcrumb": [ITEMS, NORMATIVE, ("效力变化", None)],
        },
    )


@permission_required("catalogue.view")
def cleanups(request):
    return render(
        request,
        "catalogue/office/cleanups.html",
        {
            "campaigns": normative_selectors.campaigns_for(request.user),
            "can_manage": can_manage_normative(request.user),
            "breadcrumb": [ITEMS, ("规范性文件清理", None)],
        },
    )


@permission_required("normative.manage")
def cleanup_new(request):
    form = CampaignForm(request.POST or None, initial={"started_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            campaign = normative.create_campaign(actor=request.user, **form.cleaned_data)
            messages.success(request, "已新建清理，请逐件作出决定。")
            return redirect("catalogue_office:cleanup", campaign.pk)
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": "新建规范性文件清理",
            "submit_label": "新建",
            "cancel_url": reverse("catalogue_office:cleanups"),
            "breadcrumb": [ITEMS, CLEANUPS, ("新建", None)],
        },
    )


@permission_required("catalogue.view")
def cleanup(request, pk):
    campaign = _campaign_for(request.user, pk)
    manage = can_manage_normative(request.user) and campaign.status == "open"
    return render(
        request,
        "catalogue/office/cleanup.html",
        {
            "campaign": campaign,
            "decisions": normative_selectors.campaign_decisions(campaign),
            "can_manage": manage,
            "decision_form": DecisionForm(agency=request.user.agency) if manage else None,
            "publish_form": PublishCampaignForm() if manage else None,
            "breadcrumb": [ITEMS, CLEANUPS, (campaign.name, None)],
        },
    )


@permission_required("normative.manage")
def cleanup_decide(request, pk):
    campaign = _campaign_for(request.user, pk)
    form = DecisionForm(request.POST or None, agency=request.user.agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            successor = _successor(request.user, data["successor"], form)
            normative.decide(
                actor=request.user,
                campaign=campaign,
                document=data["document"],
                outcome=data["outcome"],
                reason=data["reason"],
                successor=successor,
            )
            messages.success(request, "已记录清理决定。")
            return redirect("catalogue_office:cleanup", campaign.pk)
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": f"清理决定：{campaign.name}",
            "submit_label": "记录决定",
            "cancel_url": reverse("catalogue_office:cleanup", args=[campaign.pk]),
            "breadcrumb": [
                ITEMS,
                CLEANUPS,
                (campaign.name, reverse("catalogue_office:cleanup", args=[campaign.pk])),
                ("决定", None),
            ],
        },
    )


@require_POST
@permission_required("normative.manage")
def cleanup_decision_delete(request, pk):
    decision = fetch_for(
        request.user, CleanupDecision, pk, via="campaign", department_field=None, not_found="没有找到该决定。"
    )
    try:
        normative.remove_decision(actor=request.user, decision=decision)
        messages.success(request, "已删除该决定。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("catalogue_office:cleanup", decision.campaign_id)


@require_POST
@permission_required("normative.manage")
def cleanup_publish(request, pk):
    campaign = _campaign_for(request.user, pk)
    form = PublishCampaignForm(request.POST)
    try:
        form.is_valid()
        normative.publish_campaign(
            actor=request.user, campaign=campaign, result_note=form.cleaned_data.get("result_note", "")
        )
        messages.success(request, "已公布清理结果，各文件的效力状态已更新。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("catalogue_office:cleanup", campaign.pk)
