"""/api/v1/city: the city openness office's roll-up and 督办通知 (token authentication, problem JSON),
through the same selectors and services as the office screens."""

from ninja import Router, Schema

from gongkai.accounts import guard
from gongkai.catalogue.api import TokenAuth
from gongkai.core.errors import NotFound, ValidationFailed
from gongkai.core.models import Agency
from gongkai.workdays.selectors import legal_today

from . import selectors, services

router = Router(tags=["city"])
STAFF = TokenAuth()


class NoticeIn(Schema):
    agency: str  # agency code
    subject: str
    body: str
    due_days: int


class NoticeAnswerIn(Schema):
    answer: str


class TablesIn(Schema):
    tables: dict  # the canonical shape of cityops.tables (table2 / table3 / table4)


def _notice_out(n) -> dict:
    return {
        "id": n.pk,
        "agency": n.agency.code,
        "subject": n.subject,
        "body": n.body,
        "issued_on": n.issued_on,
        "due_on": n.due_on,
        "answered_on": n.answered_on,
        "answer": n.answer,
        "overdue": selectors.is_overdue(n),
    }


@router.get(
    "/annual-reports/{int:year}",
    auth=STAFF,
    summary="全市年报汇总：表二/三/四合计与各机关报送情况（市政务公开办）",
)
def rollup(request, year: int):
    guard.require(request.auth, "cityops.rollup")
    if not 2008 <= year < legal_today().year:
        raise NotFound("没有该年度的汇总。")
    total, lines = selectors.city_summary(year)
    return {
        "year": year,
        "tables": total,
        "agencies": [
            {
                "agency": line.agency.code,
                "name": line.agency.name,
                "source": line.source,
                "submitted_on": line.submitted_on,
                "state": line.state,
                "late": line.is_late,
            }
            for line in lines
        ],
    }


@router.post(
    "/annual-reports/{int:year}/{code}",
    response={201: dict},
    auth=STAFF,
    summary="报送未上平台机关的统计表（校验勾稽关系，不平衡的以 422 拒绝并指出单元格）",
)
def submit(request, year: int, code: str, payload: TablesIn):
    agency = Agency.objects.filter(code=code, is_active=True).first()
    if agency is None:
        raise NotFound("没有该机关。")
    from . import tables as T

    tables = T.empty()
    try:
        for section in ("table2", "table3", "table4"):
            given = payload.tables.get(section, {})
            for key, value in tables[section].items():
                if isinstance(value, dict):
                    for column in value:
                        raw = (given.get(key) or {}).get(column)
                        value[column] = T.count_value(raw, (section, key, column))
                elif key == "fees":
                    tables[section][key] = T.amount_value(given.get(key), (section, key))
                else:
                    tables[section][key] = T.count_value(given.get(key), (section, key))
    except AttributeError:
        raise ValidationFailed("统计表格式不正确。", field="tables") from None
    submission = services.submit_tables(
        actor=request.auth, agency=agency, year=year, tables=tables, source="typed"
    )
    return 201, {"agency": agency.code, "year": year, "submitted_on": submission.submitted_on}


@router.get("/notices", auth=STAFF, summary="督办通知：市政务公开办看全部，各机关看本机关的")
def notices(request):
    if guard.is_system(request.auth):
        raise NotFound()
    from gongkai.accounts.permissions import has_perm

    if has_perm(request.auth, "cityops.oversee"):
        qs = selectors.notices_sent()
    else:
        guard.require(request.auth, "cityops.notices_view")
        qs = selectors.notices_for(request.auth).select_related("agency")
    return [_notice_out(n) for n in qs[:500]]


@router.post(
    "/notices", response={201: dict}, auth=STAFF, summary="发出督办通知（市政务公开办；期限按工作日）"
)
def issue(request, payload: NoticeIn):
    agency = Agency.objects.filter(code=payload.agency, is_active=True).first()
    if agency is None:
        raise ValidationFailed("没有该机关。", field="agency")
    notice = services.issue_notice(
        actor=request.auth,
        agency=agency,
        subject=payload.subject,
        body=payload.body,
        due_days=payload.due_days,
    )
    return 201, _notice_out(notice)


@router.post("/notices/{int:pk}/answer", auth=STAFF, summary="答复督办通知（被督办机关的政务公开办）")
def answer(request, pk: int, payload: NoticeAnswerIn):
    notice = guard.fetch_for(request.auth, selectors.notices_sent(), pk, department_field=None)
    notice = services.answer_notice(actor=request.auth, notice=notice, answer=payload.answer)
    return _notice_out(notice)
