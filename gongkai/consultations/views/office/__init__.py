"""Staff screens of 征求意见. Workflow actions (提交审查, 审批) are the publishing app's screens.

One module per stage; `urls/office.py` reaches the views from here: `common` (breadcrumbs, opening a
consultation, CSV), `drafting` (list, new, edit, window, page, attachments), `comments` (moderation,
registered comments, hearings) and `closing` (dispositions, the report, the final text, the decision).
"""

from .closing import decision, dispositions, final_text, report
from .comments import comment_moderate, comment_register, hearing_edit, moderation
from .common import LIST, csv_response
from .drafting import attachment_add, consultation_edit, consultation_list, consultation_new, detail, window

__all__ = [
    "LIST",
    "csv_response",
    "attachment_add",
    "consultation_edit",
    "consultation_list",
    "consultation_new",
    "detail",
    "window",
    "comment_moderate",
    "comment_register",
    "hearing_edit",
    "moderation",
    "decision",
    "dispositions",
    "final_text",
    "report",
]
