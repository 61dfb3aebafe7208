"""Every write of consultations: the draft, comments from every channel, moderation, hearings,
dispositions, the 采纳情况 report, the final text and the decision link. Views, API, jobs call these.

Who may do what (roles.PERMISSIONS): consultations.edit (承办人 of the department, 公开办) drafts,
registers comments received by e-mail/letter/hearing, records dispositions and the final text;
consultations.moderate (公开办) approves or hides public comments.
"""

import secrets
from datetime import date, datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import fetch_for, require
from gongkai.accounts.roles import AGENCY_WIDE_ROLES
from gongkai.core import audit, ratelimit, secret_links
from gongkai.core.errors import Conflict, InvalidTransition, NotFound, ValidationFailed
from gongkai.workdays.selectors import add_working_days, legal_date

from . import rules, search
from .masking import mask_personal_data
from .models import (
    AdoptionReport,
    Article,
    ArticleFinalState,
    Attachment,
    Channel,
    Comment,
    CommentState,
    Consultation,
    ConsultationEvent,
    Disposition,
    Hearing,
)

BODY_MIN, BODY_MAX = 5, 5000
REASON_MAX = 1000
REMIND_DAYS_BEFORE = 3  # local: reminders start three working days before the report is due


def report_days(agency=None) -> int:
    from gongkai.core import agency_settings  # per agency (issue 18 item 7)

    return agency_settings.value("consultation_report_days", agency)


def ordinary_min_days(agency=None) -> int:
    """The shortest window of an ordinary consultation without a published reason (local rule, per
    agency: core.agency_settings)."""
    from gongkai.core import agency_settings

    return agency_settings.value("consultation_min_days", agency)


def _text(value: str, *, field: str, label: str, required: bool = True, max_length: int = REASON_MAX) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(f"请填写{label}。", field=field)
    if len(value) > max_length:
        raise ValidationFailed(f"{label}不能超过 {max_length} 字。", field=field)
    return value


def _lock(actor, consultation: Consultation) -> Consultation:
    """Fetch-and-authorise: the row, locked, if `actor` may see it (承办人: own department)."""
    return fetch_for(actor, Consultation, consultation.pk, lock=True, not_found="没有找到该征求意见。")


def _event(consultation, verb: str, *, actor=None, note: str = "", at: datetime | None = None) -> None:
    ConsultationEvent.objects.create(
        consultation=consultation, verb=verb, actor=actor, note=note, at=at or timezone.now()
    )


def _is_public(consultation) -> bool:
    from gongkai.publishing.selectors import is_public

    return is_public(consultation)


def _frozen(consultation) -> bool:
    """Submitted, approved or published content is not edited in place (return it to draft first)."""
    from gongkai.publishing.selectors import workflow_for

    workflow = workflow_for(consultation)
    return workflow is not None and workflow.state != "draft"


def _check_window(*, opens_at, closes_at, is_major, is_urgent, urgency_reason) -> None:
    if opens_at is None or closes_at is None:
        raise ValidationFailed(
            "请填写征求意见的开始和截止时间。", field="opens_at" if opens_at is None else "closes_at"
        )
    problem = rules.window_problem(
        opens_at=opens_at,
        closes_at=closes_at,
        is_major=is_major,
        is_urgent=is_urgent,
        urgency_reason=urgency_reason,
        ordinary_min_days=ordinary_min_days(),
    )
    if problem:
        raise ValidationFailed(problem[1], field=problem[0])


def _report_due(closes_at: datetime) -> date:
    return add_working_days(legal_date(closes_at), report_days()).due


FIELDS = (
    "title",
    "summary",
    "basis",
    "explanation",
    "is_major",
    "opens_at",
    "closes_at",
    "is_urgent",
    "urgency_reason",
    "email",
    "postal_address",
    "department",
)


def _snapshot(c: Consultation) -> dict:
    return {name: (getattr(c, f"{name}_id") if name == "department" else getattr(c, name)) for name in FIELDS}


