"""Every write of enforcement publicity. Keyword-only, `actor` first; guard, transaction, event + audit.

One module per part of the 三项制度; callers import from here: `common` (the event, dates),
`references` (事前: bodies, benchmarks, inspection items, officers), `decisions` (事后),
`inspections` (双随机、一公开) and `listings` (统计严重失信企业).
"""

from .decisions import (
    DECISION_FIELDS,
    REQUIRED_DECISION,
    create_decision,
    mark_changed,
    record_publication,
    record_withdrawal,
    update_decision,
)
from .inspections import complete_inspection, create_inspection, perform_draw, publish_results, verify_draw
from .listings import LISTING_FIELDS, extend_listing, publish_listing, register_listing, remove_early
from .references import REFERENCE_MODELS, save_reference

__all__ = [
    "REFERENCE_MODELS",
    "save_reference",
    "DECISION_FIELDS",
    "REQUIRED_DECISION",
    "create_decision",
    "mark_changed",
    "record_publication",
    "record_withdrawal",
    "update_decision",
    "complete_inspection",
    "create_inspection",
    "perform_draw",
    "publish_results",
    "verify_draw",
    "LISTING_FIELDS",
    "extend_listing",
    "publish_listing",
    "register_listing",
    "remove_early",
]
