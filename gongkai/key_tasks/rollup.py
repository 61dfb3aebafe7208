"""The weighted roll-up and the status rule of key tasks, in one pure place (no ORM, no clock).

Progress of a task = Σ(weight × percent of each milestone) / Σ weight, where a milestone's percent is
that of its latest published progress update (100 = reached). A task without milestones takes the
percentage of its latest published update for the whole task. Department and source roll-ups weight
each task's progress by the task's own weight.

Status (按期推进 / 滞后 / 已完成), derived from dates, never stored:
- 已完成: progress reached 100 %;
- 滞后: not complete and a milestone's due date has passed without it being reached, or the task's
  own deadline has passed;
- 按期推进: otherwise.
A milestone is warned WARN_DAYS before its due date and flagged after it (local practice: no rule
sets the figure; the State Council's 督查 practice asks for early warning).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

WARN_DAYS = 7  # local practice: warn a week before a milestone falls due
COMPLETE = 100


class Status(StrEnum):
    ON_TRACK = "on_track"
    LAGGING = "lagging"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {Status.ON_TRACK: "按期推进", Status.LAGGING: "滞后", Status.COMPLETED: "已完成"}


class Flag(StrEnum):
    REACHED = "reached"
    REACHED_LATE = "reached_late"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    PENDING = "pending"

    @property
    def label(self) -> str:
        return FLAG_LABELS[self]


FLAG_LABELS = {
    Flag.REACHED: "已完成",
    Flag.REACHED_LATE: "逾期完成",
    Flag.OVERDUE: "已逾期",
    Flag.DUE_SOON: "即将到期",
    Flag.PENDING: "推进中",
}


@dataclass(frozen=True)
class MilestoneFacts:
    weight: int
    due_on: date
    percent: int = 0  # of the latest published update of this milestone
    reached_on: date | None = None  # the date of the first published update at 100 %


@dataclass(frozen=True)
class TaskFacts:
    due_on: date
    weight: int = 1
    milestones: tuple[MilestoneFacts, ...] = ()
    percent: int = 0  # only for a task without milestones: its latest published percentage


@dataclass(frozen=True)
class UpdateFacts:
    """A published update, for the history: `milestone` is an index into TaskFacts.milestones."""

    reported_on: date
    percent: int
    milestone: int | None = None


def _clamp(value: int | float) -> float:
    return max(0.0, min(float(COMPLETE), float(value)))


def task_progress(task: TaskFacts) -> float:
    """Weighted progress in percent, one decimal."""
    if not task.milestones:
        return round(_clamp(task.percent), 1)
    total = sum(m.weight for m in task.milestones)
    if total <= 0:
        return 0.0
    done = sum(m.weight * _clamp(m.percent) for m in task.milestones)
    return round(done / total, 1)


def milestone_flag(milestone: MilestoneFacts, today: date) -> Flag:
    if milestone.percent >= COMPLETE:
        if milestone.reached_on is not None and milestone.reached_on > milestone.due_on:
            return Flag.REACHED_LATE
        return Flag.REACHED
    if milestone.due_on < today:
        return Flag.OVERDUE
    if milestone.due_on <= today + timedelta(days=WARN_DAYS):
        return Flag.DUE_SOON
    return Flag.PENDING


def task_status(task: TaskFacts, today: date) -> Status:
    if task_progress(task) >= COMPLETE:
        return Status.COMPLETED
    if task.due_on < today:
        return Status.LAGGING
    if any(milestone_flag(m, today) is Flag.OVERDUE for m in task.milestones):
        return Status.LAGGING
    return Status.ON_TRACK


def progress_history(task: TaskFacts, updates: Iterable[UpdateFacts]) -> list[tuple[date, float]]:
    """Progress after each reporting day, replaying the published updates in date order (the chart)."""
    percents = [0] * len(task.milestones)
    whole = 0
    points: dict[date, float] = {}
    for update in sorted(updates, key=lambda u: u.reported_on):
        if update.milestone is None:
            whole = update.percent
        elif 0 <= update.milestone < len(percents):
            percents[update.milestone] = update.percent
        state = TaskFacts(
            due_on=task.due_on,
            weight=task.weight,
            percent=whole,
            milestones=tuple(
                MilestoneFacts(weight=m.weight, due_on=m.due_on, percent=p)
                for m, p in zip(task.milestones, percents, strict=True)
            ),
        )
        points[update.reported_on] = task_progress(state)
    return sorted(points.items())


@dataclass
class Rollup:
    """Weighted progress and the count per status of a group of tasks (a department, a source)."""

    label: str
    tasks: int = 0
    weight: int = 0
    weighted: float = 0.0
    counts: dict[Status, int] = field(default_factory=lambda: {s: 0 for s in Status})

    @property
    def progress(self) -> float:
        return round(self.weighted / self.weight, 1) if self.weight else 0.0

    @property
    def count_rows(self) -> list[tuple[str, int]]:
        return [(s.label, self.counts[s]) for s in Status]


def roll_up(rows: Iterable[tuple[str, TaskFacts]], today: date) -> list[Rollup]:
    """One Rollup per group label, in first-seen order: rows are (group label, task facts)."""
    groups: dict[str, Rollup] = {}
    for label, task in rows:
        group = groups.setdefault(label, Rollup(label=label))
        group.tasks += 1
        group.weight += task.weight
        group.weighted += task.weight * task_progress(task)
        group.counts[task_status(task, today)] += 1
    return list(groups.values())
