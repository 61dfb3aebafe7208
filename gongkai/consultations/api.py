"""/api/v1/consultations: public reads (consultations, articles, approved comments, published report)
and comment submission (rate-limited: 429 problem JSON). Staff moderate through the office screens,
which call the same services."""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema, Status

from gongkai.core import ratelimit
from gongkai.core.errors import NotFound, ValidationFailed
from gongkai.core.selectors import public_agency

from . import rules, selectors, services

router = Router(tags=["consultations"])


class ArticleOut(Schema):
    id: int
    label: str
    text: str
    approved_comments: list[dict]


class ConsultationOut(Schema):
    id: int
    title: str
    phase: str
    opens_at: datetime
    closes_at: datetime
    is_major: bool
    urgency_reason: str
    url: str


class ConsultationDetailOut(ConsultationOut):
    summary: str
    basis: str
    explanation: str
    articles: list[ArticleOut]
    general_comments: list[dict]
    report: dict | None


class CommentIn(Schema):
    body: str
    article_id: int | None = None
    name: str = ""
    contact: str = ""


class CommentOut(Schema):
    id: int
    state: str
    token: str
    own_url: str


def _agency(request):
    agency = getattr(request, "agency", None) or public_agency()
    if not agency:
        raise NotFound("没有可显示的机关。")
    return agency


def _out(c, request, now) -> dict:
    return {
        "id": c.pk,
        "title": c.title,
        "phase": rules.phase(now=now, opens_at=c.opens_at, closes_at=c.closes_at),
        "opens_at": c.opens_at,
        "closes_at": c.closes_at,
        "is_major": c.is_major,
        "urgency_reason": c.urgency_reason,
        "url": request.build_absolute_uri(reverse("consultations:detail", args=[c.pk])),
    }


def _comment(m) -> dict:
    return {
        "id": m.pk,
        "text": m.shown_text,
        "name": m.name,
        "channel": m.channel,
        "submitted_at": m.submitted_at,
    }


def _get(request, pk):
    c = selectors.public_consultation(_agency(request), pk)
    if c is None:
        raise NotFound("没有找到该征求意见。")
    return c


@router.get(
    "", response=list[ConsultationOut], auth=None, summary="公开的征求意见（phase=open|closed|upcoming）"
)
def list_consultations(request, phase: str = ""):
    now = timezone.now()
    if phase not in ("", "open", "closed", "upcoming"):
        raise ValidationFailed("phase 应为 open、closed 或 upcoming。", field="phase")
    qs = selectors.filter_phase(selectors.public_consultations(_agency(request), now=now), phase, now=now)
    return [_out(c, request, now) for c in qs[:200]]


@router.get(
    "/{int:pk}", response=ConsultationDetailOut, auth=None, summary="一件征求意见：条文、公开的意见、采纳情况"
)
def get_consultation(request, pk: int):
    c = _get(request, pk)
    data = _out(c, request, timezone.now())
    groups = selectors.comments_by_article(c)
    report = selectors.published_report(c)
    data.update(
        summary=c.summary,
        basis=c.basis,
        explanation=c.explanation,
        articles=[
            {"id": a.pk, "label": a.label, "text": a.text, "approved_comments": [_comment(m) for m in ms]}
            for a, ms in groups
            if a is not None
        ],
        general_comments=[_comment(m) for a, ms in groups if a is None for m in ms],
        report={
            "title": report.title,
            "published_at": report.published_at,
            "introduction": report.introduction,
            **report.snapshot,
        }
        if report
        else None,
    )
    return data


@router.post(
    "/{int:pk}/comments",
    response={201: CommentOut},
    auth=None,
    summary="提交意见（无需账号；同一地址或联系方式提交过于频繁时返回 429）",
)
def submit_comment(request, pk: int, payload: CommentIn):
    c = _get(request, pk)
    article = None
    if payload.article_id is not None:
        article = c.articles.filter(pk=payload.article_id).first()
        if article is None:
            raise ValidationFailed("所选条文不属于该草案。", field="article_id")
    comment, token = services.submit_comment(
        consultation=c,
        article=article,
        body=payload.body,
        name=payload.name,
        contact=payload.contact,
        ip=ratelimit.client_ip(request),
    )
    return Status(
        201,
        {
            "id": comment.pk,
            "state": comment.state,
            "token": token,
            "own_url": request.build_absolute_uri(
                reverse("consultations:my_comment", args=[comment.pk, token])
            ),
        },
    )


@router.get("/comments/{int:comment_id}", auth=None, summary="本人查看自己的意见和审核状态（需 token）")
def own_comment(request, comment_id: int, token: str):
    from .models import Comment

    m = Comment.objects.filter(pk=comment_id).select_related("article").first()
    if m is None or not services.token_matches(m, token):
        raise NotFound("没有找到该意见。")
    return {
        "id": m.pk,
        "state": m.state,
        "state_label": m.get_state_display(),
        "body": m.body,
        "hidden_reason": m.hidden_reason,
        "article": m.article.label if m.article_id else None,
    }
