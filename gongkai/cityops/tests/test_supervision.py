"""Issue 18 item 8: the city office sees every agency read-only and sends 督办通知 with a deadline in
working days; the agency answers in its office; overdue is shown. Tenancy: agency staff never see the
city screens or another agency's notices; the city office never writes an agency's records."""

from datetime import date

import pytest

from gongkai.accounts.roles import Role
from gongkai.cityops import selectors, services
from gongkai.cityops.models import SupervisionNotice
from gongkai.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.foi_requests import services as foi_services
from gongkai.foi_requests.tests.conftest import application
from gongkai.workdays.selectors import add_working_days

CITY_PAGES = [
    "/office/city/",
    "/office/city/supervision/",
    "/office/city/annual-reports/",
    "/office/city/annual-reports/template.xlsx",
    "/office/city/annual-reports/2025.xlsx",
    "/office/city/annual-reports/2025/fzstats/",
]


def test_notice_deadline_counts_working_days_and_overdue_is_derived(agency, city_user):
    # Issued on Friday 25 September 2026: 10 working days skip the National Day holiday (the announced
    # 2026 schedule of the workdays calendar), so the deadline is well past 9 October.
    notice = services.issue_notice(
        actor=city_user,
        agency=agency,
        subject="依申请公开超期",
        body="请说明原因并整改。",
        due_days=10,
        today=date(2026, 9, 25),
    )
    assert notice.due_on == date(2026, 10, 15) == add_working_days(date(2026, 9, 25), 10).due
    assert not selectors.is_overdue(notice, date(2026, 10, 15))
    assert selectors.is_overdue(notice, date(2026, 10, 16))
    assert AuditEvent.objects.filter(verb="supervision_notice.issued", agency=agency).count() == 1


def test_issuing_is_refused_without_the_role_and_with_bad_input(agency, office_user, city_user):
    with pytest.raises(PermissionDenied):
        services.issue_notice(actor=office_user, agency=agency, subject="x", body="y", due_days=5)
    with pytest.raises(ValidationFailed, match="工作日"):
        services.issue_notice(actor=city_user, agency=agency, subject="x", body="y", due_days=0)
    with pytest.raises(ValidationFailed, match="督办事项"):
        services.issue_notice(actor=city_user, agency=agency, subject=" ", body="y", due_days=5)
    assert not SupervisionNotice.objects.exists()


def test_the_agency_answers_in_its_office_and_only_once(
    client, agency, other_agency, city_user, office_user, make_user
):
    notice = services.issue_notice(
        actor=city_user, agency=agency, subject="网站栏目空白", body="请补充。", due_days=5
    )
    stranger = make_user(Role.OPENNESS_OFFICE, agency=other_agency)
    with pytest.raises(NotFound):
        services.answer_notice(actor=stranger, notice=notice, answer="已整改。")
    with pytest.raises(PermissionDenied):
        services.answer_notice(actor=city_user, notice=notice, answer="代答。")
    client.force_login(office_user)
    home = client.get("/office/").content.decode()
    assert "市政务公开办督办通知" in home and "网站栏目空白" in home
    assert client.get("/office/city/notices/").status_code == 200
    empty = client.post(f"/office/city/notices/{notice.pk}/", {"answer": ""})
    assert empty.status_code == 400 and "此项为必填项" in empty.content.decode()
    assert (
        client.post(f"/office/city/notices/{notice.pk}/", {"answer": "已补充栏目内容。"}).status_code == 302
    )
    notice.refresh_from_db()
    assert notice.is_answered and notice.answered_by == office_user
    with pytest.raises(InvalidTransition):
        services.answer_notice(actor=office_user, notice=notice, answer="再答。")
    assert AuditEvent.objects.filter(verb="supervision_notice.answered").count() == 1


def test_city_office_sends_a_notice_from_its_screen_and_sees_it_overdue(
    client, agency, city_user, city_today
):
    client.force_login(city_user)
    city_today(date(2026, 11, 2))
    bad = client.post(
        "/office/city/supervision/", {"agency": agency.pk, "subject": "逾期", "body": "", "due_days": "5"}
    )
    assert bad.status_code == 400 and 'value="逾期"' in bad.content.decode()
    ok = client.post(
        "/office/city/supervision/",
        {"agency": agency.pk, "subject": "逾期", "body": "请整改。", "due_days": "5"},
    )
    assert ok.status_code == 302
    city_today(date(2026, 12, 1))
    page = client.get("/office/city/supervision/").content.decode()
    assert "已超期未答复" in page
    overview = client.get("/office/city/").content.decode()
    assert agency.name in overview and "超期 1" in overview


def test_overview_ranks_agencies_and_counts_requests_at_risk(agency, other_agency, city_user, office_user):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    r = foi_services.submit_application(
        agency=agency,
        data=application(),
        submitted_at=datetime(2026, 1, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
    )
    foi_services.confirm_receipt(
        actor=office_user, foi_request=r, on=date(2026, 1, 5), backdate_reason="补录"
    )
    rows, period = selectors.overview(today=date(2026, 12, 1))
    by_agency = {row.agency: row for row in rows}
    assert by_agency[agency].open_requests == 1 and by_agency[agency].overdue == 1
    assert by_agency[other_agency].open_requests == 0
    assert sorted(row.rank for row in rows) == list(range(1, len(rows) + 1))


@pytest.mark.parametrize("path", CITY_PAGES)
def test_agency_staff_never_reach_the_city_screens(client, agency, office_user, path):
    client.force_login(office_user)
    assert client.get(path).status_code == 403


@pytest.mark.parametrize("path", CITY_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, agency, path):
    response = client.get(path)
    assert response.status_code == 302 and "/office/login/" in response["Location"]


def test_notices_of_another_agency_are_not_found_and_the_city_office_reads_without_answering(
    client, agency, other_agency, city_user, make_user
):
    notice = services.issue_notice(actor=city_user, agency=agency, subject="甲", body="内容", due_days=5)
    stranger = make_user(Role.OPENNESS_OFFICE, agency=other_agency)
    client.force_login(stranger)
    assert client.get(f"/office/city/notices/{notice.pk}/").status_code == 404
    assert "甲" not in client.get("/office/city/notices/").content.decode()
    client.force_login(city_user)
    page = client.get(f"/office/city/notices/{notice.pk}/")
    assert page.status_code == 200 and "提交答复" not in page.content.decode()
    assert client.post(f"/office/city/notices/{notice.pk}/", {"answer": "代答"}).status_code == 404
    notice.refresh_from_db()
    assert not notice.is_answered


def test_the_city_office_cannot_open_or_change_an_agency_record(client, agency, city_user, office_user):
    r = foi_services.submit_application(agency=agency, data=application())
    client.force_login(city_user)
    assert client.get(f"/office/foi/{r.pk}/").status_code == 404
    assert client.post(f"/office/foi/{r.pk}/act/confirm/", {"confirm-note": ""}).status_code == 404
    r.refresh_from_db()
    assert r.status == "submitted"
    with pytest.raises((NotFound, PermissionDenied)):
        foi_services.confirm_receipt(actor=city_user, foi_request=r)
