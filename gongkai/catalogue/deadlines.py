"""条例 Art. 26: proactive information is published within 20 working days of being formed or changed.

The bureau may set a stricter limit (GONGKAI_PUBLICATION_DEADLINE_DAYS). Working days come from the
workdays app (the holiday and 调休 table).
"""

from datetime import date

# 《政府信息公开条例》第二十六条: 自该政府信息形成或者变更之日起 20 个工作日内予以公开。
STATUTORY_PUBLICATION_DAYS = 20
# Office lists: an unpublished item is "due soon" within this many working days of its due date.
DUE_SOON_WORKING_DAYS = 5


def publication_days(agency=None) -> int:
    """The agency's publication limit (core.agency_settings; platform default GONGKAI_PUBLICATION_DEADLINE_DAYS)."""
    from gongkai.core import agency_settings

    days = agency_settings.value("publication_deadline_days", agency)
    return min(days, STATUTORY_PUBLICATION_DAYS)  # a local rule may be stricter, never looser


def add_working_days(start: date, n: int) -> date:
    from gongkai.workdays.selectors import add_working_days as add

    result = add(start, n)
    return getattr(result, "due", result)


def due_on_for(formed_on: date) -> date:
    return add_working_days(formed_on, publication_days())


def late_by_days(due_on: date | None, published_on: date) -> int:
    """Working days after `due_on` up to `published_on`; at least 1 when published after the due day
    (publishing on a weekend after a Friday deadline is still late)."""
    if due_on is None or published_on <= due_on:
        return 0
    count = 0
    while add_working_days(due_on, count + 1) <= published_on:
        count += 1
    return max(count, 1)
