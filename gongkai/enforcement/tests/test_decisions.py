"""Decisions through the workflow: due dates, lateness, masking, the 3-day withdrawal."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from gongkai.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from gongkai.enforcement import clock, masking, selectors, services
from gongkai.enforcement.models import Decision
from gongkai.publishing import services as publishing
from gongkai.publishing.selectors import workflow_for

from .conftest import VALID_ID

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def test_penalty_due_in_7_working_days_licensing_too_coercion_in_20(make_decision):
    assert make_decision().due_on == date(2026, 11, 11)
    assert make_decision(kind="licensing", document_number="x2").due_on == date(2026, 11, 11)
    assert make_decision(kind="coercion", document_number="x3").due_on == date(2026, 11, 30)


def test_published_through_the_workflow_and_lateness_recorded(make_decision, office_user, publish):
    from gongkai.workdays.selectors import legal_date, load_calendar

    decision = make_decision()
    publish(decision, author=office_user)
    assert decision.status == "published"
    assert decision.late_by_days == clock.late_by(
        decision.due_on, legal_date(decision.published_at), load_calendar()
    )
    assert selectors.public_decisions(decision.agency).get() == decision


def test_individuals_name_and_id_number_are_masked_through_the_scan(make_decision):
    decision = make_decision(
        party_type="individual",
        party_name="张三丰",
        party_id_number=VALID_ID,
        facts=f"张三丰（身份证号 {VALID_ID}，手机 13912345678）拒绝提供统计资料。",
    )
    texts = masking.public_texts(decision)
    assert texts["party"] == "张**"
    assert texts["identifier"] == "110105********002X"
    assert texts["facts"] == "张**（身份证号 110105********002X，手机 139****5678）拒绝提供统计资料。"


def test_the_scan_of_a_masked_decision_finds_no_personal_data(make_decision, office_user):
    decision = make_decision(
        party_type="individual",
        party_name="李四",
        party_id_number=VALID_ID,
        facts=f"李四，身份证号 {VALID_ID}。",
    )
    from gongkai.publishing import scanning

    workflow = publishing.submit(actor=office_user, workflow=workflow_for(decision))
    report = scanning.latest_report(workflow)
    assert report is not None
    assert [f.kind for f in report.findings.all() if f.kind == "resident_id"] == []
    assert scanning.blocking(report) == []


def test_changed_penalty_must_be_withdrawn_in_3_working_days_with_reason(make_decision, office_user, publish):
    decision = make_decision()
    publish(decision, author=office_user)
    decision = services.mark_changed(
        actor=office_user,
        decision=decision,
        change_kind="revoked",
        changed_on=date(2026, 11, 27),
        reason="行政复议决定撤销原处罚决定",
    )
    assert decision.withdraw_due_on == date(2026, 12, 2)  # Friday 27 → Wednesday 2 December
    assert selectors.withdrawals_due(office_user).get() == decision
    publishing.withdraw(
        actor=office_user, workflow=workflow_for(decision), reason="行政复议决定撤销原处罚决定"
    )
    decision.refresh_from_db()
    assert decision.status == "withdrawn" and decision.withdrawn_at is not None
    assert not selectors.withdrawals_due(office_user).exists()
    assert selectors.withdrawn_decisions(decision.agency).get().change_reason == "行政复议决定撤销原处罚决定"


def test_withdrawal_without_a_reason_is_refused_naming_art_48_and_nothing_changes(
    make_decision, office_user, publish
):
    decision = make_decision()
    publish(decision, author=office_user)
    with pytest.raises(ValidationFailed, match="第四十八条"):
        services.mark_changed(
            actor=office_user,
            decision=decision,
            change_kind="revoked",
            changed_on=date(2026, 11, 27),
            reason="  ",
        )
    decision.refresh_from_db()
    assert (decision.changed_on, decision.withdraw_due_on, decision.change_reason) == (None, None, "")


def test_a_draft_decision_cannot_be_marked_changed(make_decision, office_user):
    decision = make_decision()
    with pytest.raises(InvalidTransition):
        services.mark_changed(
            actor=office_user,
            decision=decision,
            change_kind="revoked",
            changed_on=date(2026, 11, 27),
            reason="撤销",
        )


def test_a_supervisor_cannot_register_a_decision(make_user, agency):
    from gongkai.accounts.roles import Role

    with pytest.raises(PermissionDenied):
        services.create_decision(
            actor=make_user(Role.SUPERVISOR),
            agency=agency,
            kind="penalty",
            document_number="1",
            title="t",
            party_type="organisation",
            party_name="p",
            facts="f",
            basis="b",
            outcome="o",
            decided_on=date(2026, 11, 2),
        )
    assert not Decision.objects.exists()


def test_decision_counts_for_table_two(make_decision):
    make_decision()
    make_decision(document_number="2", kind="licensing")
    make_decision(document_number="3", kind="coercion")
    make_decision(document_number="4", kind="penalty", decided_on=date(2025, 12, 31))
    agency = Decision.objects.first().agency
    assert selectors.decision_counts(agency, 2026) == {"licensing": 1, "penalty": 1, "coercion": 1}
    assert selectors.decision_counts(agency, 2025) == {"licensing": 0, "penalty": 1, "coercion": 0}


# --- 统计严重失信企业 ---------------------------------------------------------------------------------
def _listing(office_user, agency):
    from .conftest import VALID_USCC

    return services.register_listing(
        actor=office_user,
        agency=agency,
        enterprise_name="福州某某统计失信企业有限公司",
        credit_code=VALID_USCC,
        decision_number="榕统信〔2026〕1号",
        decided_on=date(2026, 9, 30),
        facts="虚报统计资料，情节严重",
        basis="《统计严重失信企业信用管理办法》",
    )


def test_listing_shown_one_year_and_gone_at_its_minute_read_time(office_user, agency):
    listing = _listing(office_user, agency)
    assert listing.listing_due_on == date(2026, 11, 3)
    listed_at = datetime(2026, 10, 20, 9, 0, tzinfo=SH)
    listing = services.publish_listing(actor=office_user, listing=listing, at=listed_at)
    assert listing.late_by_days == 0
    end = datetime(2027, 10, 20, 9, 0, tzinfo=SH)
    assert listing.ends_at == end
    assert list(selectors.public_listings(agency, now=end - timedelta(minutes=1))) == [listing]
    assert list(selectors.public_listings(agency, now=end)) == []


def test_early_removal_before_6_months_refused_then_allowed(office_user, agency):
    listing = _listing(office_user, agency)
    listed_at = datetime(2026, 3, 31, 9, 0, tzinfo=SH)
    listing = services.publish_listing(actor=office_user, listing=listing, at=listed_at)
    with pytest.raises(InvalidTransition, match="满 6 个月"):
        services.remove_early(
            actor=office_user,
            listing=listing,
            reason="已完成信用修复",
            at=datetime(2026, 9, 30, 8, 59, tzinfo=SH),
        )
    listing.refresh_from_db()
    assert listing.removed_at is None
    services.remove_early(
        actor=office_user, listing=listing, reason="已完成信用修复", at=datetime(2026, 9, 30, 9, 0, tzinfo=SH)
    )
    assert list(selectors.public_listings(agency, now=datetime(2026, 9, 30, 9, 1, tzinfo=SH))) == []


def test_false_rectification_extends_to_two_years_and_bars_early_removal(office_user, agency):
    listing = _listing(office_user, agency)
    listing = services.publish_listing(
        actor=office_user, listing=listing, at=datetime(2026, 10, 20, 9, 0, tzinfo=SH)
    )
    listing = services.extend_listing(actor=office_user, listing=listing, reason="虚假整改")
    assert listing.ends_at == datetime(2028, 10, 20, 9, 0, tzinfo=SH)
    with pytest.raises(InvalidTransition, match="2 年"):
        services.remove_early(
            actor=office_user, listing=listing, reason="x", at=datetime(2027, 6, 1, tzinfo=SH)
        )
