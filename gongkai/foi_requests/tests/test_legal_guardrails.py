"""Issue 11, 依申请公开 items 1-8: the rules of 《条例》Arts. 30-34 and 国办函〔2020〕109号 are enforced, not
only computed. Each refusal names its article, is the same on the office page and in the API (problem
JSON), and changes nothing. Every event is entered on the frozen day (`freezer_date`) unless the test is
about back-dating."""

import hashlib
import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.accounts.guard import SYSTEM
from gongkai.accounts.models import ApiToken
from gongkai.accounts.roles import Role
from gongkai.core.errors import InvalidTransition, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.foi_requests import letters, selectors, services, statistics
from gongkai.foi_requests.models import FoiRequest, RequestDocument, RequestEvent
from gongkai.foi_requests.selectors import clock_for

from .conftest import application

SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def office(make_user):
    return make_user(Role.OPENNESS_OFFICE, username="gkb-rules", full_name="林晓")


@pytest.fixture
def api(client, office):
    raw = f"gk_test_rules_{office.pk}"
    ApiToken.objects.create(user=office, label="t", key_hash=hashlib.sha256(raw.encode()).hexdigest())
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    def post(path, body=None):
        return client.post(
            "/api/v1/requests" + path, json.dumps(body or {}), content_type="application/json", **auth
        )

    return post


def in_person(agency, office, on, **kw):
    """An in-person application made (and entered) on `on`: received that day (Art. 31(一))."""
    with services.replaying(datetime(on.year, on.month, on.day, 9, tzinfo=SH)):
        return services.submit_application(
            actor=office, agency=agency, channel="in_person", data=application(**kw)
        )


def snapshot(r):
    r = FoiRequest.objects.get(pk=r.pk)
    audited = AuditEvent.objects.exclude(
        verb__in=["auth.login", "access.denied"]
    ).count()  # sign-in is audited too
    return (r.status, r.answer_due_on, r.lapses_on, r.events.count(), audited)


# --- 1. 补正 only within 7 working days of receipt (《条例》第三十条) ----------------------------------
def test_art30_supplement_notice_within_7_working_days_then_refused(agency, office, freezer_date):
    received = date(2026, 11, 2)  # Monday; the 7th working day after is Wednesday 11 November
    freezer_date(received)
    late, in_time = in_person(agency, office, received), in_person(agency, office, received)
    assert clock_for(late).supplement_notice_due.due == date(2026, 11, 11)
    due_before = FoiRequest.objects.get(pk=late.pk).answer_due_on
    freezer_date(date(2026, 11, 11))
    services.request_supplement(actor=office, foi_request=in_time, items="请写明年份。", days=10)
    freezer_date(date(2026, 11, 12))
    before = snapshot(late)
    with pytest.raises(ValidationFailed) as exc:
        services.request_supplement(actor=office, foi_request=late, items="请写明年份。", days=10)
    assert "第三十条" in exc.value.message and "2026年11月11日届满" in exc.value.message
    assert snapshot(late) == before
    # The clock keeps running from receipt: the answer date has not moved.
    assert FoiRequest.objects.get(pk=late.pk).answer_due_on == due_before == date(2026, 11, 30)
    assert FoiRequest.objects.get(pk=in_time.pk).status == "awaiting_supplement"


