from django.contrib.auth import views as auth_views
from django.shortcuts import render

from gongkai.accounts.decorators import office_required
from gongkai.core.selectors import site_settings_for
from gongkai.core.work_panels import panels_for


class LoginView(auth_views.LoginView):
    template_name = "office/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Django puts its own `site` (a RequestSite) here; the layout's `site` is our SiteSettings.
        context["site"] = site_settings_for(getattr(self.request, "agency", None))
        context["breadcrumb"] = [("工作人员登录", None)]
        return context


class LogoutView(auth_views.LogoutView):
    pass


@office_required
def home(request):
    """我的工作: what is due and what waits for me. Capabilities add their panels (work_panels)."""
    return render(
        request, "office/home.html", {"panels": panels_for(request.user), "breadcrumb": [("我的工作", None)]}
    )
