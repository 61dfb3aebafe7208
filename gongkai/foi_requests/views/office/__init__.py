"""The office: the register, a request's page with its timeline, ledger and actions, letters,
templates, table 三 with its drill-down, and table 四 cases.

One module per screen family; `urls/office.py` reaches the views from here: `intake` (the register,
a new registration, frequent requests), `case` (a request's page, its actions and documents, letters
and notices) and `management` (letter templates, table 三, table 四 cases).
"""

from .case import (
    ACTION_FOR_STATE,
    ACTIONS,
    AGENCY_FORMS,
    action,
    attach_item,
    detail,
    document,
    letter,
    notice,
    override,
    upload,
)
from .common import BREADCRUMB
from .intake import frequent, new, register
from .management import review_case_edit, review_cases, table3, table3_cell, template_edit, templates

__all__ = [
    "BREADCRUMB",
    "frequent",
    "new",
    "register",
    "ACTIONS",
    "ACTION_FOR_STATE",
    "AGENCY_FORMS",
    "action",
    "attach_item",
    "detail",
    "document",
    "letter",
    "notice",
    "override",
    "upload",
    "review_case_edit",
    "review_cases",
    "table3",
    "table3_cell",
    "template_edit",
    "templates",
]
