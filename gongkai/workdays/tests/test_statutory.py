"""Provisional years: 全国年节及纪念日放假办法 (2024 revision) Art. 2 computed, Art. 6 applied."""

from datetime import date

import chinese_calendar
import pytest
from lunardate import LunarDate

from gongkai.workdays.statutory import provisional_holidays, qingming, statutory_days

D = date.fromisoformat


def test_spring_festival_2027_starts_on_chuxi_the_29th_of_the_12th_month():
    # 2026's 12th lunar month has 29 days: 除夕 is 腊月二十九
    assert LunarDate(2027, 1, 1).to_solar_date() == D("2027-02-06")
    assert LunarDate.from_solar_date(2027, 2, 5) == LunarDate(2026, 12, 29)
    spring = [day for day, name in statutory_days(2027) if name == "春节"]
    assert spring == [D("2027-02-05"), D("2027-02-06"), D("2027-02-07"), D("2027-02-08")]


def test_chuxi_on_the_30th_of_a_long_12th_month():
    # 2024: 除夕 2024-02-09 is 腊月三十 (a 30-day 12th month)
    assert LunarDate.from_solar_date(2024, 2, 9) == LunarDate(2023, 12, 30)
    assert [day for day, name in statutory_days(2024) if name == "春节"][0] == D("2024-02-09")


def test_all_statutory_days_of_2027():
    assert statutory_days(2027) == (
        (D("2027-01-01"), "元旦"),
        (D("2027-02-05"), "春节"),
        (D("2027-02-06"), "春节"),
        (D("2027-02-07"), "春节"),
        (D("2027-02-08"), "春节"),
        (D("2027-04-05"), "清明节"),
        (D("2027-05-01"), "劳动节"),
        (D("2027-05-02"), "劳动节"),
        (D("2027-06-09"), "端午节"),
        (D("2027-09-15"), "中秋节"),
        (D("2027-10-01"), "国庆节"),
        (D("2027-10-02"), "国庆节"),
        (D("2027-10-03"), "国庆节"),
    )


def test_art6_compensates_weekend_holidays_on_the_next_free_weekday_2027():
    computed = provisional_holidays(2027)
    compensation = {day: name for day, name in computed.items() if "补假" in name}
    assert compensation == {
        D("2027-02-09"): "春节（补假）",
        D("2027-02-10"): "春节（补假）",  # 初一 Sat, 初二 Sun
        D("2027-05-03"): "劳动节（补假）",
        D("2027-05-04"): "劳动节（补假）",  # 05-01 Sat, 05-02 Sun
        D("2027-10-04"): "国庆节（补假）",
        D("2027-10-05"): "国庆节（补假）",  # 10-02 Sat, 10-03 Sun
    }


def test_art6_as_practised_new_year_on_saturday_2022_gets_monday_off():
    assert provisional_holidays(2022)[D("2022-01-03")] == "元旦（补假）"
    assert D("2022-01-03") in chinese_calendar.holidays  # what the State Council actually did


def test_mid_autumn_on_a_national_day_is_compensated_too_2028():
    computed = provisional_holidays(2028)
    assert computed[D("2028-10-03")] == "中秋节、国庆节"
    # 10-01 is a Sunday and 10-03 carries two holidays: two compensating days
    assert computed[D("2028-10-04")] == "国庆节（补假）"
    assert computed[D("2028-10-05")] == "国庆节（补假）"


@pytest.mark.parametrize("year", range(2020, 2027))
def test_statutory_core_days_are_holidays_in_the_announced_schedules(year):
    for day, name in statutory_days(year):
        if name == "春节" and year < 2025 and day == statutory_days(year)[1][0]:
            # 除夕 became statutory with the 2024 revision (in force 2025); 2024-02-09 was a working day
            continue
        assert day in chinese_calendar.holidays, (year, day, name)


@pytest.mark.parametrize("year", range(2004, 2027))
def test_qingming_is_the_solar_term(year):
    assert qingming(year) in {D(f"{year}-04-04"), D(f"{year}-04-05"), D(f"{year}-04-06")}
    if year >= 2008:  # 清明 a public holiday since 2008
        assert qingming(year) in chinese_calendar.holidays


def test_computed_holidays_are_read_only():
    with pytest.raises(TypeError):
        provisional_holidays(2027)[D("2027-03-01")] = "x"
