"""Reads of 执行公开: public records (through the workflow's live filter) and the staff's scoped lists;
the roll-up facts are built here and judged by the pure rule in rollup.py."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

from gongkai.accounts.guard import scoped
from gongkai.accounts.permissions import has_perm
from gongkai.publishing.selectors import public_object_ids

from . import rollup
from .models import CaseNotice, Finding, FindingState, KeyTask, Milestone, ProgressUpdate, Rectification


# --- public -----------------------------------------------------------------------------------------
def public_tasks(agency) -> QuerySet[KeyTask]:
    return KeyTask.objects.filter(
        agency=agency, pk__in=public_object_ids(KeyTask, agency=agency)
    ).select_related("department")


def public_update_ids(agency=None):
    return public_object_ids(ProgressUpdate, agency=agency)


def public_updates(task: KeyTask) -> QuerySet[ProgressUpdate]:
    return (
        task.updates.filter(pk__in=public_update_ids(task.agency))
        .select_related("milestone")
        .prefetch_related("evidence")
        .order_by("reported_on", "id")
    )


def public_findings(agency) -> QuerySet[Finding]:
    return Finding.objects.filter(
        agency=agency, pk__in=public_object_ids(Finding, agency=agency)
    ).select_related("department", "task")


def public_notices(agency) -> QuerySet[CaseNotice]:
    return CaseNotice.objects.filter(agency=agency, pk__in=public_object_ids(CaseNotice, agency=agency))


# --- the roll-up facts ----------------------------------------------------------------------------
@dataclass
class TaskView:
    task: KeyTask
    facts: rollup.TaskFacts
    progress: float
    status: rollup.Status
    milestones: list  # [(Milestone, MilestoneFacts, Flag)]
    history: list  # [(date, progress)]


def task_view(task: KeyTask, today: date, updates=None) -> TaskView:
    """Progress, status, milestone flags and history from the task's published updates."""
    if updates is None:
        updates = list(public_updates(task))
    milestones = list(task.milestones.all())
    index = {m.pk: i for i, m in enumerate(milestones)}
    percent = {m.pk: 0 for m in milestones}
    reached: dict[int, date] = {}
    whole = 0
    for u in sorted(updates, key=lambda u: (u.reported_on, u.pk)):
        if u.milestone_id in percent:
            percent[u.milestone_id] = u.percent
            if u.percent >= rollup.COMPLETE and u.milestone_id not in reached:
                reached[u.milestone_id] = u.reported_on
        elif u.milestone_id is None:
            whole = u.percent
    m_facts = [
        rollup.MilestoneFacts(
            weight=m.weight, due_on=m.due_on, percent=percent[m.pk], reached_on=reached.get(m.pk)
        )
        for m in milestones
    ]
    facts = rollup.TaskFacts(due_on=task.due_on, weight=task.weight, milestones=tuple(m_facts), percent=whole)
    history = rollup.progress_history(
        facts,
        [rollup.UpdateFacts(u.reported_on, u.percent, index.get(u.milestone_id)) for u in updates],
    )
    return TaskView(
        task=task,
        facts=facts,
        progress=rollup.task_progress(facts),
        status=rollup.task_status(facts, today),
        milestones=[
            (m, f, rollup.milestone_flag(f, today)) for m, f in zip(milestones, m_facts, strict=True)
        ],
        history=history,
    )


def task_views(tasks, today: date) -> list[TaskView]:
    """The roll-up counts published updates only, for the public and for the office alike."""
    tasks = list(
        tasks.prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("position", "due_on", "id")),
        )
    )
    ids = [t.pk for t in tasks]
    qs = ProgressUpdate.objects.filter(task_id__in=ids)
    qs = qs.filter(pk__in=public_update_ids())
    by_task: dict[int, list] = {}
    for u in qs.order_by("reported_on", "id"):
        by_task.setdefault(u.task_id, []).append(u)
    return [task_view(t, today, by_task.get(t.pk, [])) for t in tasks]


def rollups(views: list[TaskView], today: date) -> dict[str, list[rollup.Rollup]]:
    """Per department and per source, weighted by task weight."""
    return {
        "department": rollup.roll_up(((v.task.department.name, v.facts) for v in views), today),
        "source": rollup.roll_up(((v.task.get_source_display(), v.facts) for v in views), today),
    }


# --- office ---------------------------------------------------------------------------------------
def tasks_for(user) -> QuerySet[KeyTask]:
    if not has_perm(user, "key_tasks.view"):
        return KeyTask.objects.none()
    return scoped(user, KeyTask.objects.select_related("department"))


def updates_for(user, task: KeyTask) -> QuerySet[ProgressUpdate]:
    return (
        task.updates.select_related("milestone", "author")
        .prefetch_related("evidence")
        .order_by("-reported_on", "-id")
    )


def findings_for(user) -> QuerySet[Finding]:
    if not has_perm(user, "key_tasks.view"):
        return Finding.objects.none()
    return scoped(user, Finding.objects.select_related("department", "task"))


def supervisor_queue(user) -> QuerySet[Rectification]:
    """Rectifications waiting for the supervisor's confirmation (never the department's own)."""
    if not has_perm(user, "supervision.confirm"):
        return Rectification.objects.none()
    qs = Rectification.objects.filter(
        finding__agency_id=user.agency_id, decision=Rectification.Decision.PENDING
    ).select_related("finding", "finding__department", "submitted_by")
    if user.department_id:
        qs = qs.exclude(finding__department_id=user.department_id)
    return qs.order_by("submitted_at", "id")


def overdue_findings(qs: QuerySet[Finding], today: date) -> QuerySet[Finding]:
    """Past the rectification deadline and not confirmed: escalated to the 分管领导's panel."""
    return qs.exclude(state=FindingState.CONFIRMED).filter(rectify_by__lt=today)


def notices_for(user) -> QuerySet[CaseNotice]:
    if not has_perm(user, "key_tasks.view"):
        return CaseNotice.objects.none()
    return scoped(user, CaseNotice.objects.select_related("department", "finding"))
