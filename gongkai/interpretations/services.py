"""Every write of interpretations. Keyword-only, `actor` first; permission, transaction, audit."""

import hashlib
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import fetch_for
from gongkai.catalogue.models import InformationItem, ItemRevision, RevisionStatus
from gongkai.catalogue.sanitize import clean_body, html_to_text
from gongkai.core import audit
from gongkai.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed

from . import deadlines, media, selectors
from .models import Form, Interpretation, QAPair, Status, Waiver
from .permissions import can_create, can_edit, can_waive

FIELDS = (
    "form",
    "title",
    "summary",
    "body",
    "image_alt",
    "transcript",
    "media_url",
    "interview_url",
    "department",
)
MAX_IMAGE_MB = 20
QA_MAX = 100


def _snapshot(interpretation: Interpretation) -> dict:
    return {f: getattr(interpretation, f"{f}_id" if f == "department" else f) for f in FIELDS}


def _clean(*, agency, values: dict, current: Interpretation | None = None) -> dict:
    values = dict(values)
    for name in ("title", "summary", "image_alt", "transcript", "media_url", "interview_url"):
        if name in values:
            values[name] = (values[name] or "").strip()
    if "title" in values and not values["title"]:
        raise ValidationFailed("请填写解读标题。", field="title")
    if "form" in values and values["form"] not in Form.values:
        raise ValidationFailed("请选择解读形式。", field="form")
    if "body" in values:
        values["body"] = clean_body(values["body"])
    department = values.get("department")
    if department is not None and department.agency_id != agency.pk:
        raise ValidationFailed("处室不属于本机关。", field="department")
    form = values.get("form")

    def effective(name):
        return values[name] if name in values else (getattr(current, name) if current else "")

    # A graphic without its words and a recording without its transcript exclude readers who cannot
    # see or hear them (GB/T 37668-2019; WCAG 2.1 1.1.1, 1.2.1): both are required, not optional.
    if form == Form.GRAPHIC and not effective("image_alt"):
        raise ValidationFailed("图解必须填写文字说明（供无法看到图片的读者使用）。", field="image_alt")
    if form == Form.MEDIA and not effective("transcript"):
        raise ValidationFailed("音视频解读必须提供文字实录。", field="transcript")
    return values


def _require_draft(interpretation: Interpretation) -> None:
    from gongkai.publishing.selectors import workflow_for

    if interpretation.status != Status.DRAFT:
        raise InvalidTransition("已发布的解读不能直接修改；如需更正，请撤回后重新发布新的解读。")
    workflow = workflow_for(interpretation)
    if workflow is not None and workflow.state != "draft":
        raise InvalidTransition("该解读已提交审查或审批，不能修改；如需修改请先退回草稿。")


def create_interpretation(
    *,
    actor,
    policy: InformationItem,
    form: str,
    title: str,
    qa_pairs: list[tuple[str, str]] | None = None,
    **fields,
) -> Interpretation:
    """A draft interpretation of `policy` with its publication workflow. 谁起草、谁解读: the owner
    department defaults to the policy's drafting department."""
    if not can_create(actor):
        raise PermissionDenied("您无权起草政策解读。")
    if policy.agency_id != actor.agency_id:
        raise NotFound("没有找到该政策文件。")
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationFailed(f"未知字段：{'、'.join(sorted(unknown))}")
    fields.setdefault("department", policy.department or actor.department)
    values = _clean(agency=actor.agency, values={"form": form, "title": title, **fields})
    probe = Interpretation(agency=actor.agency, department=values["department"])
    if not can_edit(actor, probe):
        raise PermissionDenied("只能为本处室起草的政策文件起草解读（谁起草、谁解读）。")
    with transaction.atomic():
        interpretation = Interpretation.objects.create(
            agency=actor.agency, policy=policy, created_by=actor, **values
        )
        if qa_pairs:
            _replace_pairs(interpretation, qa_pairs)
        from gongkai.publishing.services import start_workflow

        start_workflow(actor=actor, obj=interpretation)
        audit.record(
            actor=actor,
            verb="interpretations.created",
            obj=interpretation,
            agency=actor.agency,
            after={"policy": policy.pk, **_snapshot(interpretation)},
        )
    return interpretation


