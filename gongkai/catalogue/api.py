"""/api/v1/documents: public reads with filters and cursor pagination, and staff endpoints (bearer
token) that call the same services as the office screens. Errors are problem JSON (web/api.py)."""

import base64
from datetime import date, datetime

from django.db.models import Q
from django.urls import reverse
from ninja import Query, Router, Schema, Status

from gongkai.accounts.api_auth import TokenAuth  # noqa: F401 — moved to accounts (ADR 0033); old import path kept
from gongkai.core.errors import NotFound, ValidationFailed
from gongkai.core.selectors import public_agency

from . import selectors, services
from .models import CatalogueNode, ItemRevision

router = Router(tags=["documents"])
MAX_LIMIT = 100
MIN_YEAR, MAX_YEAR = 1949, 9999  # a year filter outside this range is a 422, never a date overflow
MAX_ID = 2**63 - 1  # the bigint / SQLite INTEGER bound: a larger id is a 422, not an OverflowError


class DocumentOut(Schema):
    index_number: str
    title: str
    summary: str
    topic: str
    issuer: str
    document_number: str
    written_on: date | None
    published_at: datetime
    validity: str
    category: str
    node: str | None
    source: str
    revision: int
    url: str


class DocumentDetailOut(DocumentOut):
    body_html: str
    attachments: list[dict]
    change_note: str


class DocumentPage(Schema):
    items: list[DocumentOut]
    next_cursor: str | None


class DraftIn(Schema):
    title: str
    issuer: str = ""
    summary: str = ""
    topic: str = ""
    document_number: str = ""
    written_on: date | None = None
    category: str = "execution"
    body: str = ""


class DraftOut(Schema):
    id: int
    index_number: str
    revision_id: int
    workflow_state: str


def _out(r: ItemRevision, request) -> dict:
    return {
        "index_number": r.item.index_number,
        "title": r.title,
        "summary": r.summary,
        "topic": r.topic,
        "issuer": r.issuer,
        "document_number": r.document_number,
        "written_on": r.written_on,
        "published_at": r.public_at,
        "validity": getattr(r, "effective_validity", r.validity),
        "category": r.category,
        "node": r.node.name if r.node_id else None,
        "source": r.item.source,
        "revision": r.number,
        "url": request.build_absolute_uri(reverse("catalogue:item", args=[r.item.slug])),
    }


def _encode(r: ItemRevision) -> str:
    return base64.urlsafe_b64encode(f"{r.public_at.isoformat()}|{r.pk}".encode()).decode().rstrip("=")


def _decode(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, pk = raw.split("|")
        return datetime.fromisoformat(stamp), int(pk)
    except (ValueError, UnicodeDecodeError):
        raise ValidationFailed("cursor 无效。", field="cursor") from None


def _agency(request):
    agency = getattr(request, "agency", None) or public_agency()
    if not agency:
        raise NotFound("没有可显示的机关。")
    return agency


@router.get("", response=DocumentPage, summary="公开的政府信息（游标分页，按发布日期倒序）", auth=None)
def list_documents(
    request,
    category: str = "",
    node: int | None = Query(None, ge=1, le=MAX_ID),
    year: int | None = Query(None, ge=MIN_YEAR, le=MAX_YEAR),
    issuer: str = "",
    validity: str = "",
    source: str = "",
    q: str = "",
    cursor: str = "",
    limit: int = 20,
):
    agency = _agency(request)
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationFailed(f"limit 应在 1 到 {MAX_LIMIT} 之间。", field="limit")
    node_obj = None
    if node is not None:
        node_obj = CatalogueNode.objects.filter(agency=agency, pk=node).first()
        if node_obj is None:
            raise NotFound("没有该目录事项。")
    qs = selectors.filter_public(
        selectors.public_revisions(agency),
        category=category,
        node=node_obj,
        year=year,
        issuer=issuer,
        validity=validity,
        source=source,
        q=q.strip()[:100],
    )
    qs = qs.order_by("-public_at", "-id")
    if cursor:
        at, pk = _decode(cursor)
        qs = qs.filter(Q(public_at__lt=at) | Q(public_at=at, id__lt=pk))
    rows = list(qs[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return {
        "items": [_out(r, request) for r in rows],
        "next_cursor": _encode(rows[-1]) if more and rows else None,
    }


@router.post("/drafts", response={201: DraftOut}, auth=TokenAuth(), summary="新建政府信息草稿（工作人员）")
def create_draft(request, payload: DraftIn):
    item = services.create_item(actor=request.auth, **payload.dict())
    revision = item.revisions.get()
    return Status(
        201,
        {
            "id": item.pk,
            "index_number": item.index_number,
            "revision_id": revision.pk,
            "workflow_state": "draft",
        },
    )


@router.post(
    "/drafts/{int:item_id}/submit", response=DraftOut, auth=TokenAuth(), summary="提交保密审查（工作人员）"
)
def submit_draft(request, item_id: int):
    from gongkai.publishing import services as publishing
    from gongkai.publishing.selectors import workflow_for

    item = selectors.items_for(request.auth).filter(pk=item_id).first()
    if item is None:
        raise NotFound("没有找到该政府信息。")
    revision = selectors.latest_revision(item)
    workflow = workflow_for(revision)
    if workflow is None:
        raise NotFound("该版本没有发布流程。")
    workflow = publishing.submit(actor=request.auth, workflow=workflow)
    return {
        "id": item.pk,
        "index_number": item.index_number,
        "revision_id": revision.pk,
        "workflow_state": workflow.state,
    }


# Declared last: the path converter would otherwise swallow /drafts.
@router.get(
    "/{path:index_number}", response=DocumentDetailOut, summary="一条公开的政府信息（按索引号）", auth=None
)
def get_document(request, index_number: str):
    agency = _agency(request)
    qs = selectors.public_revisions(agency)
    revision = qs.filter(Q(item__index_number=index_number) | Q(item__slug=index_number)).first()
    if revision is None:
        raise NotFound("没有找到该索引号的公开信息。")
    data = _out(revision, request)
    data.update(
        body_html=revision.body,
        change_note=revision.change_note,
        attachments=[
            {
                "name": a.original_name,
                "mime": a.mime,
                "size": a.size,
                "url": request.build_absolute_uri(
                    reverse("catalogue:attachment", args=[revision.item.slug, a.pk])
                ),
            }
            for a in revision.attachments.all()
        ],
    )
    return data
