from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.core.errors import InvalidTransition, NotFound, PermissionDenied
from gongkai.core.ratelimit import Throttled
from gongkai.interviews import selectors, services
from gongkai.interviews.models import QuestionState


@pytest.fixture
def host(make_user):
    return make_user(Role.SPOKESPERSON, username="fayanren", full_name="郑华")


@pytest.fixture
def interview(host):
    now = timezone.now()
    return services.save_interview(
        actor=host,
        title="解读《福州市统计执法检查办法》",
        announcement="本期访谈邀请……",
        guests="郑华（新闻发言人）\n陈明（政法处处长）",
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(minutes=50),
        publish=True,
    )


def test_questions_are_moderated_and_answered_in_the_transcript(interview, host, client):
    q1 = services.ask(interview=interview, body="统计执法检查会提前通知企业吗？", ip="10.0.0.1")
    q2 = services.ask(interview=interview, body="<script>alert(1)</script>无关广告内容", ip="10.0.0.2")
    assert q1.asked_live and list(selectors.public_questions(interview)) == []
    services.moderate_question(actor=host, question=q1, approve=True)
    services.moderate_question(actor=host, question=q2, approve=False, reason="与访谈主题无关")
    services.post_entry(actor=host, interview=interview, speaker="主持人", text="请介绍一下检查程序。")
    services.post_entry(actor=host, interview=interview, speaker="陈明", text="一般提前通知。", question=q1)
    q1.refresh_from_db()
    assert q1.state == QuestionState.ANSWERED
    feed = client.get(reverse("interviews:feed", args=[interview.pk])).content.decode()
    assert "主持人：" in feed and "陈明：" in feed
    page = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert (
        'hx-trigger="every 5s"' in page and "统计执法检查会提前通知企业吗" in page and "无关广告" not in page
    )


def test_after_the_end_no_questions_and_the_transcript_stays(interview, host):
    services.post_entry(actor=host, interview=interview, speaker="郑华", text="欢迎各位网友。")
    later = interview.ends_at + timedelta(seconds=1)
    with pytest.raises(InvalidTransition):
        services.ask(interview=interview, body="结束后的问题内容", ip="10.0.0.3", now=later)
    assert services.phase(interview, later) == "ended"
    assert [e.speaker for e in interview.entries.all()] == ["郑华"]


def test_questions_are_throttled_and_unpublished_interviews_hidden(interview, host, client):
    for i in range(3):
        services.ask(interview=interview, body=f"第 {i} 个问题内容", ip="10.0.0.4")
    with pytest.raises(Throttled):
        services.ask(interview=interview, body="第四个问题内容", ip="10.0.0.4")
    r = client.post(
        f"/api/v1/interviews/{interview.pk}/questions",
        {"body": "第五个问题内容"},
        content_type="application/json",
        REMOTE_ADDR="10.0.0.4",
    )
    assert r.status_code == 429
    draft = services.save_interview(
        actor=host,
        title="未发布",
        announcement="预告",
        guests="甲",
        starts_at=timezone.now(),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    assert client.get(reverse("interviews:detail", args=[draft.pk])).status_code == 404
    with pytest.raises(NotFound):
        services.ask(interview=draft, body="未发布访谈的问题", ip="10.0.0.5")
    assert client.get(f"/api/v1/interviews/{interview.pk}").json()["title"] == interview.title


def test_permissions_and_other_agency(interview, make_user, other_agency, client):
    with pytest.raises(PermissionDenied):
        services.post_entry(actor=make_user(Role.SUPERVISOR), interview=interview, speaker="甲", text="乙")
    stranger = make_user(Role.SPOKESPERSON, agency=other_agency, department=None)
    with pytest.raises(NotFound):
        services.post_entry(actor=stranger, interview=interview, speaker="甲", text="乙")
    assert client.get(reverse("interviews_office:list")).status_code == 302
    client.force_login(stranger)
    assert client.get(reverse("interviews_office:detail", args=[interview.pk])).status_code == 404
    assert client.get(reverse("interviews_office:list") + "?format=csv").content.startswith("\ufeff".encode())
