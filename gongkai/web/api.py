"""The JSON API at /api/v1/ (django-ninja). Capability apps add their routers in `routers()`."""

from django.db import DataError, connection
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from gongkai.core import refusals
from gongkai.core.errors import DomainError, problem

api = NinjaAPI(
    title="Gongkai 政务公开平台 API",
    version="1.0.0",
    description="政务公开平台的公开数据接口与工作人员接口。错误以 application/problem+json 返回。",
    urls_namespace="api",
)


def _problem(request, body: dict, status: int):
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = "application/problem+json"
    return response


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    if refusals.is_refusal(exc):  # audited here, after the service's transaction has rolled back
        auth = getattr(request, "auth", None)
        actor = auth if getattr(auth, "is_authenticated", False) else request.user
        refusals.record_refusal(exc, actor=actor, path=request.get_full_path(), method=request.method)
    return _problem(request, problem(exc), exc.http_status)


@api.exception_handler(ValidationError)
def invalid_input(request, exc: ValidationError):
    """Schema errors of django-ninja, as problem JSON with a Chinese title and each field named."""
    errors = [
        {"field": ".".join(str(p) for p in e.get("loc", ())[1:]) or None, "message": e.get("msg", "")}
        for e in exc.errors
    ]
    body = {
        "type": "https://gongkai.example/problems/validation_failed",
        "title": "请求参数不符合要求，请检查后重试。",
        "status": 422,
        "code": "validation_failed",
        "errors": errors,
    }
    return _problem(request, body, 422)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    body = {
        "type": "https://gongkai.example/problems/unauthenticated",
        "status": 401,
        "code": "unauthenticated",
        "title": "需要有效的 API 令牌（请求头 Authorization: Bearer 令牌）。",
    }
    return _problem(request, body, 401)


@api.exception_handler(Http404)
def not_found(request, exc):
    body = {
        "type": "https://gongkai.example/problems/not_found",
        "status": 404,
        "code": "not_found",
        "title": "没有找到该记录。",
    }
    return _problem(request, body, 404)


@api.exception_handler(OverflowError)
def out_of_range(request, exc):
    """An id or number beyond what the database stores (e.g. /requests/99999999999999999999)."""
    body = {
        "type": "https://gongkai.example/problems/validation_failed",
        "status": 422,
        "code": "validation_failed",
        "title": "参数超出允许范围。",
    }
    return _problem(request, body, 422)


@api.exception_handler(DataError)
def data_error(request, exc):
    """The database refused a value (out of range, NUL, invalid text): the client's fault, 422."""
    return out_of_range(request, exc)


@api.get("/health", tags=["system"], summary="服务与数据库状态")
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok", "database": connection.vendor}


api.add_router("/documents", "gongkai.catalogue.api.router")
api.add_router("/search", "gongkai.search.api.router")
api.add_router("/data", "gongkai.opendata.api.router")
api.add_router("/requests", "gongkai.foi_requests.api.router")
api.add_router("/consultations", "gongkai.consultations.api.router")
api.add_router("/messages", "gongkai.public_messages.api.router")
api.add_router("/interviews", "gongkai.interviews.api.router")
api.add_router("/workflows", "gongkai.publishing.api.router")
api.add_router("/annual-reports", "gongkai.annual_reports.api.router")
api.add_router("/incidents", "gongkai.incidents.api.router")
api.add_router("/power-list", "gongkai.responsibilities.api.router")
api.add_router("/enforcement", "gongkai.enforcement.api.router")
api.add_router("/service-guides", "gongkai.service_guides.api.router")
api.add_router("/key-tasks", "gongkai.key_tasks.api.router")
api.add_router("/surveys", "gongkai.surveys.api.router")
api.add_router("/results", "gongkai.results.api.router")
api.add_router("/assessment", "gongkai.assessment.api.router")
api.add_router("/self-inspection", "gongkai.self_inspection.api.router")
api.add_router("/city", "gongkai.cityops.api.router")  # issue 18 items 8-9
api.add_router("/agencies", "gongkai.city.api.router")  # the city platform (issue 18)