def update_interpretation(*, actor, interpretation: Interpretation, **fields) -> Interpretation:
    if not can_edit(actor, interpretation):
        raise PermissionDenied("您无权修改该解读。")
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationFailed(f"未知字段：{'、'.join(sorted(unknown))}")
    form = fields.get("form", interpretation.form)
    with transaction.atomic():
        interpretation = fetch_for(actor, Interpretation, interpretation.pk, lock=True)
        _require_draft(interpretation)
        values = _clean(agency=interpretation.agency, values={"form": form, **fields}, current=interpretation)
        before = _snapshot(interpretation)
        for name, value in values.items():
            setattr(interpretation, name, value)
        interpretation.save()
        audit.record(
            actor=actor,
            verb="interpretations.edited",
            obj=interpretation,
            agency=interpretation.agency,
            before=before,
            after=_snapshot(interpretation),
        )
    return interpretation


def _replace_pairs(interpretation: Interpretation, pairs) -> list[QAPair]:
    cleaned = [((q or "").strip(), (a or "").strip()) for q, a in pairs]
    cleaned = [(q, a) for q, a in cleaned if q or a]
    for number, (question, answer) in enumerate(cleaned, 1):
        if not question or not answer:
            raise ValidationFailed(f"第 {number} 组问答的问题和回答都要填写。", field="qa_pairs")
    if len(cleaned) > QA_MAX:
        raise ValidationFailed(f"问答最多 {QA_MAX} 组。", field="qa_pairs")
    interpretation.qa_pairs.all().delete()
    return [
        QAPair.objects.create(interpretation=interpretation, question=q, answer=a, sort_order=n)
        for n, (q, a) in enumerate(cleaned)
    ]


def set_qa_pairs(*, actor, interpretation: Interpretation, pairs: list[tuple[str, str]]) -> list[QAPair]:
    if not can_edit(actor, interpretation):
        raise PermissionDenied("您无权修改该解读。")
    with transaction.atomic():
        interpretation = fetch_for(actor, Interpretation, interpretation.pk, lock=True)
        _require_draft(interpretation)
        before = list(interpretation.qa_pairs.values_list("question", flat=True))
        rows = _replace_pairs(interpretation, pairs)
        audit.record(
            actor=actor,
            verb="interpretations.qa_saved",
            obj=interpretation,
            agency=interpretation.agency,
            before={"questions": before},
            after={"questions": [r.question for r in rows]},
        )
    return rows


def _store(prefix: str, extension: str, data: bytes) -> str:
    return default_storage.save(
        f"interpretations/{timezone.localdate():%Y/%m}/{prefix}-{uuid.uuid4().hex}.{extension}",
        ContentFile(data),
    )


def set_image(*, actor, interpretation: Interpretation, filename: str, data: bytes) -> Interpretation:
    """The 图解 image, checked by its content (PNG, JPEG, GIF, WEBP)."""
    from gongkai.confidentiality.filetypes import detect

    if not can_edit(actor, interpretation):
        raise PermissionDenied("您无权修改该解读。")
    if not data:
        raise ValidationFailed("图片是空文件。", field="file")
    if len(data) > MAX_IMAGE_MB * 1024 * 1024:
        raise ValidationFailed(f"图片不能超过 {MAX_IMAGE_MB} MB。", field="file")
    kind = detect(data, filename or "image")
    if not kind.mime.startswith("image/"):
        raise ValidationFailed("图解只能上传 PNG、JPEG、GIF 或 WEBP 图片。", field="file")
    with transaction.atomic():
        interpretation = fetch_for(actor, Interpretation, interpretation.pk, lock=True)
        _require_draft(interpretation)
        interpretation.image = _store("graphic", kind.extension, data)
        interpretation.image_name, interpretation.image_mime = (filename or "图解")[:200], kind.mime
        interpretation.save(update_fields=["image", "image_name", "image_mime", "updated_at"])
        audit.record(
            actor=actor,
            verb="interpretations.image_set",
            obj=interpretation,
            agency=interpretation.agency,
            after={
                "name": interpretation.image_name,
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            },
        )
    return interpretation


def set_media_file(*, actor, interpretation: Interpretation, filename: str, data: bytes) -> Interpretation:
    if not can_edit(actor, interpretation):
        raise PermissionDenied("您无权修改该解读。")
    if not data:
        raise ValidationFailed("音视频文件是空文件。", field="file")
    if len(data) > media.max_media_bytes():
        raise ValidationFailed(
            f"音视频文件不能超过 {media.max_media_bytes() // (1024 * 1024)} MB。", field="file"
        )
    kind = media.detect_media(data, filename)
    with transaction.atomic():
        interpretation = fetch_for(actor, Interpretation, interpretation.pk, lock=True)
        _require_draft(interpretation)
        interpretation.media_file = _store("media", kind.extension, data)
        interpretation.media_name, interpretation.media_mime = (filename or "音视频")[:200], kind.mime
        interpretation.save(update_fields=["media_file", "media_name", "media_mime", "updated_at"])
        audit.record(
            actor=actor,
            verb="interpretations.media_set",
            obj=interpretation,
            agency=interpretation.agency,
            after={"name": interpretation.media_name, "size": len(data), "mime": kind.mime},
        )
    return interpretation


