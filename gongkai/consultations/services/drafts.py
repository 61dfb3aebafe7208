"""The draft: creation, edits, moving the window, attachments and the check before publication."""

import secrets
from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import require
from gongkai.accounts.roles import AGENCY_WIDE_ROLES
from gongkai.core import audit
from gongkai.core.errors import Conflict, NotFound, ValidationFailed

from .. import rules, search
from ..models import (
    Article,
    Attachment,
    Consultation,
)
from .common import FIELDS, _check_window, _event, _frozen, _lock, _report_due, _snapshot, _text


def create_consultation(
    *,
    actor,
    title: str,
    opens_at: datetime,
    closes_at: datetime,
    articles_text: str = "",
    department=None,
    is_major: bool = False,
    is_urgent: bool = False,
    urgency_reason: str = "",
    summary: str = "",
    basis: str = "",
    explanation: str = "",
    email: str = "",
    postal_address: str = "",
) -> Consultation:
    """A draft consultation with its articles and its publication workflow."""
    require(actor, "consultations.edit")
    title = _text(title, field="title", label="草案名称", max_length=200)
    urgency_reason = (urgency_reason or "").strip() if is_urgent else ""
    _check_window(
        opens_at=opens_at,
        closes_at=closes_at,
        is_major=is_major,
        is_urgent=is_urgent,
        urgency_reason=urgency_reason,
    )
    if department is None or not (actor.roles & AGENCY_WIDE_ROLES):
        department = actor.department
    if department is not None and department.agency_id != actor.agency_id:
        raise NotFound("没有找到该处室。")
    from gongkai.publishing.services import start_workflow

    with transaction.atomic():
        consultation = Consultation.objects.create(
            agency=actor.agency,
            department=department,
            title=title,
            summary=summary.strip(),
            basis=basis.strip(),
            explanation=explanation.strip(),
            is_major=is_major,
            opens_at=opens_at,
            closes_at=closes_at,
            is_urgent=is_urgent,
            urgency_reason=urgency_reason,
            email=email.strip(),
            postal_address=postal_address.strip(),
            report_due_on=_report_due(closes_at),
            created_by=actor,
        )
        for position, text in enumerate(rules.split_articles(articles_text), start=1):
            Article.objects.create(consultation=consultation, position=position, text=text)
        start_workflow(actor=actor, obj=consultation)
        _event(consultation, "created", actor=actor)
        audit.record(
            actor=actor,
            verb="consultation.created",
            obj=consultation,
            agency=consultation.agency,
            after=_snapshot(consultation),
        )
    return consultation


def update_consultation(
    *, actor, consultation: Consultation, articles_text: str | None = None, **fields
) -> Consultation:
    """Edit the draft; once published only the window may move (the minutes stay those published)."""
    require(actor, "consultations.edit")
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationFailed(f"未知字段：{', '.join(sorted(unknown))}")
    with transaction.atomic():
        locked = _lock(actor, consultation)
        if _frozen(locked):
            raise Conflict("该征求意见已提交审核或已发布，草案内容不能再修改（如需修改，请先退回修改）。")
        before = _snapshot(locked)
        for name, value in fields.items():
            if name == "department" and not (actor.roles & AGENCY_WIDE_ROLES):
                continue
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
        if not locked.is_urgent:
            locked.urgency_reason = ""
        locked.title = _text(locked.title, field="title", label="草案名称", max_length=200)
        _check_window(
            opens_at=locked.opens_at,
            closes_at=locked.closes_at,
            is_major=locked.is_major,
            is_urgent=locked.is_urgent,
            urgency_reason=locked.urgency_reason,
        )
        locked.report_due_on = _report_due(locked.closes_at)
        locked.save()
        if articles_text is not None:
            if locked.comments.exists():
                raise Conflict("已收到意见，条文不能再重新拆分。")
            locked.articles.all().delete()
            for position, text in enumerate(rules.split_articles(articles_text), start=1):
                Article.objects.create(consultation=locked, position=position, text=text)
        audit.record(
            actor=actor,
            verb="consultation.updated",
            obj=locked,
            agency=locked.agency,
            before=before,
            after=_snapshot(locked),
        )
    return locked


def move_window(
    *, actor, consultation: Consultation, opens_at: datetime, closes_at: datetime, note: str
) -> Consultation:
    """Change the window (e.g. extend it); the Art. 15 rule is checked again and the report due date moves.

    A moved window is announced, not hidden: the change note goes into the timeline with the new dates.
    """
    require(actor, "consultations.edit")
    note = _text(note, field="note", label="调整说明", max_length=500)
    with transaction.atomic():
        locked = _lock(actor, consultation)
        before = {"opens_at": locked.opens_at, "closes_at": locked.closes_at}
        _check_window(
            opens_at=opens_at,
            closes_at=closes_at,
            is_major=locked.is_major,
            is_urgent=locked.is_urgent,
            urgency_reason=locked.urgency_reason,
        )
        locked.opens_at, locked.closes_at = opens_at, closes_at
        locked.report_due_on = _report_due(closes_at)
        if closes_at > timezone.now():
            locked.closed_recorded_at = None
        locked.save()
        _event(
            locked,
            "window_moved",
            actor=actor,
            note=f"{timezone.localtime(opens_at):%Y-%m-%d %H:%M} 至 {timezone.localtime(closes_at):%Y-%m-%d %H:%M}："
            f"{note}",
        )
        audit.record(
            actor=actor,
            verb="consultation.window_moved",
            obj=locked,
            agency=locked.agency,
            before=before,
            after={"opens_at": opens_at, "closes_at": closes_at, "note": note},
        )
        search.sync_consultation(locked)  # the site search shows the new dates (after commit)
    consultation.refresh_from_db()
    return locked


def add_attachment(*, actor, consultation: Consultation, filename: str, data: bytes) -> Attachment:
    from gongkai.confidentiality.filetypes import detect

    require(actor, "consultations.edit")
    kind = detect(data, filename)
    with transaction.atomic():
        locked = _lock(actor, consultation)
        if _frozen(locked):
            raise Conflict("该征求意见已提交审核或已发布，附件不能再修改。")
        attachment = Attachment(
            consultation=locked, original_name=filename[:200], mime=kind.mime, size=len(data)
        )
        attachment.file.save(f"{secrets.token_hex(8)}.{kind.extension}", ContentFile(data), save=False)
        attachment.save()
        audit.record(
            actor=actor,
            verb="consultation.attachment_added",
            obj=locked,
            agency=locked.agency,
            after={"name": attachment.original_name, "size": attachment.size},
        )
    return attachment


def check_publishable(*, consultation: Consultation) -> None:
    """The publishing adapter's check: the Art. 15 window rule and something to comment on."""
    _check_window(
        opens_at=consultation.opens_at,
        closes_at=consultation.closes_at,
        is_major=consultation.is_major,
        is_urgent=consultation.is_urgent,
        urgency_reason=consultation.urgency_reason,
    )
    if not consultation.articles.exists() and not consultation.attachments.exists():
        raise ValidationFailed("草案没有条文也没有附件，不能发布。")
    if consultation.closes_at <= timezone.now():
        raise ValidationFailed("征求意见截止时间已过，请先修改征求意见期限。", field="closes_at")
