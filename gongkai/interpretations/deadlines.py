"""When an interpretation is due (pure date maths; the calendar comes from the workdays app).

国办发〔2016〕80号 requires policy and interpretation to be prepared, approved and released together
(三同步); an interpretation published after its policy is due within a local limit of working days
(GONGKAI_INTERPRETATION_DEADLINE_DAYS, default 3 — a local rule, not a statutory figure).
"""

from datetime import date, datetime

from django.utils import timezone

from gongkai.catalogue.deadlines import add_working_days, late_by_days

DEFAULT_DEADLINE_DAYS = 3


def deadline_days(agency=None) -> int:
    """The agency's rule (core.agency_settings; platform default GONGKAI_INTERPRETATION_DEADLINE_DAYS)."""
    from gongkai.core import agency_settings

    return agency_settings.value("interpretation_deadline_days", agency)


def due_on_for(policy_published_on: date, days: int | None = None) -> date:
    """The last day for an interpretation of a policy published on `policy_published_on`."""
    return add_working_days(policy_published_on, deadline_days() if days is None else days)


def timing_of(
    *, policy_at: datetime | None, interpretation_at: datetime, days: int | None = None
) -> tuple[str, date | None, int | None]:
    """(timing, due_on, late_by_days) of an interpretation public at `interpretation_at`.

    With the policy (same minute or before it, or the policy not yet public) → "with_policy".
    Afterwards → due within `days` working days of the policy's (local) publication day.
    """
    if policy_at is None or interpretation_at <= policy_at:
        return "with_policy", None, None
    due_on = due_on_for(timezone.localdate(policy_at), days)
    late = late_by_days(due_on, timezone.localdate(interpretation_at))
    return ("late" if late else "on_time"), due_on, late
