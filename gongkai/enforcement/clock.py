"""The clocks of enforcement publicity and of the dishonesty listing (pure: dates and a calendar in,
dates out; no ORM, no settings, no now()). Periods follow 民法典 Art. 201 through workdays.calculator.
"""

import calendar as _calendar
from datetime import date, datetime

from gongkai.workdays.calculator import WorkCalendar, add_working_days, working_days_between

# 国办发〔2018〕118号 二(四)“及时公开执法决定”: 行政许可、行政处罚的执法决定信息要在执法决定
# 作出之日起 7 个工作日内公开，其他行政执法决定信息要在 20 个工作日内公开.
LICENSING_PENALTY_PUBLICATION_DAYS = 7
OTHER_DECISION_PUBLICATION_DAYS = 20
# 《行政处罚法》第四十八条第二款: 公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，
# 行政机关应当在三日内撤回行政处罚决定信息并公开说明理由; 第八十五条: “三日”指工作日.
WITHDRAWAL_DAYS = 3
# “双随机、一公开” (国办发〔2015〕58号; 国发〔2019〕5号): 抽查检查结果自检查完成之日起 20 个工作日内公示.
INSPECTION_RESULT_DAYS = 20
# 《统计严重失信企业信用管理办法》(国统字〔2019〕33号): 认定之日起 20 个工作日内公示; 公示期 1 年;
# 公示满 6 个月后可申请提前移出; 虚假整改或再次被认定为统计严重失信企业的，公示期为 2 年.
DISHONESTY_LISTING_DAYS = 20
DISHONESTY_SHOWN_MONTHS = 12
DISHONESTY_EARLY_REMOVAL_MONTHS = 6
DISHONESTY_AGGRAVATED_MONTHS = 24

LICENSING_AND_PENALTY = ("licensing", "penalty")
# Days before a due date from which the office panels warn.
DUE_SOON_WORKING_DAYS = 2


def publication_days(kind: str) -> int:
    return (
        LICENSING_PENALTY_PUBLICATION_DAYS
        if kind in LICENSING_AND_PENALTY
        else OTHER_DECISION_PUBLICATION_DAYS
    )


def decision_due_on(kind: str, decided_on: date, cal: WorkCalendar) -> date:
    """The last day to publish a decision of `kind` made on `decided_on` (7 or 20 working days)."""
    return add_working_days(decided_on, publication_days(kind), cal).due


def withdrawal_due_on(changed_on: date, cal: WorkCalendar) -> date:
    """The last day to withdraw a published decision changed, revoked or annulled on `changed_on`."""
    return add_working_days(changed_on, WITHDRAWAL_DAYS, cal).due


def inspection_results_due_on(completed_on: date, cal: WorkCalendar) -> date:
    return add_working_days(completed_on, INSPECTION_RESULT_DAYS, cal).due


def dishonesty_listing_due_on(decided_on: date, cal: WorkCalendar) -> date:
    return add_working_days(decided_on, DISHONESTY_LISTING_DAYS, cal).due


def late_by(due_on: date, done_on: date, cal: WorkCalendar) -> int:
    """Working days after `due_on` up to `done_on` (0 when on time; at least 1 when after the day)."""
    if done_on <= due_on:
        return 0
    return max(working_days_between(due_on, done_on, cal).working_days, 1)


def add_months(moment: datetime | date, months: int):
    """The same day and time `months` later; the 29th-31st fall back to the month's last day."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, _calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def listing_ends_at(listed_at: datetime, *, aggravated: bool) -> datetime:
    """The minute a listing leaves the public list: 1 year after it began, 2 years when aggravated."""
    return add_months(listed_at, DISHONESTY_AGGRAVATED_MONTHS if aggravated else DISHONESTY_SHOWN_MONTHS)


def earliest_early_removal_at(listed_at: datetime) -> datetime:
    """Early removal on application is possible only once 6 months of publicity have passed."""
    return add_months(listed_at, DISHONESTY_EARLY_REMOVAL_MONTHS)
