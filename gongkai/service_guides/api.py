"""/api/v1/service-guides: current 办事指南 with their elements; rating and 纠错 by the public."""

from ninja import Router, Schema, Status

from gongkai.core import ratelimit
from gongkai.core.errors import NotFound
from gongkai.core.selectors import public_agency

from . import selectors, services
from .models import ServiceItem

router = Router(tags=["service-guides"])


class RatingIn(Schema):
    score: int


class ErrorReportIn(Schema):
    body: str
    contact: str = ""


def _agency(request):
    agency = getattr(request, "agency", None) or public_agency()
    if agency is None:
        raise NotFound("没有可显示的机关。")
    return agency


def _current(request, code: str):
    item = ServiceItem.objects.filter(agency=_agency(request), code=code).first()
    version = selectors.public_versions(item).filter(status="published").first() if item else None
    if version is None:
        raise NotFound("没有找到该办事指南。")
    return version


def _out(v) -> dict:
    return {
        "code": v.item.code,
        "name": v.item.name,
        "department": v.item.department.name if v.item.department else None,
        "version": v.number,
        "published_at": v.published_at,
        **{f: getattr(v, f) for f in services.ELEMENT_FIELDS},
        "process_steps": v.steps,
        "materials": [
            {"name": m.name, "form": m.form, "copies": m.copies, "note": m.note} for m in v.materials.all()
        ],
        "rating": selectors.rating_summary(v),
    }


@router.get("", auth=None, summary="现行办事指南")
def guides(request):
    return [_out(v) for v in selectors.current_guides(_agency(request))]


@router.get("/{code}", auth=None, summary="一项办事指南的全部要素")
def guide(request, code: str):
    return _out(_current(request, code))


@router.post("/{code}/ratings", response={201: dict}, auth=None, summary="评价指南的清晰程度（1-5 分）")
def rate(request, code: str, payload: RatingIn):
    services.rate(version=_current(request, code), score=payload.score, ip=ratelimit.client_ip(request))
    return Status(201, {"ok": True})


@router.post("/{code}/error-reports", response={201: dict}, auth=None, summary="纠错（转承办处室处理）")
def report(request, code: str, payload: ErrorReportIn):
    r = services.report_error(
        version=_current(request, code),
        body=payload.body,
        contact=payload.contact,
        ip=ratelimit.client_ip(request),
    )
    return Status(201, {"id": r.pk, "state": r.state})
