"""Every write of 执行公开: tasks and milestones, progress updates with evidence, findings and their
rectification (confirmed by the supervisor, never by the department itself), case notices; and the
hand-over of each to the publication workflow."""

import secrets
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import SYSTEM, fetch_for, require, user_or_none
from gongkai.core import audit
from gongkai.core.errors import Conflict, PermissionDenied, ValidationFailed
from gongkai.publishing import selectors as publishing_selectors
from gongkai.publishing import services as publishing
from gongkai.publishing.registry import adapter_for
from gongkai.workdays.selectors import legal_today

from . import masking
from .models import (
    CaseNotice,
    Evidence,
    Finding,
    FindingEvent,
    FindingState,
    KeyTask,
    Milestone,
    ProgressUpdate,
    Rectification,
)
from .states import Action, next_state

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024  # local: the same ceiling as the other upload forms
MAX_EVIDENCE_FILES = 5


class SupervisorMustConfirm(PermissionDenied):
    """督查与执行分离: the body that supervises confirms; the executing department cannot."""

    code = "supervisor_must_confirm"
    default_message = (
        "整改完成情况须由督查人员确认，整改责任处室及报送人不能自行确认"
        "（《重大行政决策程序暂行条例》第三十四条：决策机关对执行情况进行督促检查）。"
    )


def _text(value: str, *, field: str, label: str, max_length: int | None = None) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(f"请填写{label}。", field=field)
    if max_length and len(value) > max_length:
        raise ValidationFailed(f"{label}不能超过 {max_length} 字。", field=field)
    return value


def _weight(value, field="weight") -> int:
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise ValidationFailed("权重应为 1 至 100 的整数。", field=field) from None
    if not 1 <= value <= 100:
        raise ValidationFailed("权重应为 1 至 100 的整数。", field=field)
    return value


def _files(files) -> list:
    from gongkai.confidentiality.filetypes import detect

    files = [(name, data) for name, data in (files or []) if data]
    if len(files) > MAX_EVIDENCE_FILES:
        raise ValidationFailed(f"佐证材料最多 {MAX_EVIDENCE_FILES} 个。", field="evidence")
    out = []
    for name, data in files:
        if len(data) > MAX_EVIDENCE_BYTES:
            raise ValidationFailed(f"“{name}”超过 20 MB。", field="evidence")
        out.append((name, data, detect(data, name)))  # refuses types the platform does not publish
    return out


def send_to_publication(*, actor, obj):
    """Open the workflow for `obj` and submit it to 保密审查 (the scan reads text and evidence).
    What cannot be published yet is refused here already, not only at approval."""
    adapter_for(obj).check_publishable(obj)
    workflow = publishing_selectors.open_workflow_for(obj) or publishing.start_workflow(actor=actor, obj=obj)
    if workflow.state == "draft":
        publishing.submit(actor=actor, workflow=workflow)
    return workflow


# --- tasks and milestones -------------------------------------------------------------------------
def save_task(
    *,
    actor,
    year: int,
    title: str,
    target: str,
    department,
    due_on: date,
    co_departments=(),
    lead: str = "",
    source: str = "work_report",
    source_title: str = "",
    source_url: str = "",
    source_excerpt: str = "",
    weight: int = 1,
    is_demo: bool = False,
    task: KeyTask | None = None,
) -> KeyTask:
    require(actor, "key_tasks.manage", task)
    title = _text(title, field="title", label="任务名称", max_length=200)
    target = _text(target, field="target", label="工作目标")
    weight = _weight(weight)
    if department is None or (actor is not SYSTEM and department.agency_id != actor.agency_id):
        raise ValidationFailed("请选择本机关的牵头处室。", field="department")
    co = [d for d in co_departments if d.pk != department.pk]
    if any(d.agency_id != department.agency_id for d in co):
        raise ValidationFailed("配合处室须为本机关处室。", field="co_departments")
    with transaction.atomic():
        row = fetch_for(actor, KeyTask, task.pk, lock=True, department_field=None) if task else KeyTask()
        if task and publishing_selectors.is_public(row):
            raise Conflict("重点任务已公开，不能再修改；进展请通过“报送进展”更新。")
        before = {"title": row.title, "weight": row.weight, "due_on": row.due_on} if task else None
        row.agency = department.agency
        row.year, row.title, row.target, row.department = year, title, target, department
        row.lead, row.source, row.source_title = (
            (lead or "").strip()[:60],
            source,
            (source_title or "").strip(),
        )
        row.source_url, row.source_excerpt = (source_url or "").strip(), (source_excerpt or "").strip()
        row.weight, row.due_on, row.is_demo = weight, due_on, is_demo
        if not task:
            row.created_by = user_or_none(actor)
        row.save()
        row.co_departments.set(co)
        audit.record(
            actor=actor,
            verb="key_task.saved",
            obj=row,
            before=before,
            after={"title": row.title, "weight": row.weight, "due_on": row.due_on},
        )
    return row


