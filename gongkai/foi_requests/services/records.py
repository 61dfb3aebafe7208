"""The agency's letter templates and the review and litigation cases of table 四."""

from django.db import transaction

from gongkai.accounts import guard
from gongkai.accounts.guard import is_system
from gongkai.core import audit
from gongkai.core.errors import NotFound, PermissionDenied, ValidationFailed

from ..models import (
    LetterTemplate,
    ReviewCase,
)
from .recording import _today


def save_letter_template(*, actor, agency, kind: str, title: str, body: str) -> LetterTemplate:
    from ..letters import validate_template

    guard.require(actor, "foi.manage")
    if not is_system(actor) and actor.agency_id != agency.pk:
        raise PermissionDenied()
    validate_template(body)
    with transaction.atomic():
        template, _ = LetterTemplate.objects.update_or_create(
            agency=agency, kind=kind, defaults={"title": title, "body": body, "updated_by": actor}
        )
        audit.record(actor=actor, verb="foi_letter_template.saved", obj=template, after={"kind": kind})
    return template


def save_review_case(*, actor, agency, case: ReviewCase | None = None, **fields) -> ReviewCase:
    guard.require(actor, "foi.manage")
    if not is_system(actor) and actor.agency_id != agency.pk:
        raise PermissionDenied()
    request = fields.get("request")
    if request is not None and request.agency_id != agency.pk:
        raise ValidationFailed("相关申请不属于本机关。", field="request")
    if case is not None and case.agency_id != agency.pk:
        raise NotFound("没有找到该案件。")
    result = fields.get("result", case.result if case else ReviewCase.Result.PENDING)
    decided_on = fields.get("decided_on", case.decided_on if case else None)
    filed_on = fields.get("filed_on", case.filed_on if case else None)
    if result != ReviewCase.Result.PENDING and decided_on is None:
        raise ValidationFailed("已审结的案件须填写审结日期（复议决定或判决作出的日期）。", field="decided_on")
    if result == ReviewCase.Result.PENDING and decided_on is not None:
        raise ValidationFailed("尚未审结的案件不能填写审结日期。", field="decided_on")
    if decided_on and decided_on > _today():
        raise ValidationFailed("审结日期不能晚于今天。", field="decided_on")
    if decided_on and filed_on and decided_on < filed_on:
        raise ValidationFailed("审结日期不能早于立案日期。", field="decided_on")
    with transaction.atomic():
        before = {"result": case.result, "decided_on": case.decided_on} if case else None
        case = case or ReviewCase(agency=agency)
        for key, value in fields.items():
            setattr(case, key, value)
        case.save()
        audit.record(
            actor=actor,
            verb="foi_review_case.saved",
            obj=case,
            before=before,
            after={"kind": case.kind, "result": case.result, "decided_on": case.decided_on},
        )
    return case
