"""From 1 December: warn when next year's holiday schedule has not been entered (W001), as a system
check (`gongkai check`, every start of the server) and as a daily job of `gongkai worker`."""

import logging
from datetime import date, datetime, timedelta

from django.core import checks
from django.db import DatabaseError

from gongkai.core import jobs

logger = logging.getLogger("gongkai.workdays")


def next_year_messages(today: date) -> list[checks.CheckMessage]:
    from .selectors import next_year_warning

    try:
        text = next_year_warning(today)
    except DatabaseError:  # before `migrate` there is no table to ask
        return []
    if text is None:
        return []
    return [
        checks.Warning(
            text,
            hint=f"在工作台“工作日历 › {today.year + 1}年”录入，或用“gongkai workdays --help”查看命令。",
            id="workdays.W001",
        )
    ]


def check_next_year_announced(app_configs=None, **kwargs):
    from .selectors import legal_today

    return next_year_messages(legal_today())


@jobs.register("workdays.next_year_warning", every=timedelta(days=1))
def warn_next_year(now: datetime) -> str | None:
    from .selectors import legal_date

    messages = next_year_messages(legal_date(now))
    for message in messages:
        logger.warning("%s (%s)", message.msg, message.id)
    return messages[0].msg if messages else None
