from datetime import date

import pytest

from gongkai.accounts.guard import SYSTEM
from gongkai.core.errors import Conflict, PermissionDenied, ValidationFailed
from gongkai.core.models import AuditEvent
from gongkai.workdays import package_data, selectors, services
from gongkai.workdays.demo import load_holidays
from gongkai.workdays.models import HolidayYear, SpecialDay

D = date.fromisoformat
pytestmark = pytest.mark.django_db

SCHEDULE_2027 = """2027-01-01~2027-01-03, 休, 元旦
2027-02-05~2027-02-11, 休, 春节
2027-02-20, 班, 春节
"""


def test_selectors_fall_back_to_the_package_before_seeding():
    assert HolidayYear.objects.count() == 0
    assert selectors.add_working_days(D("2026-09-19"), 20).due == D("2026-10-22")
    assert selectors.is_year_announced(2026) is True
    assert selectors.is_year_announced(2027) is False


def test_seed_writes_2004_to_2026_once():
    written = services.seed_from_package(actor=SYSTEM)
    assert written == list(range(2004, 2027))
    assert HolidayYear.objects.filter(status="announced").count() == 23
    assert SpecialDay.objects.filter(date__year=2026, kind="makeup_workday").count() == 6
    assert HolidayYear.objects.get(year=2026).source_note.startswith(
        "国务院办公厅关于2026年部分节假日安排的通知"
    )
    events = AuditEvent.objects.filter(verb="workdays.year_seeded").count()
    assert services.seed_from_package(actor=SYSTEM) == []
    assert SpecialDay.objects.count() == 621 + 150
    assert AuditEvent.objects.filter(verb="workdays.year_seeded").count() == events == 23
    assert selectors.add_working_days(D("2026-02-10"), 20).due == D("2026-03-16")


def test_demo_loader_is_idempotent(agency):
    load_holidays(agency=agency, users={})
    load_holidays(agency=agency, users={})
    assert HolidayYear.objects.count() == 23


def test_only_administrators_may_edit(make_user):
    drafter = make_user("drafter")
    with pytest.raises(PermissionDenied):
        services.add_special_day(actor=drafter, on=D("2027-01-01"), kind="statutory_holiday", name="元旦")
    with pytest.raises(PermissionDenied):
        services.seed_from_package(actor=drafter)
    assert HolidayYear.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_adding_a_day_to_a_package_year_keeps_the_rest_of_that_year(admin_user):
    services.add_special_day(actor=admin_user, on=D("2026-12-31"), kind="statutory_holiday", name="测试")
    package_2026 = package_data.schedules()[2026]
    expected = len(package_2026["holidays"]) + len(package_2026["makeup_days"]) + 1
    assert SpecialDay.objects.filter(date__year=2026).count() == expected == 40
    assert selectors.add_working_days(D("2026-09-19"), 20).due == D("2026-10-22")


def test_admin_enters_next_year_and_deadlines_stop_being_provisional(admin_user):
    before = selectors.add_working_days(D("2027-01-29"), 10)
    assert before.provisional is True
    row = services.import_year_schedule(actor=admin_user, year=2027, text=SCHEDULE_2027)
    assert row.status == "provisional"
    entered = selectors.add_working_days(D("2027-01-29"), 10)
    assert entered.provisional is True  # entered but not yet announced
    # 02-01..02-04 (4), 02-05..02-11 off, 02-12 (5), 02-15..02-19 (10)
    assert entered.due == D("2027-02-19")
    services.mark_year_announced(
        actor=admin_user, year=2027, source_note="国务院办公厅关于2027年部分节假日安排的通知"
    )
    after = selectors.add_working_days(D("2027-01-29"), 10)
    assert after.provisional is False
    assert after.due == D("2027-02-19")
    assert selectors.add_working_days(D("2027-02-19"), 1).due == D("2027-02-20")  # make-up Saturday
    verbs = list(AuditEvent.objects.order_by("id").values_list("verb", flat=True))
    assert verbs == ["workdays.year_imported", "workdays.year_announced"]
    event = AuditEvent.objects.get(verb="workdays.year_announced")
    assert event.agency_id is None  # national: belongs to no agency, shown to every agency
    assert event.after["status"] == "announced"


def test_add_and_remove_a_day_is_audited(admin_user):
    day = services.add_special_day(actor=admin_user, on=D("2027-02-20"), kind="makeup_workday", name="春节")
    assert selectors.is_working_day(D("2027-02-20")) is True
    services.remove_special_day(actor=admin_user, day_id=day.pk)
    assert selectors.is_working_day(D("2027-02-20")) is False
    assert list(AuditEvent.objects.order_by("id").values_list("verb", flat=True)) == [
        "workdays.day_added",
        "workdays.day_removed",
    ]


@pytest.mark.parametrize(
    "kwargs,error,field",
    [
        (
            {"on": D("2027-02-22"), "kind": "makeup_workday", "name": "春节"},
            ValidationFailed,
            "date",
        ),  # a Monday
        ({"on": D("2027-02-20"), "kind": "holiday", "name": "春节"}, ValidationFailed, "kind"),
        ({"on": D("2027-02-20"), "kind": "makeup_workday", "name": " "}, ValidationFailed, "name"),
    ],
)
def test_add_day_validation(admin_user, kwargs, error, field):
    with pytest.raises(error) as exc:
        services.add_special_day(actor=admin_user, **kwargs)
    assert exc.value.field == field


def test_duplicate_day_is_a_conflict(admin_user):
    services.add_special_day(actor=admin_user, on=D("2027-02-20"), kind="makeup_workday", name="春节")
    with pytest.raises(Conflict, match="已登记为“春节（调休上班）”"):
        services.add_special_day(actor=admin_user, on=D("2027-02-20"), kind="statutory_holiday", name="春节")


def test_cannot_announce_an_empty_year_or_without_source(admin_user):
    with pytest.raises(ValidationFailed, match="尚未录入"):
        services.mark_year_announced(actor=admin_user, year=2027, source_note="某通知")
    with pytest.raises(ValidationFailed, match="请填写依据"):
        services.mark_year_announced(actor=admin_user, year=2027, source_note="  ")


def test_legal_date_of_a_friday_evening_receipt():
    from datetime import UTC, datetime

    friday_evening = datetime(2026, 9, 18, 12, 30, tzinfo=UTC)  # 20:30 in Beijing, Friday
    after_midnight = datetime(2026, 9, 18, 17, 0, tzinfo=UTC)  # 01:00 Saturday in Beijing
    assert selectors.legal_date(friday_evening) == D("2026-09-18")
    assert selectors.legal_date(after_midnight) == D("2026-09-19")
    # Friday evening: counting starts on Saturday 09-19, a rest day, so the 20th working day is the same
    # as for a Saturday receipt; the make-up Sunday 09-20 is day 1 either way
    assert selectors.add_working_days(selectors.legal_date(friday_evening), 20).due == D("2026-10-22")
    assert selectors.add_working_days(selectors.legal_date(after_midnight), 20).due == D("2026-10-22")
