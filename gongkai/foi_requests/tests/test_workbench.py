"""The office workbench (issue item 7): assignment, my cases, due-soon and overdue queues, reminders,
duplicate detection (《条例》Art. 44), search and CSV export; the notices (补正, 延长, 收费)."""

from datetime import date

import pytest
from django.core.cache import cache

from gongkai.accounts.factories import DepartmentFactory
from gongkai.accounts.roles import Role
from gongkai.core.errors import PermissionDenied
from gongkai.foi_requests import letters, selectors, services
from gongkai.foi_requests.models import LetterTemplate, Reminder, RequestEvent
from gongkai.foi_requests.selectors import similarity

from .conftest import application

OTHER_IDS = ["110105198001011019", "110105198505052025", "110105199009093033"]

# These tests enter past cases today; back-dating has its own tests (test_legal_guardrails.py).
pytestmark = pytest.mark.usefixtures("no_backdate_limit")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def office(make_user):
    return make_user(Role.OPENNESS_OFFICE, username="gkb", full_name="林晓")


def in_person(agency, office, on, **kw):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return services.submit_application(
        actor=office,
        agency=agency,
        channel="in_person",
        data=application(**kw),
        submitted_at=datetime(on.year, on.month, on.day, 10, tzinfo=ZoneInfo("Asia/Shanghai")),
    )


# --- assignment and my cases ----------------------------------------------------------------------
def test_assignment_lets_the_drafter_of_that_department_see_and_handle_it(
    agency, office, make_user, staff_client
):
    research = DepartmentFactory(agency=agency, name="综合统计处")
    drafter = make_user(Role.DRAFTER, department=research, username="ngr")
    r = services.submit_application(agency=agency, data=application())
    assert not selectors.visible_requests(drafter).filter(pk=r.pk).exists()
    with pytest.raises(PermissionDenied):
        services.assign(actor=drafter, foi_request=r, department=research)
    client = staff_client(office)
    response = client.post(f"/office/foi/{r.pk}/act/assign/", {"assign-department": research.pk})
    assert response.status_code == 302
    r.refresh_from_db()
    assert (
        r.department == research and r.events.filter(kind=RequestEvent.ASSIGNED, is_public=False).count() == 1
    )
    assert list(selectors.register(drafter, queue="mine")) == [r]
    assert list(selectors.register(office, queue="mine")) == []
    assert list(selectors.register(office, queue="unassigned")) == []
    page = staff_client(drafter).get("/office/foi/?queue=mine").content.decode()
    assert r.tracking_number in page and "我的案件" in page


def test_my_cases_includes_what_i_handle_outside_my_department(agency, office, make_user):
    handler = make_user(Role.OPENNESS_OFFICE, username="h2")
    mine = services.submit_application(agency=agency, data=application())
    services.assign(
        actor=office, foi_request=mine, department=DepartmentFactory(agency=agency), handler=handler
    )
    services.submit_application(agency=agency, data=application())
    assert list(selectors.register(handler, queue="mine")) == [mine]


# --- queues and reminders -------------------------------------------------------------------------
def test_due_soon_uses_the_configured_warning_days(agency, office, settings, monkeypatch):
    monkeypatch.setattr(services.recording, "legal_today", lambda: date(2026, 10, 27))
    r = in_person(agency, office, date(2026, 9, 22))  # answer due Tue 2026-10-27
    late = in_person(agency, office, date(2026, 9, 21))  # due Mon 2026-10-26
    far = in_person(agency, office, date(2026, 10, 20))  # due 2026-11-17
    assert r.answer_due_on == date(2026, 10, 27) and late.answer_due_on == date(2026, 10, 26)
    today = date(2026, 10, 22)  # Thu: 23, 26, 27 are the next three working days
    settings.GONGKAI_FOI_WARNING_DAYS = 3
    assert set(selectors.register(office, queue="due_soon", today=today)) == {r, late}
    settings.GONGKAI_FOI_WARNING_DAYS = 1
    assert set(selectors.register(office, queue="due_soon", today=today)) == set()
    assert list(selectors.register(office, queue="overdue", today=date(2026, 10, 27))) == [late]
    assert far not in selectors.register(office, queue="overdue", today=date(2026, 10, 27))


