"""Writes of 规范性文件 (normative documents): profiles, status changes, cleanup campaigns (清理).

A status change is never an edit of the published revision (ADR 0014): it is a dated, public
`NormativeStatusChange` event and the profile's current status; the original page shows the banner.
Cleanup decisions are recorded while a campaign is open and applied together when its result is
published (a cleanup result is one public act of the agency).
"""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.accounts.guard import SYSTEM, fetch_for, require, user_or_none
from gongkai.core import audit
from gongkai.core.errors import InvalidTransition, ValidationFailed

from ..models import (
    CampaignStatus,
    CleanupCampaign,
    CleanupDecision,
    CleanupOutcome,
    InformationItem,
    NormativeDocument,
    NormativeStatus,
    NormativeStatusChange,
)

# Reminder before a document's validity period ends (local practice: review 6 months ahead, so that
# an extension or a successor can be issued in time).
EXPIRY_REMINDER_MONTHS = 6
OUTCOME_STATUS = {
    CleanupOutcome.KEEP: NormativeStatus.IN_FORCE,
    CleanupOutcome.AMEND: NormativeStatus.AMENDED,
    CleanupOutcome.REPEAL: NormativeStatus.REPEALED,
    CleanupOutcome.EXPIRE: NormativeStatus.EXPIRED,
}


# --- pure date helpers --------------------------------------------------------------------------
def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the month's last day (31 Aug + 6 → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def reminder_on(expires_on: date) -> date:
    """The day the office is reminded of an expiring document."""
    return add_months(expires_on, -EXPIRY_REMINDER_MONTHS)


_ONLY_OFFICE = "只有政务公开办可以管理规范性文件。"
_NOT_FOUND = "没有找到该规范性文件。"


# --- helpers ------------------------------------------------------------------------------------
def _text(value, *, field: str, label: str, required: bool = True, limit: int = 2000) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(f"请填写{label}。", field=field)
    if len(value) > limit:
        raise ValidationFailed(f"{label}不能超过 {limit} 字。", field=field)
    return value


def find_item(agency, reference: str) -> InformationItem | None:
    """An item of `agency` by its 索引号 (slash or slug form)."""
    reference = (reference or "").strip()
    if not reference:
        return None
    return (
        InformationItem.objects.filter(agency=agency)
        .filter(Q(index_number=reference) | Q(slug=reference))
        .first()
    )


def _check_successor(document: NormativeDocument, successor: InformationItem | None) -> None:
    if successor is None:
        return
    if successor.agency_id != document.agency_id:
        raise ValidationFailed("修改后（替代）的文件不属于本机关。", field="successor")
    if successor.pk == document.item_id:
        raise ValidationFailed("修改后（替代）的文件不能是本文件。", field="successor")


def _snapshot(document: NormativeDocument) -> dict:
    return {
        "status": document.status,
        "status_on": document.status_on,
        "successor": document.successor_id,
        "effective_on": document.effective_on,
        "expires_on": document.expires_on,
    }


# --- profiles -----------------------------------------------------------------------------------
def register_normative(
    *, actor, item: InformationItem, effective_on: date, expires_on: date | None = None
) -> NormativeDocument:
    """Mark an item as a 规范性文件 with its validity period (or change the period)."""
    require(
        actor, "normative.manage", item, department_field=None, message=_ONLY_OFFICE, not_found=_NOT_FOUND
    )
    if effective_on is None:
        raise ValidationFailed("请填写施行日期。", field="effective_on")
    if expires_on is not None and expires_on < effective_on:
        raise ValidationFailed("有效期截止日期不能早于施行日期。", field="expires_on")
    with transaction.atomic():
        document = NormativeDocument.objects.select_for_update().filter(item=item).first()
        before = _snapshot(document) if document else None
        if document is None:
            document = NormativeDocument(agency=item.agency, item=item, created_by=actor)
        if document.expires_on != expires_on:
            document.expiry_reminded_on = None  # a new period gets its own reminder
        document.effective_on, document.expires_on = effective_on, expires_on
        document.save()
        audit.record(
            actor=actor,
            verb="catalogue.normative_registered",
            obj=document,
            agency=item.agency,
            before=before,
            after=_snapshot(document),
        )
    return document


