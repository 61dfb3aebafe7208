"""Every write of enforcement publicity. Keyword-only, `actor` first; guard, transaction, event + audit."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import fetch_for, require, user_or_none
from gongkai.core import audit
from gongkai.core.errors import Conflict, InvalidTransition, ValidationFailed

from . import clock, draw
from .models import (
    ChangeKind,
    Decision,
    DecisionKind,
    DecisionStatus,
    DiscretionBenchmark,
    DishonestyListing,
    EnforcementBody,
    Event,
    Inspection,
    InspectionItem,
    Officer,
    PartyType,
)

DECISION_FIELDS = (
    "department",
    "kind",
    "document_number",
    "title",
    "party_type",
    "party_name",
    "party_id_number",
    "facts",
    "basis",
    "outcome",
    "fine_amount",
    "decided_on",
)
REQUIRED_DECISION = {
    "kind": "决定类别",
    "document_number": "决定书文号",
    "title": "案件名称",
    "party_type": "当事人类型",
    "party_name": "当事人",
    "facts": "主要违法事实或事项",
    "basis": "执法依据",
    "outcome": "决定内容",
    "decided_on": "决定日期",
}
REFERENCE_MODELS = {
    "body": (EnforcementBody, ("name", "scope", "address", "phone", "flow_steps", "sort_order")),
    "benchmark": (
        DiscretionBenchmark,
        ("violation", "basis", "circumstance", "min_fine", "max_fine", "other_measures", "sort_order"),
    ),
    "inspection_item": (InspectionItem, ("name", "subject", "basis", "method", "sort_order")),
    "officer": (
        Officer,
        ("department", "name", "certificate_number", "area", "issued_by", "valid_until", "active"),
    ),
}


def _calendar():
    from gongkai.workdays.selectors import load_calendar

    return load_calendar()


def _legal_date(moment: datetime) -> date:
    from gongkai.workdays.selectors import legal_date

    return legal_date(moment)


def _event(*, actor, obj, action: str, note: str = "", before=None, after=None) -> None:
    record_type = obj._meta.model_name
    Event.objects.create(
        agency=obj.agency,
        record_type=record_type,
        record_id=obj.pk,
        action=action,
        note=note,
        actor=user_or_none(actor),
    )
    audit.record(
        actor=actor,
        verb=f"enforcement.{record_type}_{action}",
        obj=obj,
        agency=obj.agency,
        before=before,
        after=after or ({"note": note} if note else None),
    )


def _text(value):
    return value.strip() if isinstance(value, str) else value


# --- 事前: reference tables (bodies, benchmarks, inspection items, officers) ---------------------
def save_reference(*, actor, agency, kind: str, obj=None, **values):
    model, fields = REFERENCE_MODELS[kind]
    unknown = set(values) - set(fields)
    if unknown:
        raise ValidationFailed(f"未知字段：{'、'.join(sorted(unknown))}")
    require(actor, "enforcement.manage", obj, department_field=None)
    values = {k: _text(v) for k, v in values.items()}
    if kind == "benchmark":
        low, high = values.get("min_fine"), values.get("max_fine")
        if low is not None and high is not None and low > high:
            raise ValidationFailed("罚款下限不能高于上限。", field="min_fine")
    if kind == "officer":
        number = values.get("certificate_number", "")
        if not number:
            raise ValidationFailed("请填写执法证号。", field="certificate_number")
        clash = Officer.objects.filter(certificate_number=number)
        if obj is not None:
            clash = clash.exclude(pk=obj.pk)
        if clash.exists():
            raise ValidationFailed(f"执法证号 {number} 已登记。", field="certificate_number")
        department = values.get("department")
        if department is not None and department.agency_id != agency.pk:
            raise ValidationFailed("处室不属于本机关。", field="department")
    with transaction.atomic():
        before = None
        if obj is None:
            obj = model(agency=agency)
        else:
            obj = fetch_for(actor, type(obj), obj.pk, lock=True, department_field=None)
            before = {f: str(getattr(obj, f)) for f in fields}
        for name, value in values.items():
            setattr(obj, name, value)
        obj.save()
        _event(
            actor=actor,
            obj=obj,
            action="saved",
            before=before,
            after={f: str(getattr(obj, f)) for f in fields},
        )
    return obj


# --- 事后: decisions -------------------------------------------------------------------------------
def _clean_decision(agency, values: dict) -> dict:
    values = {k: _text(v) for k, v in values.items()}
    for name, label in REQUIRED_DECISION.items():
        if name in values and values[name] in ("", None):
            raise ValidationFailed(f"请填写{label}。", field=name)
    if "kind" in values and values["kind"] not in DecisionKind.values:
        raise ValidationFailed("请选择决定类别。", field="kind")
    if "party_type" in values and values["party_type"] not in PartyType.values:
        raise ValidationFailed("请选择当事人类型。", field="party_type")
    fine = values.get("fine_amount")
    if fine is not None and fine < 0:
        raise ValidationFailed("罚没金额不能为负数。", field="fine_amount")
    department = values.get("department")
    if department is not None and department.agency_id != agency.pk:
        raise ValidationFailed("处室不属于本机关。", field="department")
    decided_on = values.get("decided_on")
    if decided_on is not None and decided_on > timezone.localdate():
        raise ValidationFailed("决定日期不能晚于今天。", field="decided_on")
    return values


def create_decision(*, actor, agency, **values) -> Decision:
    """A decision to be published: its due date (7 or 20 working days) is fixed now; the workflow opens."""
    from gongkai.publishing.services import start_workflow

    unknown = set(values) - set(DECISION_FIELDS)
    if unknown:
        raise ValidationFailed(f"未知字段：{'、'.join(sorted(unknown))}")
    missing = [label for name, label in REQUIRED_DECISION.items() if name not in values]
    if missing:
        raise ValidationFailed(
            f"请填写{missing[0]}。", field=next(n for n in REQUIRED_DECISION if n not in values)
        )
    values = _clean_decision(agency, values)
    values.setdefault("department", getattr(actor, "department", None))
    probe = Decision(agency=agency, department=values["department"])
    require(actor, "enforcement.manage", probe)
    with transaction.atomic():
        decision = Decision.objects.create(
            agency=agency,
            due_on=clock.decision_due_on(values["kind"], values["decided_on"], _calendar()),
            created_by=user_or_none(actor),
            **values,
        )
        start_workflow(actor=actor, obj=decision)
        _event(
            actor=actor,
            obj=decision,
            action="registered",
            after={"kind": decision.kind, "decided_on": decision.decided_on, "due_on": decision.due_on},
        )
    return decision


def update_decision(*, actor, decision: Decision, **values) -> Decision:
    from gongkai.publishing.selectors import workflow_for

    unknown = set(values) - set(DECISION_FIELDS)
    if unknown:
        raise ValidationFailed(f"未知字段：{'、'.join(sorted(unknown))}")
    require(actor, "enforcement.manage", decision)
    values = _clean_decision(decision.agency, values)
    with transaction.atomic():
        decision = fetch_for(actor, Decision, decision.pk, lock=True)
        workflow = workflow_for(decision)
        if decision.status != DecisionStatus.DRAFT or (workflow is not None and workflow.state != "draft"):
            raise InvalidTransition("已提交或已公开的执法决定不能修改。")
        for name, value in values.items():
            setattr(decision, name, value)
        decision.due_on = clock.decision_due_on(decision.kind, decision.decided_on, _calendar())
        decision.save()
        _event(actor=actor, obj=decision, action="edited", after={"due_on": decision.due_on})
    return decision


def record_publication(*, actor, decision: Decision, at: datetime) -> Decision:
    """Inside the publishing transaction: the fact, and whether the 7/20-working-day limit was kept."""
    decision = fetch_for(actor, Decision, decision.pk, lock=True, department_field=None)
    decision.status, decision.published_at = DecisionStatus.PUBLISHED, at
    decision.late_by_days = clock.late_by(decision.due_on, _legal_date(at), _calendar())
    decision.save(update_fields=["status", "published_at", "late_by_days"])
    _event(actor=actor, obj=decision, action="published", after={"late_by_days": decision.late_by_days})
    from .search import sync_decision

    sync_decision(decision)
    return decision


def mark_changed(*, actor, decision: Decision, change_kind: str, changed_on: date, reason: str) -> Decision:
    """A published decision was changed, revoked or annulled: it must be withdrawn within 3 working days
    with the reason made public (《行政处罚法》第四十八条第二款、第八十五条)."""
    require(actor, "enforcement.manage", decision)
    reason = (reason or "").strip()
    if change_kind not in ChangeKind.values:
        raise ValidationFailed("请选择变更情形。", field="change_kind")
    if not reason:
        raise ValidationFailed(
            "请填写撤回理由；依《行政处罚法》第四十八条第二款，撤回须公开说明理由。", field="reason"
        )
    if not isinstance(changed_on, date) or changed_on > timezone.localdate():
        raise ValidationFailed("请填写变更、撤销或确认无效的日期（不晚于今天）。", field="changed_on")
    with transaction.atomic():
        decision = fetch_for(actor, Decision, decision.pk, lock=True)
        if decision.status != DecisionStatus.PUBLISHED:
            raise InvalidTransition("只有已公开的执法决定才需要撤回。")
        if decision.changed_on is not None:
            raise Conflict("该决定已登记变更情形。")
        if changed_on < decision.decided_on:
            raise ValidationFailed("变更日期不能早于决定日期。", field="changed_on")
        decision.change_kind, decision.changed_on, decision.change_reason = change_kind, changed_on, reason
        decision.withdraw_due_on = clock.withdrawal_due_on(changed_on, _calendar())
        decision.save(update_fields=["change_kind", "changed_on", "change_reason", "withdraw_due_on"])
        _event(
            actor=actor,
            obj=decision,
            action="changed",
            note=reason,
            after={
                "change_kind": change_kind,
                "changed_on": changed_on,
                "withdraw_due_on": decision.withdraw_due_on,
            },
        )
    return decision


def record_withdrawal(*, actor, decision: Decision, reason: str) -> None:
    decision = fetch_for(actor, Decision, decision.pk, lock=True, department_field=None)
    decision.status, decision.withdrawn_at = DecisionStatus.WITHDRAWN, timezone.now()
    if not decision.change_reason:
        decision.change_reason = reason
    decision.save(update_fields=["status", "withdrawn_at", "change_reason"])
    _event(actor=actor, obj=decision, action="withdrawn", note=reason)
    from .search import sync_decision

    sync_decision(decision)


# --- 双随机、一公开 ----------------------------------------------------------------------------------
def _lines(values) -> list[str]:
    if isinstance(values, str):
        values = values.splitlines()
    return sorted({v.strip() for v in values if v and v.strip()})


def create_inspection(
    *,
    actor,
    agency,
    item: InspectionItem,
    title: str,
    objects,
    inspectors,
    object_count: int,
    inspector_count: int,
    department=None,
) -> Inspection:
    require(actor, "enforcement.draw", Inspection(agency=agency, department=department))
    title = (title or "").strip()
    objects, inspectors = _lines(objects), _lines(inspectors)
    if item.agency_id != agency.pk:
        raise ValidationFailed("抽查事项不属于本机关。", field="item")
    if not title:
        raise ValidationFailed("请填写抽查任务名称。", field="title")
    if not 1 <= object_count <= len(objects):
        raise ValidationFailed(f"抽取对象数须在 1 到名录库数量（{len(objects)}）之间。", field="object_count")
    # 双随机: at least two inspectors are drawn (执法人员不少于两人，《行政处罚法》第四十二条).
    if not 2 <= inspector_count <= len(inspectors):
        raise ValidationFailed(
            f"抽取检查人员数须不少于 2 人（《行政处罚法》第四十二条）且不超过名录库人数（{len(inspectors)}）。",
            field="inspector_count",
        )
    with transaction.atomic():
        inspection = Inspection.objects.create(
            agency=agency,
            department=department,
            item=item,
            title=title,
            object_pool=objects,
            inspector_pool=inspectors,
            object_count=object_count,
            inspector_count=inspector_count,
        )
        _event(
            actor=actor,
            obj=inspection,
            action="created",
            after={"objects": len(objects), "inspectors": len(inspectors)},
        )
    return inspection


def perform_draw(*, actor, inspection: Inspection, seed: str | None = None) -> Inspection:
    """Draw once: the seed is generated, recorded and published with the result; never redrawn."""
    require(actor, "enforcement.draw", inspection)
    with transaction.atomic():
        inspection = fetch_for(actor, Inspection, inspection.pk, lock=True)
        if inspection.drawn_at is not None:
            raise InvalidTransition("该抽查任务已经抽取，不能重新抽取；可由监督人员复核。")
        seed = seed or draw.new_seed()
        result = draw.draw(
            seed=seed,
            objects=inspection.object_pool,
            inspectors=inspection.inspector_pool,
            object_count=inspection.object_count,
            inspector_count=inspection.inspector_count,
        )
        inspection.seed = seed
        inspection.drawn_objects, inspection.drawn_inspectors = list(result.objects), list(result.inspectors)
        inspection.drawn_at, inspection.drawn_by = timezone.now(), user_or_none(actor)
        inspection.save(update_fields=["seed", "drawn_objects", "drawn_inspectors", "drawn_at", "drawn_by"])
        _event(
            actor=actor,
            obj=inspection,
            action="drawn",
            after={"seed": seed, "objects": list(result.objects), "inspectors": list(result.inspectors)},
        )
    return inspection


def verify_draw(*, actor, inspection: Inspection) -> bool:
    """Re-run the draw with the recorded seed and pools; True when it gives the recorded result."""
    require(actor, "enforcement.verify_draw", inspection, department_field=None)
    if inspection.drawn_at is None:
        raise InvalidTransition("该抽查任务尚未抽取。")
    result = draw.draw(
        seed=inspection.seed,
        objects=inspection.object_pool,
        inspectors=inspection.inspector_pool,
        object_count=inspection.object_count,
        inspector_count=inspection.inspector_count,
    )
    same = (
        list(result.objects) == inspection.drawn_objects
        and list(result.inspectors) == inspection.drawn_inspectors
    )
    with transaction.atomic():
        _event(
            actor=actor,
            obj=inspection,
            action="verified",
            note="复核一致" if same else "复核不一致",
            after={"same": same},
        )
    return same


def complete_inspection(*, actor, inspection: Inspection, completed_on: date, results: str) -> Inspection:
    require(actor, "enforcement.draw", inspection)
    results = (results or "").strip()
    if not results:
        raise ValidationFailed("请填写检查结果。", field="results")
    if not isinstance(completed_on, date) or completed_on > timezone.localdate():
        raise ValidationFailed("请填写检查完成日期（不晚于今天）。", field="completed_on")
    with transaction.atomic():
        inspection = fetch_for(actor, Inspection, inspection.pk, lock=True)
        if inspection.drawn_at is None:
            raise InvalidTransition("尚未抽取检查对象和检查人员。")
        if inspection.results_published_at is not None:
            raise InvalidTransition("检查结果已公示，不能修改。")
        inspection.completed_on, inspection.results = completed_on, results
        inspection.results_due_on = clock.inspection_results_due_on(completed_on, _calendar())
        inspection.save(update_fields=["completed_on", "results", "results_due_on"])
        _event(
            actor=actor,
            obj=inspection,
            action="completed",
            after={"results_due_on": inspection.results_due_on},
        )
    return inspection


def publish_results(*, actor, inspection: Inspection, at: datetime | None = None) -> Inspection:
    """Results public within 20 working days of completion; later publication is recorded as late."""
    require(actor, "enforcement.draw", inspection)
    at = at or timezone.now()
    with transaction.atomic():
        inspection = fetch_for(actor, Inspection, inspection.pk, lock=True)
        if inspection.completed_on is None:
            raise InvalidTransition("请先登记检查完成日期和检查结果。")
        if inspection.results_published_at is not None:
            raise InvalidTransition("检查结果已公示。")
        inspection.results_published_at = at
        inspection.late_by_days = clock.late_by(inspection.results_due_on, _legal_date(at), _calendar())
        inspection.save(update_fields=["results_published_at", "late_by_days"])
        _event(
            actor=actor,
            obj=inspection,
            action="results_published",
            after={"late_by_days": inspection.late_by_days},
        )
        from .search import sync_inspection

        sync_inspection(inspection)
    return inspection


# --- 统计严重失信企业 ---------------------------------------------------------------------------------
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
        from .search import sync_listing

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
        from .search import sync_listing

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
        from .search import sync_listing

        sync_listing(listing)
    return listing
