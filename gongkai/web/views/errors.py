"""Error pages in the site layout. The 500 page must render when the database or a context processor
is what failed, so it is rendered without the request's context processors, and falls back to a
fixed page if even that fails."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from ..context_processors import ELDER_COOKIE

logger = logging.getLogger(__name__)

FALLBACK_500 = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>服务器错误</title></head>
<body><main><h1>服务器错误</h1><p>服务器暂时无法处理您的请求，请稍后再试。</p><p><a href="/">返回首页</a></p></main>
</body></html>"""


def _error(request, code: int, title: str, message: str):
    return render(request, "web/error.html", {"code": code, "title": title, "message": message}, status=code)


def not_found(request, exception=None):
    return _error(
        request,
        404,
        "页面不存在",
        "您访问的页面不存在或已被移除。请检查网址，或从首页、网站地图查找所需内容。",
    )


def forbidden(request, exception=None):
    message = str(exception) if exception and str(exception) else "您没有访问此页面的权限。"
    return _error(request, 403, "无权访问", message)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: Django's own page carries an inline <style>, which our CSP refuses."""
    return _error(
        request,
        403,
        "页面已过期",
        "表单提交未通过安全校验，可能是页面停留时间过长或浏览器禁用了 Cookie。请返回上一页，刷新后重新提交。",
    )


def _static_nav() -> list:
    try:
        from ..navigation import portal_navigation

        return portal_navigation("")
    except Exception:  # noqa: BLE001 - the 500 page renders without navigation rather than fail
        return []


def _site_or_none():
    """The footer's contact for the 500 page, if the database still answers (issue 11 item 24)."""
    try:
        from gongkai.core.selectors import public_agency, site_settings_for

        return site_settings_for(public_agency())
    except Exception:  # noqa: BLE001 - the database may be what failed: the page renders without it
        return None


def server_error(request):
    site = _site_or_none()
    context = {
        "site": site,
        "site_name": site.site_name if site else "",
        "portal_nav": _static_nav(),
        "elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1",
        "request": request,
    }
    try:
        return HttpResponseServerError(loader.get_template("web/500.html").render(context))
    except Exception:  # noqa: BLE001 - last resort: a fixed page
        logger.exception("the 500 page failed to render")
        return HttpResponseServerError(FALLBACK_500)


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.1f}".rstrip("0").rstrip(".")


def too_large_message(exc=None) -> str:
    from django.conf import settings
    from django.core.exceptions import TooManyFieldsSent

    if isinstance(exc, TooManyFieldsSent):
        return f"提交的表单项过多（超过 {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} 项），本次提交未被接收。"
    limit = _megabytes(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return f"提交的内容过大：表单文字合计不能超过 {limit} MB，本次提交未被接收。"


def too_long_message() -> str:
    from ..middleware import max_query_string

    return f"网址过长：查询条件不能超过 {max_query_string()} 个字符。请缩短搜索词或筛选条件后重试。"


def _back_url(request) -> str:
    """Where 返回修改 leads without JavaScript: the page the form was on (a local Referer), else the
    requested path itself."""
    from urllib.parse import urlsplit

    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if referer.path.startswith("/") and referer.netloc in ("", request.get_host()):
        return referer.path + (f"?{referer.query}" if referer.query and len(referer.query) < 2000 else "")
    return request.path


def payload_too_large(request, exc=None):
    """413 in the site layout. The typed text is still in the browser: 返回修改 goes back to it."""
    return render(
        request,
        "web/error.html",
        {
            "code": 413,
            "title": "提交的内容过大",
            "message": too_large_message(exc),
            "hint": "您填写的内容仍保留在浏览器中：请点击“返回修改”回到表单，删减内容（或改为上传附件）后重新提交。",
            "back_to_form": True,
            "back_url": _back_url(request),
        },
        status=413,
    )


def uri_too_long(request):
    return render(
        request,
        "web/error.html",
        {
            "code": 414,
            "title": "网址过长",
            "message": too_long_message(),
            "back_to_form": True,
            "back_url": request.path,
        },
        status=414,
    )


def bad_request(request, exception=None):
    """handler400: also what a RequestDataTooBig raised inside a view (request.body) ends in."""
    from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent

    if isinstance(exception, (RequestDataTooBig, TooManyFieldsSent)):
        return payload_too_large(request, exception)
    return _error(
        request, 400, "请求有误", "您的请求无法处理，可能是网址或表单内容有误。请返回上一页检查后重试。"
    )
