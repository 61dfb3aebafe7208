"""Every write of the city office's work: 督办通知 (issue 18 item 8) and the tables an agency reports
for the city roll-up (item 9). Each checks permission through the guard, writes, and audits."""

from datetime import date

from django.db import transaction

from gongkai.accounts import guard
from gongkai.accounts.guard import user_or_none
from gongkai.annual_reports.models import AnnualReport
from gongkai.annual_reports.models import Status as ReportStatus
from gongkai.core import audit
from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.workdays.selectors import add_working_days, legal_today

from . import tables as T
from .models import SupervisionNotice, TableSubmission

# Local practice (no law sets it): a notice gives 1-30 working days.
MIN_DUE_DAYS, MAX_DUE_DAYS = 1, 30


def _city_office(actor, permission: str) -> None:
    guard.require(actor, permission)
    if not guard.is_system(actor) and actor.agency_id is None:
        raise PermissionDenied("您的账号不属于任何机关。")


# --- 督办通知 ------------------------------------------------------------------------------------
def issue_notice(
    *, actor, agency, subject: str, body: str, due_days: int, today: date | None = None
) -> SupervisionNotice:
    """The city office asks an agency to act by a deadline in working days (workdays calendar)."""
    _city_office(actor, "cityops.supervise")
    subject, body = (subject or "").strip(), (body or "").strip()
    if agency is None or not agency.is_active:
        raise ValidationFailed("请选择被督办的机关。", field="agency")
    if not subject:
        raise ValidationFailed("请填写督办事项。", field="subject")
    if not body:
        raise ValidationFailed("请填写督办内容和要求。", field="body")
    if due_days is None or not MIN_DUE_DAYS <= due_days <= MAX_DUE_DAYS:
        raise ValidationFailed(f"办理期限应为 {MIN_DUE_DAYS} 至 {MAX_DUE_DAYS} 个工作日。", field="due_days")
    issued_on = today or legal_today()
    issuer = agency if guard.is_system(actor) else actor.agency
    with transaction.atomic():
        notice = SupervisionNotice.objects.create(
            agency=agency,
            issued_by_agency=issuer,
            subject=subject[:200],
            body=body,
            issued_on=issued_on,
            due_days=due_days,
            due_on=add_working_days(issued_on, due_days).due,
            issued_by=user_or_none(actor),
        )
        audit.record(
            actor=actor,
            verb="supervision_notice.issued",
            obj=notice,
            after={"agency": agency.code, "due_on": notice.due_on.isoformat()},
        )
    return notice


def answer_notice(
    *, actor, notice: SupervisionNotice, answer: str, today: date | None = None
) -> SupervisionNotice:
    """The supervised agency reports what it did (its own openness office; once)."""
    guard.require(actor, "cityops.notices_answer", notice, department_field=None)
    answer = (answer or "").strip()
    if not answer:
        raise ValidationFailed("请填写办理情况。", field="answer")
    with transaction.atomic():
        notice = SupervisionNotice.objects.select_for_update().get(pk=notice.pk)
        if notice.is_answered:
            raise InvalidTransition("该督办通知已经答复。")
        notice.answer, notice.answered_on = answer, today or legal_today()
        notice.answered_by = user_or_none(actor)
        notice.save(update_fields=["answer", "answered_on", "answered_by"])
        audit.record(
            actor=actor,
            verb="supervision_notice.answered",
            obj=notice,
            after={"answered_on": notice.answered_on.isoformat(), "late": notice.answered_on > notice.due_on},
        )
    return notice


# --- tables for the city roll-up ------------------------------------------------------------------
def submit_tables(
    *,
    actor,
    agency,
    year: int,
    tables: dict,
    source: str,
    file_name: str = "",
    today: date | None = None,
    name_cell=T.describe,
) -> TableSubmission:
    """Tables 二/三/四 of an agency whose report is not published on the platform, checked exactly
    like computed tables (table 三's rules, table 四's 总计) and refused naming the cell."""
    _city_office(actor, "cityops.rollup")
    if source not in TableSubmission.Source.values:
        raise ValidationFailed("请选择报送方式。", field="source")
    if not 2008 <= int(year) <= 2100:
        raise ValidationFailed("报告年度不正确。", field="year")
    today = today or legal_today()
    if year >= today.year:
        raise ValidationFailed(
            f"{year} 年尚未结束：年度报告统计的是上一年度的情况（《条例》第五十条）。", field="year"
        )
    if AnnualReport.objects.filter(agency=agency, year=year, status=ReportStatus.PUBLISHED).exists():
        raise InvalidTransition(
            f"{agency.name}已在本平台发布{year}年度报告，汇总直接取用其发布时的统计表，无需另行报送。"
        )
    T.check(tables, name_cell=name_cell)
    with transaction.atomic():
        submission, created = TableSubmission.objects.update_or_create(
            agency=agency,
            year=year,
            defaults={
                "source": source,
                "tables": tables,
                "submitted_on": today,
                "file_name": file_name[:200],
                "submitted_by": user_or_none(actor),
            },
        )
        audit.record(
            actor=actor,
            verb="table_submission.submitted" if created else "table_submission.replaced",
            obj=submission,
            agency=agency,
            after={"year": year, "source": source, "file": file_name[:200]},
        )
    return submission


def upload_tables(*, actor, agency, year: int, data: bytes, file_name: str, today: date | None = None):
    from . import xlsx

    _city_office(actor, "cityops.rollup")
    parsed = xlsx.parse(data, file_name)
    return submit_tables(
        actor=actor,
        agency=agency,
        year=year,
        tables=parsed,
        source=TableSubmission.Source.UPLOAD,
        file_name=file_name,
        today=today,
        name_cell=lambda key: f"{T.cell_name(key)}（{T.describe(key)}）",
    )
