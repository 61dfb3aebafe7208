"""Every write of 新闻发布: spokespersons, conferences (notice through the workflow, live feed, held),
media registration, and media interview requests with their reply deadline."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import fetch_for, require, user_or_none
from gongkai.confidentiality import filetypes
from gongkai.core import audit, ratelimit
from gongkai.core.errors import Conflict, InvalidTransition, ValidationFailed
from gongkai.workdays.selectors import add_working_days, legal_today

from .models import Attachment, Conference, Entry, MediaRequest, Registration, Spokesperson

UPCOMING, LIVE, ENDED = "upcoming", "live", "ended"
PHASE_LABELS = {UPCOMING: "预告", LIVE: "直播中", ENDED: "已结束"}
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
PUBLIC_LIMITS = (ratelimit.Limit(3, timedelta(minutes=10)), ratelimit.Limit(10, timedelta(hours=1)))  # local


def media_reply_days(agency=None) -> int:
    """Working days to answer a media interview request (local rule; no law sets it; per agency)."""
    from gongkai.core import agency_settings

    return agency_settings.value("media_reply_days", agency)


def phase(conference: Conference, now: datetime | None = None) -> str:
    now = now or timezone.now()
    if now < conference.starts_at:
        return UPCOMING
    return LIVE if now < conference.ends_at and conference.held_at is None else ENDED


def _text(value, *, field, label, max_length=5000, required=True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(f"请填写{label}。", field=field)
    if len(value) > max_length:
        raise ValidationFailed(f"{label}不能超过 {max_length} 字。", field=field)
    if "\x00" in value:
        raise ValidationFailed(f"{label}含有无效字符。", field=field)
    return value


# --- spokespersons --------------------------------------------------------------------------------
def save_spokesperson(*, actor, spokesperson: Spokesperson | None = None, **data) -> Spokesperson:
    require(actor, "press.manage", spokesperson, department_field=None)
    name = _text(data.get("name"), field="name", label="姓名", max_length=50)
    position = _text(data.get("position"), field="position", label="职务", max_length=100)
    with transaction.atomic():
        if spokesperson is None:
            spokesperson = Spokesperson(agency=actor.agency)
        else:
            spokesperson = fetch_for(actor, Spokesperson, spokesperson.pk, lock=True, department_field=None)
        spokesperson.name, spokesperson.position = name, position
        spokesperson.phone = (data.get("phone") or "").strip()[:40]
        spokesperson.email = (data.get("email") or "").strip()
        spokesperson.is_active = bool(data.get("is_active", True))
        spokesperson.sort_order = int(data.get("sort_order") or 0)
        spokesperson.save()
        audit.record(
            actor=actor,
            verb="press.spokesperson_saved",
            obj=spokesperson,
            after={"name": name, "active": spokesperson.is_active},
        )
    return spokesperson


# --- conferences ----------------------------------------------------------------------------------
def _check_links(actor, data: dict) -> None:
    for field, label in (("incident", "舆情"), ("data_release", "数据发布"), ("interpretation", "政策解读")):
        obj = data.get(field)
        if obj is not None and obj.agency_id != actor.agency_id:
            raise ValidationFailed(f"关联的{label}须为本机关的。", field=field)


def save_conference(*, actor, conference: Conference | None = None, **data) -> Conference:
    """Create (and open its publication workflow) or edit a conference while its notice is a draft."""
    from gongkai.publishing.selectors import workflow_for
    from gongkai.publishing.services import start_workflow
    from gongkai.publishing.states import State

    require(actor, "press.manage", conference, department_field=None)
    title = _text(data.get("title"), field="title", label="发布会名称", max_length=200)
    topic = _text(data.get("topic"), field="topic", label="发布内容")
    location = _text(data.get("location"), field="location", label="地点", max_length=200)
    speakers = _text(data.get("speakers"), field="speakers", label="发布人", max_length=1000)
    starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
    if starts_at is None:
        raise ValidationFailed("请填写开始时间。", field="starts_at")
    if ends_at is None or ends_at <= starts_at:
        raise ValidationFailed("结束时间须晚于开始时间。", field="ends_at")
    if ends_at - starts_at > timedelta(hours=12):
        raise ValidationFailed("一场发布会不超过 12 小时。", field="ends_at")
    _check_links(actor, data)
    with transaction.atomic():
        if conference is None:
            conference = Conference(agency=actor.agency, created_by=user_or_none(actor))
            new = True
        else:
            conference = fetch_for(actor, Conference, conference.pk, lock=True, department_field=None)
            workflow = workflow_for(conference)
            if workflow is not None and workflow.state != State.DRAFT:
                raise Conflict(
                    "发布会预告已提交或已发布，不能再修改；如有变化，请在直播中说明或撤回后重新发布。"
                )
            new = False
        conference.title, conference.topic, conference.location, conference.speakers = (
            title,
            topic,
            location,
            speakers,
        )
        conference.starts_at, conference.ends_at = starts_at, ends_at
        conference.registration_open = bool(data.get("registration_open", True))
        conference.incident, conference.data_release, conference.interpretation = (
            data.get("incident"),
            data.get("data_release"),
            data.get("interpretation"),
        )
        conference.save()
        if new:
            start_workflow(actor=actor, obj=conference)
        audit.record(actor=actor, verb="press.conference_saved", obj=conference, after={"title": title})
    return conference


def mark_published(conference: Conference, *, at: datetime) -> None:
    if conference.published_at is None:
        conference.published_at = at
        conference.save(update_fields=["published_at"])


def add_attachment(*, actor, conference: Conference, title: str, filename: str, data: bytes) -> Attachment:
    """Slides and releases are attached to the draft notice, so that the confidentiality scan reads them."""
    from gongkai.publishing.selectors import workflow_for
    from gongkai.publishing.states import State

    require(actor, "press.manage", conference, department_field=None)
    title = _text(title, field="title", label="附件名称", max_length=200)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationFailed("附件不能超过 20 MB。", field="file")
    kind = filetypes.detect(data, filename)
    with transaction.atomic():
        locked = fetch_for(actor, Conference, conference.pk, lock=True, department_field=None)
        workflow = workflow_for(locked)
        if workflow is not None and workflow.state != State.DRAFT:
            raise Conflict("附件须在提交审核前添加，以便进行保密审查。")
        attachment = Attachment(
            conference=locked, title=title, filename=filename[:200], content_type=kind.mime
        )
        attachment.file.save(f"conf-{locked.pk}.{kind.extension}", ContentFile(data), save=False)
        attachment.save()
        audit.record(actor=actor, verb="press.attachment_added", obj=locked, after={"title": title})
    return attachment


def add_entry(
    *, actor, conference: Conference, kind: str, speaker: str, text: str, outlet: str = "", now=None
) -> Entry:
    """A line of the live feed (from the start on) or of the transcript (after it)."""
    from gongkai.publishing.selectors import is_public

    require(actor, "press.manage", conference, department_field=None)
    if kind not in Entry.Kind.values:
        raise ValidationFailed("请选择类型。", field="kind")
    speaker = _text(speaker, field="speaker", label="发言人", max_length=100)
    text = _text(text, field="text", label="内容", max_length=10000)
    now = now or timezone.now()
    if now < conference.starts_at:
        raise InvalidTransition("发布会尚未开始，开始后才能发布直播内容。")
    if not is_public(conference):
        raise InvalidTransition("发布会预告尚未发布，不能直播。")
    entry = Entry.objects.create(
        conference=conference,
        kind=kind,
        speaker=speaker,
        outlet=(outlet or "").strip()[:100],
        text=text,
        at=now,
    )
    audit.record(actor=actor, verb="press.entry_added", obj=conference, after={"speaker": speaker})
    return entry


def mark_held(*, actor, conference: Conference, held_at: datetime | None = None) -> Conference:
    """The conference took place: the live feed ends, and a linked incident's 24-hour clock is met
    (国办发〔2016〕80号) at the minute it began."""
    from gongkai.incidents.services import record_press_conference

    require(actor, "press.manage", conference, department_field=None)
    with transaction.atomic():
        locked = fetch_for(actor, Conference, conference.pk, lock=True, department_field=None)
        held_at = held_at or locked.starts_at
        if held_at > timezone.now():
            raise InvalidTransition("发布会尚未举行。")
        if locked.published_at is None:
            raise InvalidTransition("发布会预告尚未发布。")
        if locked.held_at is not None:
            raise InvalidTransition("已登记为已举行。")
        locked.held_at = held_at
        locked.save(update_fields=["held_at"])
        if locked.incident_id:
            record_press_conference(
                actor=actor, incident=locked.incident, held_at=held_at, note=f"新闻发布会：{locked.title}"
            )
        audit.record(actor=actor, verb="press.conference_held", obj=locked, after={"held_at": held_at})
    return locked


def register_media(
    *,
    conference: Conference,
    outlet: str,
    reporter: str,
    phone: str,
    press_card: str = "",
    ip: str = "",
    now=None,
) -> Registration:
    """A journalist registers for a published, upcoming conference that accepts registration."""
    from gongkai.publishing.selectors import is_public

    now = now or timezone.now()
    if not is_public(conference) or not conference.registration_open or now >= conference.starts_at:
        raise InvalidTransition("该发布会不接受报名（未发布、已开始或不接受媒体报名）。")
    fingerprint = ratelimit.fingerprint(ip, purpose="press-registration")
    ratelimit.enforce(
        lambda since: (
            Registration.objects.filter(ip_fingerprint=fingerprint, created_at__gte=since).count()
            if fingerprint
            else 0
        ),
        now=now,
        limits=PUBLIC_LIMITS,
    )
    return Registration.objects.create(
        conference=conference,
        outlet=_text(outlet, field="outlet", label="媒体名称", max_length=100),
        reporter=_text(reporter, field="reporter", label="记者姓名", max_length=50),
        phone=_text(phone, field="phone", label="联系电话", max_length=30),
        press_card=(press_card or "").strip()[:40],
        ip_fingerprint=fingerprint,
        created_at=now,
    )


# --- media interview requests ---------------------------------------------------------------------
def submit_media_request(
    *, agency, outlet, reporter, phone, topic, detail, email="", ip="", now=None
) -> MediaRequest:
    now = now or timezone.now()
    fingerprint = ratelimit.fingerprint(ip, purpose="media-request")
    ratelimit.enforce(
        lambda since: (
            MediaRequest.objects.filter(ip_fingerprint=fingerprint, submitted_at__gte=since).count()
            if fingerprint
            else 0
        ),
        now=now,
        limits=PUBLIC_LIMITS,
    )
    with transaction.atomic():
        request = MediaRequest.objects.create(
            agency=agency,
            outlet=_text(outlet, field="outlet", label="媒体名称", max_length=100),
            reporter=_text(reporter, field="reporter", label="记者姓名", max_length=50),
            phone=_text(phone, field="phone", label="联系电话", max_length=30),
            email=(email or "").strip(),
            topic=_text(topic, field="topic", label="采访主题", max_length=200),
            detail=_text(detail, field="detail", label="采访提纲"),
            submitted_at=now,
            due_on=add_working_days(timezone.localdate(now), media_reply_days()).due,
            ip_fingerprint=fingerprint,
        )
        audit.record(
            actor=None,
            verb="press.media_request_received",
            obj=request,
            agency=agency,
            after={"outlet": request.outlet},
        )
    return request


def answer_media_request(*, actor, media_request: MediaRequest, accept: bool, answer: str) -> MediaRequest:
    require(actor, "press.manage", media_request, department_field=None)
    answer = _text(answer, field="answer", label="答复内容" if accept else "不安排采访的理由")
    with transaction.atomic():
        locked = fetch_for(actor, MediaRequest, media_request.pk, lock=True, department_field=None)
        if locked.status != MediaRequest.Status.PENDING:
            raise InvalidTransition("该申请已答复。")
        locked.status = MediaRequest.Status.ACCEPTED if accept else MediaRequest.Status.DECLINED
        locked.answer, locked.answered_at, locked.answered_by = answer, timezone.now(), user_or_none(actor)
        locked.save(update_fields=["status", "answer", "answered_at", "answered_by"])
        if locked.email:
            from gongkai.outbox.models import Channel
            from gongkai.outbox.services import enqueue

            enqueue(
                channel=Channel.EMAIL,
                kind="press.media_request_answered",
                dedupe_key=f"media-request:{locked.pk}:answer",
                recipient=locked.email,
                subject=f"关于“{locked.topic}”采访申请的答复",
                body=f"{locked.reporter}：\n\n{locked.get_status_display()}。\n{answer}\n\n{locked.agency.name}",
                agency=locked.agency,
                source=locked,
            )
        audit.record(
            actor=actor, verb="press.media_request_answered", obj=locked, after={"status": locked.status}
        )
    return locked


def is_late(media_request: MediaRequest, today=None) -> bool:
    today = today or legal_today()
    answered_on = timezone.localdate(media_request.answered_at) if media_request.answered_at else None
    return (answered_on or today) > media_request.due_on
