"""Every write of annual reports. Keyword-only, `actor` first; permission, transaction, audit.

Publication goes through the shared workflow (publishing): `submit_report` refuses a report whose
tables do not add up, naming the cell; `record_publication` (called by the adapter inside the
publishing transaction) freezes tables 二/三/四 into `snapshot` (ADR 0017).
"""

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts.guard import fetch_for
from gongkai.core import audit
from gongkai.core.errors import (
    Conflict,
    DomainError,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)

from . import deadlines, drafts, tables
from .models import AnnualReport, Status
from .permissions import can_edit

TEXT_FIELDS = ("overview", "proactive_note", "problems", "other_matters")
COUNT_FIELDS = (
    "rules_issued",
    "rules_repealed",
    "rules_in_force",
    "licensing_decisions",
    "penalty_decisions",
    "coercion_decisions",
)
FIELDS = (*TEXT_FIELDS, *COUNT_FIELDS, "fees_amount")
TEXT_MAX = 20000
COUNT_MAX = 10_000_000
FEES_MAX = Decimal("99999999.9999")
YEAR_MIN, YEAR_MAX = 2008, 2100  # 条例 in force since 1 May 2008


def _snapshot(report: AnnualReport) -> dict:
    return {name: getattr(report, name) for name in FIELDS}


def _clean(values: dict) -> dict:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValidationFailed(f"未知字段：{'、'.join(sorted(unknown))}")
    cleaned = {}
    for name, value in values.items():
        label = AnnualReport._meta.get_field(name).verbose_name
        if name in TEXT_FIELDS:
            value = (value or "").strip()
            if len(value) > TEXT_MAX:
                raise ValidationFailed(f"“{label}”不能超过 {TEXT_MAX} 字。", field=name)
        elif name in COUNT_FIELDS:
            if value in ("", None):
                value = None
            elif not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= COUNT_MAX:
                raise ValidationFailed(f"“{label}”须为 0 到 {COUNT_MAX} 之间的整数。", field=name)
        else:  # fees_amount
            if value in ("", None):
                value = None
            else:
                try:
                    value = Decimal(str(value))
                except InvalidOperation:
                    raise ValidationFailed(f"“{label}”须为数字。", field=name) from None
                if not value.is_finite() or value < 0 or value > FEES_MAX:
                    raise ValidationFailed(f"“{label}”须为不小于 0 的金额（万元）。", field=name)
                if value != value.quantize(Decimal("0.0001")):
                    raise ValidationFailed(f"“{label}”最多保留四位小数（即精确到元）。", field=name)
        cleaned[name] = value
    return cleaned


def _require_editable(report: AnnualReport) -> None:
    from gongkai.publishing.selectors import open_workflow_for

    if report.status == Status.PUBLISHED:
        raise InvalidTransition("已发布的年度报告不能修改；如需更正，请撤回后重新发布。")
    workflow = open_workflow_for(report)
    if workflow is not None and workflow.state != "draft":
        raise InvalidTransition("该年度报告已提交审查或审批，不能修改；如需修改请先退回草稿。")


class ReportWithdrawn(DomainError):
    """A withdrawn report answers 410 with its public reason, like other withdrawn items."""

    http_status = 410
    code = "withdrawn"
    default_message = "该年度报告已撤回。"


def year_not_ended_message(year: int) -> str:
    return (
        f"{year}年度尚未结束，年度报告只能在年度结束后提交发布（《中华人民共和国政府信息公开条例》"
        f"第四十九条：每年1月31日前公布上一年度的年度报告）；{year}年的草稿可以编辑和预览。"
    )


def check_year_ended(report: AnnualReport, *, today=None) -> None:
    """条例 Art. 49: refuses to submit, approve or publish the report of a year that is still running."""
    today = today or timezone.localdate()
    if not deadlines.year_has_ended(report.year, today):
        raise InvalidTransition(year_not_ended_message(report.year), field="year")


def create_report(*, actor, year: int, prefill: bool = False, **fields) -> AnnualReport:
    """A draft report of the actor's agency for `year` (one per agency and year). With `prefill`,
    sections 一/五/六 not given are drafted from the year's records (drafts.py) for the office to edit."""
    if not can_edit(actor):
        raise PermissionDenied("您无权编制政府信息公开工作年度报告。")
    if not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationFailed(f"报告年度须在 {YEAR_MIN} 到 {YEAR_MAX} 之间。", field="year")
    values = _clean(fields)
    if prefill:  # sections 一/五/六 start as drafts written from the year's records
        for name, text in drafts.sections(actor.agency, year).items():
            values.setdefault(name, text)
    try:
        with transaction.atomic():
            report = AnnualReport(agency=actor.agency, year=year, created_by=actor, updated_by=actor)
            _mark_manual_entries(actor, report, values)
            for name, value in values.items():
                setattr(report, name, value)
            report.save()
            audit.record(
                actor=actor,
                verb="annual_reports.created",
                obj=report,
                agency=actor.agency,
                after={"year": year, **_snapshot(report)},
            )
    except IntegrityError:
        raise Conflict(f"{year}年的年度报告已经存在。", field="year") from None
    return report


def _mark_manual_entries(actor, report: AnnualReport, values: dict) -> None:
    """Remember who typed a table 二 figure that the records could also give, and when."""
    from django.utils import timezone

    entries = dict(report.manual_entries or {})
    for name in tables.RECORDED_FIELDS.values():
        if name not in values or values[name] == getattr(report, name):
            continue
        if values[name] is None:
            entries.pop(name, None)
        else:
            entries[name] = {
                "by": actor.get_full_name() or actor.get_username(),
                "at": timezone.localtime().isoformat(timespec="minutes"),
            }
    report.manual_entries = entries


