"""Comments from the public (the form and its secret link) and from other channels (e-mail,
letter, hearing), and their moderation."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import fetch_for, require
from gongkai.core import audit, ratelimit, secret_links
from gongkai.core.errors import Conflict, InvalidTransition, NotFound, ValidationFailed

from .. import rules
from ..masking import mask_personal_data
from ..models import Article, Channel, Comment, CommentState, Consultation
from .common import BODY_MAX, BODY_MIN, _is_public, _lock, _text


def token_matches(comment, token: str) -> bool:
    return secret_links.matches(comment.token_hash, token)


def submit_comment(
    *,
    consultation: Consultation,
    body: str,
    article: Article | None = None,
    name: str = "",
    contact: str = "",
    ip: str = "",
    now: datetime | None = None,
) -> tuple[Comment, str]:
    """A web comment from the public (no account). Returns the comment and its secret token, which the
    commenter keeps to see their comment and its state. Throttled per address and per contact."""
    now = now or timezone.now()
    if not _is_public(consultation):
        raise NotFound("没有找到该征求意见。")
    phase = rules.phase(now=now, opens_at=consultation.opens_at, closes_at=consultation.closes_at)
    if phase != "open":
        raise InvalidTransition(
            "征求意见尚未开始。" if phase == "upcoming" else "征求意见已经截止，不再接收网上意见。"
        )
    if article is not None and article.consultation_id != consultation.pk:
        raise ValidationFailed("所选条文不属于该草案。", field="article")
    body = (body or "").strip()
    if len(body) < BODY_MIN:
        raise ValidationFailed(f"意见内容至少 {BODY_MIN} 个字。", field="body")
    if len(body) > BODY_MAX:
        raise ValidationFailed(f"意见内容不能超过 {BODY_MAX} 字。", field="body")
    name = _text(name, field="name", label="姓名或单位", required=False, max_length=60)
    contact = _text(contact, field="contact", label="联系方式", required=False, max_length=100)
    spam = ratelimit.spam_reasons(body)
    if "没有文字内容" in spam or any("网址" in s for s in spam):
        raise ValidationFailed(f"意见内容疑似垃圾信息（{'、'.join(spam)}），请修改后再提交。", field="body")
    ip_hash = ratelimit.fingerprint(ip, purpose="ip")
    contact_hash = ratelimit.fingerprint(contact, purpose="contact")
    recent = Comment.objects.filter(channel=Channel.WEB)
    if ip_hash:
        ratelimit.enforce_rows(recent.filter(ip_hash=ip_hash), time_field="submitted_at", now=now)
    if contact_hash:
        ratelimit.enforce_rows(recent.filter(contact_hash=contact_hash), time_field="submitted_at", now=now)
    if ip_hash and recent.filter(consultation=consultation, ip_hash=ip_hash, body=body).exists():
        raise Conflict("您已经提交过相同的意见，无需重复提交。")
    token = secret_links.new_token()
    agency = consultation.agency  # read before the write lock is taken (issue 19 item 6)
    with transaction.atomic():
        comment = Comment.objects.create(
            consultation=consultation,
            article=article,
            channel=Channel.WEB,
            name=name,
            contact=contact,
            body=body,
            spam_flags="、".join(spam)[:200],
            ip_hash=ip_hash,
            contact_hash=contact_hash,
            token_hash=secret_links.hash_token(token),
            submitted_at=now,
        )
        audit.record(
            actor=None,
            verb="consultation.comment_submitted",
            obj=comment,
            agency=agency,
            after={"consultation": consultation.pk, "article": article.pk if article else None},
        )
    return comment, token


def register_comment(
    *,
    actor,
    consultation: Consultation,
    channel: str,
    body: str,
    article: Article | None = None,
    name: str = "",
    contact: str = "",
    received_at: datetime | None = None,
) -> Comment:
    """Staff register an opinion received by e-mail, letter, hearing or meeting: all in one place."""
    require(actor, "consultations.edit")
    if channel not in Channel.values or channel == Channel.WEB:
        raise ValidationFailed("请选择意见的来源渠道。", field="channel")
    body = _text(body, field="body", label="意见内容", max_length=BODY_MAX)
    with transaction.atomic():
        locked = _lock(actor, consultation)
        if article is not None and article.consultation_id != locked.pk:
            raise ValidationFailed("所选条文不属于该草案。", field="article")
        comment = Comment.objects.create(
            consultation=locked,
            article=article,
            channel=channel,
            name=name.strip()[:60],
            contact=contact.strip()[:100],
            body=body,
            submitted_at=received_at or timezone.now(),
            registered_by=actor,
        )
        audit.record(
            actor=actor,
            verb="consultation.comment_registered",
            obj=comment,
            agency=locked.agency,
            after={"channel": channel, "consultation": locked.pk},
        )
    return comment


def _lock_comment(actor, comment: Comment) -> Comment:
    qs = Comment.objects.select_related("consultation")
    return fetch_for(actor, qs, comment.pk, lock=True, via="consultation", not_found="没有找到该意见。")


def _moderate(actor, comment: Comment, *, state: str, public_body: str | None, reason: str) -> Comment:
    with transaction.atomic():
        locked = _lock_comment(actor, comment)
        before = {
            "state": locked.state,
            "public_body": locked.public_body,
            "hidden_reason": locked.hidden_reason,
        }
        locked.state = state
        if public_body is not None:
            locked.public_body = "" if public_body.strip() == locked.body.strip() else public_body.strip()
        locked.hidden_reason = reason
        locked.moderated_by, locked.moderated_at = actor, timezone.now()
        locked.save()
        audit.record(
            actor=actor,
            verb=f"consultation.comment_{'approved' if state == CommentState.APPROVED else 'hidden'}",
            obj=locked,
            agency=locked.consultation.agency,
            before=before,
            after={"state": state, "public_body": locked.public_body, "hidden_reason": reason},
        )
    comment.refresh_from_db()
    return locked


def approve_comment(*, actor, comment: Comment, public_body: str | None = None) -> Comment:
    """Show the comment to the public (optionally as an edited text, e.g. with personal data masked)."""
    require(actor, "consultations.moderate")
    if public_body is not None:
        public_body = _text(public_body, field="public_body", label="公开的内容", max_length=BODY_MAX)
    return _moderate(actor, comment, state=CommentState.APPROVED, public_body=public_body, reason="")


def approve_masked(*, actor, comment: Comment) -> Comment:
    """Approve with ID, phone and bank numbers masked (detected by the confidentiality scanner)."""
    masked, _kinds = mask_personal_data(comment.body)
    return approve_comment(actor=actor, comment=comment, public_body=masked)


def hide_comment(*, actor, comment: Comment, reason: str) -> Comment:
    """不予公开 with a reason the commenter sees on their own page (the opinion is still considered)."""
    require(actor, "consultations.moderate")
    reason = _text(reason, field="reason", label="不予公开的理由", max_length=300)
    return _moderate(actor, comment, state=CommentState.HIDDEN, public_body=None, reason=reason)
