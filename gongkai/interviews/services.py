"""Every write of 在线访谈: the interview, questions (throttled, moderated), live entries."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import fetch_for, require
from gongkai.core import audit, ratelimit
from gongkai.core.errors import InvalidTransition, NotFound, ValidationFailed

from . import search
from .models import Entry, Interview, Question, QuestionState


def _own(actor, interview: Interview) -> Interview:
    return fetch_for(actor, Interview, interview.pk, lock=True, not_found="没有找到该访谈。")


def phase(interview: Interview, now: datetime | None = None) -> str:
    """upcoming | live | ended, read at request time."""
    now = now or timezone.now()
    if now < interview.starts_at:
        return "upcoming"
    return "live" if now < interview.ends_at else "ended"


PHASE_LABELS = {"upcoming": "访谈预告", "live": "正在直播", "ended": "访谈实录"}


def save_interview(
    *,
    actor,
    title: str,
    announcement: str,
    guests: str,
    starts_at: datetime,
    ends_at: datetime,
    interpretation=None,
    publish: bool = False,
    interview: Interview | None = None,
) -> Interview:
    require(actor, "interviews.manage")
    if not (title or "").strip():
        raise ValidationFailed("请填写访谈主题。", field="title")
    if ends_at <= starts_at:
        raise ValidationFailed("结束时间必须晚于开始时间。", field="ends_at")
    if interpretation is not None and interpretation.agency_id != actor.agency_id:
        raise ValidationFailed("所选解读不属于本机关。", field="interpretation")
    with transaction.atomic():
        row = _own(actor, interview) if interview else Interview(agency=actor.agency, created_by=actor)
        row.title, row.announcement, row.guests = title.strip(), announcement.strip(), guests.strip()
        row.starts_at, row.ends_at, row.interpretation = starts_at, ends_at, interpretation
        if publish and row.published_at is None:
            row.published_at = timezone.now()
        row.save()
        audit.record(
            actor=actor,
            verb="interview.saved",
            obj=row,
            agency=row.agency,
            after={"title": row.title, "published": bool(row.published_at)},
        )
        search.sync_interview(row)  # published interviews are searchable (after commit)
    return row


def ask(
    *, interview: Interview, body: str, name: str = "", ip: str = "", now: datetime | None = None
) -> Question:
    """A question from the public, before or during the interview; shown only once approved."""
    now = now or timezone.now()
    if interview.published_at is None:
        raise NotFound("没有找到该访谈。")
    if phase(interview, now) == "ended":
        raise InvalidTransition("访谈已经结束，不再接收提问。")
    body = (body or "").strip()
    if not 5 <= len(body) <= 1000:
        raise ValidationFailed("问题应为 5 至 1000 字。", field="body")
    spam = ratelimit.spam_reasons(body)
    if spam:
        raise ValidationFailed(f"问题疑似垃圾信息（{'、'.join(spam)}）。", field="body")
    ip_hash = ratelimit.fingerprint(ip, purpose="ip")
    if ip_hash:
        ratelimit.enforce(
            lambda since: Question.objects.filter(ip_hash=ip_hash, submitted_at__gte=since).count(), now=now
        )
    question = Question.objects.create(
        interview=interview,
        body=body,
        name=(name or "").strip()[:40],
        asked_live=phase(interview, now) == "live",
        ip_hash=ip_hash,
        submitted_at=now,
    )
    audit.record(
        actor=None,
        verb="interview.question_asked",
        obj=question,
        agency=interview.agency,
        after={"interview": interview.pk},
    )
    return question


def moderate_question(*, actor, question: Question, approve: bool, reason: str = "") -> Question:
    require(actor, "interviews.moderate")
    with transaction.atomic():
        _own(actor, question.interview)
        row = Question.objects.select_for_update().get(pk=question.pk)
        if not approve and not (reason or "").strip():
            raise ValidationFailed("请填写未采用的理由。", field="reason")
        row.state = QuestionState.APPROVED if approve else QuestionState.HIDDEN
        row.hidden_reason = "" if approve else reason.strip()[:200]
        row.moderated_by = actor
        row.save()
        audit.record(
            actor=actor,
            verb="interview.question_moderated",
            obj=row,
            agency=actor.agency,
            after={"state": row.state},
        )
    return row


def post_entry(
    *,
    actor,
    interview: Interview,
    speaker: str,
    text: str,
    question: Question | None = None,
    at: datetime | None = None,
) -> Entry:
    """One utterance of the live text feed (and of the transcript); answering a question marks it."""
    require(actor, "interviews.manage")
    speaker, text = (speaker or "").strip(), (text or "").strip()
    if not speaker:
        raise ValidationFailed("请填写发言人。", field="speaker")
    if not text:
        raise ValidationFailed("请填写内容。", field="text")
    with transaction.atomic():
        row = _own(actor, interview)
        if question is not None:
            if question.interview_id != row.pk:
                raise ValidationFailed("该问题不属于本访谈。", field="question")
            Question.objects.filter(pk=question.pk).update(state=QuestionState.ANSWERED)
        entry = Entry.objects.create(
            interview=row,
            speaker=speaker[:60],
            text=text,
            question=question,
            at=at or timezone.now(),
            created_by=actor,
        )
        audit.record(
            actor=actor,
            verb="interview.entry_posted",
            obj=entry,
            agency=row.agency,
            after={"speaker": speaker},
        )
        search.sync_interview(row)  # the transcript grows in the index too (after commit)
    return entry
