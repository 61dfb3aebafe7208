from django.urls import path

from ..views import office, tokens

urlpatterns = [
    path("", office.users, name="users"),
    path("new/", office.user_edit, name="user_new"),
    path("<int:pk>/", office.user_edit, name="user_edit"),
    path("departments/", office.departments, name="departments"),
    path("departments/new/", office.department_edit, name="department_new"),
    path("departments/<int:pk>/", office.department_edit, name="department_edit"),
    path("site-settings/", office.site_settings, name="site_settings"),
    path("password/", office.password_change, name="password_change"),
    path("tokens/", tokens.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
]
