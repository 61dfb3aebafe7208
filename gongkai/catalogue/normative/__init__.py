"""规范性文件 (normative documents) as one package: `services` (profiles, status changes, cleanup
campaigns, the expiry reminders), `selectors`, `forms`, `jobs` (the reminder job, the work panel) and
`views` (`office`, `portal`). The models stay in `catalogue.models`.

The services are re-exported here: `from gongkai.catalogue import normative; normative.decide(…)`.
"""

from .services import (
    EXPIRY_REMINDER_MONTHS,
    OUTCOME_STATUS,
    add_months,
    change_status,
    create_campaign,
    decide,
    find_item,
    publish_campaign,
    register_normative,
    reminder_on,
    remove_decision,
    run_expiry_reminders,
)

__all__ = [
    "EXPIRY_REMINDER_MONTHS",
    "OUTCOME_STATUS",
    "add_months",
    "change_status",
    "create_campaign",
    "decide",
    "find_item",
    "publish_campaign",
    "register_normative",
    "reminder_on",
    "remove_decision",
    "run_expiry_reminders",
]
