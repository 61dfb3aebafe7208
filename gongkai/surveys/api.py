"""/api/v1/surveys: published surveys with their questions, an answer, and the published results.

An answer through the API counts under the survey's identity rule: the `client_token` stands for the
browser (clients keep one per device); under the address rule the caller's address decides."""

from ninja import Router, Schema, Status

from gongkai.core import ratelimit
from gongkai.core.errors import NotFound
from gongkai.core.selectors import public_agency

from . import rules, selectors, services

router = Router(tags=["surveys"])


class SurveyAnswerIn(Schema):
    client_token: str
    answers: dict[str, object]  # question id -> option index | [indexes] | scale value | {row: column} | text


def _survey(request, pk):
    agency = getattr(request, "agency", None) or public_agency()
    survey = selectors.public_surveys(agency).filter(pk=pk).first() if agency else None
    if survey is None:
        raise NotFound("没有找到该调查。")
    return survey


def _out(s) -> dict:
    return {
        "id": s.pk,
        "title": s.title,
        "opens_at": s.opens_at,
        "closes_at": s.closes_at,
        "phase": selectors.phase_of(s),
        "identity_rule": s.identity_rule,
    }


@router.get("", auth=None, summary="公开的调查征集")
def list_surveys(request):
    agency = getattr(request, "agency", None) or public_agency()
    return [_out(s) for s in selectors.public_surveys(agency)[:100]] if agency else []


@router.get("/{int:pk}", auth=None, summary="一项调查：说明和题目")
def get_survey(request, pk: int):
    s = _survey(request, pk)
    return {
        **_out(s),
        "introduction": s.introduction,
        "questions": [
            {
                "id": q.pk,
                "kind": q.kind,
                "text": q.text,
                "required": q.required,
                "options": q.option_list,
                "rows": q.row_list,
                "scale": q.scale_values if q.kind == "scale" else [],
            }
            for q in s.questions.all()
        ],
    }


@router.post(
    "/{int:pk}/responses",
    response={201: dict},
    auth=None,
    summary="提交答卷（每人一次：重复提交 409；过于频繁 429）",
)
def respond(request, pk: int, payload: SurveyAnswerIn):
    survey = _survey(request, pk)
    answers = {}
    for key, value in payload.answers.items():
        try:
            answers[int(key)] = value
        except ValueError:
            continue
    r = services.submit_response(
        survey=survey, answers=answers, browser_token=payload.client_token, ip=ratelimit.client_ip(request)
    )
    return Status(201, {"id": r.pk})


@router.get("/{int:pk}/results", auth=None, summary="已公布的调查结果")
def get_results(request, pk: int):
    report = selectors.published_report(_survey(request, pk))
    if report is None:
        raise NotFound("该调查的结果尚未公布。")
    return {
        "title": report.title,
        "introduction": report.introduction,
        **report.snapshot,
        "phase": rules.CLOSED,
    }