def test_reminders_are_recorded_once_a_day_and_shown_to_the_office_and_the_handler(
    agency, office, make_user, settings, monkeypatch, staff_client
):
    settings.GONGKAI_FOI_WARNING_DAYS = 3
    monkeypatch.setattr(services.recording, "legal_today", lambda: date(2026, 10, 27))
    dept = DepartmentFactory(agency=agency)
    drafter = make_user(Role.DRAFTER, department=dept, username="d1")
    other_drafter = make_user(Role.DRAFTER, username="d2")
    soon = in_person(agency, office, date(2026, 9, 22))  # due 2026-10-27
    services.assign(actor=office, foi_request=soon, department=dept)
    overdue = in_person(agency, office, date(2026, 9, 21))  # due 2026-10-26
    in_person(agency, office, date(2026, 10, 20))  # due 2026-11-17: no reminder
    created = services.record_reminders(date(2026, 10, 27))
    assert sorted((x.request_id, x.kind) for x in created) == sorted(
        [(soon.pk, "due_soon"), (overdue.pk, "overdue")]
    )
    assert services.record_reminders(date(2026, 10, 27)) == []  # idempotent within the day
    assert Reminder.objects.count() == 2
    assert Reminder.objects.get(request=soon).message == f"{soon.tracking_number} 将于今天到期，请按期答复。"
    monkeypatch.setattr(selectors, "legal_today", lambda: date(2026, 10, 27))
    assert [x.request for x in selectors.reminders_for(office)] == [overdue, soon]
    assert [x.request for x in selectors.reminders_for(drafter)] == [soon]
    assert list(selectors.reminders_for(other_drafter)) == []
    home = staff_client(office).get("/office/").content.decode()
    assert "依申请公开：提醒" in home and f"{overdue.tracking_number} 已超过答复期限（2026-10-26）" in home
    detail = staff_client(office).get(f"/office/foi/{soon.pk}/").content.decode()
    assert "提醒" in detail and "将于今天到期" in detail


