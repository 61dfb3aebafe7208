"""Every write of consultations: the draft, comments from every channel, moderation, hearings,
dispositions, the 采纳情况 report, the final text and the decision link. Views, API, jobs call these.

Who may do what (roles.PERMISSIONS): consultations.edit (承办人 of the department, 公开办) drafts,
registers comments received by e-mail/letter/hearing, records dispositions and the final text;
consultations.moderate (公开办) approves or hides public comments.

One module per stage; callers import from here: `common` (limits, local rules, the lock and the
event), `drafts`, `comments` (submission, registration, moderation), `hearings` (Art. 16),
`closing` (dispositions, the report, the final text, the decision link) and `periodic` (the job).
"""

from .closing import (
    add_final_article,
    check_report_publishable,
    generate_report,
    link_decision,
    record_disposition,
    record_final_text,
    record_report_publication,
)
from .comments import (
    approve_comment,
    approve_masked,
    hide_comment,
    register_comment,
    submit_comment,
    token_matches,
)
from .common import BODY_MAX, BODY_MIN, FIELDS, REASON_MAX, REMIND_DAYS_BEFORE, ordinary_min_days, report_days
from .drafts import add_attachment, check_publishable, create_consultation, move_window, update_consultation
from .hearings import save_hearing
from .periodic import tick

__all__ = [
    "BODY_MAX",
    "BODY_MIN",
    "FIELDS",
    "REASON_MAX",
    "REMIND_DAYS_BEFORE",
    "ordinary_min_days",
    "report_days",
    "add_attachment",
    "check_publishable",
    "create_consultation",
    "move_window",
    "update_consultation",
    "approve_comment",
    "approve_masked",
    "hide_comment",
    "register_comment",
    "submit_comment",
    "token_matches",
    "save_hearing",
    "add_final_article",
    "check_report_publishable",
    "generate_report",
    "link_decision",
    "record_disposition",
    "record_final_text",
    "record_report_publication",
    "tick",
]