def save_milestone(
    *,
    actor,
    task: KeyTask,
    title: str,
    due_on: date,
    weight: int = 1,
    position: int = 0,
    milestone: Milestone | None = None,
) -> Milestone:
    require(actor, "key_tasks.manage", task)
    title = _text(title, field="title", label="节点名称", max_length=200)
    weight = _weight(weight)
    if due_on > task.due_on:
        raise ValidationFailed(f"节点日期不能晚于任务完成时限（{task.due_on:%Y-%m-%d}）。", field="due_on")
    with transaction.atomic():
        locked = fetch_for(actor, KeyTask, task.pk, lock=True, department_field=None)
        if milestone is not None and milestone.task_id != locked.pk:
            raise ValidationFailed("该节点不属于本任务。")
        if milestone is not None and milestone.updates.exists() and weight != milestone.weight:
            raise Conflict("该节点已有进展报送，权重不能再改。")
        row = milestone or Milestone(task=locked)
        row.title, row.due_on, row.weight, row.position = title, due_on, weight, position
        row.save()
        audit.record(
            actor=actor,
            verb="key_task.milestone_saved",
            obj=row,
            agency=locked.agency,
            after={"task": locked.pk, "title": title, "due_on": due_on, "weight": weight},
        )
    return row


# --- progress (by the owning department) ----------------------------------------------------------
def report_progress(
    *,
    actor,
    task: KeyTask,
    reported_on: date,
    text: str,
    percent: int,
    milestone: Milestone | None = None,
    files=(),
    submit: bool = True,
) -> ProgressUpdate:
    """A dated progress report of the owning department, sent to publication (scan of text and
    evidence, review, approval). It counts in the roll-up once published."""
    require(actor, "key_tasks.report", task)
    text = _text(text, field="text", label="进展情况", max_length=5000)
    try:
        percent = int(percent)
    except (TypeError, ValueError):
        raise ValidationFailed("完成比例应为 0 至 100 的整数。", field="percent") from None
    if not 0 <= percent <= 100:
        raise ValidationFailed("完成比例应为 0 至 100 的整数。", field="percent")
    if reported_on > legal_today():
        raise ValidationFailed("进展日期不能晚于今天。", field="reported_on")
    has_milestones = task.milestones.exists()
    if has_milestones and milestone is None:
        raise ValidationFailed("本任务设有节点，请选择本次进展对应的节点。", field="milestone")
    if milestone is not None and milestone.task_id != task.pk:
        raise ValidationFailed("该节点不属于本任务。", field="milestone")
    if not publishing_selectors.is_public(task) and submit:
        raise Conflict("重点任务尚未公开，进展不能发布；请先将任务提交发布。")
    checked = _files(files)
    with transaction.atomic():
        locked = fetch_for(actor, KeyTask, task.pk, lock=True)
        update = ProgressUpdate.objects.create(
            task=locked,
            milestone=milestone,
            reported_on=reported_on,
            text=text,
            percent=percent,
            author=user_or_none(actor),
        )
        for name, data, kind in checked:
            evidence = Evidence(update=update, original_name=name[:200], mime=kind.mime, size=len(data))
            evidence.file.save(f"{secrets.token_hex(8)}.{kind.extension}", ContentFile(data), save=False)
            evidence.save()
        audit.record(
            actor=actor,
            verb="key_task.progress_reported",
            obj=update,
            agency=locked.agency,
            after={
                "task": locked.pk,
                "milestone": milestone.pk if milestone else None,
                "percent": percent,
                "evidence": [name for name, _, _ in checked],
            },
        )
        if submit:
            send_to_publication(actor=actor, obj=update)
    return update


# --- supervision (督查) and rectification (整改) ----------------------------------------------------
def _finding_event(finding: Finding, *, actor, verb: str, from_state: str, note: str = "") -> None:
    FindingEvent.objects.create(
        finding=finding,
        verb=verb,
        from_state=from_state,
        to_state=finding.state,
        actor=user_or_none(actor),
        note=note,
        at=timezone.now(),
    )
    audit.record(
        actor=actor,
        verb=f"finding.{verb}",
        obj=finding,
        before={"state": from_state} if from_state else None,
        after={"state": finding.state, "note": note} if note else {"state": finding.state},
    )


def raise_finding(
    *,
    actor,
    department,
    source: str,
    title: str,
    description: str,
    found_on: date,
    rectify_by: date,
    task: KeyTask | None = None,
) -> Finding:
    require(actor, "supervision.raise")
    title = _text(title, field="title", label="问题概述", max_length=200)
    description = _text(description, field="description", label="问题描述")
    if rectify_by < found_on:
        raise ValidationFailed("整改期限不能早于发现日期。", field="rectify_by")
    agency_id = department.agency_id
    if actor is not SYSTEM and agency_id != actor.agency_id:
        raise ValidationFailed("请选择本机关的处室。", field="department")
    if task is not None and task.agency_id != agency_id:
        raise ValidationFailed("所选任务不属于本机关。", field="task")
    with transaction.atomic():
        finding = Finding.objects.create(
            agency_id=agency_id,
            department=department,
            task=task,
            source=source,
            title=title,
            description=description,
            found_on=found_on,
            rectify_by=rectify_by,
            raised_by=user_or_none(actor),
        )
        _finding_event(finding, actor=actor, verb="raised", from_state="")
    return finding


