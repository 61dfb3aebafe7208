"""After closing: dispositions, the 采纳情况 report, the final text and the decision link."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import require
from gongkai.core import audit
from gongkai.core.errors import Conflict, InvalidTransition, ValidationFailed

from .. import rules
from ..models import (
    AdoptionReport,
    Article,
    ArticleFinalState,
    Comment,
    CommentState,
    Consultation,
    Disposition,
)
from .common import _event, _lock, _text


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

    from ..selectors import report_snapshot

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