def test_the_clock_job_records_reminders(agency, office, monkeypatch):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from gongkai.foi_requests import jobs

    monkeypatch.setattr(services.recording, "legal_today", lambda: date(2026, 10, 27))
    in_person(agency, office, date(2026, 9, 21))
    result = jobs.run_clock(datetime(2026, 10, 27, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert result["reminders"] == 1
    assert jobs.run_clock(datetime(2026, 10, 27, 10, tzinfo=ZoneInfo("Asia/Shanghai")))["reminders"] == 0
    assert Reminder.objects.get().kind == "overdue"


# --- duplicates and near-duplicates (Art. 44) -----------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "similar"),
    [
        ("2024年福州市居民人均可支配收入数据", "2024年福州市居民人均可支配收入数据。", True),
        ("2024年福州市居民人均可支配收入数据", "福州市2024年居民人均可支配收入", True),
        ("2024年福州市居民人均可支配收入数据", "2025年全市规模以上工业企业名录", False),
        ("统计局的那个文件", "关于那个调查的资料", False),
    ],
)
def test_similarity_of_descriptions(a, b, similar):
    assert (similarity(a, b) >= selectors.SIMILARITY_THRESHOLD) is similar


def test_similar_requests_across_applicants_and_frequently_requested(agency, office, staff_client):
    a = services.submit_application(
        agency=agency, data=application(description="2024年福州市居民人均可支配收入数据")
    )
    b = services.submit_application(
        agency=agency, data=application(id_number=OTHER_IDS[0], description="福州市2024年居民人均可支配收入")
    )
    c = services.submit_application(
        agency=agency,
        data=application(id_number=OTHER_IDS[1], description="2024年福州市居民人均可支配收入数据"),
    )
    same_person = services.submit_application(
        agency=agency, data=application(description="2024年福州市居民人均可支配收入数据")
    )
    services.submit_application(
        agency=agency, data=application(id_number=OTHER_IDS[2], description="2025年全市工业企业名录")
    )
    found = selectors.similar_requests(a)
    assert [x.pk for x in found] == [c.pk, b.pk]  # the same applicant's own repeat is not "across applicants"
    assert found[0].similarity == 1.0
    clusters = selectors.frequently_requested(office)
    assert len(clusters) == 1
    assert clusters[0].applicant_count == 3 and {x.pk for x in clusters[0].requests} == {
        a.pk,
        b.pk,
        c.pk,
        same_person.pk,
    }
    detail = staff_client(office).get(f"/office/foi/{a.pk}/").content.decode()
    assert "相同或相近的申请" in detail and c.tracking_number in detail and "相似度 100%" in detail
    page = staff_client(office).get("/office/foi/frequent/").content.decode()
    assert "第四十四条" in page and b.tracking_number in page and "2025年全市工业企业名录" not in page


# --- search and CSV -------------------------------------------------------------------------------
def test_search_by_number_name_and_text_and_csv_export_with_bom(agency, office, staff_client):
    a = services.submit_application(
        agency=agency, data=application(applicant_name="陈一", description="统计公报")
    )
    b = services.submit_application(
        agency=agency, data=application(applicant_name="王二", description="人口普查资料")
    )
    assert list(selectors.register(office, q=a.tracking_number)) == [a]
    assert list(selectors.register(office, q="王二")) == [b]
    assert list(selectors.register(office, q="普查")) == [b]
    response = staff_client(office).get("/office/foi/?q=普查&format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("申请编号,申请方式,申请人类型,申请人") and lines[0].endswith("申请内容")
    assert len(lines) == 2 and lines[1].startswith(b.tracking_number) and "人口普查资料" in lines[1]


# --- notices --------------------------------------------------------------------------------------
def test_supplement_extension_and_fee_notices_as_letters(agency, office, staff_client, freezer_date):
    freezer_date(date(2026, 10, 30))
    r = in_person(agency, office, date(2026, 9, 22))
    services.request_supplement(
        actor=office, foi_request=r, items="请写明文件的名称或文号。", days=10, on=date(2026, 9, 24)
    )
    services.receive_supplement(actor=office, foi_request=r, on=date(2026, 10, 12))
    services.extend_deadline(
        actor=office, foi_request=r, days=20, reason="需要检索的年份较多。", on=date(2026, 10, 30)
    )
    receipt, *notices = letters.notices_for(r)
    assert receipt["title"] == "政府信息公开申请受理回执"
    assert [n["title"] for n in notices] == [
        "政府信息公开申请补正告知书",
        "延长政府信息公开申请答复期限告知书",
    ]
    assert (
        "请写明文件的名称或文号。" in notices[0]["text"]
        and "2026年10月15日前（10个工作日内）" in notices[0]["text"]
    )
    assert (
        "因需要检索的年份较多，" in notices[1]["text"]
        and "延长后的答复期限为2026年12月7日" in notices[1]["text"]
    )
    client = staff_client(office)
    sup = notices[0]["event_pk"]
    page = client.get(f"/office/foi/{r.pk}/notices/{sup}/").content.decode()
    assert "补正告知书" in page and "第三十条" in page
    docx = client.get(f"/office/foi/{r.pk}/notices/{sup}/?format=docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    public = client.get(
        f"/xxgk/ysqgk/track/{r.tracking_number}/{r.link_token}/notices/{notices[1]['event_pk']}/"
    )
    assert public.status_code == 200 and "延长政府信息公开申请答复期限告知书" in public.content.decode()
    assert client.get(f"/xxgk/ysqgk/track/{r.tracking_number}/wrong/notices/{sup}/").status_code == 404
    # An edited template is used.
    LetterTemplate.objects.create(
        agency=agency,
        kind="supplement_notice",
        title="补正通知",
        body="{{ applicant_name }}：请补正{{ supplement_items }}，截止{{ supplement_due_date }}。",
    )
    assert letters.notice_for(r, sup)["text"] == "张三：请补正请写明文件的名称或文号。，截止2026年10月15日。"
    assert client.get("/office/foi/templates/fee_notice/").status_code == 200


def test_fee_notice_letter(agency, office, freezer_date):
    freezer_date(date(2026, 10, 30))
    r = in_person(agency, office, date(2026, 10, 12))
    services.send_fee_notice(actor=office, foi_request=r, method="per_page", pages=150, on=date(2026, 10, 14))
    (_receipt, notice) = letters.notices_for(r)
    assert notice["title"] == "政府信息公开信息处理费收费通知书"
    assert "信息处理费1700元。按量计收：共 150 页" in notice["text"] and "2026年11月11日前" in notice["text"]


# --- the applicant's 补正 through the secret link -------------------------------------------------
def test_applicant_supplies_the_supplement_only_while_one_is_pending(agency, office, client, freezer_date):
    freezer_date(date(2026, 10, 12))
    r = in_person(agency, office, date(2026, 9, 22))
    url = f"/xxgk/ysqgk/track/{r.tracking_number}/{r.link_token}/"
    assert "提交补正" not in client.get(url).content.decode()
    assert client.post(url + "supplement/", {"text": "x"}).status_code == 404  # no notice pending
    services.request_supplement(
        actor=office, foi_request=r, items="请写明年份。", days=10, on=date(2026, 9, 24)
    )
    assert "提交补正" in client.get(url).content.decode()
    empty = client.post(url + "supplement/", {"text": "  "})
    assert empty.status_code == 400 and "此项为必填项。" in empty.content.decode()
    assert (
        client.post(
            f"/xxgk/ysqgk/track/{r.tracking_number}/wrong/supplement/", {"text": "2025年"}
        ).status_code
        == 404
    )
    response = client.post(url + "supplement/", {"text": "2025年的年度报告"})
    assert response.status_code == 302
    r.refresh_from_db()
    event = r.events.get(kind="receive_supplement")
    assert r.status == "in_progress" and event.on == date(2026, 10, 12) and event.actor_label == "申请人"
    assert "2025年的年度报告" in event.public_note
    assert r.answer_due_on == date(2026, 11, 9)  # restarted: 20 working days after 2026-10-12
    page = client.get(url).content.decode()
    assert "2026-10-12 收到补正，答复期限自该日起重新计算" in page and "提交补正</h2>" not in page
