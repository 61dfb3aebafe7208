"""The office screens of the website self-inspection."""

import pytest

from gongkai.accounts.guard import SYSTEM
from gongkai.accounts.roles import Role
from gongkai.assessment.models import InspectionRun
from gongkai.assessment.services import run_inspection


@pytest.mark.django_db
def test_office_starts_a_run_and_reads_its_indicators(client, make_user):
    client.force_login(make_user(Role.OPENNESS_OFFICE, username="gongkaiban"))
    page = client.get("/office/assessment/")
    assert "尚未进行网站自查" in page.content.decode() and "立即检查" in page.content.decode()
    response = client.post("/office/assessment/inspect/")
    run = InspectionRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/office/assessment/runs/{run.pk}/"
    body = client.get(response["Location"]).content.decode()
    for name in (
        "首页更新",
        "栏目不更新",
        "空白栏目",
        "互动回应",
        "不可用链接",
        "页面错误",
        "政务新媒体更新",
        "无障碍",
    ):
        assert name in body
    assert "国办秘函〔2019〕19号" in body and "无法检查" in body
    history = client.get("/office/assessment/indicators/home_page/").content.decode()
    assert "首页更新：检查历史" in history and f"/office/assessment/runs/{run.pk}/#home_page" in history
    assert client.get("/office/assessment/indicators/nothing/").status_code == 404
    home = client.get("/office/").content.decode()
    assert "网站自查（" in home  # the panel of indicators off track


@pytest.mark.django_db
def test_supervisor_reads_but_cannot_start_a_run(client, make_user, agency):
    run = run_inspection(actor=SYSTEM, agency=agency, max_pages=5)
    client.force_login(make_user(Role.SUPERVISOR))
    page = client.get("/office/assessment/").content.decode()
    assert f"/office/assessment/runs/{run.pk}/" in page and "立即检查" not in page
    assert client.post("/office/assessment/inspect/").status_code == 403
    assert InspectionRun.objects.count() == 1


@pytest.mark.django_db
def test_another_agencys_run_is_not_found(client, make_user, other_agency):
    run = run_inspection(actor=SYSTEM, agency=other_agency, max_pages=5)
    assert run.results.get(code="broken_links").verdict == "not_available"  # its site is not served here
    client.force_login(make_user(Role.OPENNESS_OFFICE))
    assert client.get(f"/office/assessment/runs/{run.pk}/").status_code == 404


@pytest.mark.django_db
def test_api_gives_the_latest_inspection_and_the_scores_to_staff_with_a_token(client, agency, make_user):
    from gongkai.accounts.services import issue_api_token

    office = make_user(Role.OPENNESS_OFFICE)
    _token, raw = issue_api_token(actor=office, label="测试")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get("/api/v1/assessment/inspection/latest").status_code == 401
    assert client.get("/api/v1/assessment/inspection/latest", **auth).status_code == 404
    run_inspection(actor=SYSTEM, agency=agency, max_pages=5)
    data = client.get("/api/v1/assessment/inspection/latest", **auth).json()
    assert data["indicators"][0]["code"] == "home_page" and data["indicators"][0]["verdict"] == "fail"
    assert client.get("/api/v1/assessment/scores?period=2026Q9", **auth).status_code == 422
    board = client.get("/api/v1/assessment/scores?period=2026Q1", **auth).json()
    assert board["period"] == "2026Q1" and board["lines"][-1]["score"] == "100.00"
    drafter = make_user(Role.DRAFTER)
    _t, raw2 = issue_api_token(actor=drafter, label="x")
    refused = client.get("/api/v1/assessment/scores?period=2026", HTTP_AUTHORIZATION=f"Bearer {raw2}")
    assert refused.status_code == 403


@pytest.mark.django_db
def test_api_gives_a_measures_records_and_the_dashboard(client, agency, make_user, department):
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.catalogue.services import issue_api_token
    from gongkai.public_messages.models import Message

    now = timezone.now()
    Message.objects.create(
        agency=agency,
        department=department,
        category="consult",
        subject="迟复的留言",
        body="内容",
        state="replied",
        reply="已答复",
        received_at=now,
        warn_on=timezone.localdate(now),
        due_on=timezone.localdate(now) - timedelta(days=1),
        replied_at=now,
    )
    _token, raw = issue_api_token(actor=make_user(Role.APPROVER), label="领导")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    month = timezone.localdate(now).strftime("%Y-%m")
    drill = client.get(f"/api/v1/assessment/scores/messages_in_sla?period={month}", **auth).json()
    assert (drill["met"], drill["total"]) == (0, 1) and drill["records"][0]["department"] == "综合处"
    same = client.get(
        f"/api/v1/assessment/scores/messages_in_sla?period={month}&dept={department.pk}", **auth
    )
    assert same.json()["total"] == 1
    assert client.get("/api/v1/assessment/scores/nothing?period=2026", **auth).status_code == 404
    assert client.get("/api/v1/assessment/scores/messages_in_sla?period=2026-13", **auth).status_code == 422
    board = client.get("/api/v1/assessment/dashboard", **auth).json()
    assert len(board["months"]) == 12 and board["months"][-1] == month
    sla = next(m for m in board["measures"] if m["code"] == "messages_in_sla")
    assert sla["months"][-1] == {
        "month": month,
        "met": 0,
        "total": 1,
        "url": f"/office/assessment/scores/messages_in_sla/?period={month}&dept=agency",
    }
    assert [o["department"] for o in board["off_track"]] == ["全局", "综合处"]