def _apply_status(
    *,
    actor,
    document: NormativeDocument,
    status: str,
    effective_on: date,
    reason: str,
    successor: InformationItem | None = None,
    decision: CleanupDecision | None = None,
    verb: str = "catalogue.normative_status_changed",
) -> NormativeStatusChange:
    before = _snapshot(document)
    change = NormativeStatusChange.objects.create(
        document=document,
        from_status=document.status,
        to_status=status,
        effective_on=effective_on,
        reason=reason,
        successor=successor,
        decision=decision,
        actor=user_or_none(actor),
    )
    document.status, document.status_on = status, effective_on
    if successor is not None:
        document.successor = successor
    document.save(update_fields=["status", "status_on", "successor"])
    audit.record(
        actor=actor,
        verb=verb,
        obj=document,
        agency=document.agency,
        before=before,
        after={**_snapshot(document), "reason": reason, "decision": decision.pk if decision else None},
    )
    return change


def change_status(
    *,
    actor,
    document: NormativeDocument,
    status: str,
    effective_on: date | None = None,
    reason: str,
    successor: InformationItem | None = None,
) -> NormativeDocument:
    """A status change outside a campaign (e.g. repealed by a new document), with a public reason."""
    require(
        actor, "normative.manage", document, department_field=None, message=_ONLY_OFFICE, not_found=_NOT_FOUND
    )
    if status not in NormativeStatus.values:
        raise ValidationFailed("请选择有效的状态。", field="status")
    reason = _text(reason, field="reason", label="说明")
    _check_successor(document, successor)
    with transaction.atomic():
        document = NormativeDocument.objects.select_for_update().get(pk=document.pk)
        if status == document.status and successor is None:
            raise InvalidTransition(f"该文件已是“{document.get_status_display()}”状态。")
        _apply_status(
            actor=actor,
            document=document,
            status=status,
            reason=reason,
            successor=successor,
            effective_on=effective_on or timezone.localdate(),
        )
    return document


# --- cleanup campaigns --------------------------------------------------------------------------
def create_campaign(
    *, actor, name: str, started_on: date, scope: str = "", ended_on: date | None = None
) -> CleanupCampaign:
    require(actor, "normative.manage", message=_ONLY_OFFICE)
    name = _text(name, field="name", label="清理名称", limit=200)
    scope = _text(scope, field="scope", label="清理范围", required=False, limit=5000)
    if started_on is None:
        raise ValidationFailed("请填写开始日期。", field="started_on")
    if ended_on is not None and ended_on < started_on:
        raise ValidationFailed("结束日期不能早于开始日期。", field="ended_on")
    with transaction.atomic():
        campaign = CleanupCampaign.objects.create(
            agency=actor.agency,
            name=name,
            scope=scope,
            started_on=started_on,
            ended_on=ended_on,
            created_by=actor,
        )
        audit.record(
            actor=actor,
            verb="catalogue.cleanup_created",
            obj=campaign,
            agency=actor.agency,
            after={"name": name, "started_on": started_on, "ended_on": ended_on},
        )
    return campaign


def _lock_open_campaign(actor, campaign: CleanupCampaign) -> CleanupCampaign:
    campaign = fetch_for(actor, CleanupCampaign, campaign.pk, lock=True, not_found="没有找到该清理。")
    if campaign.status != CampaignStatus.OPEN:
        raise InvalidTransition("清理结果已公布，不能再修改决定。")
    return campaign


def decide(
    *,
    actor,
    campaign: CleanupCampaign,
    document: NormativeDocument,
    outcome: str,
    reason: str = "",
    successor: InformationItem | None = None,
) -> CleanupDecision:
    """Record (or change) the campaign's decision on one document while the campaign is open."""
    require(
        actor, "normative.manage", document, department_field=None, message=_ONLY_OFFICE, not_found=_NOT_FOUND
    )
    if outcome not in CleanupOutcome.values:
        raise ValidationFailed("请选择清理结果。", field="outcome")
    reason = _text(reason, field="reason", label="理由", required=outcome != CleanupOutcome.KEEP)
    _check_successor(document, successor)
    with transaction.atomic():
        campaign = _lock_open_campaign(actor, campaign)
        decision = CleanupDecision.objects.filter(campaign=campaign, document=document).first()
        before = {"outcome": decision.outcome, "reason": decision.reason} if decision else None
        if decision is None:
            decision = CleanupDecision(campaign=campaign, document=document)
        decision.outcome, decision.reason, decision.successor, decision.decided_by = (
            outcome,
            reason,
            successor,
            actor,
        )
        decision.save()
        audit.record(
            actor=actor,
            verb="catalogue.cleanup_decided",
            obj=decision,
            agency=campaign.agency,
            before=before,
            after={
                "campaign": campaign.pk,
                "document": document.pk,
                "outcome": outcome,
                "reason": reason,
                "successor": successor.pk if successor else None,
            },
        )
    return decision