# --- the draft ----------------------------------------------------------------------------------
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


# --- comments from the public -------------------------------------------------------------------
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
        ratelimit.enforce(
            lambda since: recent.filter(ip_hash=ip_hash, submitted_at__gte=since).count(), now=now
        )
    if contact_hash:
        ratelimit.enforce(
            lambda since: recent.filter(contact_hash=contact_hash, submitted_at__gte=since).count(), now=now
        )
    if ip_hash and recent.filter(consultation=consultation, ip_hash=ip_hash, body=body).exists():
        raise Conflict("您已经提交过相同的意见，无需重复提交。")
    token = secret_links.new_token()
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
            agency=consultation.agency,
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


# --- hearings (Art. 16) -------------------------------------------------------------------------
def save_hearing(
    *,
    actor,
    consultation: Consultation,
    held_at: datetime,
    place: str,
    notice: str,
    materials_sent_on: date | None,
    participants: str = "",
    selection_method: str = "",
    minutes: str = "",
    hearing: Hearing | None = None,
) -> Hearing:
    require(actor, "consultations.edit")
    place = _text(place, field="place", label="地点", max_length=200)
    notice = _text(notice, field="notice", label="听证公告", max_length=5000)
    problem = rules.hearing_problem(materials_sent_on=materials_sent_on, held_on=legal_date(held_at))
    if problem:
        raise ValidationFailed(problem, field="materials_sent_on")
    with transaction.atomic():
        locked = _lock(actor, consultation)
        if hearing is not None and hearing.consultation_id != locked.pk:
            raise NotFound("没有找到该听证会。")
        row = hearing or Hearing(consultation=locked)
        for name, value in {
            "held_at": held_at,
            "place": place,
            "notice": notice,
            "participants": participants.strip(),
            "selection_method": selection_method.strip(),
            "minutes": minutes.strip(),
            "materials_sent_on": materials_sent_on,
        }.items():
            setattr(row, name, value)
        row.save()
        audit.record(
            actor=actor,
            verb="consultation.hearing_saved",
            obj=row,
            agency=locked.agency,
            after={"held_at": held_at, "place": place, "participants": len(row.participant_list)},
        )
    return row


# --- after closing: dispositions, the report, the final text ------------------------------------
def _require_closed(consultation: Consultation, now: datetime | None = None) -> None:
    if (
        rules.phase(
            now=now or timezone.now(), opens_at=consultation.opens_at, closes_at=consultation.closes_at
        )
        != "closed"
    ):
        raise InvalidTransition("征求意见截止后才能处理意见和公布采纳情况。")


def record_disposition(
    *,
    actor,
    comments: list[Comment],
    disposition: str,
    reason: str,
    group_label: str = "",
    changed_article: Article | None = None,
) -> list[Comment]:
    """采纳 / 部分采纳 / 未采纳 / 不属于征求范围 with a reason, for one comment or a group of similar ones."""
    require(actor, "consultations.edit")
    if disposition not in Disposition.values:
        raise ValidationFailed("请选择处理意见。", field="disposition")
    reason = _text(reason, field="reason", label="理由")
    if not comments:
        raise ValidationFailed("请至少选择一条意见。", field="comments")
    consultation_ids = {c.consultation_id for c in comments}
    if len(consultation_ids) != 1:
        raise ValidationFailed("只能归并同一草案的意见。", field="comments")
    with transaction.atomic():
        consultation = _lock(actor, Consultation(pk=consultation_ids.pop()))
        _require_closed(consultation)
        if changed_article is not None and changed_article.consultation_id != consultation.pk:
            raise ValidationFailed("所选条文不属于该草案。", field="changed_article")
        if changed_article is not None and disposition not in (Disposition.ADOPTED, Disposition.PARTLY):
            raise ValidationFailed("只有采纳或部分采纳的意见才会修改条文。", field="changed_article")
        if _report_published(consultation):
            raise Conflict("采纳情况已公布，处理意见不能再修改。")
        now = timezone.now()
        rows = list(
            Comment.objects.select_for_update().filter(
                pk__in=[c.pk for c in comments], consultation=consultation
            )
        )
        for row in rows:
            row.disposition, row.disposition_reason = disposition, reason
            row.group_label = group_label.strip()[:100]
            row.changed_article = changed_article
            row.disposed_at = now
            row.save()
        audit.record(
            actor=actor,
            verb="consultation.disposition_recorded",
            obj=consultation,
            agency=consultation.agency,
            after={
                "comments": [r.pk for r in rows],
                "disposition": disposition,
                "reason": reason,
                "changed_article": changed_article.pk if changed_article else None,
            },
        )
    return rows


