"""The assessment (绩效考核): the scheme's openness share floor (seed 六(二)), deductions with evidence,
periods, points, and — on the demo — every figure of the board drills down to records that add up to it."""

from datetime import date
from decimal import Decimal

import pytest

from gongkai.accounts.roles import Role
from gongkai.assessment import measures, scoring
from gongkai.assessment.models import Deduction, Scheme
from gongkai.assessment.services import record_deduction, save_scheme
from gongkai.core.errors import PermissionDenied, ValidationFailed


def _scheme(agency, actor, share):
    return save_scheme(
        actor=actor, agency=agency, openness_share=share, period="year", weights={}, targets={}
    )


@pytest.mark.django_db
def test_openness_share_below_four_percent_is_refused_with_the_reason(agency, make_user):
    """六(二)：政务公开工作分值权重不低于绩效考核总分值的 4%."""
    office = make_user(Role.OPENNESS_OFFICE)
    with pytest.raises(ValidationFailed) as refused:
        _scheme(agency, office, "3.99")
    assert "不得低于 4%" in refused.value.message and "六(二)" in refused.value.message
    assert refused.value.field == "openness_share"
    assert not Scheme.objects.exists()
    scheme = _scheme(agency, office, "4")
    assert scheme.openness_share == Decimal("4") and scheme.weights["items_on_time"] == "15"
    with pytest.raises(ValidationFailed):
        _scheme(agency, office, "3")
    scheme.refresh_from_db()
    assert scheme.openness_share == Decimal("4.00")  # nothing changed on refusal


@pytest.mark.django_db
def test_office_form_shows_the_refusal_beside_the_field_keeping_what_was_typed(client, agency, make_user):
    client.force_login(make_user(Role.OPENNESS_OFFICE))
    data = {"openness_share": "3.5", "period": "quarter"}
    for m in measures.MEASURES:
        data[f"weight_{m.code}"], data[f"target_{m.code}"] = "20", "90"
    body = client.post("/office/assessment/scheme/", data).content.decode()
    assert "不得低于 4%" in body and 'value="3.5"' in body
    assert not Scheme.objects.exists()
    data["openness_share"] = "6"
    assert client.post("/office/assessment/scheme/", data).status_code == 302
    assert Scheme.objects.get().openness_share == Decimal("6.00")


@pytest.mark.django_db
def test_supervisor_reads_the_board_but_cannot_change_the_scheme(client, agency, make_user):
    supervisor = make_user(Role.SUPERVISOR)
    with pytest.raises(PermissionDenied):
        _scheme(agency, supervisor, "5")
    client.force_login(supervisor)
    assert client.get("/office/assessment/scores/?period=2026Q1").status_code == 200
    assert client.get("/office/assessment/scheme/").status_code == 403


@pytest.mark.django_db
def test_deductions_need_evidence_and_lower_the_score(agency, make_user, department):
    office = make_user(Role.OPENNESS_OFFICE)
    kwargs = dict(actor=office, agency=agency, department=department, found_on=date(2026, 2, 3), points="2.5")
    with pytest.raises(ValidationFailed) as refused:
        record_deduction(**kwargs, reason="栏目空白", evidence=" ")
    assert refused.value.field == "evidence" and not Deduction.objects.exists()
    record_deduction(**kwargs, reason="栏目空白", evidence="截图：/zcjd/ 2026-02-03")
    ranked, whole, _ = scoring.scoreboard(agency, measures.parse_period("2026Q1"))
    line = next(ln for ln in ranked if ln.key == str(department.pk))
    assert line.deducted == Decimal("2.5") and line.score == Decimal("97.50")  # nothing to judge: full 100
    assert whole.score == Decimal("97.50")
    assert scoring.scoreboard(agency, measures.parse_period("2026Q2"))[1].score == Decimal("100.00")


def test_periods_and_points():
    q4 = measures.parse_period("2026q4")
    assert (q4.start, q4.end, q4.label) == (date(2026, 10, 1), date(2026, 12, 31), "2026 年第 4 季度")
    assert measures.parse_period("2026Q1").end == date(2026, 3, 31)
    assert measures.parse_period("2026").end == date(2026, 12, 31)
    assert measures.parse_period("2026Q5") is None and measures.parse_period("abc") is None
    cell = scoring.Cell(met=9, total=10)
    assert scoring.points(cell, Decimal("20"), Decimal("90")) == Decimal("20")
    assert scoring.points(cell, Decimal("20"), Decimal("100")) == Decimal("18.00")
    assert scoring.points(scoring.Cell(), Decimal("20"), Decimal("100")) == Decimal("20")


@pytest.mark.django_db
def test_office_home_lists_the_measures_off_track_now(client, agency, make_user):
    """Dashboard panel: a measure below its target in the current period, with a link to its records."""
    from datetime import timedelta

    from django.utils import timezone

    from gongkai.public_messages.models import Message

    office = make_user(Role.OPENNESS_OFFICE)
    now = timezone.now()
    Message.objects.create(
        agency=agency,
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
    client.force_login(office)
    body = client.get("/office/").content.decode()
    assert "绩效考核未达标" in body and "留言按期答复：0.0%（达标线 95%）" in body
    assert "1 条未达标" in body
