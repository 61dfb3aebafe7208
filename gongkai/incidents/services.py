"""Every write of 政务舆情: register, grade, release (immutable), correct, hold the press conference,
warn and escalate on the clocks, close with a compliance report."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.accounts.guard import SYSTEM, fetch_for, require, user_or_none
from gongkai.core import audit
from gongkai.core.errors import Conflict, InvalidTransition, ValidationFailed

from . import clocks
from .models import Incident, IncidentEvent, Release, Severity, Source

TITLE_MAX, TEXT_MAX = 200, 20_000
# A detection time may be entered late, but not from the future nor from more than 30 days back (local).
MAX_BACKDATE = timedelta(days=30)


def _text(value: str, *, field: str, label: str, max_length: int = TEXT_MAX, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(f"请填写{label}。", field=field)
    if len(value) > max_length:
        raise ValidationFailed(f"{label}不能超过 {max_length} 字。", field=field)
    if "\x00" in value:
        raise ValidationFailed(f"{label}含有无效字符。", field=field)
    return value


def _event(incident, verb: str, *, actor, note: str = "", key: str = "", at: datetime | None = None):
    return IncidentEvent.objects.create(
        incident=incident, verb=verb, actor=user_or_none(actor), note=note, key=key, at=at or timezone.now()
    )


def _snapshot(incident: Incident) -> dict:
    return {"title": incident.title, "severity": incident.severity, "status": incident.status}


def _check_seen_at(first_seen_at: datetime | None, now: datetime) -> datetime:
    if first_seen_at is None:
        raise ValidationFailed("请填写发现时间。", field="first_seen_at")
    if timezone.is_naive(first_seen_at):
        first_seen_at = timezone.make_aware(first_seen_at)
    if first_seen_at > now + timedelta(minutes=1):
        raise ValidationFailed("发现时间不能晚于现在。", field="first_seen_at")
    if first_seen_at < now - MAX_BACKDATE:
        raise ValidationFailed("发现时间不能早于 30 天前；更早的舆情请在备注中说明。", field="first_seen_at")
    return first_seen_at


def register_incident(
    *,
    actor,
    title: str,
    source: str,
    first_seen_at: datetime,
    summary: str,
    severity: str,
    severity_reason: str,
    link: str = "",
    topic: str = "",
    departments=(),
    leader=None,
    now: datetime | None = None,
) -> Incident:
    """Register an incident; its clocks run from `first_seen_at` (detection), not from registration."""
    require(actor, "incidents.manage")
    now = now or timezone.now()
    if source not in Source.values:
        raise ValidationFailed("请选择来源。", field="source")
    if severity not in Severity.values:
        raise ValidationFailed("请选择舆情级别。", field="severity")
    first_seen_at = _check_seen_at(first_seen_at, now)
    agency = actor.agency
    if leader is not None and leader.agency_id != agency.pk:
        raise ValidationFailed("分管领导须为本机关工作人员。", field="leader")
    departments = list(departments)
    if any(d.agency_id != agency.pk for d in departments):
        raise ValidationFailed("责任处室须为本机关处室。", field="departments")
    with transaction.atomic():
        incident = Incident.objects.create(
            agency=agency,
            title=_text(title, field="title", label="舆情标题", max_length=TITLE_MAX),
            source=source,
            link=(link or "").strip()[:500],
            first_seen_at=first_seen_at,
            summary=_text(summary, field="summary", label="舆情概要"),
            topic=(topic or "").strip()[:100],
            severity=severity,
            severity_reason=_text(severity_reason, field="severity_reason", label="定级理由"),
            leader=leader,
            created_by=user_or_none(actor),
        )
        incident.departments.set(departments)
        _event(incident, "registered", actor=actor, note=f"定级：{incident.get_severity_display()}")
        audit.record(actor=actor, verb="incidents.registered", obj=incident, after=_snapshot(incident))
    return incident


def change_severity(*, actor, incident: Incident, severity: str, reason: str) -> Incident:
    """Re-grade with a reason. The clocks of the new grade still run from detection (no fresh start)."""
    require(actor, "incidents.manage", incident, department_field=None)
    if severity not in Severity.values:
        raise ValidationFailed("请选择舆情级别。", field="severity")
    reason = _text(reason, field="reason", label="调整理由", max_length=2000)
    with transaction.atomic():
        locked = fetch_for(actor, Incident, incident.pk, lock=True, department_field=None)
        if locked.status == Incident.Status.CLOSED:
            raise InvalidTransition("舆情已结束，不能调整级别。")
        if locked.severity == severity:
            raise ValidationFailed("级别没有变化。", field="severity")
        before = _snapshot(locked)
        old = locked.get_severity_display()
        locked.severity = severity
        locked.severity_reason = f"{locked.severity_reason}\n调整：{reason}"
        locked.save(update_fields=["severity", "severity_reason"])
        _event(
            locked, "severity_changed", actor=actor, note=f"{old} → {locked.get_severity_display()}：{reason}"
        )
        audit.record(
            actor=actor, verb="incidents.severity_changed", obj=locked, before=before, after=_snapshot(locked)
        )
    return locked


def _next_number(incident: Incident) -> int:
    return (incident.releases.aggregate(n=Max("number"))["n"] or 0) + 1


def draft_release(
    *,
    actor,
    incident: Incident,
    title: str,
    body: str,
    supersedes: Release | None = None,
    correction_reason: str = "",
) -> Release:
    """A new release (and its publication workflow). A correction names the release it supersedes and why."""
    from gongkai.publishing.services import start_workflow

    require(actor, "incidents.release", incident, department_field=None)
    title = _text(title, field="title", label="标题", max_length=TITLE_MAX)
    body = _text(body, field="body", label="正文")
    with transaction.atomic():
        locked = fetch_for(actor, Incident, incident.pk, lock=True, department_field=None)
        if locked.status == Incident.Status.CLOSED:
            raise InvalidTransition("舆情已结束，不能再发布；如需补充，请重新登记。")
        if supersedes is not None:
            if supersedes.incident_id != locked.pk:
                raise ValidationFailed("只能更正本舆情的发布。", field="supersedes")
            if supersedes.published_at is None:
                raise ValidationFailed("只能更正已发布的内容；未发布的草稿请直接修改。", field="supersedes")
            if Release.objects.filter(supersedes=supersedes).exists():
                raise Conflict("该发布已有更正，请更正最新的一次发布。")
            correction_reason = _text(
                correction_reason, field="correction_reason", label="更正理由", max_length=2000
            )
        else:
            correction_reason = ""
        try:
            with transaction.atomic():
                release = Release.objects.create(
                    agency=locked.agency,
                    incident=locked,
                    number=_next_number(locked),
                    title=title,
                    body=body,
                    supersedes=supersedes,
                    correction_reason=correction_reason,
                    author=user_or_none(actor),
                )
        except IntegrityError:
            raise Conflict("该发布已有更正，或序号冲突，请刷新后重试。") from None
        start_workflow(actor=actor, obj=release)
        _event(locked, "release_drafted", actor=actor, note=f"第 {release.number} 次发布：{title}")
        audit.record(actor=actor, verb="incidents.release_drafted", obj=release, after={"title": title})
    return release


def edit_release(*, actor, release: Release, title: str, body: str) -> Release:
    """Only a draft is edited; a published release is immutable (correct it with a new release)."""
    from gongkai.publishing.selectors import workflow_for
    from gongkai.publishing.states import State

    require(actor, "incidents.release", release, department_field=None)
    with transaction.atomic():
        locked = fetch_for(actor, Release, release.pk, lock=True, department_field=None)
        workflow = workflow_for(locked)
        if locked.published_at is not None or (workflow and workflow.state != State.DRAFT):
            raise Conflict("已提交或已发布的舆情回应不可修改；已发布的内容如需更正，请发布更正并说明理由。")
        locked.title = _text(title, field="title", label="标题", max_length=TITLE_MAX)
        locked.body = _text(body, field="body", label="正文")
        locked.save(update_fields=["title", "body"])
        audit.record(actor=actor, verb="incidents.release_edited", obj=locked, after={"title": locked.title})
    return locked


def mark_published(release: Release, *, actor, at: datetime) -> None:
    """Called by the publishing adapter inside the publishing transaction."""
    if release.published_at is not None:
        return
    release.published_at = at
    release.save(update_fields=["published_at"])
    _event(
        release.incident,
        "release_published",
        actor=actor or SYSTEM,
        note=f"第 {release.number} 次发布",
        at=at,
    )


def record_press_conference(*, actor, incident: Incident, held_at: datetime, note: str = "") -> Incident:
    """The press conference held on the incident (国办发〔2016〕80号: within 24 hours for serious ones)."""
    require(actor, "incidents.manage", incident, department_field=None)
    if held_at is None:
        raise ValidationFailed("请填写发布会时间。", field="held_at")
    if timezone.is_naive(held_at):
        held_at = timezone.make_aware(held_at)
    if held_at > timezone.now() + timedelta(minutes=1):
        raise ValidationFailed("发布会举行后再登记（时间不能晚于现在）。", field="held_at")
    with transaction.atomic():
        locked = fetch_for(actor, Incident, incident.pk, lock=True, department_field=None)
        if held_at < locked.first_seen_at:
            raise ValidationFailed("发布会时间不能早于舆情发现时间。", field="held_at")
        if locked.press_conference_at is not None and locked.press_conference_at <= held_at:
            return locked  # the first conference is what the clock counts
        locked.press_conference_at = held_at
        locked.press_conference_note = (note or "").strip()[:300]
        locked.save(update_fields=["press_conference_at", "press_conference_note"])
        _event(locked, "press_conference", actor=actor, note=locked.press_conference_note, at=held_at)
        audit.record(actor=actor, verb="incidents.press_conference", obj=locked, after={"held_at": held_at})
    return locked


def close_incident(*, actor, incident: Incident, summary: str) -> Incident:
    require(actor, "incidents.manage", incident, department_field=None)
    summary = _text(summary, field="summary", label="处置总结")
    with transaction.atomic():
        locked = fetch_for(actor, Incident, incident.pk, lock=True, department_field=None)
        if locked.status == Incident.Status.CLOSED:
            raise InvalidTransition("舆情已结束。")
        if not locked.releases.filter(published_at__isnull=False).exists():
            raise ValidationFailed(
                "尚未发布任何回应，不能结束；确无需回应的，请发布一条说明。", field="summary"
            )
        before = _snapshot(locked)
        locked.status, locked.closed_at, locked.closing_summary = (
            Incident.Status.CLOSED,
            timezone.now(),
            summary,
        )
        locked.save(update_fields=["status", "closed_at", "closing_summary"])
        _event(locked, "closed", actor=actor, note=summary)
        audit.record(actor=actor, verb="incidents.closed", obj=locked, before=before, after=_snapshot(locked))
    return locked


# --- warnings and escalation (the worker) ---------------------------------------------------------
def _notify(incident: Incident, users, *, key: str, subject: str, body: str) -> None:
    """By each person's notification settings; always at once (a clock in hours cannot wait for a digest)."""
    from gongkai.notifications.services import notify_staff

    for user in users:
        notify_staff(
            user,
            kind="incident.clock",
            key=f"incident:{incident.pk}:{key}:{user.pk}",
            subject=subject,
            body=body,
            urgent=True,
        )


