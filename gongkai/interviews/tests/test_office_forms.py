"""The office forms of 在线访谈: create and edit, moderate questions, post live entries and the transcript."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.roles import Role
from gongkai.core.models import AuditEvent
from gongkai.interviews import services
from gongkai.interviews.models import Entry, Interview, Question, QuestionState

pytestmark = pytest.mark.django_db
FMT = "%Y-%m-%dT%H:%M"


@pytest.fixture
def host(make_user):
    return make_user(Role.SPOKESPERSON, username="fayanren", full_name="郑华")


@pytest.fixture
def live(host):
    now = timezone.now()
    return services.save_interview(
        actor=host,
        title="解读2024年福州市国民经济和社会发展统计公报",
        announcement="本期访谈……",
        guests="郑华（新闻发言人）",
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(minutes=50),
        publish=True,
    )


@pytest.fixture
def question(live):
    return services.ask(interview=live, body="今年居民收入增长了多少？", ip="10.0.0.1")


def _form(**overrides):
    start = timezone.localtime() + timedelta(days=3)
    data = {
        "title": "统计开放日在线访谈",
        "announcement": "欢迎网友提问。",
        "guests": "郑华（新闻发言人）\n陈明（综合处处长）",
        "starts_at": start.strftime(FMT),
        "ends_at": (start + timedelta(hours=1)).strftime(FMT),
        "interpretation": "",
        "publish": "on",
    }
    data.update(overrides)
    return data


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- create and edit -------------------------------------------------------------------------------------
def test_creating_an_interview_from_the_office(host, staff_client):
    client = staff_client(host)
    assert client.get("/office/interviews/new/").status_code == 200
    response = client.post("/office/interviews/new/", _form())
    row = Interview.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/office/interviews/{row.pk}/"
    assert (row.title, row.guest_list, row.created_by) == (
        "统计开放日在线访谈",
        ["郑华（新闻发言人）", "陈明（综合处处长）"],
        host,
    )
    assert row.published_at is not None and row.ends_at - row.starts_at == timedelta(hours=1)
    assert AuditEvent.objects.get(verb="interview.saved").after == {
        "title": "统计开放日在线访谈",
        "published": True,
    }


def test_editing_keeps_the_row_and_shows_current_values(live, host, staff_client):
    client = staff_client(host)
    form = client.get(f"/office/interviews/{live.pk}/edit/").content.decode()
    assert f'value="{live.title}"' in form and timezone.localtime(live.starts_at).strftime(FMT) in form
    response = client.post(f"/office/interviews/{live.pk}/edit/", _form(title="解读统计公报（更正）"))
    assert response.status_code == 302
    assert list(Interview.objects.values_list("title", flat=True)) == ["解读统计公报（更正）"]


def test_end_before_start_is_shown_beside_the_field_and_keeps_input(host, staff_client):
    data = _form(title="保留的主题")
    data["ends_at"] = data["starts_at"]
    response = staff_client(host).post("/office/interviews/new/", data)
    html = response.content.decode()
    assert response.status_code == 200  # the form is shown again (the view does not use 422)
    assert '<ul class="errorlist" id="id_ends_at_error"><li>结束时间必须晚于开始时间。</li></ul>' in html
    assert 'value="保留的主题"' in html
    assert not Interview.objects.exists()


def test_missing_fields_are_refused_in_chinese(host, staff_client):
    response = staff_client(host).post("/office/interviews/new/", _form(title="", starts_at="明天"))
    html = response.content.decode()
    assert '<ul class="errorlist" id="id_title_error"><li>这个字段是必填项。</li></ul>' in html
    assert '<ul class="errorlist" id="id_starts_at_error"><li>输入一个有效的日期/时间。</li></ul>' in html
    assert not Interview.objects.exists()


# --- moderation ------------------------------------------------------------------------------------------
def test_approving_and_hiding_questions(live, question, host, staff_client):
    client = staff_client(host)
    other = services.ask(interview=live, body="与访谈无关的广告内容", ip="10.0.0.2")
    url = f"/office/interviews/{live.pk}/questions/"
    response = client.post(f"{url}{question.pk}/", {"action": "approve"}, follow=True)
    assert _messages(response) == ["已审核。"]
    response = client.post(f"{url}{other.pk}/", {"action": "hide", "reason": "与访谈主题无关"}, follow=True)
    assert _messages(response) == ["已审核。"]
    assert dict(Question.objects.values_list("pk", "state")) == {
        question.pk: QuestionState.APPROVED,
        other.pk: QuestionState.HIDDEN,
    }
    assert Question.objects.get(pk=other.pk).hidden_reason == "与访谈主题无关"
    assert Question.objects.get(pk=other.pk).moderated_by == host
    assert AuditEvent.objects.filter(verb="interview.question_moderated").count() == 2


def test_hiding_without_a_reason_is_refused(live, question, host, staff_client):
    response = staff_client(host).post(
        f"/office/interviews/{live.pk}/questions/{question.pk}/",
        {"action": "hide", "reason": " "},
        follow=True,
    )
    assert _messages(response) == ["请填写未采用的理由。"]
    assert Question.objects.get(pk=question.pk).state == QuestionState.PENDING


def test_a_question_of_another_interview_is_404(live, question, host, staff_client):
    now = timezone.now()
    second = services.save_interview(
        actor=host,
        title="另一场访谈",
        announcement="预告",
        guests="甲",
        starts_at=now,
        ends_at=now + timedelta(hours=1),
    )
    response = staff_client(host).post(
        f"/office/interviews/{second.pk}/questions/{question.pk}/", {"action": "approve"}
    )
    assert response.status_code == 404
    assert Question.objects.get(pk=question.pk).state == QuestionState.PENDING


# --- the live feed and the transcript --------------------------------------------------------------------
def test_posting_live_entries_and_answering_a_question(live, question, host, staff_client):
    client = staff_client(host)
    services.moderate_question(actor=host, question=question, approve=True)
    detail = client.get(f"/office/interviews/{live.pk}/").content.decode()
    assert f'<option value="{question.pk}">今年居民收入增长了多少？</option>' in detail
    url = f"/office/interviews/{live.pk}/entries/"
    response = client.post(
        url, {"speaker": "主持人", "text": "各位网友大家好。", "question": ""}, follow=True
    )
    assert _messages(response) == ["已发布到文字直播。"]
    client.post(
        url, {"speaker": "郑华", "text": "全市居民人均可支配收入增长 5.1%。", "question": str(question.pk)}
    )
    assert list(Entry.objects.values_list("speaker", "question")) == [("主持人", None), ("郑华", question.pk)]
    assert Question.objects.get(pk=question.pk).state == QuestionState.ANSWERED
    feed = client.get(reverse("interviews:feed", args=[live.pk])).content.decode()
    assert feed.index("主持人：") < feed.index("郑华：")


def test_an_empty_entry_is_refused(live, host, staff_client):
    response = staff_client(host).post(
        f"/office/interviews/{live.pk}/entries/", {"speaker": "", "text": "内容"}, follow=True
    )
    assert _messages(response) == ["请填写发言人和内容。"]
    assert not Entry.objects.exists()


def test_a_pending_question_cannot_be_answered(live, question, host, staff_client):
    staff_client(host).post(
        f"/office/interviews/{live.pk}/entries/",
        {"speaker": "郑华", "text": "回答", "question": str(question.pk)},
    )
    assert not Entry.objects.exists()  # only approved questions are choices
    assert Question.objects.get(pk=question.pk).state == QuestionState.PENDING


def test_the_transcript_is_completed_after_the_end(live, host, staff_client, client):
    Interview.objects.filter(pk=live.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )
    response = staff_client(host).post(
        f"/office/interviews/{live.pk}/entries/",
        {"speaker": "主持人", "text": "本期访谈到此结束，感谢各位网友。"},
        follow=True,
    )
    assert _messages(response) == ["已发布到文字直播。"]
    client.logout()
    page = client.get(reverse("interviews:detail", args=[live.pk])).content.decode()
    assert "访谈实录" in page and "本期访谈到此结束，感谢各位网友。" in page


# --- permissions -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.DRAFTER, Role.APPROVER])
def test_roles_without_manage_get_403_and_nothing_changes(live, question, make_user, staff_client, role):
    client = staff_client(make_user(role))
    audit_count = AuditEvent.objects.exclude(verb__in=("auth.login", "access.denied")).count()
    assert client.get(f"/office/interviews/{live.pk}/").status_code == 200  # everyone may look
    assert client.get("/office/interviews/new/").status_code == 403
    assert client.post("/office/interviews/new/", _form()).status_code == 403
    assert client.post(f"/office/interviews/{live.pk}/edit/", _form(title="改掉")).status_code == 403
    assert (
        client.post(f"/office/interviews/{live.pk}/entries/", {"speaker": "甲", "text": "乙"}).status_code
        == 403
    )
    assert (
        client.post(
            f"/office/interviews/{live.pk}/questions/{question.pk}/", {"action": "approve"}
        ).status_code
        == 403
    )
    assert list(Interview.objects.values_list("title", flat=True)) == [live.title]
    assert not Entry.objects.exists()
    assert Question.objects.get(pk=question.pk).state == QuestionState.PENDING
    assert AuditEvent.objects.exclude(verb__in=("auth.login", "access.denied")).count() == audit_count


def test_get_on_post_only_urls_is_405(live, question, host, staff_client):
    client = staff_client(host)
    assert client.get(f"/office/interviews/{live.pk}/entries/").status_code == 405
    assert client.get(f"/office/interviews/{live.pk}/questions/{question.pk}/").status_code == 405
