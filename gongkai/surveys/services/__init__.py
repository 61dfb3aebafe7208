"""Every write of 调查征集: the questionnaire (changed only before publication), a citizen's response
(one per person by the survey's identity rule, rate-limited), moderation of free texts, and the result
report frozen after the window closes.

One module per stage; callers import from here: `common` (limits, the one-answer refusal, sending to
the workflow), `questionnaire`, `responses` (codes, identity, submission) and `results`.
"""

from .common import (
    MIN_WINDOW_MINUTES,
    TEXT_MAX,
    AlreadyAnswered,
    already_answered_message,
    send_to_publication,
)
from .questionnaire import check_survey_publishable, delete_question, save_question, save_survey
from .responses import CODE_ATTEMPTS, CODE_LIMITS, CODE_VALID, send_code, submit_response, voter_key
from .results import check_report_publishable, generate_results, moderate_text, snapshot_of

__all__ = [
    "AlreadyAnswered",
    "MIN_WINDOW_MINUTES",
    "TEXT_MAX",
    "already_answered_message",
    "send_to_publication",
    "check_survey_publishable",
    "delete_question",
    "save_question",
    "save_survey",
    "CODE_ATTEMPTS",
    "CODE_LIMITS",
    "CODE_VALID",
    "send_code",
    "submit_response",
    "voter_key",
    "check_report_publishable",
    "generate_results",
    "moderate_text",
    "snapshot_of",
]
