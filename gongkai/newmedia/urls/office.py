from django.urls import path

from ..views import office

urlpatterns = [
    path("", office.accounts, name="accounts"),
    path("accounts/new/", office.account_edit, name="account_new"),
    path("accounts/<int:pk>/", office.account_edit, name="account_edit"),
    path("accounts/<int:pk>/close/", office.account_close, name="account_close"),
    path("accounts/<int:pk>/updated/", office.account_updated, name="account_updated"),
    path("posts/new/", office.post_new, name="post_new"),
]
