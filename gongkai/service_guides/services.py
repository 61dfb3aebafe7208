"""Every write of 办事指南. Keyword-only, `actor` first; guard, transaction, audit."""

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.guard import SYSTEM, fetch_for, require, user_or_none
from gongkai.core import audit, ratelimit
from gongkai.core.errors import Conflict, InvalidTransition, ValidationFailed

from .elements import missing_elements
from .models import ErrorReport, GuideStatus, GuideVersion, Material, Rating, ServiceItem

ELEMENT_FIELDS = (
    "basis",
    "conditions",
    "process",
    "statutory_days",
    "promised_days",
    "fee_free",
    "fee_standard",
    "fee_basis",
    "location",
    "hours",
    "phone",
    "complaint",
    "delivery",
)
MATERIAL_FIELDS = ("name", "form", "copies", "note")
MAX_FILE_MB = 20


def _snapshot(version: GuideVersion) -> dict:
    return {f: getattr(version, f) for f in ELEMENT_FIELDS}


def _clean(values: dict) -> dict:
    unknown = set(values) - set(ELEMENT_FIELDS)
    if unknown:
        raise ValidationFailed(f"未知字段：{'、'.join(sorted(unknown))}")
    values = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
    statutory, promised = values.get("statutory_days"), values.get("promised_days")
    if statutory is not None and promised is not None and promised > statutory:
        raise ValidationFailed("承诺时限不能超过法定时限。", field="promised_days")
    return values


def _require_draft(version: GuideVersion) -> None:
    from gongkai.publishing.selectors import workflow_for

    if version.status != GuideStatus.DRAFT:
        raise InvalidTransition("已发布的办事指南不能修改；请“修订”生成新版本。")
    workflow = workflow_for(version)
    if workflow is not None and workflow.state != "draft":
        raise InvalidTransition("该版本已提交审查或审批，不能修改；如需修改请先退回草稿。")


def create_guide(*, actor, agency, code: str, name: str, department=None, **elements) -> GuideVersion:
    """A 服务事项 with the draft of its first guide version (and its workflow)."""
    from gongkai.publishing.services import start_workflow

    code, name = (code or "").strip(), (name or "").strip()
    if not code:
        raise ValidationFailed("请填写事项编码。", field="code")
    if not name:
        raise ValidationFailed("请填写事项名称。", field="name")
    if department is not None and department.agency_id != agency.pk:
        raise ValidationFailed("处室不属于本机关。", field="department")
    department = department or getattr(actor, "department", None)
    require(actor, "service_guides.manage", ServiceItem(agency=agency, department=department))
    elements = _clean(elements)
    with transaction.atomic():
        if ServiceItem.objects.filter(agency=agency, code=code).exists():
            raise ValidationFailed(f"事项编码 {code} 已存在。", field="code")
        item = ServiceItem.objects.create(agency=agency, department=department, code=code, name=name)
        version = GuideVersion.objects.create(
            item=item, number=1, change_note="首次发布", created_by=user_or_none(actor), **elements
        )
        start_workflow(actor=actor, obj=version)
        audit.record(
            actor=actor,
            verb="service_guides.created",
            obj=version,
            agency=agency,
            after={"code": code, "name": name},
        )
    return version


def start_revision(*, actor, item: ServiceItem, change_note: str) -> GuideVersion:
    """A new draft version copied from the current one (elements and materials)."""
    from gongkai.publishing.services import start_workflow

    require(actor, "service_guides.manage", item)
    change_note = (change_note or "").strip()
    if not change_note:
        raise ValidationFailed("请填写修订说明。", field="change_note")
    with transaction.atomic():
        item = ServiceItem.objects.select_for_update().get(pk=item.pk)
        if item.versions.filter(status=GuideStatus.DRAFT).exists():
            raise Conflict("已有一个未发布的修订版本。")
        current = item.versions.filter(status=GuideStatus.PUBLISHED).order_by("-number").first()
        if current is None:
            raise InvalidTransition("该事项还没有已发布的指南。")
        number = item.versions.order_by("-number").values_list("number", flat=True).first() + 1
        version = GuideVersion.objects.create(
            item=item,
            number=number,
            change_note=change_note,
            created_by=user_or_none(actor),
            **_snapshot(current),
        )
        for m in current.materials.all():
            Material.objects.create(
                version=version,
                **{
                    f: getattr(m, f)
                    for f in (
                        *MATERIAL_FIELDS,
                        "sample",
                        "sample_name",
                        "blank_form",
                        "blank_form_name",
                        "sort_order",
                    )
                },
            )
        start_workflow(actor=actor, obj=version)
        audit.record(
            actor=actor,
            verb="service_guides.revision_started",
            obj=version,
            agency=item.agency,
            after={"number": number, "change_note": change_note},
        )
    return version