def test_art30_refusal_is_the_same_in_the_office_and_the_api(agency, office, freezer_date, staff_client, api):
    freezer_date(date(2026, 11, 2))
    r = in_person(agency, office, date(2026, 11, 2))
    freezer_date(date(2026, 11, 12))
    before = snapshot(r)
    page = staff_client(office).post(
        f"/office/foi/{r.pk}/act/supplement/",
        {"supplement-items": "请写明所需年份。", "supplement-days": "10"},
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert "《条例》第三十条" in html and "请写明所需年份。" in html  # the message, and what was typed
    response = api(f"/{r.pk}/supplement-notice", {"items": "请写明所需年份。", "days": 10})
    assert response.status_code == 422 and response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert "《条例》第三十条" in problem["title"] and problem["title"] in html.replace("&quot;", '"')
    assert snapshot(r) == before


# --- 2. extension only before the answer date has passed (《条例》第三十三条第二款) -----------------------
def test_art33_extension_refused_after_the_answer_date_and_the_case_stays_overdue(
    agency, office, freezer_date, api
):
    freezer_date(date(2026, 11, 2))
    on_time, late = in_person(agency, office, date(2026, 11, 2)), in_person(agency, office, date(2026, 11, 2))
    due = clock_for(late).answer_due.due
    assert due == date(2026, 11, 30)
    freezer_date(due)  # the last day of the period: still possible
    services.extend_deadline(actor=office, foi_request=on_time, days=10, reason="年份较多。")
    freezer_date(date(2026, 12, 1))
    before = snapshot(late)
    with pytest.raises(ValidationFailed) as exc:
        services.extend_deadline(actor=office, foi_request=late, days=10, reason="年份较多。")
    assert "第三十三条第二款" in exc.value.message and "2026年11月30日" in exc.value.message
    # Back-dating the decision into the period does not help: the day it is recorded counts.
    with pytest.raises(ValidationFailed):
        services.extend_deadline(
            actor=office,
            foi_request=late,
            days=10,
            reason="x",
            on=due,
            backdate_reason="纸质审批单已于当日签批。",
        )
    response = api(f"/{late.pk}/extend", {"days": 10, "reason": "年份较多。"})
    assert response.status_code == 422 and response.json()["title"] == exc.value.message
    assert snapshot(late) == before
    assert clock_for(late, date(2026, 12, 1)).overdue is True


# --- 3. dates of events ---------------------------------------------------------------------------
def test_art31_a_receipt_date_in_the_future_is_refused(agency, office, freezer_date, api):
    freezer_date(date(2026, 11, 2))
    with pytest.raises(ValidationFailed) as exc:
        services.submit_application(
            actor=office,
            agency=agency,
            channel="letter_signed",
            data=application(),
            received_on=date(2026, 11, 3),
        )
    assert "第三十一条" in exc.value.message and exc.value.field == "received_on"
    online = services.submit_application(agency=agency, data=application())
    with pytest.raises(ValidationFailed) as exc2:
        services.confirm_receipt(actor=office, foi_request=online, on=date(2026, 11, 3))
    assert "第三十一条" in exc2.value.message
    assert FoiRequest.objects.count() == 1 and FoiRequest.objects.get().status == "submitted"


def test_art32_no_answer_while_a_consultation_is_open_nor_dated_before_it_ended(agency, office, freezer_date):
    freezer_date(date(2026, 11, 2))
    r = in_person(agency, office, date(2026, 11, 2))
    freezer_date(date(2026, 11, 3))
    services.start_consultation(actor=office, foi_request=r, party="third_party", consultee="某企业")
    before = snapshot(r)
    with pytest.raises(InvalidTransition) as exc:
        services.answer(actor=office, foi_request=r, outcome="disclosed", text="现提供。")
    assert "第三十二条" in exc.value.message and snapshot(r) == before
    freezer_date(date(2026, 11, 10))
    services.end_consultation(actor=office, foi_request=r, note="第三方同意公开。")
    with pytest.raises(ValidationFailed) as exc:
        services.answer(
            actor=office,
            foi_request=r,
            outcome="disclosed",
            text="现提供。",
            on=date(2026, 11, 9),
            backdate_reason="补录。",
        )
    assert "第三十二条" in exc.value.message and "2026年11月10日" in exc.value.message
    services.answer(actor=office, foi_request=r, outcome="disclosed", text="现提供。")
    assert FoiRequest.objects.get(pk=r.pk).status == "closed"


def test_no_event_dated_before_the_previous_event_of_the_case(agency, office, freezer_date):
    freezer_date(date(2026, 11, 2))
    r = in_person(agency, office, date(2026, 11, 2))
    freezer_date(date(2026, 11, 4))
    services.request_supplement(actor=office, foi_request=r, items="请写明年份。", days=10)
    before = snapshot(r)
    with pytest.raises(ValidationFailed) as exc:
        services.receive_supplement(
            actor=office, foi_request=r, on=date(2026, 11, 3), backdate_reason="补录。"
        )
    assert "不能早于本申请上一办理环节“发出补正告知”的日期（2026年11月4日）" in exc.value.message
    assert snapshot(r) == before


def test_backdating_an_answer_needs_a_reason_is_audited_and_late_is_judged_from_the_recorded_day(
    agency, office, freezer_date
):
    freezer_date(date(2026, 11, 2))
    r = in_person(agency, office, date(2026, 11, 2))
    assert clock_for(r).answer_due.due == date(2026, 11, 30)
    freezer_date(date(2026, 12, 2))  # entered two days after the answer date
    before = snapshot(r)
    with pytest.raises(ValidationFailed) as exc:
        services.answer(
            actor=office, foi_request=r, outcome="disclosed", text="现提供。", on=date(2026, 11, 30)
        )
    assert exc.value.field == "backdate_reason" and "超过允许的 0 天" in exc.value.message
    assert snapshot(r) == before
    services.answer(
        actor=office,
        foi_request=r,
        outcome="disclosed",
        text="现提供。",
        on=date(2026, 11, 30),
        backdate_reason="答复书已于11月30日当面送达，系统当日停电未能录入。",
    )
    event = r.events.get(kind="answer")
    assert event.on == date(2026, 11, 30) and "系统当日停电未能录入" in event.note
    audit = AuditEvent.objects.get(verb="foi_request.backdated")
    assert audit.after["days"] == 2 and audit.after["recorded_on"] == "2026-12-02"
    assert "停电" in audit.after["reason"]
    clock = clock_for(r, date(2026, 12, 2))
    assert clock.closed_on == date(2026, 11, 30) and clock.answered_late is True


def test_backdating_tolerance_is_a_setting(agency, office, freezer_date, settings):
    settings.GONGKAI_FOI_BACKDATE_DAYS = {"answer": 2}
    freezer_date(date(2026, 11, 2))
    r = in_person(agency, office, date(2026, 11, 2))
    freezer_date(date(2026, 11, 6))
    services.answer(actor=office, foi_request=r, outcome="disclosed", text="现提供。", on=date(2026, 11, 4))
    assert not AuditEvent.objects.filter(verb="foi_request.backdated").exists()
    assert selectors.backdate_tolerance("answer") == 2 and selectors.backdate_tolerance("fee_paid") == 3


# --- 4. the staff API registers every channel the office form can (《条例》第二十九条、第三十一条) --------------
@pytest.mark.parametrize("channel", ["letter_signed", "letter_plain", "fax", "in_person", "oral"])
def test_art31_api_registers_each_channel_with_its_receipt_date(agency, office, freezer_date, api, channel):
    freezer_date(date(2026, 11, 5))
    body = {**application(), "channel": channel, "received_on": "2026-11-03"}
    count = FoiRequest.objects.count()
    refused = api("/register", body)
    assert refused.status_code == 422 and refused.json()["field"] == "backdate_reason"
    assert FoiRequest.objects.count() == count
    response = api("/register", {**body, "backdate_reason": "11月3日签收，登记遗漏。"})
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "in_progress" and data["clock"]["received_on"] == "2026-11-03"
    r = FoiRequest.objects.get(tracking_number=data["tracking_number"])
    assert r.channel == channel and r.created_by == office
    assert AuditEvent.objects.filter(verb="foi_request.backdated", object_id=str(r.pk)).exists()
    future = api("/register", {**body, "received_on": "2026-11-06"})
    assert future.status_code == 422 and "第三十一条" in future.json()["title"]


def test_api_register_today_and_refusals(agency, office, freezer_date, api, client, make_user):
    freezer_date(date(2026, 11, 5))
    response = api("/register", {**application(), "channel": "oral"})
    assert response.status_code == 201 and response.json()["clock"]["received_on"] == "2026-11-05"
    assert api("/register", {**application(), "channel": "online"}).json()["field"] == "channel"
    drafter = make_user(Role.DRAFTER, username="ngr-reg")
    raw = "gk_test_drafter_reg"
    ApiToken.objects.create(user=drafter, label="t", key_hash=hashlib.sha256(raw.encode()).hexdigest())
    denied = client.post(
        "/api/v1/requests/register",
        json.dumps({**application(), "channel": "fax"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert denied.status_code == 403 and FoiRequest.objects.count() == 1


# --- 5. lapses close the case on their legal date, whether or not the worker ran -----------------
def test_art30_lapsed_supplement_closes_on_the_day_after_the_period_at_read_time(
    agency, office, freezer_date, make_user
):
    freezer_date(date(2026, 11, 2))
    r = in_person(agency, office, date(2026, 11, 2))
    freezer_date(date(2026, 11, 3))
    services.request_supplement(actor=office, foi_request=r, items="请写明年份。", days=10)
    assert clock_for(r).supplement_due.due == date(2026, 11, 17)
    assert FoiRequest.objects.get(pk=r.pk).lapses_on == date(2026, 11, 18)
    freezer_date(date(2026, 11, 25))  # the worker has not run since
    assert FoiRequest.objects.get(pk=r.pk).status == "awaiting_supplement"
    seen = selectors.request_for_staff(office, r.pk)
    assert (seen.status, seen.outcome, seen.closed_on) == ("closed", "supplement_lapsed", date(2026, 11, 18))
    assert list(selectors.register(office, status="closed")) == [r]
    assert list(selectors.register(office, status="awaiting_supplement")) == []
    table = statistics.checked_table3(agency, 2026)
    assert table.counts[("6.1", "natural_person")] == 1 and table.counts[("carried_out", "total")] == 0
    # A supplement entered now is refused; one that arrived in time can still be entered, with its reason.
    before = snapshot(r)
    with pytest.raises(InvalidTransition) as exc:
        services.receive_supplement(actor=office, foi_request=r)
    assert "第三十条" in exc.value.message and "2026年11月18日" in exc.value.message
    with pytest.raises(InvalidTransition):
        services.supply_supplement(foi_request=r, text="2025年")
    assert snapshot(r) == before
    # The worker, running late, records the lapse on its legal date.
    assert services.close_lapsed()["supplement"] == 1
    r.refresh_from_db()
    assert (r.status, r.outcome, r.closed_on) == ("closed", "supplement_lapsed", date(2026, 11, 18))
    assert r.events.get(kind="supplement_lapsed").on == date(2026, 11, 18)
    assert statistics.checked_table3(agency, 2026).counts[("6.1", "total")] == 1


def test_art30_supplement_that_arrived_in_time_can_be_entered_after_the_lapse_date(
    agency, office, freezer_date
):
    freezer_date(date(2026, 11, 2))
    r = in_person(agency, office, date(2026, 11, 2))
    freezer_date(date(2026, 11, 3))
    services.request_supplement(actor=office, foi_request=r, items="请写明年份。", days=10)
    freezer_date(date(2026, 11, 20))
    services.receive_supplement(
        actor=office, foi_request=r, on=date(2026, 11, 17), backdate_reason="11月17日邮寄签收，未及时登记。"
    )
    assert FoiRequest.objects.get(pk=r.pk).status == "in_progress"


def test_a_lapse_at_the_year_end_counts_in_the_next_year(agency, office, freezer_date):
    freezer_date(date(2026, 12, 15))
    r = in_person(agency, office, date(2026, 12, 15))
    freezer_date(date(2026, 12, 17))
    services.request_supplement(actor=office, foi_request=r, items="请写明年份。", days=10)
    assert clock_for(r).supplement_due.due == date(2026, 12, 31)
    freezer_date(date(2027, 1, 6))
    assert statistics.checked_table3(agency, 2026).counts[("carried_out", "total")] == 1
    assert statistics.checked_table3(agency, 2026).counts[("6.1", "total")] == 0
    next_year = statistics.checked_table3(agency, 2027)
    assert next_year.counts[("6.1", "total")] == 1 and next_year.counts[("carried_in", "total")] == 1


def test_fee_unpaid_closes_20_working_days_after_the_notice_as_6_2(agency, office, freezer_date):
    freezer_date(date(2026, 11, 2))
    r = in_person(agency, office, date(2026, 11, 2))
    services.send_fee_notice(actor=office, foi_request=r, method="per_page", pages=150)
    assert clock_for(r).fee_due.due == date(2026, 11, 30)
    freezer_date(date(2026, 12, 4))
    seen = selectors.request_for_staff(office, r.pk)
    assert (seen.status, seen.outcome, seen.closed_on) == ("closed", "fee_unpaid", date(2026, 12, 1))
    assert statistics.checked_table3(agency, 2026).counts[("6.2", "natural_person")] == 1
    with pytest.raises(InvalidTransition) as exc:
        services.record_payment(actor=office, foi_request=r)
    assert "国办函〔2020〕109号" in exc.value.message
    services.close_lapsed()
    assert r.events.get(kind="fee_lapsed").on == date(2026, 12, 1)


# --- 6. fee reduction or waiver (国办函〔2020〕109号) ----------------------------------------------------
def test_fee_reduced_for_economic_difficulty_on_the_letter_and_in_the_ledger(
    agency, office, freezer_date, staff_client
):
    freezer_date(date(2026, 11, 2))
    r = in_person(agency, office, date(2026, 11, 2))
    with pytest.raises(ValidationFailed) as exc:
        services.send_fee_notice(
            actor=office, foi_request=r, method="per_page", pages=150, relief="reduced", reduced_amount=500
        )
    assert exc.value.field == "relief_reason" and "国办函〔2020〕109号" in exc.value.message
    with pytest.raises(ValidationFailed) as exc:
        services.send_fee_notice(
            actor=office,
            foi_request=r,
            method="per_page",
            pages=150,
            relief="reduced",
            reduced_amount=1700,
            relief_reason="低保户。",
        )
    assert exc.value.field == "reduced_amount"
    assert FoiRequest.objects.get(pk=r.pk).status == "in_progress"
    services.send_fee_notice(
        actor=office,
        foi_request=r,
        method="per_page",
        pages=150,
        relief="reduced",
        reduced_amount=500,
        relief_reason="申请人为城乡低保对象。",
    )
    r.refresh_from_db()
    assert (r.status, r.fee_amount, r.fee_full_amount, r.fee_relief) == (
        "awaiting_payment",
        500,
        1700,
        "reduced",
    )
    notice = letters.notices_for(r)[-1]
    assert "信息处理费500元" in notice["text"] and "应收 1700 元，减收后收取 500 元" in notice["text"]
    assert "申请人为城乡低保对象。" in notice["text"]
    page = staff_client(office).get(f"/office/foi/{r.pk}/").content.decode()
    assert "信息处理费减收" in page and "应收 1700 元，减收后收取 500 元" in page
    assert AuditEvent.objects.get(verb="foi_request.fee_relief").after["reason"] == "申请人为城乡低保对象。"


def test_fee_waived_records_the_reason_without_a_payment_period(agency, office, freezer_date, client, api):
    freezer_date(date(2026, 11, 2))
    r = in_person(agency, office, date(2026, 11, 2))
    response = api(
        f"/{r.pk}/fee-notice",
        {"method": "per_page", "pages": 150, "relief": "waived", "relief_reason": "申请人失业，无力缴费。"},
    )
    assert response.status_code == 200 and response.json()["status"] == "in_progress"
    r.refresh_from_db()
    assert (r.fee_amount, r.fee_full_amount, r.fee_relief) == (0, 1700, "waived")
    assert clock_for(r).fee_due is None
    waiver = letters.notices_for(r, for_applicant=True)[-1]
    assert (
        waiver["title"] == "政府信息公开信息处理费免收告知书" and "申请人失业，无力缴费。" in waiver["text"]
    )
    track = client.get(f"/xxgk/ysqgk/track/{r.tracking_number}/{r.link_token}/").content.decode()
    assert "信息处理费免收" in track and "全部免收" in track


# --- 7. letters -----------------------------------------------------------------------------------
def test_closing_letters_of_the_two_lapses_have_a_complete_body(agency, office, freezer_date):
    freezer_date(date(2026, 11, 2))
    sup, fee = in_person(agency, office, date(2026, 11, 2)), in_person(agency, office, date(2026, 11, 2))
    services.send_fee_notice(actor=office, foi_request=fee, method="per_page", pages=150)
    freezer_date(date(2026, 11, 3))
    services.request_supplement(actor=office, foi_request=sup, items="请写明年份。", days=10)
    freezer_date(date(2026, 12, 10))
    services.close_lapsed()
    sup.refresh_from_db()
    fee.refresh_from_db()
    text = letters.letter_for(sup)["text"]
    assert letters.letter_for(sup)["title"] == "政府信息公开申请不予处理告知书（逾期未补正）"
    assert "于2026年11月3日向您发出补正告知书" in text and "补正期限至2026年11月17日" in text
    assert "第三十条" in text and "自2026年11月18日起不再处理" in text and "行政复议" in text
    text = letters.letter_for(fee)["text"]
    assert "于2026年11月2日向您发出收费通知书" in text and "信息处理费1700元" in text
    assert (
        "缴费期限至2026年11月30日" in text
        and "自2026年12月1日起不再处理" in text
        and "国办函〔2020〕109号" in text
    )


def test_art36_an_answer_saying_see_attachment_needs_an_attachment(agency, office, freezer_date, api):
    freezer_date(date(2026, 11, 2))
    r = in_person(agency, office, date(2026, 11, 2))
    before = snapshot(r)
    with pytest.raises(ValidationFailed) as exc:
        services.answer(actor=office, foi_request=r, outcome="disclosed", text="所申请信息详见附件。")
    assert exc.value.field == "text" and "第三十六条" in exc.value.message
    response = api(f"/{r.pk}/answer", {"outcome": "disclosed", "text": "所申请信息详见附件。"})
    assert response.status_code == 422 and response.json()["title"] == exc.value.message
    assert snapshot(r) == before
    RequestDocument.objects.create(request=r, role=RequestDocument.Role.DISCLOSED, title="名录")
    services.answer(actor=office, foi_request=r, outcome="disclosed", text="所申请信息详见附件。")
    assert FoiRequest.objects.get(pk=r.pk).status == "closed"


def test_a_notice_in_a_provisional_year_says_the_date_is_provisional_and_why(agency, office, freezer_date):
    freezer_date(date(2026, 12, 21))
    r = in_person(agency, office, date(2026, 12, 21))
    freezer_date(date(2026, 12, 22))
    services.request_supplement(actor=office, foi_request=r, items="请写明年份。", days=15)
    notice = [n for n in letters.notices_for(r) if n["kind"] == "supplement_notice"][0]
    assert "（暂定）前" in notice["text"] and notice["provisional"] is True
    assert "涉及2027年" in notice["text"] and "尚未公布" in notice["text"]
    receipt = [n for n in letters.notices_for(r) if n["kind"] == "receipt_acknowledgement"][0]
    assert "（暂定）" in receipt["text"]  # the answer date runs into 2027 too


# --- 8. 受理回执 and 第三方意见征询函 as DOCX ----------------------------------------------------------------
def test_receipt_acknowledgement_and_third_party_letter(agency, office, freezer_date, staff_client, client):
    freezer_date(date(2026, 11, 2))
    r = in_person(agency, office, date(2026, 11, 2))
    freezer_date(date(2026, 11, 3))
    services.start_consultation(
        actor=office, foi_request=r, party="third_party", consultee="福州某制造有限公司"
    )
    receipt, consultation = letters.notices_for(r)
    assert receipt["title"] == "政府信息公开申请受理回执"
    assert (
        "收到申请日期：2026年11月2日（当面提交" in receipt["text"]
        and "答复期限为2026年11月30日" in receipt["text"]
    )
    assert consultation["title"] == "政府信息公开第三方意见征询函"
    assert consultation["text"].startswith("福州某制造有限公司：") and "第三十二条" in consultation["text"]
    assert "2026年11月24日前" in consultation["text"]  # 15 working days after 2026-11-03
    office_client = staff_client(office)
    for notice in (receipt, consultation):
        docx = office_client.get(f"/office/foi/{r.pk}/notices/{notice['event_pk']}/?format=docx")
        assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert office_client.get("/office/foi/templates/third_party_consultation/").status_code == 200
    assert office_client.get("/office/foi/templates/receipt_acknowledgement/").status_code == 200
    client.logout()
    base = f"/xxgk/ysqgk/track/{r.tracking_number}/{r.link_token}/notices/"
    assert client.get(f"{base}{receipt['event_pk']}/").status_code == 200
    assert client.get(f"{base}{consultation['event_pk']}/").status_code == 404  # not the applicant's letter
    agency_consultation = in_person(agency, office, date(2026, 11, 3))
    services.start_consultation(
        actor=office, foi_request=agency_consultation, party="agency", consultee="福建省统计局"
    )
    assert [n["kind"] for n in letters.notices_for(agency_consultation)] == ["receipt_acknowledgement"]


# --- the guard ------------------------------------------------------------------------------------
def test_services_take_an_explicit_actor(agency, office, freezer_date):
    freezer_date(date(2026, 11, 2))
    r = in_person(agency, office, date(2026, 11, 2))
    with pytest.raises(TypeError):
        services.withdraw(actor=None, foi_request=r, note="x")
    services.withdraw(actor=SYSTEM, foi_request=r, note="申请人来电撤回。")
    event = RequestEvent.objects.get(request=r, kind="withdraw")
    assert event.actor is None and event.actor_label == "系统"


def test_backdating_tolerance_from_the_environment_form(settings):
    settings.GONGKAI_FOI_BACKDATE_DAYS = "answer=1, default=5,extend=x"
    assert selectors.backdate_tolerance("answer") == 1
    assert selectors.backdate_tolerance("fee_paid") == 5
    assert selectors.backdate_tolerance("extend") == 0  # unreadable: the default
    settings.GONGKAI_FOI_BACKDATE_DAYS = ""
    assert selectors.backdate_tolerance("confirm_receipt") == 0


def test_a_lapsed_request_reads_closed_in_the_api_and_the_office_before_the_worker(
    agency, office, freezer_date, client, staff_client
):
    freezer_date(date(2026, 11, 2))
    r = in_person(agency, office, date(2026, 11, 2))
    freezer_date(date(2026, 11, 3))
    services.request_supplement(actor=office, foi_request=r, items="请写明年份。", days=10)
    freezer_date(date(2026, 11, 18))  # the legal date itself
    track = client.get(f"/api/v1/requests/track/{r.tracking_number}?token={r.link_token}").json()
    assert (track["status"], track["outcome"]) == ("closed", "supplement_lapsed")
    assert track["clock"]["lapses_on"] == "2026-11-18" and track["clock"]["lapsed"] is True
    page = staff_client(office).get(f"/office/foi/{r.pk}/").content.decode()
    assert "已逾期终止" in page and "自2026-11-18起视为放弃申请" in page
    assert "本机关自2026年11月18日起不再处理该政府信息公开申请" in page  # the closing letter, read-time
    form = staff_client(office).get("/office/foi/templates/supplement_lapsed/").content.decode()
    assert "不予处理告知书（逾期未补正）" in form
    assert FoiRequest.objects.get(pk=r.pk).status == "awaiting_supplement"  # nothing written by reading


def test_art31_office_registration_of_a_letter_received_earlier_needs_a_reason(
    agency, office, freezer_date, staff_client
):
    freezer_date(date(2026, 11, 5))
    client = staff_client(office)
    form = {**application(), "channel": "letter_signed", "received_on": "2026-11-03"}
    refused = client.post("/office/foi/new/", form)
    assert refused.status_code == 400 and FoiRequest.objects.count() == 0
    html = refused.content.decode()
    assert (
        "早于录入之日 2 天，超过允许的 0 天，请填写补录理由" in html
        and "2025年福州市规模以上工业企业名录" in html
    )
    future = client.post("/office/foi/new/", {**form, "received_on": "2026-11-06"})
    assert future.status_code == 400 and "《条例》第三十一条" in future.content.decode()
    done = client.post("/office/foi/new/", {**form, "backdate_reason": "11月3日签收，当日未登记。"})
    assert done.status_code == 302
    r = FoiRequest.objects.get()
    assert (r.received_on, r.status) == (date(2026, 11, 3), "in_progress")
    assert r.events.get(kind="submitted").on == date(2026, 11, 3)  # made by the day it arrived
    assert "11月3日签收" in r.events.get(kind="confirm_receipt").note
