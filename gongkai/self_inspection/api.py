"""/api/v1/self-inspection (staff, bearer token): the annual self-inspection campaigns, their entries,
decisions, the negative-list review, closing and the DOCX report. Same services as the office screens."""

from django.http import HttpResponse
from ninja import Router, Schema, Status

from gongkai.accounts.guard import actor_label, fetch_for
from gongkai.catalogue.api import TokenAuth
from gongkai.core.errors import PermissionDenied, ValidationFailed

from . import report, selectors, services
from .models import Campaign, Entry, NegativeListReview
from .permissions import can_view
from .rules import Kind

router = Router(tags=["self-inspection"])
MAX_ID = 2**63 - 1
PAGE_LIMIT = 100


def _viewer(request):
    if not can_view(request.auth):
        raise PermissionDenied("您的角色无权查看年度自查。")
    return request.auth


def _id(pk: int) -> int:
    if not 0 < pk <= MAX_ID:
        raise ValidationFailed("编号超出允许范围。")
    return pk


def _campaign(user, pk: int) -> Campaign:
    return fetch_for(user, selectors.campaigns_for(user), _id(pk), department_field=None)


def _campaign_out(c: Campaign) -> dict:
    figures = selectors.figures(c)
    return {
        "id": c.pk,
        "year": c.year,
        "status": c.status,
        "status_label": c.get_status_display(),
        "conclusion": c.conclusion,
        "closed_at": c.closed_at,
        "closed_by": actor_label(c.closed_by) if c.closed_by else None,
        "figures": {
            "total": figures.total,
            "undecided": figures.undecided,
            "to_publish": figures.to_publish,
            "published": figures.published,
            "kept": figures.kept,
            "already_public": figures.already_public,
            "negative_total": figures.negative_total,
            "negative_unreviewed": figures.negative_unreviewed,
        },
    }


def _entry_out(e: Entry) -> dict:
    return {
        "id": e.pk,
        "kind": e.kind,
        "kind_label": e.get_kind_display(),
        "title": e.title,
        "reference": e.reference,
        "detail": e.detail,
        "occurred_on": e.occurred_on,
        "decision": e.decision or None,
        "article": e.article or None,
        "article_citation": e.article_citation or None,
        "reason": e.reason,
        "decided_by": actor_label(e.decided_by) if e.decided_by else None,
        "decided_at": e.decided_at,
        "index_number": e.item.index_number if e.item else None,
        "publication_state": selectors.publication_state(e) or None,
    }


def _review_out(r: NegativeListReview) -> dict:
    return {
        "id": r.pk,
        "matter": r.matter,
        "legal_basis": r.legal_basis,
        "outcome": r.outcome or None,
        "reason": r.reason,
        "changes": r.changes,
        "decided_by": actor_label(r.decided_by) if r.decided_by else None,
    }


class CampaignIn(Schema):
    year: int


class EntryDecisionIn(Schema):
    decision: str
    reason: str
    article: str = ""
    item_reference: str = ""


class ReviewIn(Schema):
    outcome: str
    reason: str
    matter: str = ""
    legal_basis: str = ""
    terms: str | None = None


class CloseIn(Schema):
    conclusion: str


@router.get("/campaigns", auth=TokenAuth(), summary="本机关的年度自查（工作人员）")
def campaigns(request):
    return [_campaign_out(c) for c in selectors.campaigns_for(_viewer(request))]


@router.post("/campaigns", auth=TokenAuth(), response={201: dict}, summary="发起一个年度的自查（政务公开办）")
def create(request, body: CampaignIn):
    campaign = services.create_campaign(actor=request.auth, agency=request.auth.agency, year=body.year)
    return Status(201, _campaign_out(campaign))


@router.get(
    "/campaigns/{pk}", auth=TokenAuth(), summary="一次自查：概况、自查信息（可筛选、分页）与负面清单审查"
)
def campaign(
    request, pk: int, kind: str = "", decision: str = "", q: str = "", offset: int = 0, limit: int = 50
):
    user = _viewer(request)
    c = _campaign(user, pk)
    if kind and kind not in Kind.values:
        raise ValidationFailed("来源参数无效。", field="kind")
    if decision and decision not in selectors.DECISION_FILTERS:
        raise ValidationFailed("决定参数无效。", field="decision")
    if not 0 <= offset <= MAX_ID or not 1 <= limit <= PAGE_LIMIT:
        raise ValidationFailed(f"分页参数无效（limit 为 1-{PAGE_LIMIT}）。", field="limit")
    entries = selectors.entries_of(c, kind=kind, decision=decision, q=q[:100])
    return {
        **_campaign_out(c),
        "count": entries.count(),
        "entries": [_entry_out(e) for e in entries[offset : offset + limit]],
        "negative_list": [_review_out(r) for r in selectors.reviews_of(c)],
    }


@router.post("/campaigns/{pk}/collect", auth=TokenAuth(), summary="更新清单：补充新出现的不予公开信息")
def collect(request, pk: int):
    c = _campaign(_viewer(request), pk)
    return {"added": services.collect_entries(actor=request.auth, campaign=c)}


@router.post("/entries/{pk}/decision", auth=TokenAuth(), summary="对一项信息作出自查决定")
def decide(request, pk: int, body: EntryDecisionIn):
    user = _viewer(request)
    entry = fetch_for(user, Entry, _id(pk), department_field=None)
    entry = services.decide_entry(actor=user, entry=entry, **body.dict())
    return _entry_out(entry)


@router.post("/negative-list/{pk}", auth=TokenAuth(), summary="审查一项负面清单事项（保留、修改、移出）")
def review(request, pk: int, body: ReviewIn):
    user = _viewer(request)
    row = fetch_for(user, NegativeListReview, _id(pk), department_field=None)
    return _review_out(services.review_negative_entry(actor=user, review=row, **body.dict()))


@router.post("/campaigns/{pk}/close", auth=TokenAuth(), summary="完成自查（全部决定、全部审查后）")
def close(request, pk: int, body: CloseIn):
    c = _campaign(_viewer(request), pk)
    return _campaign_out(services.close_campaign(actor=request.auth, campaign=c, conclusion=body.conclusion))


@router.get("/campaigns/{pk}/report.docx", auth=TokenAuth(), summary="报送市政府办公厅的自查报告（DOCX）")
def report_docx(request, pk: int):
    c = _campaign(_viewer(request), pk)
    response = HttpResponse(
        report.build(c),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{report.filename(c)}"'
    return response
