from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from gongkai.accounts.roles import Role
from gongkai.core.errors import Conflict, InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from gongkai.core.ratelimit import Throttled
from gongkai.public_messages import selectors, services
from gongkai.public_messages.models import MessageEvent, Moderation

TZ = ZoneInfo("Asia/Shanghai")
TUE = datetime(2026, 9, 22, 10, 0, tzinfo=TZ)


def submit(agency, *, at=TUE, ip="10.0.0.1", **kw):
    kw.setdefault("category", "consultation")
    kw.setdefault("subject", "如何查询本市居民人均可支配收入")
    kw.setdefault("body", "请问在哪里可以查到近五年的居民人均可支配收入数据？")
    return services.submit_message(agency=agency, ip=ip, now=at, **kw)


def test_sla_five_working_days_with_warning_before(agency):
    m, token = submit(agency)
    # 23, 24, (25 中秋), 28, 29, 30 → 5th working day is 30 Sep; the warning on the 4th.
    assert (m.due_on, m.warn_on) == (date(2026, 9, 30), date(2026, 9, 29))
    assert m.number.startswith("LY20260922") and services.token_matches(m, token)


def test_reply_days_is_a_setting(agency, settings):
    settings.GONGKAI_MESSAGE_REPLY_DAYS = 3
    m, _ = submit(agency)
    assert m.due_on == date(2026, 9, 28)


def test_warning_and_escalation_with_a_given_now(agency, office_user, department):
    m, _ = submit(agency)
    assert services.check_deadlines(datetime(2026, 9, 28, 9, 0, tzinfo=TZ)) == {"warned": 0, "escalated": 0}
    assert services.check_deadlines(datetime(2026, 9, 29, 9, 0, tzinfo=TZ)) == {"warned": 1, "escalated": 0}
    assert services.check_deadlines(datetime(2026, 9, 30, 23, 0, tzinfo=TZ)) == {"warned": 0, "escalated": 0}
    assert services.check_deadlines(datetime(2026, 10, 1, 0, 30, tzinfo=TZ)) == {"warned": 0, "escalated": 1}
    assert services.check_deadlines(datetime(2026, 10, 2, 9, 0, tzinfo=TZ)) == {"warned": 0, "escalated": 0}
    assert list(MessageEvent.objects.filter(message=m).values_list("verb", flat=True)) == [
        "received",
        "warned",
        "escalated",
    ]
    assert list(selectors.queue(office_user, "overdue", today=date(2026, 10, 1))) == [m]


def test_route_reply_publish_only_with_consent_and_moderation(agency, office_user, drafter, department):
    m, _ = submit(agency, wants_publication=True, body="我的电话13905912345，请问统计年鉴在哪里下载？")
    with pytest.raises(PermissionDenied):
        services.assign(actor=drafter, message=m, department=department)
    assert list(selectors.messages_for(drafter)) == []  # not yet routed to the drafter's department
    services.assign(actor=office_user, message=m, department=department)
    assert list(selectors.messages_for(drafter)) == [m]
    services.reply(actor=drafter, message=m, text="统计年鉴可在本站“数据发布—统计数据库”栏目下载。")
    assert not m.is_public and list(selectors.public_messages(agency)) == []
    services.moderate(actor=office_user, message=m, approve=True, mask=True)
    m.refresh_from_db()
    assert m.is_public and m.moderation == Moderation.APPROVED
    assert m.public_body == "我的电话139****2345，请问统计年鉴在哪里下载？"
    assert list(selectors.public_messages(agency)) == [m]
    with pytest.raises(InvalidTransition):
        services.reply(actor=drafter, message=m, text="再次答复的内容")


def test_no_publication_without_consent(agency, office_user):
    m, _ = submit(agency, wants_publication=False)
    services.reply(actor=office_user, message=m, text="答复内容：请见统计公报。")
    with pytest.raises(ValidationFailed, match="未同意公开"):
        services.moderate(actor=office_user, message=m, approve=True)
    assert list(selectors.public_messages(agency)) == []


def test_rating_once_through_the_token(agency, office_user):
    m, token = submit(agency)
    with pytest.raises(Conflict):
        services.rate(message=m, token=token, rating="satisfied")
    services.reply(actor=office_user, message=m, text="已答复：数据见统计年鉴。")
    with pytest.raises(NotFound):
        services.rate(message=m, token="bad", rating="satisfied")
    services.rate(message=m, token=token, rating="basic", note="答复及时")
    m.refresh_from_db()
    assert (m.rating, m.rating_note) == ("basic", "答复及时")
    with pytest.raises(Conflict):
        services.rate(message=m, token=token, rating="satisfied")


def test_burst_is_throttled_and_spam_refused(agency):
    for i in range(3):
        submit(agency, at=TUE + timedelta(seconds=i), body=f"第 {i} 条留言：请问统计公报何时发布？")
    with pytest.raises(Throttled, match="太频繁"):
        submit(agency, at=TUE + timedelta(seconds=5), body="第四条留言：请问统计公报何时发布？")
    submit(agency, at=TUE + timedelta(minutes=3), body="三分钟后的留言：请问统计公报何时发布？")
    with pytest.raises(ValidationFailed, match="垃圾信息"):
        submit(agency, ip="10.0.0.9", body="哈" * 30)


def test_reject_needs_a_reason(agency, office_user):
    m, _ = submit(agency)
    with pytest.raises(ValidationFailed):
        services.reject(actor=office_user, message=m, reason="")
    services.reject(actor=office_user, message=m, reason="与本机关职责无关，请向市场监管部门反映。")
    m.refresh_from_db()
    assert m.state == "rejected"


def test_response_statistics_median_and_on_time(agency, office_user):
    # Received Tue 22 Sep; replied 23 Sep, 24 Sep and 9 Oct (late: 调休 Sun 27 Sep counts).
    for days_later, at in (
        (1, datetime(2026, 9, 23, 9, tzinfo=TZ)),
        (2, datetime(2026, 9, 24, 9, tzinfo=TZ)),
        (6, datetime(2026, 10, 9, 9, tzinfo=TZ)),
    ):
        m, _ = submit(agency, ip=f"10.1.{days_later}.1", body=f"统计问题 {days_later}：请问数据口径？")
        services.reply(actor=office_user, message=m, text="答复内容如下。", now=at)
    stats = selectors.response_statistics(agency)
    assert [(s["month"], s["count"], s["median_days"], s["on_time"], s["on_time_pct"]) for s in stats] == [
        ("2026-10", 1, 7, 0, 0),
        ("2026-09", 2, 1.5, 2, 100),
    ]


def test_other_agency_cannot_see_or_act(agency, other_agency, make_user, department):
    m, _ = submit(agency)
    stranger = make_user(Role.OPENNESS_OFFICE, agency=other_agency, department=None)
    assert selectors.get_message(stranger, m.pk) is None
    with pytest.raises(NotFound):
        services.reply(actor=stranger, message=m, text="跨机关的答复内容")
