from django.conf import settings

from .context import current_ip
from .proxies import client_address


class TrustedProxyMiddleware:
    """Puts the client's address in `REMOTE_ADDR` when the request came through a trusted reverse
    proxy (`GONGKAI_TRUSTED_PROXIES`; see `proxies.py`); the proxy's own address is kept in
    `GONGKAI_PROXY_ADDR`. First in the stack, so rate limits, the audit trail and login throttling
    all count the visitor, not the proxy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        networks = settings.GONGKAI_TRUSTED_PROXIES
        if networks:
            remote = request.META.get("REMOTE_ADDR", "")
            client = client_address(remote, request.META.get("HTTP_X_FORWARDED_FOR", ""), networks)
            if client != remote:
                request.META["GONGKAI_PROXY_ADDR"] = remote
                request.META["REMOTE_ADDR"] = client
        return self.get_response(request)


class RequestContextMiddleware:
    """Makes the client address available to `audit.record` for the duration of a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)


class CurrentAgencyMiddleware:
    """`request.agency`: the agency whose public site is served (staff pages use `user.agency`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils.functional import SimpleLazyObject

        from .selectors import public_agency

        if getattr(request, "site_agency", None) is None:  # core.sites.SiteMiddleware sets it first
            request.agency = SimpleLazyObject(public_agency)
        return self.get_response(request)


# --- hardening (issue 12 items 4 and 5) ------------------------------------------------------------------
API_PREFIX = "/api/"
# The CKAN-compatible Action API lives under /api/ too but answers in CKAN's own error format.
NOT_PROBLEM_PREFIXES = ("/api/3/", "/api/3", "/api/action/")
PROBLEM_TYPE = "application/problem+json"
STATUS_TITLES = {
    400: "请求无法解析，请检查后重试。",
    401: "需要登录或有效的 API 令牌。",
    403: "您没有执行此操作的权限。",
    404: "没有找到该资源。",
    405: "该地址不支持此请求方法。",
    406: "无法按所请求的格式返回。",
    409: "该记录已被他人修改或已存在，请刷新后重试。",
    413: "请求内容超过大小上限。",
    415: "不支持该内容类型。",
    422: "请求参数不符合要求，请检查后重试。",
    429: "请求过于频繁，请稍后再试。",
    500: "服务器内部错误，请稍后再试；问题已记录。",
}
BAD_TEXT_MESSAGE = "提交的内容含有空字符（NUL）或无效的文字编码，无法处理。"
TOO_BIG_MESSAGE = "请求内容超过大小上限。"


def problem_body(status: int, title: str | None = None, code: str | None = None) -> dict:
    code = code or {404: "not_found", 405: "method_not_allowed", 413: "too_large", 429: "throttled"}.get(
        status, "server_error" if status >= 500 else "invalid"
    )
    return {
        "type": f"https://gongkai.example/problems/{code}",
        "title": title or STATUS_TITLES.get(status, "请求无法完成。"),
        "status": status,
        "code": code,
    }


def problem_response(status: int, title: str | None = None, code: str | None = None):
    from django.http import JsonResponse

    return JsonResponse(
        problem_body(status, title, code),
        status=status,
        content_type=PROBLEM_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


def _bad_text(value: str) -> bool:
    if "\x00" in value:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates, e.g. "\ud800" from JSON: PostgreSQL refuses them
        return True
    return False


def _bad_json(value, depth: int = 0) -> bool:
    if depth > 64:
        return False
    if isinstance(value, str):
        return _bad_text(value)
    if isinstance(value, dict):
        return any(_bad_text(k) or _bad_json(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return any(_bad_json(v, depth + 1) for v in value)
    return False


def _raw_query_is_bad(raw: str) -> bool:
    from urllib.parse import unquote_to_bytes

    data = unquote_to_bytes(raw.replace("+", " "))
    if b"\x00" in data:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


class InputSanityMiddleware:
    """Refuses NUL characters and invalid text (bytes that are not UTF-8, lone surrogates) in the
    path, the query string, form fields and JSON bodies before any view sees them: 422, problem JSON
    under /api/, the error page elsewhere. PostgreSQL cannot store either, so without this a NUL in a
    search box was a 500. An API body over DATA_UPLOAD_MAX_MEMORY_SIZE answers 413 problem JSON."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent

        try:
            bad = self._is_bad(request)
        except (RequestDataTooBig, TooManyFieldsSent):
            return self._refuse(request, 413, TOO_BIG_MESSAGE, "too_large")
        if bad:
            return self._refuse(request, 422, BAD_TEXT_MESSAGE, "invalid_text")
        return self.get_response(request)

    def process_exception(self, request, exception):
        """An id beyond the database's integer range in a URL (/office/…/99999999999999999999/), or a
        value the database refuses: 422, not a 500."""
        from django.db import DataError

        if isinstance(exception, (OverflowError, DataError)):
            return self._refuse(request, 422, "参数超出允许范围，或含有无法保存的字符。", "out_of_range")
        return None

    @staticmethod
    def _is_bad(request) -> bool:
        if _bad_text(request.path_info) or _raw_query_is_bad(request.META.get("QUERY_STRING", "")):
            return True
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return False
        content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if content_type == "application/json" or content_type.endswith("+json"):
            import json

            body = request.body
            if b"\x00" in body:
                return True
            try:
                return _bad_json(json.loads(body))
            except (ValueError, RecursionError):
                return False  # unparseable: the API answers its own 400/422 problem
        if content_type == "application/x-www-form-urlencoded":
            return _raw_query_is_bad(request.body.decode("latin-1"))
        if content_type == "multipart/form-data":
            return any(_bad_text(v) for values in request.POST.lists() for v in values[1])
        return False

    @staticmethod
    def _refuse(request, status: int, message: str, code: str):
        if request.path_info.startswith(API_PREFIX):
            return problem_response(status, message, code)
        from django.shortcuts import render

        titles = {413: "内容过大", 422: "无法处理的内容"}
        return render(
            request,
            "web/error.html",
            {"title": titles.get(status, "请求无法完成"), "code": status, "message": message},
            status=status,
        )


