"""统计严重失信企业: listings, their publication, early removal and extension."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import fetch_for, require, user_or_none
from gongkai.core.errors import Conflict, InvalidTransition, ValidationFailed

from .. import clock
from ..models import DishonestyListing
from .common import _calendar, _event, _legal_date, _text

LISTING_FIELDS = ("enterprise_name", "credit_code", "decision_number", "decided_on", "facts", "basis")


def register_listing(*, actor, agency, **values) -> DishonestyListing:
    from stdnum.cn import uscc

    unknown = set(values) - set(LISTING_FIELDS)
    if unknown:
        raise ValidationFailed(f"未知字段：{'、'.join(sorted(unknown))}")
    require(actor, "enforcement.manage")
    values = {k: _text(v) for k, v in values.items()}
    labels = {
        "enterprise_name": "企业名称",
        "credit_code": "统一社会信用代码",
        "decision_number": "认定文书号",
        "decided_on": "认定日期",
        "facts": "失信行为",
        "basis": "认定依据",
    }
    for name, label in labels.items():
        if not values.get(name):
            raise ValidationFailed(f"请填写{label}。", field=name)
    values["credit_code"] = values["credit_code"].upper()
    if not uscc.is_valid(values["credit_code"]):
        raise ValidationFailed("统一社会信用代码校验不通过（GB 32100）。", field="credit_code")
    if values["decided_on"] > timezone.localdate():
        raise ValidationFailed("认定日期不能晚于今天。", field="decided_on")
    with transaction.atomic():
        listing = DishonestyListing.objects.create(
            agency=agency,
            listing_due_on=clock.dishonesty_listing_due_on(values["decided_on"], _calendar()),
            created_by=user_or_none(actor),
            **values,
        )
        _event(
            actor=actor, obj=listing, action="registered", after={"listing_due_on": listing.listing_due_on}
        )
    return listing


def publish_listing(*, actor, listing: DishonestyListing, at: datetime | None = None) -> DishonestyListing:
    """Publicity starts now and ends 1 year later at the same minute (国统字〔2019〕33号)."""
    require(actor, "enforcement.manage", listing)
    at = at or timezone.now()
    with transaction.atomic():
        listing = fetch_for(actor, DishonestyListing, listing.pk, lock=True)
        if listing.listed_at is not None:
            raise InvalidTransition("该企业已在公示中。")
        listing.listed_at = at
        listing.ends_at = clock.listing_ends_at(at, aggravated=listing.aggravated)
        listing.late_by_days = clock.late_by(listing.listing_due_on, _legal_date(at), _calendar())
        listing.save(update_fields=["listed_at", "ends_at", "late_by_days"])
        _event(
            actor=actor,
            obj=listing,
            action="listed",
            after={"ends_at": listing.ends_at, "late_by_days": listing.late_by_days},
        )
        from ..search import sync_listing

        sync_listing(listing)
    return listing


def remove_early(
    *, actor, listing: DishonestyListing, reason: str, at: datetime | None = None
) -> DishonestyListing:
    """Early removal on the enterprise's application, not before 6 months of publicity (国统字〔2019〕33号)."""
    require(actor, "enforcement.manage", listing)
    at = at or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("请填写提前移出理由（信用修复情况）。", field="reason")
    with transaction.atomic():
        listing = fetch_for(actor, DishonestyListing, listing.pk, lock=True)
        if listing.listed_at is None or listing.removed_at is not None or listing.ends_at <= at:
            raise InvalidTransition("该企业不在公示期内。")
        if listing.aggravated:
            raise InvalidTransition(
                "虚假整改或再次被认定的企业公示期为 2 年，不适用提前移出（国统字〔2019〕33号）。"
            )
        earliest = clock.earliest_early_removal_at(listing.listed_at)
        if at < earliest:
            raise InvalidTransition(
                f"公示满 6 个月后方可申请提前移出（国统字〔2019〕33号），最早可于 "
                f"{timezone.localtime(earliest):%Y-%m-%d %H:%M} 移出。",
                field="reason",
            )
        listing.removed_at, listing.removal_reason = at, reason
        listing.save(update_fields=["removed_at", "removal_reason"])
        _event(actor=actor, obj=listing, action="removed_early", note=reason)
        from ..search import sync_listing

        sync_listing(listing)
    return listing


def extend_listing(*, actor, listing: DishonestyListing, reason: str) -> DishonestyListing:
    """虚假整改 or a repeat finding: the publicity period becomes 2 years (国统字〔2019〕33号)."""
    require(actor, "enforcement.manage", listing)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("请填写延长理由（虚假整改或再次被认定的情况）。", field="reason")
    with transaction.atomic():
        listing = fetch_for(actor, DishonestyListing, listing.pk, lock=True)
        if listing.aggravated:
            raise Conflict("公示期已延长为 2 年。")
        if listing.removed_at is not None:
            raise InvalidTransition("该企业已提前移出。")
        listing.aggravated, listing.aggravation_reason = True, reason
        if listing.listed_at is not None:
            listing.ends_at = clock.listing_ends_at(listing.listed_at, aggravated=True)
        listing.save(update_fields=["aggravated", "aggravation_reason", "ends_at"])
        _event(actor=actor, obj=listing, action="extended", note=reason, after={"ends_at": listing.ends_at})
        from ..search import sync_listing

        sync_listing(listing)
    return listing
