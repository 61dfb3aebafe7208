"""A later interpretation is due within 3 working days of its policy (local rule); coverage figures."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from gongkai.interpretations import deadlines, selectors, services
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Workflow

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def at(y, m, d, h=10):
    return datetime(y, m, d, h, tzinfo=SH)


@pytest.mark.parametrize(
    ("policy_on", "due_on"),
    [
        (date(2026, 3, 2), date(2026, 3, 5)),  # Monday → Thursday
        (date(2026, 3, 6), date(2026, 3, 11)),  # Friday → next Wednesday (the weekend does not count)
        (date(2026, 9, 29), date(2026, 10, 9)),  # before National Day: the holiday week does not count
    ],
)
def test_due_date_is_three_working_days_after_the_policy(policy_on, due_on):
    assert deadlines.due_on_for(policy_on) == due_on


def test_the_limit_is_a_setting(settings):
    settings.GONGKAI_INTERPRETATION_DEADLINE_DAYS = 5
    assert deadlines.due_on_for(date(2026, 3, 2)) == date(2026, 3, 9)


@pytest.mark.parametrize(
    ("interpretation_at", "expected"),
    [
        (at(2026, 3, 6, 9), ("with_policy", None, None)),  # before the policy
        (at(2026, 3, 6, 10), ("with_policy", None, None)),  # the same minute
        (at(2026, 3, 6, 18), ("on_time", date(2026, 3, 11), 0)),  # same day, later
        (at(2026, 3, 11, 23), ("on_time", date(2026, 3, 11), 0)),  # the last day
        (at(2026, 3, 12, 9), ("late", date(2026, 3, 11), 1)),  # one working day late
        (at(2026, 3, 16, 9), ("late", date(2026, 3, 11), 3)),  # Monday after: 3 working days late
    ],
)
def test_timing_of_an_interpretation(interpretation_at, expected):
    assert deadlines.timing_of(policy_at=at(2026, 3, 6, 10), interpretation_at=interpretation_at) == expected


def _publish_policy_with_waiver(policy, *, drafter, to_approval, approver, published_at=None):
    revision = policy.revisions.get()
    workflow = to_approval(revision, author=drafter)
    services.waive(actor=approver, revision=revision, reason="发布后补充解读")
    publishing.approve(actor=approver, workflow=workflow)
    if published_at is not None:  # move the policy's publication into the past
        Workflow.objects.filter(pk=workflow.pk).update(published_at=published_at)
        revision.__class__.objects.filter(pk=revision.pk).update(published_at=published_at)
        policy.__class__.objects.filter(pk=policy.pk).update(first_published_at=published_at)
    return revision


def test_a_later_interpretation_records_its_due_date_and_lateness(
    make_policy, make_interpretation, drafter, to_approval, approver, publish
):
    policy = make_policy()
    ten_days_ago = timezone.now() - timedelta(days=14)
    _publish_policy_with_waiver(
        policy, drafter=drafter, to_approval=to_approval, approver=approver, published_at=ten_days_ago
    )
    interpretation = make_interpretation(policy)
    publish(interpretation, author=drafter)
    interpretation.refresh_from_db()
    assert interpretation.timing == "late"
    assert interpretation.due_on == deadlines.due_on_for(timezone.localdate(ten_days_ago))
    assert interpretation.late_by_days >= 5


def test_an_interpretation_the_same_day_is_on_time(
    make_policy, make_interpretation, drafter, to_approval, approver, publish
):
    policy = make_policy()
    _publish_policy_with_waiver(
        policy,
        drafter=drafter,
        to_approval=to_approval,
        approver=approver,
        published_at=timezone.now() - timedelta(minutes=5),
    )
    interpretation = make_interpretation(policy)
    publish(interpretation, author=drafter)
    interpretation.refresh_from_db()
    assert (interpretation.timing, interpretation.late_by_days) == ("on_time", 0)


def test_coverage_classifies_every_policy_needing_interpretation(
    make_policy, make_interpretation, drafter, to_approval, approver, publish, agency
):
    synced = make_policy(title="同步解读的文件")
    publish(make_interpretation(synced), author=drafter)
    publish(synced.revisions.get(), author=drafter)

    waived = make_policy(title="登记不同步的文件")
    _publish_policy_with_waiver(waived, drafter=drafter, to_approval=to_approval, approver=approver)

    late = make_policy(title="逾期解读的文件")
    _publish_policy_with_waiver(
        late,
        drafter=drafter,
        to_approval=to_approval,
        approver=approver,
        published_at=timezone.now() - timedelta(days=20),
    )
    publish(make_interpretation(late), author=drafter)

    missing = make_policy(title="尚未解读的文件")
    _publish_policy_with_waiver(
        missing,
        drafter=drafter,
        to_approval=to_approval,
        approver=approver,
        published_at=timezone.now() - timedelta(days=20),
    )
    from gongkai.interpretations.models import Waiver

    Waiver.objects.filter(revision__item=missing).delete()  # e.g. the waiver was for an earlier plan

    make_policy(title="待发布的文件")
    make_policy(title="不需解读的文件", needs_interpretation=False)

    rows = selectors.coverage(agency)
    by_title = {r.title: r.category for r in rows}
    assert by_title == {
        "同步解读的文件": "with_policy",
        "登记不同步的文件": "waived",
        "逾期解读的文件": "late",
        "尚未解读的文件": "missing",
        "待发布的文件": "pending",
    }
    summary = selectors.coverage_summary(rows)
    assert summary["published"] == 4
    assert summary["interpreted"] == 2
    assert summary["rate"] == 50
    assert summary["sync_rate"] == 25
    today = timezone.localdate()
    assert [r.title for r in selectors.overdue(rows, today=today)] == ["尚未解读的文件"]
    assert selectors.due_soon(rows, today=today) == []
