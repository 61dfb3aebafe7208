"""The JSON API at /api/v1/ (django-ninja). Capability apps add their routers in `routers()`."""

from django.db import connection
from ninja import NinjaAPI

from gongkai.core.errors import DomainError, problem

api = NinjaAPI(
    title="Gongkai 政务公开平台 API",
    version="1.0.0",
    description="政务公开平台的公开数据接口与工作人员接口。错误以 application/problem+json 返回。",
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(request, problem(exc), status=exc.http_status)


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
