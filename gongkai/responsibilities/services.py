"""Every write of the 权责清单. Keyword-only, `actor` first; guard, transaction, audit.

A published version is never edited (REQUIREMENTS C3): a change is `start_adjustment`, a new draft
version (copied from the current one, or imported from a spreadsheet) with a change note and an
effective date; it is published through the workflow, which then supersedes the previous version.
"""

from datetime import date

from django.db import transaction

from gongkai.accounts.guard import SYSTEM, fetch_for, require, user_or_none
from gongkai.core import audit
from gongkai.core.errors import Conflict, InvalidTransition, ValidationFailed

from . import xlsx
from .models import ListVersion, PowerItem, PowerList, PowerType, VersionStatus

ITEM_FIELDS = (
    "code",
    "name",
    "power_type",
    "content",
    "acting_body",
    "basis",
    "basis_url",
    "duties",
    "accountability",
    "process",
)
DEFAULT_TITLE = "权责清单"


class ImportFailed(ValidationFailed):
    """The spreadsheet has wrong lines; nothing was imported. `lines` holds every line error."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        super().__init__("导入失败，未导入任何事项：" + "；".join(lines[:20]), field="file")


def _snapshot(item: PowerItem) -> dict:
    return {f: getattr(item, f) for f in ITEM_FIELDS}


def _clean_item(values: dict) -> dict:
    values = {f: (values.get(f) or "").strip() for f in ITEM_FIELDS}
    for name, label in (
        ("code", "职权编码"),
        ("name", "职权名称"),
        ("acting_body", "行使主体"),
        ("basis", "法律依据"),
    ):
        if not values[name]:
            raise ValidationFailed(f"请填写{label}。", field=name)
    if values["power_type"] not in PowerType.values:
        raise ValidationFailed("请选择职权类型。", field="power_type")
    if len(values["code"]) > 40:
        raise ValidationFailed("职权编码不能超过 40 个字符。", field="code")
    return values


def _require_draft(version: ListVersion) -> None:
    from gongkai.publishing.selectors import workflow_for

    if version.status != VersionStatus.DRAFT:
        raise InvalidTransition("已发布的清单版本不能修改；请“调整清单”生成新版本。")
    workflow = workflow_for(version)
    if workflow is not None and workflow.state != "draft":
        raise InvalidTransition("该版本已提交审查或审批，不能修改；如需修改请先退回草稿。")


def list_for(agency) -> PowerList:
    power_list, _ = PowerList.objects.get_or_create(
        agency=agency, defaults={"title": f"{agency.name}{DEFAULT_TITLE}"}
    )
    return power_list


def start_adjustment(
    *, actor, agency, change_note: str, effective_on: date, rows: list[dict] | None = None
) -> ListVersion:
    """A new draft version: the current version's items (or `rows`), to be changed and published."""
    from gongkai.publishing.services import start_workflow

    from .selectors import current_version

    require(actor, "responsibilities.manage")
    if actor is not SYSTEM and actor.agency_id != agency.pk:
        raise ValidationFailed("只能调整本机关的权责清单。")
    require(actor, "responsibilities.manage", list_for(agency))  # the whole agency's: not a 承办人's
    change_note = (change_note or "").strip()
    if not change_note:
        raise ValidationFailed("请填写调整说明。", field="change_note")
    if not isinstance(effective_on, date):
        raise ValidationFailed("请填写生效日期。", field="effective_on")
    if rows is not None:
        rows = [_clean_item(row) for row in rows]
    with transaction.atomic():
        power_list = PowerList.objects.select_for_update().get(pk=list_for(agency).pk)
        if power_list.versions.filter(status=VersionStatus.DRAFT).exists():
            raise Conflict("已有一个未发布的调整版本，请先发布或删除该版本。")
        number = (power_list.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        version = ListVersion.objects.create(
            power_list=power_list,
            number=number,
            change_note=change_note,
            effective_on=effective_on,
            created_by=user_or_none(actor),
        )
        if rows is None:
            current = current_version(agency)
            rows = [_snapshot(item) for item in current.items.all()] if current else []
        PowerItem.objects.bulk_create(
            PowerItem(version=version, sort_order=n, **row) for n, row in enumerate(rows)
        )
        start_workflow(actor=actor, obj=version)
        audit.record(
            actor=actor,
            verb="responsibilities.adjustment_started",
            obj=version,
            agency=agency,
            after={
                "number": number,
                "change_note": change_note,
                "effective_on": effective_on,
                "items": len(rows),
            },
        )
    return version


def import_xlsx(*, actor, agency, data: bytes, change_note: str, effective_on: date) -> ListVersion:
    """All-or-nothing: every line error is reported and nothing is created while one line is wrong."""
    require(actor, "responsibilities.manage")
    result = xlsx.parse(data)
    if result.errors:
        raise ImportFailed(result.errors)
    return start_adjustment(
        actor=actor, agency=agency, change_note=change_note, effective_on=effective_on, rows=result.rows
    )


def save_item(*, actor, version: ListVersion, item: PowerItem | None = None, **values) -> PowerItem:
    unknown = set(values) - set(ITEM_FIELDS)
    if unknown:
        raise ValidationFailed(f"未知字段：{'、'.join(sorted(unknown))}")
    require(actor, "responsibilities.manage", version.power_list)
    with transaction.atomic():
        version = fetch_for(
            actor, ListVersion.objects.select_related("power_list"), version.pk, lock=True, via="power_list"
        )
        _require_draft(version)
        before = _snapshot(item) if item else None
        merged = {**(before or {}), **values}
        cleaned = _clean_item(merged)
        clash = version.items.filter(code=cleaned["code"])
        if item is not None:
            clash = clash.exclude(pk=item.pk)
        if clash.exists():
            raise ValidationFailed(f"职权编码 {cleaned['code']} 已在本版本中使用。", field="code")
        if item is None:
            item = PowerItem(version=version, sort_order=version.items.count())
        elif item.version_id != version.pk:
            raise ValidationFailed("该事项不属于这个版本。")
        for name, value in cleaned.items():
            setattr(item, name, value)
        item.save()
        audit.record(
            actor=actor,
            verb="responsibilities.item_saved",
            obj=version,
            agency=version.agency,
            before=before,
            after=_snapshot(item),
        )
    return item


def delete_item(*, actor, item: PowerItem) -> None:
    version = item.version
    require(actor, "responsibilities.manage", version.power_list)
    with transaction.atomic():
        version = fetch_for(
            actor, ListVersion.objects.select_related("power_list"), version.pk, lock=True, via="power_list"
        )
        _require_draft(version)
        before = _snapshot(item)
        item.delete()
        audit.record(
            actor=actor,
            verb="responsibilities.item_deleted",
            obj=version,
            agency=version.agency,
            before=before,
        )


# --- publication (called by the adapter inside the workflow's transaction) --------------------
def check_complete(version: ListVersion) -> None:
    if not version.items.exists():
        raise ValidationFailed("清单版本至少要有一项职权。")
    missing = version.items.filter(basis="").values_list("code", flat=True)[:5]
    if missing:
        raise ValidationFailed(f"职权 {'、'.join(missing)} 没有法律依据。")


def record_publication(*, actor, version: ListVersion, at) -> ListVersion:
    version = fetch_for(
        actor, ListVersion.objects.select_related("power_list"), version.pk, lock=True, via="power_list"
    )
    previous = list(
        ListVersion.objects.filter(power_list=version.power_list, status=VersionStatus.PUBLISHED).exclude(
            pk=version.pk
        )
    )
    ListVersion.objects.filter(pk__in=[v.pk for v in previous]).update(status=VersionStatus.SUPERSEDED)
    version.status, version.published_at = VersionStatus.PUBLISHED, at
    version.save(update_fields=["status", "published_at"])
    audit.record(
        actor=actor,
        verb="responsibilities.published",
        obj=version,
        agency=version.agency,
        after={"number": version.number, "superseded": [v.number for v in previous]},
    )
    from .search import sync_list

    sync_list(version.power_list)
    return version


def record_withdrawal(*, actor, version: ListVersion, reason: str) -> None:
    """A withdrawn current version hands back to the newest earlier published version."""
    version = fetch_for(
        actor, ListVersion.objects.select_related("power_list"), version.pk, lock=True, via="power_list"
    )
    was_current = version.status == VersionStatus.PUBLISHED
    version.status, version.withdrawal_reason = VersionStatus.WITHDRAWN, reason[:500]
    version.save(update_fields=["status", "withdrawal_reason"])
    restored = None
    if was_current:
        restored = (
            ListVersion.objects.filter(power_list=version.power_list, status=VersionStatus.SUPERSEDED)
            .order_by("-number")
            .first()
        )
        if restored is not None:
            restored.status = VersionStatus.PUBLISHED
            restored.save(update_fields=["status"])
    audit.record(
        actor=actor,
        verb="responsibilities.withdrawn",
        obj=version,
        agency=version.agency,
        after={"reason": reason, "restored": restored.number if restored else None},
    )
    from .search import sync_list

    sync_list(version.power_list)
