from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.consultations import selectors, services
from gongkai.consultations.models import (
    AdoptionReport,
    CommentState,
    Consultation,
    ConsultationEvent,
    Disposition,
)
from gongkai.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from gongkai.core.ratelimit import Throttled

from .conftest import close

TZ = ZoneInfo("Asia/Shanghai")


def test_create_splits_articles_and_opens_a_workflow(make_consultation):
    from gongkai.publishing.selectors import workflow_for

    c = make_consultation()
    assert [a.label for a in c.articles.all()] == ["第一条", "第二条", "第三条"]
    assert workflow_for(c).state == "draft"


def test_art15_window_is_checked_by_the_service(make_consultation):
    with pytest.raises(ValidationFailed) as exc:
        make_consultation(days=20)
    assert exc.value.field == "closes_at" and "第十五条" in exc.value.message
    with pytest.raises(ValidationFailed) as exc:
        make_consultation(days=20, is_urgent=True, urgency_reason="")
    assert exc.value.field == "urgency_reason"
    c = make_consultation(days=20, is_urgent=True, urgency_reason="国家统计局部署限期完成")
    assert c.urgency_reason == "国家统计局部署限期完成"


def test_report_due_date_is_ten_working_days_after_closing(make_consultation, settings):
    # Closes Tue 2026-09-22 → skips 中秋 (Fri Sep 25) and 国庆; the strict count of REQUIREMENTS.md.
    start = datetime(2026, 8, 20, 9, 0, tzinfo=TZ)
    c = make_consultation(start=start, days=33)
    assert timezone.localtime(c.closes_at, TZ).date() == date(2026, 9, 22)
    assert c.report_due_on == date(2026, 10, 13)
    settings.GONGKAI_CONSULTATION_REPORT_DAYS = 5
    c2 = make_consultation(start=start, days=33)
    assert c2.report_due_on == date(2026, 9, 30)


def test_the_window_opens_and_closes_at_its_minute_without_anyone_acting(make_consultation, publish, drafter):
    now = timezone.now()
    c = make_consultation(start=now + timedelta(minutes=10))
    publish(c, author=drafter)
    with pytest.raises(InvalidTransition, match="尚未开始"):
        services.submit_comment(consultation=c, body="建议增加检查结果公开的规定。", ip="10.0.0.1", now=now)
    comment, _ = services.submit_comment(
        consultation=c, body="建议增加检查结果公开的规定。", ip="10.0.0.1", now=now + timedelta(minutes=10)
    )
    assert comment.state == CommentState.PENDING
    with pytest.raises(InvalidTransition, match="已经截止"):
        services.submit_comment(consultation=c, body="截止后提交的意见内容。", ip="10.0.0.2", now=c.closes_at)
    assert selectors.phase_of(c, c.closes_at - timedelta(seconds=1)) == "open"
    assert selectors.phase_of(c, c.closes_at) == "closed"


def test_a_draft_consultation_takes_no_comments(make_consultation):
    c = make_consultation()
    with pytest.raises(NotFound):
        services.submit_comment(consultation=c, body="草稿阶段的意见内容。", ip="10.0.0.1")


def test_a_burst_from_one_address_is_throttled(open_consultation):
    for i in range(3):
        services.submit_comment(
            consultation=open_consultation, body=f"第 {i} 条建议：请明确检查程序。", ip="10.1.1.1"
        )
    with pytest.raises(Throttled) as exc:
        services.submit_comment(
            consultation=open_consultation, body="第四条建议：请明确检查程序。", ip="10.1.1.1"
        )
    assert exc.value.http_status == 429
    assert "2 分钟内最多可提交 3 次" in exc.value.message
    # Another address is not affected; the same contact from another address is.
    services.submit_comment(
        consultation=open_consultation, body="另一位市民的意见内容。", ip="10.1.1.2", contact="13905910000"
    )
    for i in range(2):
        services.submit_comment(
            consultation=open_consultation,
            body=f"同一联系人的意见 {i}。",
            ip=f"10.2.0.{i}",
            contact="13905910000",
        )
    with pytest.raises(Throttled):
        services.submit_comment(
            consultation=open_consultation,
            body="同一联系人的第四条意见。",
            ip="10.2.0.9",
            contact=" 13905910000 ",
        )


