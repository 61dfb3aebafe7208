"""The urgent path (紧急发布) exists only for content whose adapter allows it (incident releases)."""

import pytest

from gongkai.core.errors import InvalidTransition
from gongkai.publishing import services
from gongkai.publishing.states import State


@pytest.mark.django_db
def test_ordinary_content_cannot_take_the_urgent_path(content, people):
    workflow = services.start_workflow(actor=people["drafter"], obj=content)
    services.submit(actor=people["drafter"], workflow=workflow)
    with pytest.raises(InvalidTransition, match="不适用紧急发布"):
        services.urgent_approve(actor=people["approver"], workflow=workflow, reason="赶时间")
    workflow.refresh_from_db()
    assert workflow.state == State.SUBMITTED


@pytest.mark.django_db
def test_the_urgent_path_keeps_four_eyes_and_the_scan(content, people, adapter):
    adapter.allows_urgent = True
    content.duties = "联系人身份证号 11010519491231002X"
    content.save()
    workflow = services.start_workflow(actor=people["drafter"], obj=content)
    services.submit(actor=people["drafter"], workflow=workflow)
    from gongkai.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed, match="高风险"):
        services.urgent_approve(actor=people["approver"], workflow=workflow, reason="紧急")
    workflow.refresh_from_db()
    assert workflow.state == State.SUBMITTED
