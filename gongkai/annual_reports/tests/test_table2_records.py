"""Table 二: 行政许可 / 行政处罚 / 行政强制 counted from the enforcement decisions of the year; a typed
figure replaces the computed one and is marked as entered by hand with who and when (issue 13)."""

from datetime import date

import pytest

from gongkai.annual_reports import services, tables
from gongkai.enforcement import services as enforcement

pytestmark = pytest.mark.django_db


def _decision(actor, agency, kind, number, decided_on=date(2025, 6, 2)):
    return enforcement.create_decision(
        actor=actor,
        agency=agency,
        kind=kind,
        document_number=number,
        title="统计违法案",
        party_type="organisation",
        party_name="福州某公司",
        facts="迟报统计资料",
        basis="《中华人民共和国统计法》第四十五条",
        outcome="警告",
        decided_on=decided_on,
    )


def test_decision_counts_come_from_the_records_of_the_year(office_user, agency):
    for n, kind in enumerate(("penalty", "penalty", "licensing", "coercion", "inspection")):
        _decision(office_user, agency, kind, f"2025-{n}")
    _decision(office_user, agency, "penalty", "2024-1", decided_on=date(2024, 12, 31))
    report = services.create_report(
        actor=office_user, year=2025, rules_issued=0, rules_repealed=0, rules_in_force=0
    )
    t2 = tables.compute_table2(report)
    assert (t2["licensing"], t2["penalty"], t2["coercion"]) == (1, 2, 1)
    shown = tables.display(
        {
            "table2": t2,
            "table3": {"header": [], "rows": [], "columns": ["x", "total"]},
            "table4": {k: {} for k in ("review", "suit_direct", "suit_after_review")},
        }
    )
    assert shown["table2_decisions"] == [("行政许可", 1), ("行政处罚", 2), ("行政强制", 1)]
    assert shown["table2_marks"]["penalty"] == "由平台执法决定记录计算"
    # The fee is not known from the records (no published guides): it must be typed.
    with pytest.raises(tables.TableCheckFailed, match="行政事业性收费"):
        tables.check_table2(report)


def test_a_typed_figure_wins_and_is_marked_with_who_and_when(office_user, agency):
    _decision(office_user, agency, "penalty", "2025-1")
    report = services.create_report(actor=office_user, year=2025)
    report = services.update_report(actor=office_user, report=report, penalty_decisions=7)
    t2 = tables.compute_table2(report)
    assert t2["penalty"] == 7
    assert t2["sources"]["penalty"]["source"] == "manual"
    assert t2["sources"]["penalty"]["by"] == "林晓"
    assert tables._mark("penalty", t2["sources"]["penalty"]).startswith("手工填写（林晓，20")
    # Clearing the typed figure goes back to the records.
    report = services.update_report(actor=office_user, report=report, penalty_decisions=None)
    assert tables.compute_table2(report)["penalty"] == 1
    assert "penalty_decisions" not in report.manual_entries