def submit_rectification(
    *,
    actor,
    finding: Finding,
    measures: str,
    result: str,
    completed_on: date,
    file: tuple[str, bytes] | None = None,
) -> Rectification:
    """The responsible department reports what it did; the finding waits for the supervisor."""
    require(actor, "supervision.rectify", finding)
    measures = _text(measures, field="measures", label="整改措施")
    result = _text(result, field="result", label="整改结果")
    if completed_on > legal_today():
        raise ValidationFailed("整改完成日期不能晚于今天。", field="completed_on")
    checked = _files([file] if file else [])
    with transaction.atomic():
        locked = fetch_for(actor, Finding, finding.pk, lock=True)
        before = locked.state
        locked.state = next_state(locked.state, Action.SUBMIT)
        locked.save(update_fields=["state"])
        rect = Rectification(
            finding=locked,
            measures=measures,
            result=result,
            completed_on=completed_on,
            submitted_by=user_or_none(actor),
            submitted_at=timezone.now(),
        )
        for name, data, kind in checked:
            rect.evidence.save(f"{secrets.token_hex(8)}.{kind.extension}", ContentFile(data), save=False)
            rect.evidence_name = name[:200]
        rect.save()
        _finding_event(locked, actor=actor, verb="rectification_submitted", from_state=before)
    finding.refresh_from_db()
    return rect


def decide_rectification(*, actor, finding: Finding, confirm: bool, note: str = "") -> Finding:
    """督查确认: confirm the rectification complete or return it. The supervisor is neither a member of
    the responsible department nor the person who reported the rectification."""
    require(actor, "supervision.confirm", finding, department_field=None)
    with transaction.atomic():
        locked = fetch_for(actor, Finding, finding.pk, lock=True, department_field=None)
        action = Action.CONFIRM if confirm else Action.RETURN
        to_state = next_state(locked.state, action)
        rect = (
            locked.rectifications.select_for_update().filter(decision=Rectification.Decision.PENDING).last()
        )
        if rect is None:
            raise ValidationFailed("没有待确认的整改情况。")
        if actor is not SYSTEM and (
            actor.department_id == locked.department_id or actor.pk == rect.submitted_by_id
        ):
            raise SupervisorMustConfirm()
        note = (note or "").strip()
        if not confirm and not note:
            raise ValidationFailed("退回时请写明需要继续整改的内容。", field="note")
        rect.decision = Rectification.Decision.CONFIRMED if confirm else Rectification.Decision.RETURNED
        rect.decided_by, rect.decided_at, rect.decision_note = user_or_none(actor), timezone.now(), note
        rect.save()
        before = locked.state
        locked.state = to_state
        locked.save(update_fields=["state"])
        _finding_event(
            locked, actor=actor, verb="confirmed" if confirm else "returned", from_state=before, note=note
        )
    finding.refresh_from_db()
    return finding


# --- accountability (问责典型案例通报) --------------------------------------------------------------
def save_notice(
    *,
    actor,
    department,
    kind: str,
    title: str,
    facts: str,
    handling: str,
    notified_on: date,
    persons: str = "",
    finding: Finding | None = None,
    notice: CaseNotice | None = None,
) -> CaseNotice:
    """The public texts are stored masked by the rule of masking.py; the names stay internal."""
    require(actor, "accountability.manage", notice, department_field=None)
    title = _text(title, field="title", label="通报标题", max_length=200)
    facts = _text(facts, field="facts", label="基本案情")
    handling = _text(handling, field="handling", label="处理结果")
    if finding is not None and finding.agency_id != department.agency_id:
        raise ValidationFailed("所选督查问题不属于本机关。", field="finding")
    with transaction.atomic():
        row = (
            fetch_for(actor, CaseNotice, notice.pk, lock=True, department_field=None)
            if notice
            else CaseNotice()
        )
        if notice and publishing_selectors.is_public(row):
            raise Conflict("通报已公开，不能再修改。")
        row.agency, row.department, row.finding, row.kind = department.agency, department, finding, kind
        row.persons = (persons or "").strip()
        row.title = masking.mask(title, row.persons)
        row.facts = masking.mask(facts, row.persons)
        row.handling = masking.mask(handling, row.persons)
        row.notified_on = notified_on
        if not notice:
            row.created_by = user_or_none(actor)
        row.save()
        audit.record(actor=actor, verb="case_notice.saved", obj=row, after={"title": row.title, "kind": kind})
    return row


def check_notice_publishable(notice: CaseNotice) -> None:
    leaked = masking.leaked_names(" ".join((notice.title, notice.facts, notice.handling)), notice.persons)
    if leaked:
        raise ValidationFailed("通报文本中仍有未隐名的人员姓名，不能公开。")


def check_finding_publishable(finding: Finding) -> None:
    if finding.state != FindingState.CONFIRMED:
        raise ValidationFailed("督查问题的整改经督查人员确认后，方可与整改情况一并公开。")


def check_update_publishable(update: ProgressUpdate) -> None:
    if not publishing_selectors.is_public(update.task):
        raise ValidationFailed("所属重点任务尚未公开，进展不能发布。")
