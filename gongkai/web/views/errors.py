from django.shortcuts import render


def not_found(request, exception=None):
    return render(request, "web/error.html", {"code": 404, "title": "页面不存在",
                                              "message": "您访问的页面不存在或已被移除。"}, status=404)


def forbidden(request, exception=None):
    message = str(exception) if exception and str(exception) else "您没有访问此页面的权限。"
    return render(request, "web/error.html", {"code": 403, "title": "无权访问", "message": message}, status=403)


def server_error(request):
    return render(request, "web/error.html", {"code": 500, "title": "服务器错误",
                                              "message": "服务器暂时无法处理您的请求，请稍后再试。"}, status=500)