def test_spam_and_duplicates_are_refused(open_consultation):
    with pytest.raises(ValidationFailed, match="垃圾信息"):
        services.submit_comment(
            consultation=open_consultation,
            ip="10.3.0.1",
            body="http://a.example http://b.example http://c.example 优惠",
        )
    services.submit_comment(consultation=open_consultation, body="建议第二条增加乡镇统计站。", ip="10.3.0.2")
    with pytest.raises(Exception, match="相同的意见"):
        services.submit_comment(
            consultation=open_consultation, body="建议第二条增加乡镇统计站。", ip="10.3.0.2"
        )


def test_moderation_approve_mask_and_hide(open_consultation, office_user, drafter):
    article = open_consultation.articles.get(position=2)
    c1, token = services.submit_comment(
        consultation=open_consultation,
        article=article,
        ip="10.4.0.1",
        body="我的电话 13905912345，建议明确乡镇统计站的职责。",
    )
    c2, _ = services.submit_comment(
        consultation=open_consultation, body="与本办法无关的广告内容……", ip="10.4.0.2"
    )
    with pytest.raises(PermissionDenied):
        services.approve_comment(actor=drafter, comment=c1)
    services.approve_masked(actor=office_user, comment=c1)
    c1.refresh_from_db()
    assert c1.state == CommentState.APPROVED
    assert c1.public_body == "我的电话 139****2345，建议明确乡镇统计站的职责。"
    assert c1.body.startswith("我的电话 13905912345")
    with pytest.raises(ValidationFailed):
        services.hide_comment(actor=office_user, comment=c2, reason=" ")
    services.hide_comment(actor=office_user, comment=c2, reason="与征求意见内容无关")
    c2.refresh_from_db()
    assert (c2.state, c2.hidden_reason) == (CommentState.HIDDEN, "与征求意见内容无关")
    groups = dict(
        (a.pk if a else None, [m.pk for m in ms])
        for a, ms in selectors.comments_by_article(open_consultation)
    )
    assert groups[article.pk] == [c1.pk] and groups[None] == []
    assert services.token_matches(c1, token) and not services.token_matches(c1, token + "x")


def test_staff_register_comments_from_other_channels(open_consultation, drafter):
    with pytest.raises(ValidationFailed):
        services.register_comment(
            actor=drafter, consultation=open_consultation, channel="web", body="网上意见"
        )
    m = services.register_comment(
        actor=drafter,
        consultation=open_consultation,
        channel="letter",
        body="来信建议第三条增加“便民”原则。",
        name="王某",
    )
    assert (m.channel, m.state, m.registered_by) == ("letter", CommentState.PENDING, drafter)


def test_hearing_materials_rule_in_the_service(open_consultation, drafter):
    held = timezone.now() + timedelta(days=10)
    with pytest.raises(ValidationFailed, match="第十六条"):
        services.save_hearing(
            actor=drafter,
            consultation=open_consultation,
            held_at=held,
            place="市统计局三楼会议室",
            notice="定于……召开听证会",
            materials_sent_on=timezone.localdate() + timedelta(days=5),
        )
    hearing = services.save_hearing(
        actor=drafter,
        consultation=open_consultation,
        held_at=held,
        place="三楼会议室",
        notice="听证公告",
        materials_sent_on=timezone.localdate(),
        participants="张某（企业统计人员）\n李某（律师）\n",
    )
    assert hearing.participant_list == ["张某（企业统计人员）", "李某（律师）"]