def update_report(*, actor, report: AnnualReport, **fields) -> AnnualReport:
    """The narrative and the manual figures of a draft (or withdrawn) report."""
    if not can_edit(actor, report):
        raise PermissionDenied("您无权修改该年度报告。")
    values = _clean(fields)
    with transaction.atomic():
        report = fetch_for(actor, AnnualReport, report.pk, lock=True)
        _require_editable(report)
        before = _snapshot(report)
        _mark_manual_entries(actor, report, values)
        for name, value in values.items():
            setattr(report, name, value)
        report.updated_by = actor
        report.save()
        audit.record(
            actor=actor,
            verb="annual_reports.edited",
            obj=report,
            agency=report.agency,
            before=before,
            after=_snapshot(report),
        )
    return report


NARRATIVE_SECTIONS = ("overview", "problems", "other_matters")  # 一 / 五 / 六


def redraft_section(*, actor, report: AnnualReport, section: str) -> AnnualReport:
    """Replace one of sections 一/五/六 with a fresh draft from the records as they are now (the office
    asks for it, e.g. after the year's last records came in); audited like any edit."""
    if section not in NARRATIVE_SECTIONS:
        raise ValidationFailed("只有第一、五、六部分可以按记录重新起草。", field="section")
    text = getattr(drafts, section)(report.agency, report.year)
    return update_report(actor=actor, report=report, **{section: text})


ART_50 = "《条例》第五十条：年度报告应当包括本条所列各项内容"


def check_complete(report: AnnualReport) -> dict:
    """The whole report: sections 一/五/六 written and free of draft gaps, tables 二/三/四 checked.
    Returns the checked tables, or raises ValidationFailed naming the missing section or the wrong cell."""
    for name in NARRATIVE_SECTIONS:
        text = getattr(report, name).strip()
        label = AnnualReport._meta.get_field(name).verbose_name
        if not text:
            raise ValidationFailed(f"年度报告不完整，不能提交：请填写“{label}”（{ART_50}）。", field=name)
        if drafts.has_gap(text):
            start = text.index(drafts.GAP_OPEN)
            end = text.find("】", start)
            missing = text[start : end + 1 if end != -1 else start + 40]
            raise ValidationFailed(
                f"年度报告不完整，不能提交：“{label}”还有草稿中待填写的内容 {missing}，请补全后再提交（{ART_50}）。",
                field=name,
            )
    try:
        return tables.checked(report)
    except tables.TableCheckFailed as exc:
        raise ValidationFailed(f"统计表未通过校验，不能提交：{exc.message}", field=exc.field) from exc


def submit_report(*, actor, report: AnnualReport):
    """Send the report into the publication workflow (保密审查 → 领导审批 → 发布), refusing it when a
    section is empty or a table check fails, and the report of a year that has not ended (条例 Art. 49).
    Returns the workflow."""
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import open_workflow_for

    if not can_edit(actor, report):
        raise PermissionDenied("您无权提交该年度报告。")
    with transaction.atomic():
        report = fetch_for(actor, AnnualReport, report.pk, lock=True)
        _require_editable(report)
        check_year_ended(report)
        checked = check_complete(report)
        workflow = open_workflow_for(report)
        if workflow is None:
            workflow = publishing.start_workflow(actor=actor, obj=report)
        if report.status == Status.WITHDRAWN:
            report.status = Status.DRAFT
            report.save(update_fields=["status", "updated_at"])
        publishing.submit(actor=actor, workflow=workflow)
        audit.record(
            actor=actor,
            verb="annual_reports.submitted",
            obj=report,
            agency=report.agency,
            after={"workflow": workflow.pk, "table3_total": _grand_total(checked)},
        )
    return workflow


def _grand_total(tables_: dict) -> int:
    row = next(r for r in tables_["table3"]["rows"] if r["key"] == "7")
    return row["values"][-1]


def record_publication(*, actor, report: AnnualReport, at) -> AnnualReport:
    """Inside the publishing transaction: freeze tables 二/三/四 as they are now. From here on the
    report shows `snapshot`, whatever happens to the records later."""
    report = fetch_for(actor, AnnualReport, report.pk, lock=True)
    check_year_ended(report, today=timezone.localdate(at))
    snapshot = check_complete(report)
    snapshot["published_at"] = at.isoformat()
    report.snapshot, report.status, report.published_at = snapshot, Status.PUBLISHED, at
    report.save(update_fields=["snapshot", "status", "published_at", "updated_at"])
    audit.record(
        actor=actor,
        verb="annual_reports.published",
        obj=report,
        agency=report.agency,
        after={"year": report.year, "table3_total": _grand_total(snapshot)},
    )
    from .search import sync_report

    transaction.on_commit(lambda: sync_report(report))
    return report


def record_withdrawal(*, actor, report: AnnualReport, reason: str) -> None:
    report = fetch_for(actor, AnnualReport, report.pk, lock=True)
    report.status, report.withdrawal_reason = Status.WITHDRAWN, (reason or "")[:500]
    report.save(update_fields=["status", "withdrawal_reason", "updated_at"])
    audit.record(
        actor=actor,
        verb="annual_reports.withdrawn",
        obj=report,
        agency=report.agency,
        after={"reason": reason},
    )
    from .search import sync_report

    transaction.on_commit(lambda: sync_report(report))


def get_for_update(*, actor, pk: int) -> AnnualReport:
    report = AnnualReport.objects.filter(pk=pk, agency_id=actor.agency_id).first()
    if report is None:
        raise NotFound("没有找到该年度报告。")
    return report
