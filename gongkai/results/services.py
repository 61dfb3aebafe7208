"""Every write of 结果公开. Records are changed only before they enter the workflow; published ones
are never edited in place (a later evaluation or a new record carries the news)."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction

from gongkai.accounts.guard import SYSTEM, fetch_for, require, user_or_none
from gongkai.accounts.roles import AGENCY_WIDE_ROLES
from gongkai.core import audit
from gongkai.core.errors import Conflict, PermissionDenied, ValidationFailed
from gongkai.key_tasks import services as key_task_services
from gongkai.publishing import selectors as publishing_selectors
from gongkai.publishing import services as publishing
from gongkai.publishing.registry import adapter_for

from .models import Decision, Evaluation, EvaluationKind, Indicator, IndicatorValue, Plan, Project, WorkReport


def _text(value, *, field, label, max_length=None) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(f"请填写{label}。", field=field)
    if max_length and len(value) > max_length:
        raise ValidationFailed(f"{label}不能超过 {max_length} 字。", field=field)
    return value


def _department(actor, department):
    if department is None or (actor is not SYSTEM and department.agency_id != actor.agency_id):
        raise ValidationFailed("请选择本机关的处室。", field="department")
    if actor is not SYSTEM and not (actor.roles & AGENCY_WIDE_ROLES) and department.pk != actor.department_id:
        raise PermissionDenied("只能为本处室登记。")
    return department


def _start(actor, model, record, verb: str, **fields):
    """Create or update (only while not yet in the workflow) and audit."""
    with transaction.atomic():
        if record is not None:
            row = fetch_for(actor, model, record.pk, lock=True)
            if publishing_selectors.workflow_for(row) is not None:
                raise Conflict("已提交发布的记录不能再修改。")
        else:
            row = model(created_by=user_or_none(actor))
        for name, value in fields.items():
            setattr(row, name, value)
        row.agency = fields["department"].agency
        row.save()
        audit.record(actor=actor, verb=f"results.{verb}", obj=row, after={"title": str(row)})
    return row


def send_to_publication(*, actor, obj):
    adapter_for(obj).check_publishable(obj)
    workflow = publishing_selectors.open_workflow_for(obj) or publishing.start_workflow(actor=actor, obj=obj)
    if workflow.state == "draft":
        publishing.submit(actor=actor, workflow=workflow)
    return workflow


# --- plans ----------------------------------------------------------------------------------------
def parse_indicators(text: str) -> list[dict]:
    """One indicator per line: 名称|单位|基期值|目标值|约束性 (单位, 基期值 and 属性 may be empty)."""
    rows = []
    for n, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) < 4 or not parts[0] or not parts[3]:
            raise ValidationFailed(f"第 {n} 行格式应为“名称|单位|基期值|目标值|属性”。", field="indicators")
        nature = (
            Indicator.Nature.BINDING if len(parts) > 4 and parts[4] == "约束性" else Indicator.Nature.EXPECTED
        )
        rows.append(
            {
                "name": parts[0][:120],
                "unit": parts[1][:30],
                "baseline": parts[2][:40],
                "target": parts[3][:40],
                "nature": nature,
            }
        )
    return rows


def save_plan(
    *,
    actor,
    department,
    title,
    start_year,
    end_year,
    summary,
    document_url="",
    indicators="",
    is_demo=False,
    plan=None,
) -> Plan:
    require(actor, "results.manage", plan)
    title = _text(title, field="title", label="规划名称", max_length=200)
    summary = _text(summary, field="summary", label="规划概要")
    if end_year < start_year:
        raise ValidationFailed("终止年度不能早于起始年度。", field="end_year")
    rows = parse_indicators(indicators)
    with transaction.atomic():
        row = _start(
            actor,
            Plan,
            plan,
            "plan_saved",
            department=_department(actor, department),
            title=title,
            start_year=start_year,
            end_year=end_year,
            summary=summary,
            document_url=document_url or "",
            is_demo=is_demo,
        )
        row.indicators.all().delete()
        Indicator.objects.bulk_create([Indicator(plan=row, position=n, **r) for n, r in enumerate(rows)])
    return row


# --- work reports broken down into key tasks ------------------------------------------------------------
def save_work_report(*, actor, department, year, title, url="", is_demo=False, report=None) -> WorkReport:
    require(actor, "results.manage", report)
    title = _text(title, field="title", label="报告名称", max_length=200)
    return _start(
        actor,
        WorkReport,
        report,
        "work_report_saved",
        department=_department(actor, department),
        year=year,
        title=title,
        url=url or "",
        is_demo=is_demo,
    )


def break_down(
    *, actor, report: WorkReport, task_title: str, excerpt: str, department, due_on: date, target: str
) -> object:
    """One task of the report becomes a key task (key_tasks), linked to the report."""
    require(actor, "results.manage", report)
    task = key_task_services.save_task(
        actor=actor,
        year=report.year,
        title=task_title,
        target=target,
        department=department,
        due_on=due_on,
        source="work_report",
        source_title=report.title,
        source_url=report.url,
        source_excerpt=excerpt,
        is_demo=report.is_demo,
    )
    report.tasks.add(task)
    audit.record(actor=actor, verb="results.work_report_task_added", obj=report, after={"task": task.pk})
    return task


# --- 为民办实事 ---------------------------------------------------------------------------------------
def save_project(
    *,
    actor,
    department,
    year,
    title,
    description,
    budget,
    location,
    starts_on,
    due_on,
    completed_on=None,
    outcome="",
    key_task=None,
    is_demo=False,
    project=None,
) -> Project:
    require(actor, "results.manage", project)
    title = _text(title, field="title", label="项目名称", max_length=200)
    description = _text(description, field="description", label="项目内容")
    location = _text(location, field="location", label="实施地点", max_length=200)
    try:
        budget = Decimal(str(budget))
    except (InvalidOperation, ValueError):
        raise ValidationFailed("预算应为金额（万元）。", field="budget") from None
    if budget < 0:
        raise ValidationFailed("预算不能为负数。", field="budget")
    if due_on < starts_on:
        raise ValidationFailed("计划完成日期不能早于计划开工日期。", field="due_on")
    if completed_on is not None and completed_on < starts_on:
        raise ValidationFailed("实际完成日期不能早于开工日期。", field="completed_on")
    if completed_on is not None and not (outcome or "").strip():
        raise ValidationFailed("已完成的项目请填写完成情况。", field="outcome")
    return _start(
        actor,
        Project,
        project,
        "project_saved",
        department=_department(actor, department),
        year=year,
        title=title,
        description=description,
        budget=budget,
        location=location,
        starts_on=starts_on,
        due_on=due_on,
        completed_on=completed_on,
        outcome=(outcome or "").strip(),
        key_task=key_task,
        is_demo=is_demo,
    )


# --- major decisions --------------------------------------------------------------------------------
def save_decision(
    *,
    actor,
    department,
    title,
    decided_on,
    document_title,
    summary,
    document_url="",
    consultation=None,
    key_tasks=(),
    is_demo=False,
    decision=None,
) -> Decision:
    require(actor, "results.manage", decision)
    title = _text(title, field="title", label="决策事项", max_length=200)
    document_title = _text(document_title, field="document_title", label="决策文件", max_length=200)
    summary = _text(summary, field="summary", label="决策内容")
    if consultation is not None and consultation.agency_id != department.agency_id:
        raise ValidationFailed("所选征求意见不属于本机关。", field="consultation")
    if consultation is not None and consultation.closes_at.date() > decided_on:
        raise ValidationFailed("决策日期不能早于征求意见的截止日期。", field="decided_on")
    with transaction.atomic():
        row = _start(
            actor,
            Decision,
            decision,
            "decision_saved",
            department=_department(actor, department),
            title=title,
            decided_on=decided_on,
            document_title=document_title,
            document_url=document_url or "",
            summary=summary,
            consultation=consultation,
            is_demo=is_demo,
        )
        row.key_tasks.set([t for t in key_tasks if t.agency_id == row.agency_id])
    return row


# --- evaluations ----------------------------------------------------------------------------------
def save_evaluation(
    *,
    actor,
    department,
    kind,
    title,
    evaluator,
    evaluated_on,
    conclusion,
    response="",
    plan=None,
    project=None,
    decision=None,
    key_task=None,
    survey=None,
    values=None,
    is_demo=False,
    evaluation=None,
) -> Evaluation:
    """An evaluation of exactly one subject (plan, project, decision or key task); a public survey may
    feed it. `values` {indicator: (actual, assessment)} records what a plan evaluation found."""
    require(actor, "results.manage", evaluation)
    title = _text(title, field="title", label="评估名称", max_length=200)
    evaluator = _text(evaluator, field="evaluator", label="评估主体", max_length=120)
    conclusion = _text(conclusion, field="conclusion", label="评估结论")
    subjects = [s for s in (plan, project, decision, key_task) if s is not None]
    if len(subjects) != 1:
        raise ValidationFailed("请选择且只选择一个评估对象（规划、项目、决策或重点任务）。", field="plan")
    if kind in (EvaluationKind.MID_TERM, EvaluationKind.FINAL) and plan is None:
        raise ValidationFailed("中期评估和终期评估针对发展规划。", field="kind")
    if kind == EvaluationKind.SURVEY and survey is None:
        raise ValidationFailed("公众满意度调查评估请选择所依据的调查。", field="survey")
    if any(s.agency_id != department.agency_id for s in [*subjects, *([survey] if survey else [])]):
        raise ValidationFailed("评估对象须为本机关的记录。", field="plan")
    with transaction.atomic():
        row = _start(
            actor,
            Evaluation,
            evaluation,
            "evaluation_saved",
            department=_department(actor, department),
            kind=kind,
            title=title,
            evaluator=evaluator,
            evaluated_on=evaluated_on,
            conclusion=conclusion,
            response=(response or "").strip(),
            plan=plan,
            project=project,
            decision=decision,
            key_task=key_task,
            survey=survey,
            is_demo=is_demo,
        )
        row.indicator_values.all().delete()
        for indicator, (actual, assessment) in (values or {}).items():
            if plan is None or indicator.plan_id != plan.pk:
                raise ValidationFailed("指标不属于所评估的规划。", field="values")
            IndicatorValue.objects.create(
                evaluation=row,
                indicator=indicator,
                actual=str(actual)[:40],
                assessment=(assessment or "")[:60],
            )
    return row


def check_public_subject(evaluation: Evaluation) -> None:
    subject = evaluation.subject
    if subject is not None and not publishing_selectors.is_public(subject):
        raise ValidationFailed("评估对象尚未公开，评估不能先行发布。")