class ApiProblemMiddleware:
    """Every 4xx/5xx under /api/ is problem JSON (RFC 9457): unknown routes (404), wrong methods (405),
    django-ninja's own `{"detail": …}` answers and Django's HTML error pages are rewritten here, so
    a client never has to parse HTML. Headers that matter (Retry-After, Allow) are kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path_info.startswith(API_PREFIX)
            or request.path_info.startswith(NOT_PROBLEM_PREFIXES)
            or response.get("Content-Type", "").startswith(PROBLEM_TYPE)
            or getattr(response, "streaming", False)
        ):
            return response
        title = None
        if response.get("Content-Type", "").startswith("application/json"):
            import json

            try:
                detail = json.loads(response.content).get("detail")
            except (ValueError, AttributeError):
                detail = None
            if isinstance(detail, str) and detail:
                title = detail
        fixed = problem_response(response.status_code, title)
        for header in ("Retry-After", "Allow", "WWW-Authenticate", "Cache-Control"):
            if header in response:
                fixed[header] = response[header]
        return fixed


class RefusalAuditMiddleware:
    """Audits every refused attempt at a protected action of this request (core/refusals.py), once the
    view has returned and its transaction has rolled back. Last in the stack: it sees the signed-in
    user and the client address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .context import pending_refusals
        from .refusals import record_pending

        token = pending_refusals.set([])
        try:
            response = self.get_response(request)
            actor = getattr(request, "user", None)
            if not getattr(actor, "is_authenticated", False):
                actor = getattr(request, "auth", None)  # the API's token user
            record_pending(actor=actor, path=request.get_full_path(), method=request.method)
        finally:
            pending_refusals.reset(token)
        return response

    def process_exception(self, request, exception):
        """Django's PermissionDenied (the office's page decorators) becomes a 403 page: noted here."""
        from django.core.exceptions import PermissionDenied

        from .refusals import note

        if isinstance(exception, PermissionDenied):
            note(exception)
