"""Reads of the publication workflow, scoped to what the user may see."""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai.accounts.permissions import has_perm
from gongkai.accounts.selectors import scope_for

from .models import Workflow, WorkflowEvent
from .states import LIVE_STATES, OPEN_STATES, State


def _for_object(obj) -> QuerySet[Workflow]:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return Workflow.objects.filter(content_type=content_type, object_id=obj.pk)


def workflow_for(obj) -> Workflow | None:
    """The newest workflow of a content object (any state), or None."""
    return _for_object(obj).order_by("-created_at", "-id").first()


def open_workflow_for(obj) -> Workflow | None:
    return _for_object(obj).filter(state__in=OPEN_STATES).first()


def visible_workflows(user) -> QuerySet[Workflow]:
    """Everything of the user's agency (a 承办人: of their 处室) when they may view the workflow."""
    if not has_perm(user, "publishing.view"):
        return Workflow.objects.none()
    return scope_for(user, Workflow.objects.select_related("author", "department", "content_type"))


def get_workflow(user, pk) -> Workflow | None:
    """One workflow the user may see, or None (views turn it into 404)."""
    try:
        return visible_workflows(user).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


def my_drafts(user) -> QuerySet[Workflow]:
    """The user's own drafts (new ones and those returned for changes)."""
    return visible_workflows(user).filter(state=State.DRAFT, author=user).order_by("-created_at", "-id")


def my_in_progress(user) -> QuerySet[Workflow]:
    """The user's own workflows waiting for review or approval."""
    return (
        visible_workflows(user)
        .filter(state__in=[State.SUBMITTED, State.APPROVAL], author=user)
        .order_by("-submitted_at", "-id")
    )


def review_queue(user) -> QuerySet[Workflow]:
    """待保密审查, for a reviewer: never their own work."""
    if not has_perm(user, "publishing.review"):
        return Workflow.objects.none()
    return (
        visible_workflows(user)
        .filter(state=State.SUBMITTED)
        .exclude(author=user)
        .order_by("submitted_at", "id")
    )


def approval_queue(user) -> QuerySet[Workflow]:
    """待领导审批, for an approver (or the 代理审批人): never their own work."""
    from .permissions import can_approve

    if not can_approve(user):
        return Workflow.objects.none()
    return (
        visible_workflows(user)
        .filter(state=State.APPROVAL)
        .exclude(author=user)
        .order_by("reviewed_at", "id")
    )


def scheduled(user) -> QuerySet[Workflow]:
    return visible_workflows(user).filter(state=State.SCHEDULED).order_by("publish_at", "id")


def published(user) -> QuerySet[Workflow]:
    return visible_workflows(user).filter(state=State.PUBLISHED).order_by("-published_at", "-id")


def events(workflow: Workflow) -> QuerySet[WorkflowEvent]:
    return workflow.events.select_related("actor").order_by("at", "id")


# --- read-time visibility (the public side) --------------------------------------------------------
def live_q(now: datetime | None = None, *, prefix: str = "") -> Q:
    """Q for workflows whose content the public may see at `now`: scheduled or published, time reached."""
    now = now or timezone.now()
    return Q(**{f"{prefix}state__in": LIVE_STATES, f"{prefix}published_at__lte": now})


def public_object_ids(model, *, now: datetime | None = None, agency=None) -> QuerySet:
    """ids of `model` rows that are public at `now`: use as `Model.objects.filter(pk__in=...)`."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    qs = Workflow.objects.filter(live_q(now), content_type=content_type)
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs.values("object_id")


def is_public(obj, *, now: datetime | None = None) -> bool:
    return _for_object(obj).filter(live_q(now)).exists()


def withdrawn_workflow_for(obj) -> Workflow | None:
    """The withdrawal (with its public reason) of this content, if it was withdrawn."""
    return _for_object(obj).filter(state=State.WITHDRAWN).order_by("-withdrawn_at").first()


# --- who can approve (issue 11.16) ---------------------------------------------------------------
def eligible_approvers(workflow: Workflow) -> list[tuple]:
    """(user, is_substitute) of everyone who may approve this workflow: the agency's active 分管领导
    and its 代理审批人, never the author (four eyes, ADR 0009)."""
    from gongkai.accounts.roles import Role
    from gongkai.accounts.selectors import staff_with_role

    from .permissions import active_substitute

    leaders = staff_with_role(workflow.agency_id, Role.APPROVER).exclude(pk=workflow.author_id).order_by("pk")
    result = [(user, False) for user in leaders]
    substitute = active_substitute(workflow.agency_id)
    if (
        substitute is not None
        and substitute.user_id != workflow.author_id
        and substitute.user.is_active
        and all(user.pk != substitute.user_id for user, _ in result)
    ):
        result.append((substitute.user, True))
    return result


def substitute_history(agency) -> QuerySet:
    from .models import SubstituteApprover

    return SubstituteApprover.objects.filter(agency=agency).select_related("user", "named_by", "ended_by")


def own_awaiting_approval(user) -> list[tuple]:
    """The user's own workflows in 待领导审批, each with who may approve it (empty: it is stuck)."""
    mine = visible_workflows(user).filter(state=State.APPROVAL, author=user).order_by("reviewed_at", "id")
    return [(workflow, eligible_approvers(workflow)) for workflow in mine[:50]]
