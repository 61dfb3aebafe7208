"""Shared by the catalogue's services: the editable fields, snapshots, validation, workflow helpers."""

from datetime import date

from django.utils import timezone

from gongkai.core.errors import InvalidTransition, ValidationFailed

from .. import deadlines
from ..models import (
    DisclosureMode,
    ItemRevision,
    OpennessCategory,
    RevisionStatus,
    Validity,
)
from ..sanitize import clean_body

EDITABLE_FIELDS = (
    "title",
    "summary",
    "topic",
    "issuer",
    "written_on",
    "document_number",
    "validity",
    "disclosure_mode",
    "withheld_reason",
    "category",
    "node",
    "department",
    "body",
    "needs_interpretation",
    "change_note",
    "formed_on",
)
COPIED_FIELDS = tuple(f for f in EDITABLE_FIELDS if f not in ("change_note", "formed_on"))
NODE_FIELDS = (
    "parent",
    "name",
    "code",
    "content",
    "basis",
    "time_limit",
    "subject",
    "channels",
    "audience",
    "mode",
    "level",
    "sort_order",
    "is_active",
)
DEFAULT_MAX_ATTACHMENT_MB = 50


def _today() -> date:
    return timezone.localdate()


def _snapshot(revision: ItemRevision) -> dict:
    return {f: getattr(revision, f"{f}_id" if f in ("node", "department") else f) for f in EDITABLE_FIELDS}


# --- validation ---------------------------------------------------------------------------------
def _clean_fields(*, agency, values: dict, number: int) -> dict:
    values = dict(values)
    for name in ("title", "summary", "topic", "issuer", "document_number", "withheld_reason", "change_note"):
        if name in values:
            values[name] = (values[name] or "").strip()
    if "title" in values and not values["title"]:
        raise ValidationFailed("请填写标题。", field="title")
    if "issuer" in values and not values["issuer"]:
        raise ValidationFailed("请填写发文机关。", field="issuer")
    choices = {"validity": Validity, "disclosure_mode": DisclosureMode, "category": OpennessCategory}
    for name, enum in choices.items():
        if name in values and values[name] not in enum.values:
            raise ValidationFailed("请选择有效的选项。", field=name)
    if values.get("disclosure_mode") == DisclosureMode.WITHHELD and not values.get("withheld_reason"):
        raise ValidationFailed(
            "不予公开的信息必须写明理由（条例第十四、十五、十六条）。", field="withheld_reason"
        )
    if values.get("disclosure_mode") not in (None, DisclosureMode.WITHHELD):
        values["withheld_reason"] = ""
    node = values.get("node")
    if node is not None and node.agency_id != agency.pk:
        raise ValidationFailed("目录事项不属于本机关。", field="node")
    department = values.get("department")
    if department is not None and department.agency_id != agency.pk:
        raise ValidationFailed("处室不属于本机关。", field="department")
    if "body" in values:
        values["body"] = clean_body(values["body"])
    if number > 1 and "change_note" in values and not values["change_note"]:
        raise ValidationFailed("更正或修改必须填写公开的更正说明。", field="change_note")
    written_on, formed_on = values.get("written_on"), values.get("formed_on")
    if written_on and written_on > _today():
        raise ValidationFailed("成文日期不能晚于今天。", field="written_on")
    if formed_on and formed_on > _today():
        raise ValidationFailed("信息形成日期不能晚于今天。", field="formed_on")
    return values


def _apply_deadline(revision: ItemRevision) -> None:
    """Art. 26 clock: only proactive information has a publication due date."""
    if revision.disclosure_mode == DisclosureMode.PROACTIVE and revision.formed_on:
        revision.due_on = deadlines.due_on_for(revision.formed_on)
    else:
        revision.due_on = None


def _open_workflow_state(revision: ItemRevision) -> str | None:
    from gongkai.publishing.selectors import workflow_for

    workflow = workflow_for(revision)
    return workflow.state if workflow is not None else None


def _require_editable_draft(revision: ItemRevision) -> None:
    if revision.status != RevisionStatus.DRAFT:
        raise InvalidTransition("已发布的内容不能直接修改，请发起更正（生成新版本并填写更正说明）。")
    state = _open_workflow_state(revision)
    if state not in (None, "draft"):
        raise InvalidTransition("该版本已提交审查或审批，不能修改；如需修改请先退回草稿。")


def _start_workflow(*, actor, revision: ItemRevision) -> None:
    from gongkai.publishing.services import start_workflow

    start_workflow(actor=actor, obj=revision)
