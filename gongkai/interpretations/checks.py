"""三同步 (国办发〔2016〕80号 “同步组织、同步审签、同步部署”): the check registered in catalogue.

A policy revision marked `needs_interpretation` may become public only if an interpretation of the
same policy is approved to be public no later than the policy (published, or scheduled for a time at
or before the policy's), or an approving leader has recorded a waiver for that revision.
"""

from django.urls import reverse
from django.utils import timezone

from gongkai.core.errors import ValidationFailed

from . import deadlines, selectors

MESSAGE = (
    "该政策文件标注为“需要政策解读”，须与解读同步发布（三同步，国办发〔2016〕80号）：请先让解读通过审批"
    "（立即发布或定时在本文件发布时间之前、同一时间发布），或由分管领导登记不同步解读的理由"
    "（登记页面：{waiver_url}）；登记后，解读仍须在政策发布后 {days} 个工作日内发布。"
)


class InterpretationNotSynchronised(ValidationFailed):
    """The 三同步 refusal; `link` is the waiver page, shown as a link by the office screens."""

    code = "interpretation_not_synchronised"

    def __init__(self, revision):
        self.waiver_url = reverse("interpretations_office:waive", args=[revision.pk])
        self.link = (self.waiver_url, "登记不同步解读")
        super().__init__(
            MESSAGE.format(waiver_url=self.waiver_url, days=deadlines.deadline_days()), field="interpretation"
        )


def check_synchronised_interpretation(revision, *, publish_at=None) -> None:
    """`publish_at` None means the caller did not say when the policy goes public; then any approved
    interpretation passes here and the time is checked again when the policy is published."""
    if not getattr(revision, "needs_interpretation", False):
        return
    if selectors.waiver_for(revision) is not None:
        return
    live = selectors.live_interpretations(revision.item)
    if publish_at is None:
        if live:
            return
    else:
        # Same minute is 同步: an interpretation scheduled at 10:00 goes with a policy at 10:00.
        if any(at <= max(publish_at, timezone.now()) for _interpretation, at in live):
            return
    raise InterpretationNotSynchronised(revision)
