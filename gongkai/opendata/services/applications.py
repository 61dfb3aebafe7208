"""有条件开放: applications for conditional access, their decision and the token's use."""

from __future__ import annotations

import secrets
from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import require, user_or_none
from gongkai.core import audit
from gongkai.core.errors import InvalidTransition, ValidationFailed

from ..models import (
    AccessApplication,
    DataResource,
    Dataset,
    OpenType,
)


def submit_application(
    *,
    resource: DataResource,
    applicant_name: str,
    email: str,
    purpose: str,
    accepted_terms: bool,
    organisation: str = "",
    phone: str = "",
) -> tuple[AccessApplication, str]:
    """A member of the public applies. Returns the application and its access token, shown once."""
    if resource.open_type != OpenType.CONDITIONAL:
        raise ValidationFailed(
            "该数据资源不需要申请。" if resource.open_type == OpenType.OPEN else "该数据资源不予开放。"
        )
    if not accepted_terms:
        raise ValidationFailed("须阅读并接受使用条款。", field="accepted_terms")
    if not (purpose or "").strip():
        raise ValidationFailed("请说明数据用途。", field="purpose")
    if not (applicant_name or "").strip():
        raise ValidationFailed("请填写申请人。", field="applicant_name")
    token = "gkd_" + secrets.token_urlsafe(24)
    with transaction.atomic():
        today = timezone.localdate()
        count = AccessApplication.objects.filter(created_at__date=today).count() + 1
        application = AccessApplication.objects.create(
            agency=resource.agency,
            resource=resource,
            number=f"SJ{today:%Y%m%d}{count:04d}",
            applicant_name=applicant_name.strip(),
            organisation=organisation,
            email=email,
            phone=phone,
            purpose=purpose.strip(),
            accepted_terms=True,
            token_hash=AccessApplication.hash_token(token),
        )
        audit.record(
            actor=None,
            verb="opendata.application_submitted",
            obj=application,
            agency=resource.agency,
            after={"resource": resource.code, "applicant": application.applicant_name},
        )
    return application, token


def decide_application(
    *, actor, application: AccessApplication, approve: bool, reason: str = "", expires_on: date | None = None
) -> AccessApplication:
    require(actor, "opendata.applications", application, department_field=None)
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationFailed("不予同意须说明理由。", field="reason")
    with transaction.atomic():
        application = AccessApplication.objects.select_for_update().get(pk=application.pk)
        if application.state != AccessApplication.State.SUBMITTED:
            raise InvalidTransition("该申请已经办结。")
        application.state = AccessApplication.State.APPROVED if approve else AccessApplication.State.REFUSED
        application.decision_reason = reason
        application.decided_by = user_or_none(actor)
        application.decided_at = timezone.now()
        application.expires_on = expires_on if approve else None
        application.save()
        audit.record(
            actor=actor,
            verb="opendata.application_" + ("approved" if approve else "refused"),
            obj=application,
            after={"state": application.state, "reason": reason},
        )
    return application


def record_token_use(*, application: AccessApplication, dataset: Dataset) -> None:
    audit.record(
        actor=None,
        verb="opendata.conditional_access",
        obj=application,
        agency=application.agency,
        after={"dataset": dataset.code},
    )
