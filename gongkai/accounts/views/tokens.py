"""我的 API 令牌: staff issue and revoke the bearer tokens of the /api/v1/ staff endpoints."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.core.errors import DomainError

from .. import services
from ..decorators import office_required
from ..models import ApiToken


class TokenForm(forms.Form):
    label = forms.CharField(label="用途", max_length=60, help_text="如：与办公系统对接、批量导入脚本")


@office_required
def tokens(request):
    form = TokenForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, issued = services.issue_api_token(actor=request.user, label=form.cleaned_data["label"])
            form = TokenForm()
        except DomainError as exc:
            form.add_error(None, exc.message)
    rows = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "issued": issued, "tokens": rows, "breadcrumb": [("我的 API 令牌", None)]},
    )


@office_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_api_token(actor=request.user, token=token)
    messages.success(request, f"令牌“{token.label}”已停用。")
    return redirect("accounts_office:tokens")
