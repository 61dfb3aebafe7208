"""/api/v1/workflows: the publication workflow for staff tools (bearer token).

It lives in `publishing` now that the staff bearer token belongs to accounts (ADR 0033). Every endpoint calls the same `publishing.services` as the office
screens, so the rules (保密审查 not by the author, findings block approval, reasons required) hold here
too; domain errors become problem JSON through the handler in web/api.py (403, 404, 409, 422).
"""

from datetime import datetime

from django.utils import timezone
from ninja import Router, Schema

from gongkai.accounts.api_auth import TokenAuth
from gongkai.core.errors import NotFound

from . import selectors, services
from .models import Workflow
from .states import allowed_actions

router = Router(tags=["workflows"], auth=TokenAuth())
QUEUE_LIMIT = 100
# The OpenAPI operation ids stay those of the old module (gongkai.web.api_publishing), so that clients
# generated from the schema keep working after the move (ADR 0033).
LEGACY_ID = "gongkai_web_api_publishing_{}"


class WorkflowOut(Schema):
    id: int
    title: str
    content_type: str
    state: str
    state_label: str
    author: str
    department: str | None
    submitted_at: datetime | None
    reviewed_at: datetime | None
    publish_at: datetime | None
    published_at: datetime | None
    withdrawal_reason: str
    allowed_actions: list[str]


class QueueOut(Schema):
    drafts: list[WorkflowOut]
    in_progress: list[WorkflowOut]
    review: list[WorkflowOut]
    approval: list[WorkflowOut]
    scheduled: list[WorkflowOut]


class NoteIn(Schema):
    note: str = ""


class ReasonIn(Schema):
    reason: str


class ApproveIn(Schema):
    # A time without a zone is read as Beijing time (the agency's legal clock), not UTC.
    publish_at: datetime | None = None


def _waiting(workflow: Workflow) -> bool:
    return (
        workflow.state == "scheduled"
        and workflow.publish_at is not None
        and workflow.publish_at > timezone.now()
    )


def _out(workflow: Workflow) -> dict:
    return {
        "id": workflow.pk,
        "title": workflow.title,
        "content_type": workflow.content_type.name,
        "state": workflow.state,
        "state_label": workflow.state_label,  # scheduled: 已批准，待发布（minute）, never 已发布 before it
        "author": workflow.author.get_full_name() or workflow.author.get_username(),
        "department": workflow.department.name if workflow.department_id else None,
        "submitted_at": workflow.submitted_at,
        "reviewed_at": workflow.reviewed_at,
        "publish_at": workflow.publish_at,
        # Approved for a future minute (an embargoed release): not published yet, whatever the row holds.
        "published_at": None if _waiting(workflow) else workflow.published_at,
        "withdrawal_reason": workflow.withdrawal_reason,
        "allowed_actions": [a.value for a in allowed_actions(workflow.state)],
    }


def _get(request, workflow_id: int) -> Workflow:
    workflow = selectors.get_workflow(request.auth, workflow_id)
    if workflow is None:
        raise NotFound("没有找到该发布流程。")
    return workflow


@router.get(
    "/queue",
    response=QueueOut,
    summary="我的待办：草稿、在办、待审查、待审批、定时发布",
    operation_id=LEGACY_ID.format("queue"),
)
def queue(request):
    user = request.auth
    return {
        name: [_out(w) for w in qs[:QUEUE_LIMIT]]
        for name, qs in (
            ("drafts", selectors.my_drafts(user)),
            ("in_progress", selectors.my_in_progress(user)),
            ("review", selectors.review_queue(user)),
            ("approval", selectors.approval_queue(user)),
            ("scheduled", selectors.scheduled(user)),
        )
    }


@router.get(
    "/{int:workflow_id}",
    response=WorkflowOut,
    summary="一个发布流程",
    operation_id=LEGACY_ID.format("detail"),
)
def detail(request, workflow_id: int):
    return _out(_get(request, workflow_id))


@router.post(
    "/{int:workflow_id}/submit",
    response=WorkflowOut,
    summary="提交保密审查",
    operation_id=LEGACY_ID.format("submit"),
)
def submit(request, workflow_id: int):
    return _out(services.submit(actor=request.auth, workflow=_get(request, workflow_id)))


@router.post(
    "/{int:workflow_id}/pass-review",
    response=WorkflowOut,
    summary="保密审查通过",
    operation_id=LEGACY_ID.format("pass_review"),
)
def pass_review(request, workflow_id: int, payload: NoteIn | None = None):
    return _out(
        services.pass_review(
            actor=request.auth, workflow=_get(request, workflow_id), note=payload.note if payload else ""
        )
    )


@router.post(
    "/{int:workflow_id}/return",
    response=WorkflowOut,
    summary="退回修改（须填写理由）",
    operation_id=LEGACY_ID.format("return_to_draft"),
)
def return_to_draft(request, workflow_id: int, payload: ReasonIn):
    return _out(
        services.return_to_draft(
            actor=request.auth, workflow=_get(request, workflow_id), reason=payload.reason
        )
    )


@router.post(
    "/{int:workflow_id}/approve",
    response=WorkflowOut,
    summary="批准发布（可指定定时发布时间）",
    operation_id=LEGACY_ID.format("approve"),
)
def approve(request, workflow_id: int, payload: ApproveIn | None = None):
    publish_at = payload.publish_at if payload else None
    if publish_at is not None and timezone.is_naive(publish_at):
        publish_at = timezone.make_aware(publish_at)
    return _out(
        services.approve(actor=request.auth, workflow=_get(request, workflow_id), publish_at=publish_at)
    )


@router.post(
    "/{int:workflow_id}/withdraw",
    response=WorkflowOut,
    summary="撤回（理由向社会公开）",
    operation_id=LEGACY_ID.format("withdraw"),
)
def withdraw(request, workflow_id: int, payload: ReasonIn):
    return _out(
        services.withdraw(actor=request.auth, workflow=_get(request, workflow_id), reason=payload.reason)
    )
