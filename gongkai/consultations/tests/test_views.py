import pytest
from django.urls import reverse

from gongkai.accounts.roles import Role
from gongkai.consultations import services
from gongkai.consultations.models import Comment, CommentState

from .conftest import close


def _post(client, c, **data):
    data.setdefault("body", "建议第三条增加公开原则。")
    return client.post(
        reverse("consultations:comment", args=[c.pk]), data, REMOTE_ADDR=data.pop("ip", "10.9.0.1")
    )


def test_public_comment_form_without_javascript_and_own_page(client, open_consultation):
    article = open_consultation.articles.get(position=3)
    page = client.get(reverse("consultations:detail", args=[open_consultation.pk]))
    assert page.status_code == 200
    assert "对第三条提出意见" in page.content.decode()
    response = _post(
        client, open_consultation, article=article.pk, body="<script>alert('x')</script><b>粗体</b>建议"
    )
    assert response.status_code == 302
    mine = client.get(response["Location"])
    html = mine.content.decode()
    assert "待审核" in html and "第三条" in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;b&gt;粗体&lt;/b&gt;建议" in html
    assert "<script>alert" not in html
    assert mine["Cache-Control"] == "private, no-store"
    # The public does not see it yet.
    assert (
        "粗体"
        not in client.get(reverse("consultations:detail", args=[open_consultation.pk])).content.decode()
    )


def test_approved_comment_is_shown_escaped_under_its_article(client, open_consultation, office_user):
    article = open_consultation.articles.get(position=2)
    comment, _ = services.submit_comment(
        consultation=open_consultation,
        article=article,
        ip="10.9.1.1",
        body="<img src=x onerror=alert(1)>请明确适用范围",
    )
    services.approve_comment(actor=office_user, comment=comment)
    html = client.get(reverse("consultations:detail", args=[open_consultation.pk])).content.decode()
    section = html.split(f'id="article-{article.pk}"')[1].split("</section>")[0]
    assert "&lt;img src=x onerror=alert(1)&gt;请明确适用范围" in section
    assert "<img src=x" not in html


def test_burst_gets_429_with_a_clear_message(client, open_consultation):
    for i in range(3):
        assert _post(client, open_consultation, body=f"第 {i} 次提交的意见内容").status_code == 302
    response = _post(client, open_consultation, body="第四次提交的意见内容")
    assert response.status_code == 429
    assert "您提交得太频繁了" in response.content.decode()
    assert "第四次提交的意见内容" in response.content.decode()  # what was typed is kept
    assert Comment.objects.count() == 3


def test_honeypot_and_closed_window(client, open_consultation):
    assert _post(client, open_consultation, website="http://spam.example").status_code == 400
    close(open_consultation)
    response = _post(client, open_consultation)
    assert response.status_code == 409 and Comment.objects.count() == 0
    assert "已经截止" in response.content.decode()


def test_bad_token_and_unpublished_are_404(client, make_consultation, open_consultation):
    comment, _ = services.submit_comment(consultation=open_consultation, body="一条意见内容。", ip="10.9.2.1")
    assert client.get(reverse("consultations:my_comment", args=[comment.pk, "wrong"])).status_code == 404
    draft = make_consultation()
    assert client.get(reverse("consultations:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("consultations:report", args=[open_consultation.pk])).status_code == 404


def test_office_moderation_queue_and_csv(staff_client, open_consultation, office_user):
    comment, _ = services.submit_comment(
        consultation=open_consultation, ip="10.9.3.1", body="我的手机 13905912345，建议增加回避规定。"
    )
    client = staff_client(office_user)
    page = client.get(reverse("consultations_office:moderation"))
    assert "含个人信息：手机号码" in page.content.decode()
    csv = client.get(reverse("consultations_office:moderation") + "?format=csv")
    assert csv.content.startswith("\ufeff".encode()) and "建议增加回避规定" in csv.content.decode()
    client.post(
        reverse("consultations_office:comment_moderate", args=[comment.pk]), {"action": "approve_masked"}
    )
    comment.refresh_from_db()
    assert comment.state == CommentState.APPROVED and "139****2345" in comment.public_body
    listing = client.get(reverse("consultations_office:list") + "?format=csv")
    assert (
        listing["Content-Type"].startswith("text/csv")
        and "福州市统计执法检查办法" in listing.content.decode()
    )


OFFICE_URLS = ["list", "new", "moderation"]


@pytest.mark.parametrize("name", OFFICE_URLS)
def test_office_refuses_anonymous_and_roles_without_permission(client, make_user, name):
    url = reverse(f"consultations_office:{name}")
    assert client.get(url).status_code == 302
    client.force_login(make_user(Role.SUPERVISOR))
    expected = 200 if name == "list" else 403
    assert client.get(url).status_code == expected


def test_office_detail_of_other_agency_is_404(staff_client, open_consultation, make_user, other_agency):
    stranger = make_user(Role.OPENNESS_OFFICE, agency=other_agency, department=None)
    client = staff_client(stranger)
    assert client.get(reverse("consultations_office:detail", args=[open_consultation.pk])).status_code == 404
    comment, _ = services.submit_comment(consultation=open_consultation, body="一条意见内容。", ip="10.9.4.1")
    assert (
        client.post(
            reverse("consultations_office:comment_moderate", args=[comment.pk]), {"action": "approve"}
        ).status_code
        == 404
    )
    comment.refresh_from_db()
    assert comment.state == CommentState.PENDING


def test_office_screens_render(staff_client, open_consultation, office_user, drafter):
    client = staff_client(office_user)
    for name in ("detail", "comment_register", "hearing_new", "dispositions", "report", "final_text", "edit"):
        assert (
            client.get(reverse(f"consultations_office:{name}", args=[open_consultation.pk])).status_code
            == 200
        ), name
    response = client.post(
        reverse("consultations_office:new"),
        {
            "title": "短期征求意见",
            "opens_at": "2026-03-01T09:00",
            "closes_at": "2026-03-10T09:00",
            "is_major": "on",
        },
    )
    assert response.status_code == 422 and "不少于30日" in response.content.decode()
    assert 'value="短期征求意见"' in response.content.decode()
