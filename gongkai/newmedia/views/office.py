"""The register of 政务新媒体 accounts, stale flags, and posts to them."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.guard import fetch_for
from gongkai.accounts.permissions import has_perm
from gongkai.core.errors import DomainError

from .. import selectors, services
from ..forms import AccountForm, CloseForm, PostForm
from ..models import Account

LIST = ("政务新媒体", "/office/newmedia/")


@permission_required("newmedia.view")
def accounts(request):
    now = timezone.now()
    rows = list(selectors.accounts_for(request.user))
    stale = set(selectors.stale_accounts(request.user.agency, now).values_list("pk", flat=True))
    for account in rows:
        account.stale = account.pk in stale
    return render(
        request,
        "newmedia/office/accounts.html",
        {
            "rows": rows,
            "stale_count": len(stale),
            "posts": selectors.posts_for(request.user)[:20],
            "can_manage": has_perm(request.user, "newmedia.manage"),
            "can_post": has_perm(request.user, "newmedia.post"),
            "stale_days": 14,
        },
    )


@permission_required("newmedia.manage")
def account_edit(request, pk=None):
    account = fetch_for(request.user, Account, pk, department_field=None) if pk else None
    initial = None
    if account:
        initial = {f: getattr(account, f) for f in services.FIELDS}
    form = AccountForm(
        request.POST or None, request.FILES or None, initial=initial, agency=request.user.agency
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        qr = data.pop("qr_image", None)
        try:
            services.save_account(actor=request.user, account=account, qr_image=qr, **data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已保存。")
            return redirect("newmedia_office:accounts")
    return render(
        request,
        "office/form.html",
        {"form": form, "title": "修改账号" if account else "登记新媒体账号", "breadcrumbs": [LIST]},
    )


@permission_required("newmedia.manage")
def account_close(request, pk):
    account = fetch_for(request.user, Account, pk, department_field=None)
    form = CloseForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.close_account(actor=request.user, account=account, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已登记关停。")
            return redirect("newmedia_office:accounts")
    return render(
        request, "office/form.html", {"form": form, "title": f"关停：{account}", "breadcrumbs": [LIST]}
    )


@require_POST
@permission_required("newmedia.manage")
def account_updated(request, pk):
    account = fetch_for(request.user, Account, pk, department_field=None)
    try:
        services.record_update(actor=request.user, account=account)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已记录 {account.name} 今日更新。")
    return redirect("newmedia_office:accounts")


@permission_required("newmedia.post")
def post_new(request):
    from gongkai.publishing.registry import adapter_for
    from gongkai.publishing.selectors import get_workflow

    initial, source = {}, None
    if request.GET.get("from"):
        source = get_workflow(request.user, request.GET["from"])
        if source is not None and source.content is not None:
            adapter = adapter_for(source.content)
            base = getattr(settings, "GONGKAI_SITE_URL", "").rstrip("/")
            initial = {
                "title": source.title[:120],
                "summary": source.title[:300],
                "link": base + adapter.public_url(source.content),
            }
    form = PostForm(request.POST or None, initial=initial, agency=request.user.agency)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.draft_post(actor=request.user, source_workflow=source, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            from gongkai.publishing.selectors import workflow_for

            messages.success(request, "已起草新媒体发布，请提交审核。")
            return redirect("publishing_office:detail", pk=workflow_for(post).pk)
    return render(
        request, "office/form.html", {"form": form, "title": "发布到政务新媒体", "breadcrumbs": [LIST]}
    )