def _report_published(consultation) -> bool:
    report = AdoptionReport.objects.filter(consultation=consultation).first()
    return bool(report and report.published_at)


def generate_report(*, actor, consultation: Consultation, introduction: str = "") -> AdoptionReport:
    """(Re)generate the 意见收集和采纳情况 from the dispositions and open its publication workflow."""
    from gongkai.publishing.selectors import open_workflow_for, workflow_for
    from gongkai.publishing.services import start_workflow

    from .selectors import report_snapshot

    require(actor, "consultations.edit")
    with transaction.atomic():
        locked = _lock(actor, consultation)
        _require_closed(locked)
        missing = locked.comments.exclude(state=CommentState.HIDDEN).filter(disposition="").count()
        if missing:
            raise ValidationFailed(f"还有 {missing} 条意见没有处理意见，请逐条（或归并）填写后再生成。")
        report = AdoptionReport.objects.filter(consultation=locked).first()
        if report and report.published_at:
            raise Conflict("采纳情况已公布。")
        now = timezone.now()
        if report is None:
            report = AdoptionReport(consultation=locked)
        report.introduction = introduction.strip()
        report.snapshot = report_snapshot(locked)
        report.generated_at = now
        report.save()
        workflow = workflow_for(report)
        if workflow is None or (open_workflow_for(report) is None and workflow.state != "published"):
            start_workflow(actor=actor, obj=report)
        elif workflow.state != "draft":
            raise Conflict("采纳情况正在审核中，不能重新生成；如需修改，请先退回。")
        _event(locked, "report_generated", actor=actor, at=now)
        audit.record(
            actor=actor,
            verb="consultation.report_generated",
            obj=report,
            agency=locked.agency,
            after={"counts": report.snapshot.get("counts", {})},
        )
    return report


def check_report_publishable(*, report: AdoptionReport) -> None:
    missing = report.consultation.comments.exclude(state=CommentState.HIDDEN).filter(disposition="").count()
    if missing:
        raise ValidationFailed(f"还有 {missing} 条意见没有处理意见。")


def record_report_publication(*, report: AdoptionReport, at: datetime) -> None:
    """Inside the publishing transaction (adapter.on_published)."""
    AdoptionReport.objects.filter(pk=report.pk).update(published_at=at)
    _event(report.consultation, "report_published", at=at)
    audit.record(
        actor=None,
        verb="consultation.report_published",
        obj=report,
        agency=report.consultation.agency,
        after={"published_at": at},
    )


def record_final_text(*, actor, article: Article, final_state: str, final_text: str = "") -> Article:
    """The final text of one article (for the clause-by-clause comparison)."""
    require(actor, "consultations.edit")
    if final_state not in ArticleFinalState.values:
        raise ValidationFailed("请选择定稿情况。", field="final_state")
    final_text = (final_text or "").strip()
    if final_state in (ArticleFinalState.AMENDED, ArticleFinalState.ADDED) and not final_text:
        raise ValidationFailed("请填写定稿条文。", field="final_text")
    with transaction.atomic():
        consultation = _lock(actor, article.consultation)
        _require_closed(consultation)
        row = Article.objects.select_for_update().get(pk=article.pk, consultation=consultation)
        before = {"final_state": row.final_state, "final_text": row.final_text}
        row.final_state = final_state
        row.final_text = (
            "" if final_state in (ArticleFinalState.UNCHANGED, ArticleFinalState.DELETED) else final_text
        )
        row.save()
        audit.record(
            actor=actor,
            verb="consultation.final_text_recorded",
            obj=row,
            agency=consultation.agency,
            before=before,
            after={"final_state": row.final_state, "final_text": row.final_text},
        )
    return row


