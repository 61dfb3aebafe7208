"""/api/v1/messages: submit a message (rate-limited, 429 problem JSON), follow it with the token,
read published messages and the response statistics."""

from datetime import datetime

from django.urls import reverse
from ninja import Query, Router, Schema, Status

from gongkai.core import ratelimit
from gongkai.core.errors import NotFound
from gongkai.core.selectors import public_agency

from . import selectors, services
from .models import Message

router = Router(tags=["messages"])


class MessageIn(Schema):
    category: str
    subject: str
    body: str
    name: str = ""
    contact: str = ""
    wants_publication: bool = False


class SubmittedOut(Schema):
    number: str
    token: str
    due_on: str
    track_url: str


class PublicMessageOut(Schema):
    number: str
    category: str
    subject: str
    body: str
    received_at: datetime
    reply: str
    replied_at: datetime


def _agency(request):
    agency = getattr(request, "agency", None) or public_agency()
    if not agency:
        raise NotFound("没有可显示的机关。")
    return agency


def _public(m: Message) -> dict:
    return {
        "number": m.number,
        "category": m.category,
        "subject": m.subject,
        "body": m.shown_body,
        "received_at": m.received_at,
        "reply": m.reply,
        "replied_at": m.replied_at,
    }


@router.get("", response=list[PublicMessageOut], auth=None, summary="公开的留言及答复（含留言和答复时间）")
def list_messages(request, category: str = "", limit: int = Query(50, ge=1, le=200)):
    qs = selectors.public_messages(_agency(request))
    if category:
        qs = qs.filter(category=category)
    return [_public(m) for m in qs[: max(1, min(limit, 200))]]


@router.get("/statistics", auth=None, summary="按月统计的答复速度（中位数工作日、按期答复比例）")
def statistics(request):
    return {"reply_days": services.reply_days(), "months": selectors.response_statistics(_agency(request))}


@router.post("", response={201: SubmittedOut}, auth=None, summary="提交留言（提交过于频繁时返回 429）")
def submit(request, payload: MessageIn):
    message, token = services.submit_message(
        agency=_agency(request), ip=ratelimit.client_ip(request), **payload.dict()
    )
    return Status(
        201,
        {
            "number": message.number,
            "token": token,
            "due_on": message.due_on.isoformat(),
            "track_url": request.build_absolute_uri(
                reverse("public_messages:track", args=[message.number, token])
            ),
        },
    )


@router.get("/{number}", response=PublicMessageOut, auth=None, summary="一条公开的留言")
def get_message(request, number: str):
    m = selectors.public_messages(_agency(request)).filter(number=number).first()
    if m is None:
        raise NotFound("没有找到该留言。")
    return _public(m)


@router.get("/{number}/track", auth=None, summary="留言人查看办理进度（需 token）")
def track(request, number: str, token: str):
    m = Message.objects.filter(number=number).first()
    if m is None or not services.token_matches(m, token):
        raise NotFound("没有找到该留言。")
    return {
        "number": m.number,
        "state": m.state,
        "state_label": m.get_state_display(),
        "due_on": m.due_on,
        "reply": m.reply,
        "replied_at": m.replied_at,
        "rejection_reason": m.rejection_reason,
        "events": [
            {"verb": e.verb, "label": e.label, "at": e.at}
            for e in m.events.all()
            if e.verb not in ("warned", "escalated", "moderated")
        ],
    }
