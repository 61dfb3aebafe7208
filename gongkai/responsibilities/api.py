"""/api/v1/power-list: the current 权责清单, every published version, the diff; staff adjust it."""

from datetime import date

from ninja import Router, Schema, Status

from gongkai.accounts.api_auth import TokenAuth
from gongkai.core.errors import NotFound
from gongkai.core.selectors import public_agency

from . import selectors, services

router = Router(tags=["power-list"])


class ItemIn(Schema):
    code: str
    name: str
    power_type: str
    acting_body: str
    basis: str
    content: str = ""
    basis_url: str = ""
    duties: str = ""
    accountability: str = ""
    process: str = ""


class AdjustmentIn(Schema):
    change_note: str
    effective_on: date
    items: list[ItemIn] | None = None  # omitted: copy the current version


def _agency(request):
    agency = getattr(request, "agency", None) or public_agency()
    if agency is None:
        raise NotFound("没有可显示的机关。")
    return agency


def _version_out(v, with_items=True) -> dict:
    out = {
        "number": v.number,
        "status": v.status,
        "change_note": v.change_note,
        "effective_on": v.effective_on,
        "published_at": v.published_at,
    }
    if with_items:
        out["items"] = [
            {**row, "power_type": item.power_type}
            for row, item in zip(selectors.item_rows(v), v.items.all(), strict=True)
        ]
    return out


def _public(request, number: int):
    version = selectors.public_versions(_agency(request)).filter(number=number).first()
    if version is None:
        raise NotFound("没有找到该版本。")
    return version


@router.get("", auth=None, summary="现行权责清单（含全部事项）")
def current(request):
    version = selectors.current_version(_agency(request))
    if version is None:
        raise NotFound("权责清单尚未发布。")
    return _version_out(version)


@router.get("/versions", auth=None, summary="已发布的全部版本（新到旧）")
def versions(request):
    return [_version_out(v, with_items=False) for v in selectors.public_versions(_agency(request))]


@router.get("/versions/{int:number}", auth=None, summary="一个已发布版本")
def version(request, number: int):
    return _version_out(_public(request, number))


@router.get("/diff", auth=None, summary="两个已发布版本之间的差异（按职权编码比较）")
def diff(request, old: int, new: int):
    changes = selectors.version_diff(_public(request, old), _public(request, new))
    return [
        {
            "code": c.code,
            "name": c.name,
            "change": c.change,
            "fields": [{"label": f.label, "old": f.old, "new": f.new} for f in c.fields],
        }
        for c in changes
    ]


@router.post(
    "/adjustments", response={201: dict}, auth=TokenAuth(), summary="调整清单：生成新版本草稿（工作人员）"
)
def adjust(request, payload: AdjustmentIn):
    rows = [item.dict() for item in payload.items] if payload.items is not None else None
    version = services.start_adjustment(
        actor=request.auth,
        agency=request.auth.agency,
        change_note=payload.change_note,
        effective_on=payload.effective_on,
        rows=rows,
    )
    return Status(201, {"id": version.pk, **_version_out(version)})
