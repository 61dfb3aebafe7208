from django.contrib.auth import views as auth_views
from django.shortcuts import render

from gongkai.accounts.decorators import office_required
from gongkai.core.work_panels import panels_for


class LoginView(auth_views.LoginView):
    template_name = "office/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@office_required
def home(request):
    """我的工作: what is due and what waits for me. Capabilities add their panels (work_panels)."""
    return render(request, "office/home.html", {"panels": panels_for(request.user),
                                                "breadcrumb": [("我的工作", None)]})
