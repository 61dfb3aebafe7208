"""Every write to a request. Each checks permission, locks the request, moves the state through
`states.next_state`, writes one `RequestEvent` in the same transaction and records the audit event.

One module per step family; callers import from here (`services.answer`, `from .services import …`):
`recording` (how a step is dated and recorded), `application` (submission, receipt, assignment),
`clock_steps` (补正, consultation, extension, withdrawal), `fee_notice` (the fee and its relief),
`documents`, `answers`, `forwarding` (Art. 36(五)), `clock_jobs` (lapses and reminders) and `records`
(letter templates, table 四 review cases)."""

from .answers import answer
from .application import assign, confirm_receipt, submit_application
from .clock_jobs import LAPSE_NOTES, close_lapsed, record_reminders
from .clock_steps import (
    end_consultation,
    extend_deadline,
    receive_supplement,
    request_supplement,
    start_consultation,
    supply_supplement,
    withdraw,
)
from .documents import attach_catalogue_item, attach_document, override_document_findings
from .fee_notice import FEE_RELIEF_BASIS, record_payment, send_fee_notice
from .forwarding import NOT_HELD_BASIS, can_forward, forward_request, forwarding_targets, not_held_text
from .recording import (
    APPLICATION_FIELDS,
    LAPSE_REFUSALS,
    ORDERED_KINDS,
    RECEIPT_RULES,
    TRACKING_PREFIX,
    replaying,
)
from .records import save_letter_template, save_review_case

__all__ = [
    "APPLICATION_FIELDS",
    "LAPSE_REFUSALS",
    "ORDERED_KINDS",
    "RECEIPT_RULES",
    "TRACKING_PREFIX",
    "replaying",
    "assign",
    "confirm_receipt",
    "submit_application",
    "end_consultation",
    "extend_deadline",
    "receive_supplement",
    "request_supplement",
    "start_consultation",
    "supply_supplement",
    "withdraw",
    "FEE_RELIEF_BASIS",
    "record_payment",
    "send_fee_notice",
    "attach_catalogue_item",
    "attach_document",
    "override_document_findings",
    "answer",
    "NOT_HELD_BASIS",
    "can_forward",
    "forward_request",
    "forwarding_targets",
    "not_held_text",
    "LAPSE_NOTES",
    "close_lapsed",
    "record_reminders",
    "save_letter_template",
    "save_review_case",
]
