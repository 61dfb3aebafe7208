"""The JSON API at /api/v1/ (django-ninja). Capability apps add their routers in `routers()`."""

from django.db import connection
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

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
api.add_router("/workflows", "gongkai.web.api_publishing.router")
api.add_router("/annual-reports", "gongkai.annual_reports.api.router")
api.add_router("/incidents", "gongkai.incidents.api.router")
api.add_router("/assessment", "gongkai.assessment.api.router")
