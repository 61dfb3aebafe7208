"""The weighted roll-up and the status rule (rollup.py): weights, late milestones, no milestones."""

from datetime import date

from gongkai.key_tasks.rollup import (
    Flag,
    MilestoneFacts,
    Status,
    TaskFacts,
    UpdateFacts,
    milestone_flag,
    progress_history,
    roll_up,
    task_progress,
    task_status,
)

TODAY = date(2026, 6, 15)
END = date(2026, 12, 31)


def m(weight, due_on, percent=0, reached_on=None):
    return MilestoneFacts(weight=weight, due_on=due_on, percent=percent, reached_on=reached_on)


def test_progress_is_weighted_by_milestone_weights_not_counted():
    task = TaskFacts(
        due_on=END, milestones=(m(10, date(2026, 3, 1), 100), m(30, date(2026, 9, 1)), m(60, END))
    )
    assert task_progress(task) == 10.0  # one of three milestones done, but only 10 of 100 weight


def test_partial_milestone_percentages_count_by_weight():
    task = TaskFacts(due_on=END, milestones=(m(1, date(2026, 9, 1), 50), m(3, END, 20)))
    assert task_progress(task) == 27.5  # (1×50 + 3×20) / 4


def test_a_task_without_milestones_takes_its_own_percentage():
    assert task_progress(TaskFacts(due_on=END, percent=35)) == 35.0
    assert task_status(TaskFacts(due_on=END, percent=35), TODAY) is Status.ON_TRACK


def test_a_task_without_milestones_and_without_updates_is_at_zero_and_on_track_until_its_deadline():
    task = TaskFacts(due_on=END)
    assert task_progress(task) == 0.0
    assert task_status(task, TODAY) is Status.ON_TRACK
    assert task_status(task, date(2027, 1, 1)) is Status.LAGGING


def test_one_overdue_milestone_makes_the_task_lagging():
    task = TaskFacts(due_on=END, milestones=(m(50, date(2026, 6, 14), 80), m(50, END)))
    assert task_status(task, TODAY) is Status.LAGGING


def test_a_milestone_due_today_is_not_yet_late():
    task = TaskFacts(due_on=END, milestones=(m(50, TODAY, 80), m(50, END)))
    assert task_status(task, TODAY) is Status.ON_TRACK
    assert milestone_flag(task.milestones[0], TODAY) is Flag.DUE_SOON


def test_all_milestones_reached_is_completed_even_if_one_was_reached_late():
    late = m(50, date(2026, 3, 31), 100, reached_on=date(2026, 4, 10))
    task = TaskFacts(
        due_on=END, milestones=(late, m(50, date(2026, 6, 1), 100, reached_on=date(2026, 5, 30)))
    )
    assert task_status(task, TODAY) is Status.COMPLETED
    assert milestone_flag(late, TODAY) is Flag.REACHED_LATE
    assert milestone_flag(task.milestones[1], TODAY) is Flag.REACHED


def test_a_late_milestone_reached_afterwards_no_longer_makes_the_task_lagging():
    task = TaskFacts(due_on=END, milestones=(m(50, date(2026, 3, 31), 100, date(2026, 4, 10)), m(50, END)))
    assert task_status(task, TODAY) is Status.ON_TRACK


def test_past_the_task_deadline_unfinished_is_lagging_whatever_the_milestones():
    task = TaskFacts(
        due_on=date(2026, 6, 1),
        milestones=(m(1, date(2026, 6, 1), 100, date(2026, 6, 1)), m(1, date(2026, 6, 1), 99)),
    )
    assert task_status(task, TODAY) is Status.LAGGING


def test_warning_window_is_seven_days_before_the_due_date():
    assert milestone_flag(m(1, date(2026, 6, 22)), TODAY) is Flag.DUE_SOON
    assert milestone_flag(m(1, date(2026, 6, 23)), TODAY) is Flag.PENDING
    assert milestone_flag(m(1, date(2026, 6, 14)), TODAY) is Flag.OVERDUE


def test_history_replays_published_updates_in_date_order():
    task = TaskFacts(due_on=END, milestones=(m(25, date(2026, 3, 31)), m(75, END)))
    updates = [UpdateFacts(date(2026, 5, 1), 40, 1), UpdateFacts(date(2026, 3, 30), 100, 0)]
    assert progress_history(task, updates) == [(date(2026, 3, 30), 25.0), (date(2026, 5, 1), 55.0)]


def test_department_roll_up_weights_tasks_by_their_weight_and_counts_statuses():
    heavy = TaskFacts(due_on=END, weight=3, percent=100)
    light = TaskFacts(due_on=date(2026, 6, 1), weight=1, percent=20)
    other = TaskFacts(due_on=END, weight=2, percent=50)
    groups = roll_up([("综合处", heavy), ("综合处", light), ("核算处", other)], TODAY)
    assert [g.label for g in groups] == ["综合处", "核算处"]
    assert groups[0].progress == 80.0  # (3×100 + 1×20) / 4
    assert groups[0].counts == {Status.ON_TRACK: 0, Status.LAGGING: 1, Status.COMPLETED: 1}
    assert groups[1].progress == 50.0
    assert groups[1].counts[Status.ON_TRACK] == 1