def add_final_article(*, actor, consultation: Consultation, final_text: str) -> Article:
    """An article that the final text adds (no draft text)."""
    require(actor, "consultations.edit")
    final_text = _text(final_text, field="final_text", label="定稿条文", max_length=5000)
    with transaction.atomic():
        locked = _lock(actor, consultation)
        _require_closed(locked)
        position = (locked.articles.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        row = Article.objects.create(
            consultation=locked,
            position=position,
            text="",
            final_state=ArticleFinalState.ADDED,
            final_text=final_text,
        )
        audit.record(
            actor=actor,
            verb="consultation.final_article_added",
            obj=row,
            agency=locked.agency,
            after={"position": position},
        )
    return row


def link_decision(
    *, actor, consultation: Consultation, title: str, url: str, decided_on: date | None
) -> Consultation:
    """The final decision (e.g. the published normative document) links back to the consultation."""
    require(actor, "consultations.edit")
    title = _text(title, field="decision_title", label="最终决策文件名称", max_length=200)
    url = (url or "").strip()
    if url and not (url.startswith("/") or url.startswith("https://") or url.startswith("http://")):
        raise ValidationFailed("网址应以 / 或 https:// 开头。", field="decision_url")
    with transaction.atomic():
        locked = _lock(actor, consultation)
        _require_closed(locked)
        locked.decision_title, locked.decision_url, locked.decided_on = title, url[:300], decided_on
        locked.save(update_fields=["decision_title", "decision_url", "decided_on", "updated_at"])
        _event(locked, "decision_linked", actor=actor, note=title)
        audit.record(
            actor=actor,
            verb="consultation.decision_linked",
            obj=locked,
            agency=locked.agency,
            after={"title": title, "url": url, "decided_on": decided_on},
        )
    return locked


# --- the periodic job ---------------------------------------------------------------------------
def tick(now: datetime) -> dict:
    """Finalise closings (event + audit) and remind of reports due. Visibility never depends on it."""
    from gongkai.workdays.selectors import working_days_between

    closed = reminded = 0
    for consultation in Consultation.objects.filter(closes_at__lte=now, closed_recorded_at__isnull=True):
        if not _is_public(consultation):
            continue
        with transaction.atomic():
            locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
            if locked.closed_recorded_at is not None:
                continue
            locked.closed_recorded_at = now
            locked.save(update_fields=["closed_recorded_at"])
            _event(locked, "closed", at=locked.closes_at, note=f"共收到意见 {locked.comments.count()} 条")
            audit.record(
                actor=None,
                verb="consultation.closed",
                obj=locked,
                agency=locked.agency,
                after={"comments": locked.comments.count()},
            )
            closed += 1
    today = legal_date(now)
    due = (
        Consultation.objects.filter(closed_recorded_at__isnull=False, report_due_on__isnull=False)
        .exclude(report__published_at__isnull=False)
        .exclude(reminded_on=today)
    )
    for consultation in due:
        left = (
            working_days_between(today, consultation.report_due_on).working_days
            if consultation.report_due_on >= today
            else -1
        )
        if left > REMIND_DAYS_BEFORE:
            continue
        note = (
            "采纳情况今日到期"
            if left == 0
            else (f"采纳情况还有 {left} 个工作日到期" if left > 0 else "采纳情况已逾期")
        )
        Consultation.objects.filter(pk=consultation.pk).update(reminded_on=today)
        _event(consultation, "report_reminder", note=note, at=now)
        reminded += 1
    return {"closed": closed, "reminded": reminded}