def remove_decision(*, actor, decision: CleanupDecision) -> None:
    require(actor, "normative.manage", message=_ONLY_OFFICE)
    with transaction.atomic():
        campaign = _lock_open_campaign(actor, decision.campaign)
        audit.record(
            actor=actor,
            verb="catalogue.cleanup_decision_removed",
            obj=decision,
            agency=campaign.agency,
            before={"document": decision.document_id, "outcome": decision.outcome},
        )
        decision.delete()


def publish_campaign(
    *, actor, campaign: CleanupCampaign, result_note: str = "", at: datetime | None = None
) -> CleanupCampaign:
    """Apply every decision (a dated status event on each document) and publish the cleanup result."""
    require(actor, "normative.manage", message=_ONLY_OFFICE)
    result_note = _text(result_note, field="result_note", label="清理结果说明", required=False, limit=5000)
    at = at or timezone.now()
    with transaction.atomic():
        campaign = _lock_open_campaign(actor, campaign)
        decisions = list(campaign.decisions.select_related("document").order_by("id"))
        if not decisions:
            raise ValidationFailed("该清理还没有任何决定，不能公布结果。")
        day = timezone.localdate(at)
        for decision in decisions:
            document = NormativeDocument.objects.select_for_update().get(pk=decision.document_id)
            _apply_status(
                actor=actor,
                document=document,
                status=OUTCOME_STATUS[decision.outcome],
                effective_on=day,
                reason=decision.reason or decision.get_outcome_display(),
                successor=decision.successor,
                decision=decision,
                verb="catalogue.normative_cleanup_applied",
            )
            decision.applied_at = at
            decision.save(update_fields=["applied_at"])
        campaign.status, campaign.published_at, campaign.result_note = (
            CampaignStatus.PUBLISHED,
            at,
            result_note,
        )
        campaign.ended_on = campaign.ended_on or day
        campaign.save(update_fields=["status", "published_at", "result_note", "ended_on"])
        audit.record(
            actor=actor,
            verb="catalogue.cleanup_published",
            obj=campaign,
            agency=campaign.agency,
            after={"decisions": len(decisions), "published_at": at},
        )
    return campaign


# --- the periodic job ---------------------------------------------------------------------------
def run_expiry_reminders(*, today: date) -> dict:
    """Remind once per document 6 months before its validity ends; a document whose period has ended
    becomes 已失效 (a dated event, by the system). Idempotent."""
    reminded = expired = 0
    in_force = NormativeDocument.objects.filter(status=NormativeStatus.IN_FORCE, expires_on__isnull=False)
    for document in in_force.filter(expires_on__lt=today).select_related("agency"):
        with transaction.atomic():
            locked = NormativeDocument.objects.select_for_update().get(pk=document.pk)
            if locked.status != NormativeStatus.IN_FORCE:
                continue
            _apply_status(
                actor=SYSTEM,
                document=locked,
                status=NormativeStatus.EXPIRED,
                effective_on=locked.expires_on + timedelta(days=1),
                reason="有效期届满，自动失效。",
                verb="catalogue.normative_expired",
            )
            expired += 1
    horizon = add_months(today, EXPIRY_REMINDER_MONTHS)
    for document in in_force.filter(
        expires_on__gte=today, expires_on__lte=horizon, expiry_reminded_on__isnull=True
    ):
        with transaction.atomic():
            updated = NormativeDocument.objects.filter(
                pk=document.pk, expiry_reminded_on__isnull=True
            ).update(expiry_reminded_on=today)
            if updated:
                audit.record(
                    actor=None,
                    verb="catalogue.normative_expiry_reminder",
                    obj=document,
                    agency=document.agency,
                    after={"expires_on": document.expires_on},
                )
                reminded += 1
    return {"reminded": reminded, "expired": expired}