# --- publication ------------------------------------------------------------------------------
def check_complete(interpretation: Interpretation) -> None:
    """What each form needs before it can be approved (the adapter's check_publishable)."""
    form = interpretation.form
    if form == Form.TEXT and not html_to_text(interpretation.body):
        raise ValidationFailed("文字解读的正文不能为空。")
    if form == Form.QA and not interpretation.qa_pairs.exists():
        raise ValidationFailed("问答解读至少要有一组问答。")
    if form == Form.GRAPHIC and (not interpretation.image or not interpretation.image_alt.strip()):
        raise ValidationFailed("图解须上传图片并填写文字说明。")
    if form == Form.MEDIA and (
        not (interpretation.media_file or interpretation.media_url) or not interpretation.transcript.strip()
    ):
        raise ValidationFailed("音视频解读须上传文件或填写地址，并提供文字实录。")
    if form == Form.INTERVIEW and not interpretation.interview_url:
        raise ValidationFailed("在线访谈解读须填写访谈页面地址。")


def record_publication(*, actor, interpretation: Interpretation, at) -> Interpretation:
    """Inside the publishing transaction: mirror the fact and record the timing against the policy
    (with it, or after it: due within N working days, on time or late)."""
    interpretation = fetch_for(actor, Interpretation, interpretation.pk, lock=True, department_field=None)
    policy_at = selectors.policy_public_at(interpretation.policy)
    timing, due_on, late = deadlines.timing_of(policy_at=policy_at, interpretation_at=at)
    interpretation.status, interpretation.published_at = Status.PUBLISHED, at
    interpretation.timing, interpretation.due_on, interpretation.late_by_days = timing, due_on, late
    interpretation.save(
        update_fields=["status", "published_at", "timing", "due_on", "late_by_days", "updated_at"]
    )
    audit.record(
        actor=actor,
        verb="interpretations.published",
        obj=interpretation,
        agency=interpretation.agency,
        after={"policy": interpretation.policy_id, "timing": timing, "due_on": due_on, "late_by_days": late},
    )
    return interpretation


def record_withdrawal(*, actor, interpretation: Interpretation, reason: str) -> None:
    interpretation = fetch_for(actor, Interpretation, interpretation.pk, lock=True, department_field=None)
    interpretation.status, interpretation.withdrawal_reason = Status.WITHDRAWN, reason[:500]
    interpretation.save(update_fields=["status", "withdrawal_reason", "updated_at"])
    audit.record(
        actor=actor,
        verb="interpretations.withdrawn",
        obj=interpretation,
        agency=interpretation.agency,
        after={"reason": reason},
    )


# --- 三同步 waiver ------------------------------------------------------------------------------
def waive(*, actor, revision: ItemRevision, reason: str) -> Waiver:
    """An approving leader lets this policy revision be published without a synchronous
    interpretation; the reason is kept and audited."""
    if not can_waive(actor):
        raise PermissionDenied("只有分管领导可以登记不同步解读。")
    if revision.item.agency_id != actor.agency_id:
        raise NotFound("没有找到该政策文件。")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("请填写不同步解读的理由。", field="reason")
    if len(reason) > 2000:
        raise ValidationFailed("理由不能超过 2000 字。", field="reason")
    if not revision.needs_interpretation:
        raise InvalidTransition("该政策文件没有标注需要解读，无需登记。")
    if revision.status != RevisionStatus.DRAFT:
        raise InvalidTransition("该版本已发布，不能再登记。")
    with transaction.atomic():
        if Waiver.objects.filter(revision=revision).exists():
            raise InvalidTransition("该版本已登记过不同步解读。")
        waiver = Waiver.objects.create(
            agency=actor.agency, revision=revision, reason=reason, decided_by=actor
        )
        audit.record(
            actor=actor,
            verb="interpretations.waived",
            obj=waiver,
            agency=actor.agency,
            after={"revision": revision.pk, "item": revision.item_id, "reason": reason},
        )
    return waiver
