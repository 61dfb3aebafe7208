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


def server_error(request):
    context = {
        "portal_nav": _static_nav(),
        "elder_mode": request.COOKIES.get(ELDER_COOKIE) == "1",
        "request": request,
    }
    try:
        return HttpResponseServerError(loader.get_template("web/500.html").render(context))
    except Exception:  # noqa: BLE001 - last resort: a fixed page
        logger.exception("the 500 page failed to render")
        return HttpResponseServerError(FALLBACK_500)
