from datetime import date

import pytest

from gongkai.annual_reports.deadlines import due_date, years_to_remind


@pytest.mark.parametrize(
    ("year", "due"),
    [(2025, date(2026, 1, 31)), (2026, date(2027, 1, 31)), (2008, date(2009, 1, 31))],
)
def test_the_report_on_a_year_is_due_on_31_january_of_the_next(year, due):
    # 条例 Art. 49: 每年1月31日前 the report on the previous year.
    assert due_date(year) == due


def test_no_reminder_in_the_autumn_once_last_years_report_is_published():
    assert years_to_remind(date(2026, 11, 30), {2025}) == []


def test_reminder_from_six_weeks_before_the_due_date():
    assert years_to_remind(date(2026, 12, 19), {2025}) == []
    assert years_to_remind(date(2026, 12, 20), {2025}) == [(2026, date(2027, 1, 31), False)]


def test_an_unpublished_report_is_overdue_the_day_after_31_january():
    assert years_to_remind(date(2026, 1, 31), set()) == [(2025, date(2026, 1, 31), False)]
    assert years_to_remind(date(2026, 2, 1), set()) == [(2025, date(2026, 1, 31), True)]


@pytest.mark.django_db
def test_office_panel_reminds_of_last_years_report_until_it_is_published(
    office_user, drafter, make_report, publish, monkeypatch
):
    from django.utils import timezone

    from gongkai.annual_reports.panels import annual_report_panels

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 2, 2))
    (panel,) = annual_report_panels(office_user)
    assert panel.items == [
        ("2025年政府信息公开工作年度报告已逾期", "/office/annual-reports/", "应于 2026-01-31 前发布")
    ]
    assert annual_report_panels(drafter) == []
    publish(make_report(2025))
    assert annual_report_panels(office_user) == []