def update_guide(*, actor, version: GuideVersion, **elements) -> GuideVersion:
    require(actor, "service_guides.manage", version.item)
    elements = _clean(elements)
    with transaction.atomic():
        version = fetch_for(
            actor, GuideVersion.objects.select_related("item"), version.pk, lock=True, via="item"
        )
        _require_draft(version)
        before = _snapshot(version)
        for name, value in elements.items():
            setattr(version, name, value)
        if version.fee_free:
            version.fee_standard = version.fee_basis = ""
        _clean({"statutory_days": version.statutory_days, "promised_days": version.promised_days})
        version.save()
        audit.record(
            actor=actor,
            verb="service_guides.edited",
            obj=version,
            agency=version.agency,
            before=before,
            after=_snapshot(version),
        )
    return version


def save_material(*, actor, version: GuideVersion, material: Material | None = None, **values) -> Material:
    unknown = set(values) - set(MATERIAL_FIELDS)
    if unknown:
        raise ValidationFailed(f"未知字段：{'、'.join(sorted(unknown))}")
    require(actor, "service_guides.manage", version.item)
    name = (values.get("name") or (material.name if material else "")).strip()
    if not name:
        raise ValidationFailed("请填写材料名称。", field="name")
    copies = values.get("copies", material.copies if material else 1)
    if copies is None or not 1 <= copies <= 99:
        raise ValidationFailed("份数须在 1 到 99 之间。", field="copies")
    with transaction.atomic():
        version = fetch_for(
            actor, GuideVersion.objects.select_related("item"), version.pk, lock=True, via="item"
        )
        _require_draft(version)
        if material is None:
            material = Material(version=version, sort_order=version.materials.count())
        elif material.version_id != version.pk:
            raise ValidationFailed("该材料不属于这个版本。")
        for field, value in values.items():
            setattr(material, field, value.strip() if isinstance(value, str) else value)
        material.name = name
        material.save()
        audit.record(
            actor=actor,
            verb="service_guides.material_saved",
            obj=version,
            agency=version.agency,
            after={"material": material.name},
        )
    return material


def delete_material(*, actor, material: Material) -> None:
    version = material.version
    require(actor, "service_guides.manage", version.item)
    with transaction.atomic():
        version = fetch_for(
            actor, GuideVersion.objects.select_related("item"), version.pk, lock=True, via="item"
        )
        _require_draft(version)
        name = material.name
        material.delete()
        audit.record(
            actor=actor,
            verb="service_guides.material_deleted",
            obj=version,
            agency=version.agency,
            before={"material": name},
        )


def set_material_file(*, actor, material: Material, which: str, filename: str, data: bytes) -> Material:
    """The 示范文本 or 空白表格 of a material (any document type the scanner can read)."""
    from gongkai.confidentiality.filetypes import detect

    if which not in ("sample", "blank_form"):
        raise ValidationFailed("未知的文件类型。")
    require(actor, "service_guides.manage", material.version.item)
    if not data:
        raise ValidationFailed("文件是空的。", field="file")
    if len(data) > MAX_FILE_MB * 1024 * 1024:
        raise ValidationFailed(f"文件不能超过 {MAX_FILE_MB} MB。", field="file")
    kind = detect(data, filename or "file")
    with transaction.atomic():
        version = fetch_for(
            actor, GuideVersion.objects.select_related("item"), material.version_id, lock=True, via="item"
        )
        _require_draft(version)
        path = default_storage.save(
            f"service_guides/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.{kind.extension}",
            ContentFile(data),
        )
        setattr(material, which, path)
        setattr(material, f"{which}_name", (filename or "表格")[:200])
        material.save()
        audit.record(
            actor=actor,
            verb="service_guides.file_set",
            obj=version,
            agency=version.agency,
            after={"material": material.name, which: filename},
        )
    return material


# --- publication ------------------------------------------------------------------------------------
def check_complete(version: GuideVersion) -> None:
    """A guide missing a mandatory element cannot be submitted or published; the message names it."""
    missing = missing_elements(_snapshot(version), version.materials.count())
    if missing:
        raise ValidationFailed(f"办事指南缺少必备要素：{'、'.join(missing)}。请补充后再提交。")