def test_dispositions_report_counts_and_publication(open_consultation, office_user, drafter, publish):
    a1, a3 = open_consultation.articles.get(position=1), open_consultation.articles.get(position=3)
    m1, _ = services.submit_comment(
        consultation=open_consultation, article=a3, body="建议增加“公开”原则。", ip="10.5.0.1"
    )
    m2, _ = services.submit_comment(
        consultation=open_consultation, article=a3, body="第三条应写明公开原则。", ip="10.5.0.2"
    )
    m3, _ = services.submit_comment(consultation=open_consultation, body="建议取消统计执法。", ip="10.5.0.3")
    m4 = services.register_comment(
        actor=drafter,
        consultation=open_consultation,
        channel="email",
        article=a1,
        body="第一条应同时依据《统计法实施条例》。",
    )
    for m in (m1, m2, m3):
        services.approve_comment(actor=office_user, comment=m)
    with pytest.raises(InvalidTransition):
        services.record_disposition(actor=drafter, comments=[m1], disposition="adopted", reason="合理")
    close(open_consultation)
    with pytest.raises(ValidationFailed, match="还有 4 条"):
        services.generate_report(actor=drafter, consultation=open_consultation)
    services.record_disposition(
        actor=drafter,
        comments=[m1, m2],
        disposition=Disposition.ADOPTED,
        reason="已在第三条增加公开原则。",
        group_label="增加公开原则",
        changed_article=a3,
    )
    services.record_disposition(
        actor=drafter,
        comments=[m3],
        disposition=Disposition.OUT_OF_SCOPE,
        reason="统计执法由《统计法》规定，不属于本办法调整范围。",
    )
    services.record_disposition(
        actor=drafter,
        comments=[m4],
        disposition=Disposition.PARTLY,
        reason="已增加《统计法实施条例》为依据。",
        changed_article=a1,
    )
    report = services.generate_report(
        actor=drafter, consultation=open_consultation, introduction="共收到意见 4 条。"
    )
    assert report.snapshot["counts"] == {"adopted": 2, "partly": 1, "not_adopted": 0, "out_of_scope": 1}
    assert report.snapshot["per_article"]["第三条"]["adopted"] == 2
    assert report.snapshot["per_article"]["总体意见"]["out_of_scope"] == 1
    assert [g["count"] for g in report.snapshot["groups"]] == [2, 1, 1]
    assert selectors.published_report(open_consultation) is None
    publish(report, author=drafter)
    report.refresh_from_db()
    assert report.published_at is not None
    assert selectors.published_report(open_consultation) == report
    assert (
        ConsultationEvent.objects.filter(consultation=open_consultation, verb="report_published").count() == 1
    )
    with pytest.raises(Exception, match="已公布"):
        services.record_disposition(actor=drafter, comments=[m3], disposition="not_adopted", reason="改")


def test_comparison_links_comments_to_the_article_they_changed(open_consultation, office_user, drafter):
    a3 = open_consultation.articles.get(position=3)
    m1, _ = services.submit_comment(
        consultation=open_consultation, article=a3, body="建议增加公开原则。", ip="10.6.0.1"
    )
    close(open_consultation)
    services.record_disposition(
        actor=drafter, comments=[m1], disposition="adopted", reason="采纳", changed_article=a3
    )
    services.record_final_text(
        actor=drafter,
        article=a3,
        final_state="amended",
        final_text="统计执法检查应当遵循依法、公正、公开、高效的原则。",
    )
    services.add_final_article(
        actor=drafter, consultation=open_consultation, final_text="本办法自2027年1月1日起施行。"
    )
    services.link_decision(
        actor=drafter,
        consultation=open_consultation,
        title="福州市统计执法检查办法",
        url="/xxgk/items/abc/",
        decided_on=date(2026, 12, 1),
    )
    rows = selectors.comparison(open_consultation)
    assert [r["state"] for r in rows] == ["unchanged", "unchanged", "amended", "added"]
    assert [m.pk for m in rows[2]["comments"]] == [m1.pk]
    assert ("insert", "、高效") in [(s.op, s.text) for s in rows[2]["segments"]]
    assert rows[3]["segments"][0].op == "insert"


def test_tick_records_the_closing_and_reminds_once_a_day(open_consultation):
    close(open_consultation)
    result = services.tick(timezone.now())
    assert result["closed"] == 1
    assert services.tick(timezone.now())["closed"] == 0
    Consultation.objects.filter(pk=open_consultation.pk).update(
        report_due_on=timezone.localdate() - timedelta(days=1)
    )
    assert services.tick(timezone.now())["reminded"] == 1
    assert services.tick(timezone.now())["reminded"] == 0
    assert ConsultationEvent.objects.filter(verb="report_reminder").get().note == "采纳情况已逾期"


def test_other_agency_and_other_department_cannot_act(open_consultation, make_user, other_agency):
    stranger = make_user(Role.OPENNESS_OFFICE, agency=other_agency, department=None)
    other_drafter = make_user(Role.DRAFTER)  # a different department of the same agency
    comment, _ = services.submit_comment(
        consultation=open_consultation, body="一条普通的意见内容。", ip="10.7.0.1"
    )
    with pytest.raises(NotFound):
        services.approve_comment(actor=stranger, comment=comment)
    with pytest.raises(NotFound):
        services.register_comment(
            actor=other_drafter, consultation=open_consultation, channel="email", body="意见内容"
        )
    assert selectors.get_consultation(stranger, open_consultation.pk) is None
    assert not AdoptionReport.objects.exists()


def test_editing_is_refused_once_submitted(open_consultation, drafter):
    with pytest.raises(Exception, match="不能再修改"):
        services.update_consultation(actor=drafter, consultation=open_consultation, title="新标题")
