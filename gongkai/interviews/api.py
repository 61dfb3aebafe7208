"""/api/v1/interviews: published interviews with approved questions and the transcript; ask a question."""

from ninja import Router, Schema, Status

from gongkai.core import ratelimit
from gongkai.core.errors import NotFound
from gongkai.core.selectors import public_agency

from . import selectors, services

router = Router(tags=["interviews"])


class QuestionIn(Schema):
    body: str
    name: str = ""


def _get(request, pk):
    agency = getattr(request, "agency", None) or public_agency()
    interview = selectors.public_interviews(agency).filter(pk=pk).first() if agency else None
    if interview is None:
        raise NotFound("没有找到该访谈。")
    return interview


def _out(i) -> dict:
    return {
        "id": i.pk,
        "title": i.title,
        "phase": services.phase(i),
        "starts_at": i.starts_at,
        "ends_at": i.ends_at,
        "guests": i.guest_list,
    }


@router.get("", auth=None, summary="发布的在线访谈")
def list_interviews(request):
    agency = getattr(request, "agency", None) or public_agency()
    return [_out(i) for i in selectors.public_interviews(agency)[:100]] if agency else []


@router.get("/{int:pk}", auth=None, summary="一次访谈：预告、采用的问题、文字实录")
def get_interview(request, pk: int):
    i = _get(request, pk)
    return {
        **_out(i),
        "announcement": i.announcement,
        "questions": [
            {"id": q.pk, "name": q.name, "body": q.body, "state": q.state}
            for q in selectors.public_questions(i)
        ],
        "transcript": [{"speaker": e.speaker, "text": e.text, "at": e.at} for e in i.entries.all()],
    }


@router.post(
    "/{int:pk}/questions", response={201: dict}, auth=None, summary="网友提问（审核后显示；过于频繁时 429）"
)
def ask(request, pk: int, payload: QuestionIn):
    q = services.ask(
        interview=_get(request, pk), body=payload.body, name=payload.name, ip=ratelimit.client_ip(request)
    )
    return Status(201, {"id": q.pk, "state": q.state})
