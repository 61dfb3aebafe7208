import pytest
from django.urls import reverse

from gongkai.accounts.roles import Role
from gongkai.public_messages import services
from gongkai.public_messages.models import Message

FORM = {
    "category": "suggestion",
    "subject": "建议公开分区县数据",
    "wants_publication": "on",
    "body": "<script>alert(1)</script>建议在统计数据库中增加分区县的季度数据。",
}


def test_write_without_javascript_track_and_escape(client, agency):
    response = client.post(reverse("public_messages:write"), FORM, REMOTE_ADDR="10.2.0.1")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert (
        "待分办" in page
        and "&lt;script&gt;alert(1)&lt;/script&gt;建议" in page
        and "<script>alert(1)" not in page
    )


def test_burst_429_keeps_what_was_typed(client, agency):
    for i in range(3):
        assert (
            client.post(
                reverse("public_messages:write"),
                {**FORM, "body": f"第{i}条留言内容比较长"},
                REMOTE_ADDR="10.2.0.2",
            ).status_code
            == 302
        )
    response = client.post(
        reverse("public_messages:write"), {**FORM, "body": "第四条留言内容比较长"}, REMOTE_ADDR="10.2.0.2"
    )
    assert response.status_code == 429
    assert (
        "您提交得太频繁了" in response.content.decode()
        and "第四条留言内容比较长" in response.content.decode()
    )
    assert Message.objects.count() == 3


def test_public_list_and_statistics_and_api(client, agency, make_user, department):
    office = make_user(Role.OPENNESS_OFFICE, department=department)
    m, _ = services.submit_message(
        agency=agency,
        category="consultation",
        subject="统计公报发布时间",
        body="请问年度统计公报一般在几月份发布？",
        wants_publication=True,
        ip="10.2.1.1",
    )
    services.reply(actor=office, message=m, text="年度统计公报一般在每年3月发布。")
    assert "统计公报发布时间" not in client.get(reverse("public_messages:list")).content.decode()
    services.moderate(actor=office, message=m, approve=True)
    listing = client.get(reverse("public_messages:list")).content.decode()
    assert "统计公报发布时间" in listing and "按期答复" in listing and "100%" in listing
    assert client.get(reverse("public_messages:detail", args=[m.number])).status_code == 200
    assert client.get("/api/v1/messages").json()[0]["number"] == m.number
    assert client.get("/api/v1/messages/statistics").json()["months"][0]["on_time_pct"] == 100


def test_api_submit_and_429(client, agency):
    payload = {
        "category": "complaint",
        "subject": "网站数据无法下载",
        "body": "统计数据库的下载按钮点击后没有反应。",
    }
    for i in range(3):
        r = client.post(
            "/api/v1/messages",
            {**payload, "body": payload["body"] + str(i)},
            content_type="application/json",
            REMOTE_ADDR="10.2.2.1",
        )
        assert r.status_code == 201
    token, number = r.json()["token"], r.json()["number"]
    r = client.post("/api/v1/messages", payload, content_type="application/json", REMOTE_ADDR="10.2.2.1")
    assert r.status_code == 429 and r.json()["code"] == "throttled"
    assert client.get(f"/api/v1/messages/{number}/track?token={token}").json()["state"] == "received"
    assert client.get(f"/api/v1/messages/{number}/track?token=x").status_code == 404
    assert (
        client.post(
            "/api/v1/messages",
            {**payload, "category": "x"},
            content_type="application/json",
            REMOTE_ADDR="10.2.2.9",
        ).status_code
        == 422
    )


@pytest.mark.parametrize("role,status", [(Role.SUPERVISOR, 200), (Role.DRAFTER, 200)])
def test_office_list_and_csv(client, make_user, role, status, agency):
    assert client.get(reverse("public_messages_office:list")).status_code == 302
    client.force_login(make_user(role))
    response = client.get(reverse("public_messages_office:list") + "?format=csv")
    assert response.status_code == status and response.content.startswith("\ufeff".encode())


def test_supervisor_cannot_act(client, agency, make_user):
    m, _ = services.submit_message(
        agency=agency, category="consultation", subject="问题", body="一个比较长的问题内容", ip="10.2.3.1"
    )
    client.force_login(make_user(Role.SUPERVISOR))
    client.post(
        reverse("public_messages_office:act", args=[m.pk]), {"action": "reply", "reply": "答复内容很长"}
    )
    m.refresh_from_db()
    assert m.state == "received"
