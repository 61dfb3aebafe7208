"""The periodic clock job: lapses (Art. 30, fee rule) and reminders before the answer date."""

import logging
from datetime import datetime, timedelta

from gongkai.core import jobs
from gongkai.workdays.selectors import legal_date

from . import services

logger = logging.getLogger("gongkai.foi_requests")


@jobs.register("foi_requests.clock", every=timedelta(hours=1))
def run_clock(now: datetime) -> dict:
    result = services.close_lapsed(legal_date(now))
    reminders = services.record_reminders(legal_date(now))
    for reminder in reminders:
        logger.warning("依申请公开期限提醒：%s", reminder.message)
    result["reminders"] = len(reminders)
    return result
