"""What the survey writes share: text limits, the one-answer refusal, the freeze after submission
and sending a survey or report to the publication workflow."""

from gongkai.core.errors import Conflict
from gongkai.publishing import selectors as publishing_selectors
from gongkai.publishing import services as publishing
from gongkai.publishing.registry import adapter_for

from ..models import Survey

TEXT_MAX = 1000
MIN_WINDOW_MINUTES = 10  # local practice: a shorter window is almost certainly a typing error


class AlreadyAnswered(Conflict):
    code = "already_answered"
    default_message = "您已经提交过本次调查的答卷，每人只能提交一次。感谢您的参与！"


def already_answered_message(survey: Survey) -> str:
    return f"您已经提交过本次调查的答卷，每人只能提交一次（本调查的规则：{survey.get_identity_rule_display()}）。感谢您的参与！"


def _frozen(survey: Survey) -> bool:
    return publishing_selectors.workflow_for(survey) is not None


def send_to_publication(*, actor, obj):
    adapter_for(obj).check_publishable(obj)
    workflow = publishing_selectors.open_workflow_for(obj) or publishing.start_workflow(actor=actor, obj=obj)
    if workflow.state == "draft":
        publishing.submit(actor=actor, workflow=workflow)
    return workflow
