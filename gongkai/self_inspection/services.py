"""Every write of the annual self-inspection: check, lock, write, audit (one transaction each)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts.guard import fetch_for, is_system, require, user_or_none
from gongkai.catalogue import services as catalogue_services
from gongkai.catalogue.models import DisclosureMode, InformationItem, ItemRevision, RevisionStatus
from gongkai.catalogue.normative import find_item
from gongkai.confidentiality import services as confidentiality_services
from gongkai.confidentiality.selectors import negative_list
from gongkai.core import audit
from gongkai.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationFailed

from . import collect, rules
from .models import Campaign, Entry, NegativeListReview
from .rules import Decision, ReviewOutcome, Status

MANAGE = "self_inspection.manage"


def _named(actor) -> None:
    """Decisions, reviews and closing are taken by a named member of staff (seed 四(一)), never the system."""
    if is_system(actor):
        raise PermissionDenied("自查决定必须由具名的工作人员作出。")


def _lock_open(actor, model, pk):
    obj = fetch_for(actor, model, pk, lock=True, department_field=None)
    require(actor, MANAGE, obj, department_field=None)
    campaign = (
        obj if isinstance(obj, Campaign) else Campaign.objects.select_for_update().get(pk=obj.campaign_id)
    )
    if campaign.status != Status.OPEN:
        raise InvalidTransition("本年度自查已完成，不能再修改。")
    return obj, campaign


def collect_entries(*, actor, campaign: Campaign) -> int:
    """Adds what the year withheld or was often asked for and is not yet on the list, and a review row
    for each active negative-list matter; returns how many entries were added. Entries already on the
    list keep their decisions."""
    with transaction.atomic():
        return _collect(actor, campaign)


def _collect(actor, campaign: Campaign) -> int:
    campaign, _ = _lock_open(actor, Campaign, campaign.pk)
    added = 0
    for candidate in collect.candidates_for(campaign.agency, campaign.year):
        _entry, created = Entry.objects.get_or_create(
            campaign=campaign,
            kind=candidate.kind,
            source_type=ContentType.objects.get_for_model(candidate.source),
            source_id=str(candidate.source.pk),
            defaults={
                "agency": campaign.agency,
                "reference": candidate.reference[:60],
                "title": candidate.title[:300] or "（无标题）",
                "detail": candidate.detail,
                "occurred_on": candidate.occurred_on,
                "department_name": candidate.department_name[:100],
            },
        )
        added += created
    reviewed = set(campaign.negative_reviews.values_list("entry_id", flat=True))
    new_reviews = [
        NegativeListReview(
            agency=campaign.agency, campaign=campaign, entry=e, matter=e.matter, legal_basis=e.legal_basis
        )
        for e in negative_list(campaign.agency)
        if e.pk not in reviewed
    ]
    NegativeListReview.objects.bulk_create(new_reviews)
    campaign.collected_at = timezone.now()
    campaign.save(update_fields=["collected_at"])
    audit.record(
        actor=actor,
        verb="self_inspection.entries_collected",
        obj=campaign,
        agency=campaign.agency,
        after={"year": campaign.year, "entries_added": added, "negative_reviews_added": len(new_reviews)},
    )
    return added


def create_campaign(*, actor, agency, year) -> Campaign:
    """One campaign per agency and year (a database constraint); it lists its entries at once."""
    require(actor, MANAGE, agency, department_field=None)
    year = rules.check_year(year, timezone.localdate())
    with transaction.atomic():
        try:
            with transaction.atomic():
                campaign = Campaign.objects.create(agency=agency, year=year, created_by=user_or_none(actor))
        except IntegrityError as error:
            raise ValidationFailed(
                f"{year} 年度的自查已经发起过，请打开已有的自查。", field="year"
            ) from error
        audit.record(
            actor=actor,
            verb="self_inspection.campaign_created",
            obj=campaign,
            agency=agency,
            after={"year": year},
        )
        collect_entries(actor=actor, campaign=campaign)
    return campaign


def _public_item(agency, reference: str) -> InformationItem:
    item = find_item(agency, reference)
    if item is None:
        raise ValidationFailed(f"没有找到索引号为“{reference}”的政府信息。", field="item")
    if item.current_revision_id is None:
        raise ValidationFailed(
            "该政府信息尚未发布，不能作为“已公开”的依据；请选择“转为主动公开”。", field="item"
        )
    return item


def _draft_for_publication(*, actor, entry: Entry) -> ItemRevision:
    """The draft that takes the information through the publication workflow (保密审查 → 审批 → 发布).

    A catalogue item registered as withheld becomes proactive on its own draft (its workflow is already
    open); anything else (a request's subject, an Art. 44 group, other content) becomes a new item whose
    draft the office completes and submits."""
    source = entry.source
    if isinstance(source, ItemRevision):
        revision = ItemRevision.objects.select_related("item").get(pk=source.pk)
        if revision.status != RevisionStatus.DRAFT:
            raise InvalidTransition("该信息已不是草稿，请在政府信息中查看其当前状态。")
        if revision.disclosure_mode != DisclosureMode.PROACTIVE:
            revision = catalogue_services.update_draft(
                actor=actor, revision=revision, disclosure_mode=DisclosureMode.PROACTIVE, withheld_reason=""
            )
        return revision
    summary = f"年度自查（{entry.campaign.year} 年）决定转为主动公开：{entry.get_kind_display()}"
    if entry.reference:
        summary += f"（{entry.reference}）"
    item = catalogue_services.create_item(
        actor=actor,
        title=entry.title[:200],
        summary=summary,
        disclosure_mode=DisclosureMode.PROACTIVE,
    )
    return item.revisions.get(number=1)


def decide_entry(
    *, actor, entry: Entry, decision: str, reason: str, article: str = "", item_reference: str = ""
) -> Entry:
    """The decision of a named person on one entry (seed 四(一): 可转为主动公开的应当主动公开).

    转为主动公开 is final once its draft exists (the draft is then the workflow's business); the other two
    may be revised while the campaign is open."""
    _named(actor)
    with transaction.atomic():
        entry, campaign = _lock_open(actor, Entry, entry.pk)
        if entry.decision == Decision.PUBLISH:
            raise Conflict("该项已决定转为主动公开并生成了草稿，不能再改变决定。")
        public = (
            _public_item(campaign.agency, item_reference) if decision == Decision.ALREADY_PUBLIC else None
        )
        decision, article, reason = rules.check_decision(
            decision, article_code=article, reason=reason, has_item=public is not None
        )
        before = {"decision": entry.decision, "article": entry.article, "reason": entry.reason}
        entry.item, entry.revision = public, None
        if decision == Decision.PUBLISH:
            entry.revision = _draft_for_publication(actor=actor, entry=entry)
            entry.item = entry.revision.item
        entry.decision, entry.article, entry.reason = decision, article, reason
        entry.decided_by, entry.decided_at = user_or_none(actor), timezone.now()
        entry.save()
        audit.record(
            actor=actor,
            verb="self_inspection.entry_decided",
            obj=entry,
            agency=campaign.agency,
            before=before,
            after={
                "decision": decision,
                "article": article,
                "reason": reason,
                "item": entry.item.index_number if entry.item else None,
                "kind": entry.kind,
            },
        )
    return entry


def review_negative_entry(
    *,
    actor,
    review: NegativeListReview,
    outcome: str,
    reason: str,
    matter: str = "",
    legal_basis: str = "",
    terms: str | None = None,
) -> NegativeListReview:
    """Keep, change or remove one negative-list matter; a change or removal is applied at once through
    the confidentiality services (so the scan uses the new list) and is final."""
    _named(actor)
    with transaction.atomic():
        review, campaign = _lock_open(actor, NegativeListReview, review.pk)
        if review.outcome in (ReviewOutcome.CHANGE, ReviewOutcome.REMOVE):
            raise Conflict("该事项的修改或移出已经执行，不能再改变审查结果。")
        outcome, reason = rules.check_review(outcome, reason=reason)
        entry = review.entry
        changes: dict = {}
        if outcome == ReviewOutcome.CHANGE:
            new_terms = entry.terms if terms is None else terms
            before = {"matter": entry.matter, "legal_basis": entry.legal_basis, "terms": entry.term_list}
            entry = confidentiality_services.save_negative_list_entry(
                actor=actor,
                agency=campaign.agency,
                entry=entry,
                matter=matter or entry.matter,
                legal_basis=legal_basis or entry.legal_basis,
                terms=new_terms,
                note=entry.note,
                sort_order=entry.sort_order,
                is_active=entry.is_active,
            )
            after = {"matter": entry.matter, "legal_basis": entry.legal_basis, "terms": entry.term_list}
            if after == before:
                raise ValidationFailed(
                    "选择“修改”时请改动事项、法律依据或检查用词语中的至少一项。", field="matter"
                )
            changes = {"before": before, "after": after}
        elif outcome == ReviewOutcome.REMOVE:
            confidentiality_services.deactivate_negative_list_entry(actor=actor, entry=entry)
        review.outcome, review.reason, review.changes = outcome, reason, changes
        review.decided_by, review.decided_at = user_or_none(actor), timezone.now()
        review.save()
        audit.record(
            actor=actor,
            verb="self_inspection.negative_reviewed",
            obj=review,
            agency=campaign.agency,
            after={"matter": review.matter, "outcome": outcome, "reason": reason, **changes},
        )
    return review


def close_campaign(*, actor, campaign: Campaign, conclusion: str) -> Campaign:
    """Closes the campaign once every entry is decided and every negative-list matter reviewed; the
    report to the city government office then carries the final figures."""
    _named(actor)
    with transaction.atomic():
        campaign, _ = _lock_open(actor, Campaign, campaign.pk)
        missing = rules.missing_for_close(
            undecided_entries=campaign.entries.filter(decision="").count(),
            unreviewed_negative=campaign.negative_reviews.filter(outcome="").count(),
            conclusion=conclusion,
        )
        if missing:
            raise ValidationFailed("不能完成自查：" + "；".join(missing) + "。", field="conclusion")
        campaign.status = Status.CLOSED
        campaign.conclusion = conclusion.strip()
        campaign.closed_by, campaign.closed_at = user_or_none(actor), timezone.now()
        campaign.save()
        audit.record(
            actor=actor,
            verb="self_inspection.campaign_closed",
            obj=campaign,
            agency=campaign.agency,
            after={
                "year": campaign.year,
                "entries": campaign.entries.count(),
                "to_publish": campaign.entries.filter(decision=Decision.PUBLISH).count(),
            },
        )
    return campaign
