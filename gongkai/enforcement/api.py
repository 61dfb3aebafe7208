"""/api/v1/enforcement: decisions (masked as on the pages), certificate lookup, 双随机 draws and
results, the dishonesty list; staff register decisions, changes and draws through the same services."""

from datetime import date
from decimal import Decimal

from ninja import Router, Schema, Status

from gongkai.accounts.api_auth import TokenAuth
from gongkai.core.errors import NotFound
from gongkai.core.selectors import public_agency

from . import masking, selectors, services
from .models import Inspection

router = Router(tags=["enforcement"])


class DecisionIn(Schema):
    kind: str
    document_number: str
    title: str
    party_type: str
    party_name: str
    party_id_number: str = ""
    facts: str
    basis: str
    outcome: str
    fine_amount: Decimal | None = None
    decided_on: date


class ChangeIn(Schema):
    change_kind: str
    changed_on: date
    reason: str


def _agency(request):
    agency = getattr(request, "agency", None) or public_agency()
    if agency is None:
        raise NotFound("没有可显示的机关。")
    return agency


def _decision_out(d) -> dict:
    texts = masking.public_texts(d)
    return {
        "id": d.pk,
        "kind": d.kind,
        "document_number": d.document_number,
        "title": texts["title"],
        "party": texts["party"],
        "party_identifier": texts["identifier"],
        "facts": texts["facts"],
        "basis": texts["basis"],
        "outcome": texts["outcome"],
        "fine_amount": d.fine_amount,
        "decided_on": d.decided_on,
        "published_at": d.published_at,
    }


def _staff_out(d) -> dict:
    return {
        "id": d.pk,
        "status": d.status,
        "due_on": d.due_on,
        "withdraw_due_on": d.withdraw_due_on,
        "late_by_days": d.late_by_days,
    }


def _inspection_out(i) -> dict:
    return {
        "id": i.pk,
        "title": i.title,
        "item": i.item.name,
        "seed": i.seed,
        "object_pool": i.object_pool,
        "inspector_pool": i.inspector_pool,
        "object_count": i.object_count,
        "inspector_count": i.inspector_count,
        "drawn_objects": i.drawn_objects,
        "drawn_inspectors": i.drawn_inspectors,
        "drawn_at": i.drawn_at,
        "results": i.results if i.results_published_at else None,
        "results_published_at": i.results_published_at,
    }


@router.get("/decisions", auth=None, summary="公开的行政执法决定（个人信息已屏蔽）")
def decisions(request, kind: str = ""):
    qs = selectors.public_decisions(_agency(request))
    if kind:
        qs = qs.filter(kind=kind)
    return [_decision_out(d) for d in qs[:200]]


@router.get("/decisions/{int:pk}", auth=None, summary="一件公开的行政执法决定")
def decision(request, pk: int):
    d = selectors.public_decisions(_agency(request)).filter(pk=pk).first()
    if d is None:
        raise NotFound("没有找到该执法决定。")
    return _decision_out(d)


@router.get("/certificates/{number}", auth=None, summary="执法证件查询")
def certificate(request, number: str):
    officer = selectors.officer_by_certificate(_agency(request), number)
    if officer is None:
        raise NotFound("没有查到该执法证号。")
    return {
        "name": officer.name,
        "certificate_number": officer.certificate_number,
        "area": officer.area,
        "valid_until": officer.valid_until,
        "active": officer.active,
    }


@router.get("/inspections", auth=None, summary="双随机抽查：抽取记录（含种子和名录库）及检查结果")
def inspections(request):
    return [_inspection_out(i) for i in selectors.public_inspections(_agency(request))[:100]]


@router.get("/dishonest", auth=None, summary="公示期内的统计严重失信企业")
def dishonest(request):
    return [
        {
            "enterprise_name": x.enterprise_name,
            "credit_code": x.credit_code,
            "decision_number": x.decision_number,
            "facts": x.facts,
            "basis": x.basis,
            "listed_at": x.listed_at,
            "ends_at": x.ends_at,
        }
        for x in selectors.public_listings(_agency(request))
    ]


@router.post("/decisions", response={201: dict}, auth=TokenAuth(), summary="登记执法决定（工作人员）")
def create_decision(request, payload: DecisionIn):
    d = services.create_decision(actor=request.auth, agency=request.auth.agency, **payload.dict())
    return Status(201, _staff_out(d))


@router.post(
    "/decisions/{int:pk}/change", auth=TokenAuth(), summary="登记变更、撤销或确认无效（3 个工作日内撤回）"
)
def change_decision(request, pk: int, payload: ChangeIn):
    d = selectors.decisions_for(request.auth).filter(pk=pk).first()
    if d is None:
        raise NotFound("没有找到该执法决定。")
    return _staff_out(services.mark_changed(actor=request.auth, decision=d, **payload.dict()))


def _staff_inspection(request, pk):
    i = Inspection.objects.filter(agency_id=request.auth.agency_id, pk=pk).select_related("item").first()
    if i is None:
        raise NotFound("没有找到该抽查任务。")
    return i


@router.post("/inspections/{int:pk}/draw", auth=TokenAuth(), summary="随机抽取（只能一次，种子被记录）")
def perform_draw(request, pk: int):
    return _inspection_out(
        services.perform_draw(actor=request.auth, inspection=_staff_inspection(request, pk))
    )


@router.post("/inspections/{int:pk}/verify", auth=TokenAuth(), summary="用记录的种子复核抽取结果")
def verify_draw(request, pk: int):
    return {"same": services.verify_draw(actor=request.auth, inspection=_staff_inspection(request, pk))}
