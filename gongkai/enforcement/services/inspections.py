"""双随机、一公开: inspections, the verifiable draw, results and their publication."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import fetch_for, require, user_or_none
from gongkai.core.errors import InvalidTransition, ValidationFailed

from .. import clock, draw
from ..models import (
    Inspection,
    InspectionItem,
)
from .common import _calendar, _event, _legal_date


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
        from ..search import sync_inspection

        sync_inspection(inspection)
    return inspection
