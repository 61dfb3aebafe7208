"""Issue 11 item 13: the minimum window of an ordinary consultation (local rule, default 7 days; a
shorter one needs a published reason, as 《重大行政决策程序暂行条例》 Art. 15 asks of a major one), and
comments hidden by moderation in the 意见收集和采纳情况 report (given a disposition, or listed apart —
never counted as studied)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.consultations import rules, selectors, services
from gongkai.consultations.models import Consultation, Disposition
from gongkai.core.errors import ValidationFailed
from gongkai.core.models import AuditEvent

from .conftest import close

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
RULE = "公开征求意见的期限不少于7日（本机关规定）"


def _window(days, **kw):
    values = {"is_major": False, "is_urgent": False, "urgency_reason": "", **kw}
    return rules.window_problem(opens_at=START, closes_at=START + days, **values)


def test_an_ordinary_consultation_needs_seven_days_unless_a_reason_is_published():
    field, message = _window(timedelta(days=6, hours=23))
    assert field == "closes_at" and RULE in message and "第十五条" in message
    assert _window(timedelta(days=7)) is None
    assert _window(timedelta(days=3), is_urgent=True, urgency_reason="  ")[0] == "urgency_reason"
    assert _window(timedelta(days=3), is_urgent=True, urgency_reason="上级部署限期报送") is None
    assert _window(timedelta(days=3), ordinary_min_days=3) is None  # the minimum is a parameter


def test_the_service_refuses_a_short_ordinary_window_and_nothing_is_created(make_consultation):
    with pytest.raises(ValidationFailed) as refused:
        make_consultation(is_major=False, days=5)
    assert refused.value.field == "closes_at" and RULE in refused.value.message
    assert not Consultation.objects.exists()
    assert not AuditEvent.objects.filter(verb__startswith="consultation.").exists()


def test_the_minimum_is_a_setting(make_consultation, settings):
    settings.GONGKAI_CONSULTATION_MIN_DAYS = 10
    with pytest.raises(ValidationFailed, match="不少于10日"):
        make_consultation(is_major=False, days=9)
    settings.GONGKAI_CONSULTATION_MIN_DAYS = 3
    assert make_consultation(is_major=False, days=3).pk


def test_a_short_window_with_a_reason_is_published_with_the_reason(
    make_consultation, publish, drafter, client
):
    c = make_consultation(is_major=False, days=3, is_urgent=True, urgency_reason="省厅限期报送，缩短为3日")
    publish(c, author=drafter)
    page = client.get(reverse("consultations:detail", args=[c.pk])).content.decode()
    assert "缩短征求意见期限的说明" in page and "省厅限期报送，缩短为3日" in page


def test_the_office_form_shows_the_refusal_beside_the_field_and_keeps_what_was_typed(staff_client, drafter):
    opens = timezone.localtime(timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    response = staff_client(drafter).post(
        "/office/consultations/new/",
        {
            "title": "统计调查项目管理办法（征求意见稿）",
            "articles_text": "第一条 为规范统计调查项目管理，制定本办法。",
            "opens_at": opens.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (opens + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_closes_at_error"' in html and RULE in html
    assert "统计调查项目管理办法（征求意见稿）" in html
    assert not Consultation.objects.exists()


@pytest.fixture
def closed_with_a_hidden_comment(open_consultation, office_user, drafter):
    shown, _ = services.submit_comment(
        consultation=open_consultation, body="建议增加检查结果公开的规定。", ip="10.9.0.1"
    )
    hidden, _ = services.submit_comment(
        consultation=open_consultation, body="某某处长不作为，电话13800000000。", ip="10.9.0.2"
    )
    services.approve_comment(actor=office_user, comment=shown)
    services.hide_comment(actor=office_user, comment=hidden, reason="含有他人个人信息")
    close(open_consultation)
    services.record_disposition(
        actor=drafter, comments=[shown], disposition=Disposition.ADOPTED, reason="已增加"
    )
    return open_consultation, shown, hidden


def test_a_hidden_comment_without_disposition_is_listed_apart_never_counted_as_studied(
    closed_with_a_hidden_comment, drafter, publish, client
):
    c, _shown, _hidden = closed_with_a_hidden_comment
    report = services.generate_report(actor=drafter, consultation=c)
    assert report.snapshot["total"] == 1
    assert report.snapshot["counts"]["adopted"] == 1
    assert report.snapshot["hidden"] == 1
    assert report.snapshot["withheld_reasons"] == [{"reason": "含有他人个人信息", "count": 1}]
    publish(report, author=drafter)
    page = client.get(reverse("consultations:report", args=[c.pk])).content.decode()
    assert "不予公开的意见 1 条，原因：含有他人个人信息（1 条）" in page
    assert "一并研究" not in page
    assert "13800000000" not in page


def test_a_hidden_comment_given_a_disposition_is_counted_without_its_text(
    closed_with_a_hidden_comment, drafter, staff_client
):
    c, _shown, hidden = closed_with_a_hidden_comment
    office = staff_client(drafter)
    page = office.get(f"/office/consultations/{c.pk}/dispositions/").content.decode()
    assert "不予公开" in page and "含有他人个人信息" in page  # offered for a disposition too
    services.record_disposition(
        actor=drafter,
        comments=[hidden],
        disposition=Disposition.NOT_ADOPTED,
        reason="反映的问题已转交纪检部门",
    )
    snapshot = selectors.report_snapshot(c)
    assert (snapshot["total"], snapshot["hidden"], snapshot["withheld_reasons"]) == (2, 0, [])
    assert snapshot["counts"]["not_adopted"] == 1
    group = next(g for g in snapshot["groups"] if g["disposition"] == "not_adopted")
    assert group["excerpt"] == "" and group["reason"] == "反映的问题已转交纪检部门"
    report_page = office.get(f"/office/consultations/{c.pk}/report/").content.decode()
    assert "不予公开的意见" not in report_page


def test_the_workflow_api_refuses_to_approve_a_short_ordinary_window(
    make_consultation, drafter, reviewer, approver, client
):
    """The rule holds at approval too (e.g. a window shortened by a setting change): 422 problem JSON."""
    from gongkai.accounts.services import issue_api_token
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    c = make_consultation(is_major=False, days=8)
    Consultation.objects.filter(pk=c.pk).update(closes_at=c.opens_at + timedelta(days=2))
    workflow = workflow_for(c)
    publishing.submit(actor=drafter, workflow=workflow)
    publishing.pass_review(actor=reviewer, workflow=workflow)
    token = issue_api_token(actor=approver, label="测试")[1]
    response = client.post(
        f"/api/v1/workflows/{workflow.pk}/approve",
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
    assert RULE in response.json()["title"] and response.json()["field"] == "closes_at"
    workflow.refresh_from_db()
    assert workflow.state == "approval"