def check_clocks(now: datetime | None = None) -> dict[str, int]:
    """Warn the incident's staff before a clock breaches and escalate to the leader in charge after.

    Idempotent: each warning and escalation is an event with a unique key, written once.
    """
    from gongkai.accounts.roles import Role
    from gongkai.accounts.selectors import staff_with_role

    from .selectors import clock_states

    now = now or timezone.now()
    counts = {"warned": 0, "escalated": 0}
    for incident in Incident.objects.filter(status=Incident.Status.OPEN).select_related("agency", "leader"):
        for state in clock_states(incident, now):
            kind = state.clock.kind
            if state.state == "warning":
                key, verb, counter = f"warn:{kind}", "warned", "warned"
                subject = f"【舆情将超时】{incident.title}：{state.clock.label}剩余 {clocks.hours_minutes(state.remaining)}"
                recipients = list(staff_with_role(incident.agency, Role.SPOKESPERSON)) + list(
                    staff_with_role(incident.agency, Role.OPENNESS_OFFICE)
                )
            elif state.state == "breached":
                key, verb, counter = f"escalate:{kind}", "escalated", "escalated"
                subject = f"【舆情已超时】{incident.title}：{state.clock.label}已超时，请分管领导督办"
                recipients = [incident.leader] if incident.leader else []
                recipients += list(staff_with_role(incident.agency, Role.APPROVER))
            else:
                continue
            try:
                with transaction.atomic():
                    _event(
                        incident,
                        verb,
                        actor=SYSTEM,
                        key=key,
                        note=f"{state.clock.label}（{state.clock.basis}）",
                        at=now,
                    )
                    _notify(
                        incident,
                        {u.pk: u for u in recipients if u}.values(),
                        key=key,
                        subject=subject,
                        body=f"{subject}\n\n时限：{timezone.localtime(state.clock.due_at):%Y-%m-%d %H:%M}\n依据：{state.clock.basis}",
                    )
            except IntegrityError:
                continue  # already warned or escalated
            counts[counter] += 1
    return counts
