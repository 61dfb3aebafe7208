from gongkai.consultations import services


def test_public_reads_and_comment_submission_with_429(client, open_consultation, office_user):
    article = open_consultation.articles.get(position=1)
    listing = client.get("/api/v1/consultations?phase=open").json()
    assert [c["id"] for c in listing] == [open_consultation.pk] and listing[0]["phase"] == "open"
    for i in range(3):
        r = client.post(
            f"/api/v1/consultations/{open_consultation.pk}/comments",
            {"body": f"API 意见 {i}：建议修改", "article_id": article.pk},
            content_type="application/json",
            REMOTE_ADDR="10.8.0.1",
        )
        assert r.status_code == 201, r.content
    created = r.json()
    r = client.post(
        f"/api/v1/consultations/{open_consultation.pk}/comments",
        {"body": "第四条意见内容"},
        content_type="application/json",
        REMOTE_ADDR="10.8.0.1",
    )
    assert r.status_code == 429
    assert r["Content-Type"].startswith("application/problem+json") or r.json()["code"] == "throttled"
    assert r.json()["code"] == "throttled" and "太频繁" in r.json()["title"]
    own = client.get(f"/api/v1/consultations/comments/{created['id']}?token={created['token']}").json()
    assert own["state"] == "pending"
    assert client.get(f"/api/v1/consultations/comments/{created['id']}?token=bad").status_code == 404
    from gongkai.consultations.models import Comment

    services.approve_comment(actor=office_user, comment=Comment.objects.get(pk=created["id"]))
    detail = client.get(f"/api/v1/consultations/{open_consultation.pk}").json()
    assert [m["id"] for m in detail["articles"][0]["approved_comments"]] == [created["id"]]
    assert detail["report"] is None


def test_api_validation_and_unknown(client, open_consultation, make_consultation):
    r = client.post(
        f"/api/v1/consultations/{open_consultation.pk}/comments",
        {"body": "短"},
        content_type="application/json",
    )
    assert r.status_code == 422 and r.json()["field"] == "body"
    draft = make_consultation()
    assert client.get(f"/api/v1/consultations/{draft.pk}").status_code == 404