def record_publication(*, actor, version: GuideVersion, at) -> GuideVersion:
    version = fetch_for(
        actor,
        GuideVersion.objects.select_related("item"),
        version.pk,
        lock=True,
        via="item",
        department_field=None,
    )
    previous = list(version.item.versions.filter(status=GuideStatus.PUBLISHED).exclude(pk=version.pk))
    GuideVersion.objects.filter(pk__in=[v.pk for v in previous]).update(status=GuideStatus.SUPERSEDED)
    version.status, version.published_at = GuideStatus.PUBLISHED, at
    version.save(update_fields=["status", "published_at"])
    audit.record(
        actor=actor,
        verb="service_guides.published",
        obj=version,
        agency=version.agency,
        after={"number": version.number},
    )
    from .search import sync_item

    sync_item(version.item)
    return version


def record_withdrawal(*, actor, version: GuideVersion, reason: str) -> None:
    version = fetch_for(
        actor,
        GuideVersion.objects.select_related("item"),
        version.pk,
        lock=True,
        via="item",
        department_field=None,
    )
    was_current = version.status == GuideStatus.PUBLISHED
    version.status, version.withdrawal_reason = GuideStatus.WITHDRAWN, reason[:500]
    version.save(update_fields=["status", "withdrawal_reason"])
    if was_current:
        restored = version.item.versions.filter(status=GuideStatus.SUPERSEDED).order_by("-number").first()
        if restored is not None:
            restored.status = GuideStatus.PUBLISHED
            restored.save(update_fields=["status"])
    audit.record(
        actor=actor,
        verb="service_guides.withdrawn",
        obj=version,
        agency=version.agency,
        after={"reason": reason},
    )
    from .search import sync_item

    sync_item(version.item)


# --- citizens: rating and error reports (SYSTEM acts for them) --------------------------------------
def _throttle(model, ip: str, now) -> str:
    ip_hash = ratelimit.fingerprint(ip, purpose="ip")
    if ip_hash:
        ratelimit.enforce(
            lambda since: model.objects.filter(ip_hash=ip_hash, created_at__gte=since).count(), now=now
        )
    return ip_hash


def rate(*, version: GuideVersion, score, ip: str = "") -> Rating:
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise ValidationFailed("请选择 1 到 5 分。", field="score")
    if version.status != GuideStatus.PUBLISHED:
        raise InvalidTransition("只能评价现行的办事指南。")
    ip_hash = _throttle(Rating, ip, timezone.now())
    return Rating.objects.create(version=version, score=score, ip_hash=ip_hash)


def report_error(*, version: GuideVersion, body: str, contact: str = "", ip: str = "") -> ErrorReport:
    """纠错: routed to the guide's owning department, where it appears in the office queue."""
    body = (body or "").strip()
    if not body:
        raise ValidationFailed("请说明指南中的错误。", field="body")
    if len(body) > 2000:
        raise ValidationFailed("内容不能超过 2000 字。", field="body")
    spam = ratelimit.spam_reasons(body)
    if spam:
        raise ValidationFailed(f"内容疑似垃圾信息（{'、'.join(spam)}）。", field="body")
    if version.status not in (GuideStatus.PUBLISHED, GuideStatus.SUPERSEDED):
        raise InvalidTransition("该办事指南未公开。")
    with transaction.atomic():
        ip_hash = _throttle(ErrorReport, ip, timezone.now())
        report = ErrorReport.objects.create(
            agency=version.agency,
            department=version.item.department,
            version=version,
            body=body,
            contact=(contact or "").strip()[:100],
            ip_hash=ip_hash,
        )
        audit.record(
            actor=SYSTEM,
            verb="service_guides.error_reported",
            obj=report,
            agency=version.agency,
            after={"version": version.pk, "department": version.item.department_id},
        )
    return report


def handle_error_report(*, actor, report: ErrorReport, reply: str) -> ErrorReport:
    require(actor, "service_guides.manage", report)
    reply = (reply or "").strip()
    if not reply:
        raise ValidationFailed("请填写处理情况。", field="reply")
    with transaction.atomic():
        report = ErrorReport.objects.select_for_update().get(pk=report.pk)
        if report.state == ErrorReport.State.HANDLED:
            raise Conflict("该纠错已处理。")
        report.state, report.reply = ErrorReport.State.HANDLED, reply
        report.handled_by, report.handled_at = user_or_none(actor), timezone.now()
        report.save()
        audit.record(
            actor=actor,
            verb="service_guides.error_handled",
            obj=report,
            agency=report.agency,
            after={"reply": reply},
        )
    return report
