"""The outbox monitor: every message, its attempts, failures and the webhook receivers."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.guard import fetch_for
from gongkai.accounts.permissions import has_perm
from gongkai.core import secret_links
from gongkai.core.errors import DomainError

from .. import selectors, services
from ..forms import EndpointForm
from ..models import Channel, OutboxMessage, Status, WebhookEndpoint


@permission_required("outbox.view")
def message_list(request):
    qs = selectors.messages_for(request.user)
    status = request.GET.get("status", "")
    channel = request.GET.get("channel", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    if channel in Channel.values:
        qs = qs.filter(channel=channel)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(recipient__icontains=q) | qs.filter(subject__icontains=q)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "outbox/office/list.html",
        {
            "page": page,
            "counts": selectors.status_counts(request.user),
            "statuses": Status.choices,
            "channels": Channel.choices,
            "status": status,
            "channel": channel,
        },
    )


@permission_required("outbox.view")
def message_detail(request, pk):
    message = fetch_for(request.user, OutboxMessage, pk, department_field=None, not_found="没有找到该消息。")
    return render(
        request,
        "outbox/office/detail.html",
        {
            "message": message,
            # a citizen's secret link is never shown to staff (ADR 0032)
            "body": secret_links.redact(message.body) if message.holds_secret else message.body,
            "attempts": message.delivery_attempts.all(),
            "can_retry": has_perm(request.user, "outbox.manage")
            and message.status in (Status.DEAD, Status.RETRYING),
        },
    )


@require_POST
@permission_required("outbox.manage")
def message_retry(request, pk):
    message = fetch_for(request.user, OutboxMessage, pk, department_field=None, not_found="没有找到该消息。")
    try:
        services.retry(actor=request.user, message=message)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已重新排入发送队列。")
    return redirect("outbox_office:detail", pk=message.pk)


@permission_required("outbox.view")
def endpoint_list(request):
    return render(
        request,
        "outbox/office/endpoints.html",
        {
            "endpoints": selectors.endpoints_for(request.user),
            "can_manage": has_perm(request.user, "outbox.manage"),
        },
    )


@permission_required("outbox.manage")
def endpoint_edit(request, pk=None):
    endpoint = None
    if pk is not None:
        endpoint = fetch_for(request.user, WebhookEndpoint, pk, department_field=None)
    initial = (
        {
            "name": endpoint.name,
            "url": endpoint.url,
            "secret": endpoint.secret,
            "is_active": endpoint.is_active,
        }
        if endpoint
        else None
    )
    form = EndpointForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_endpoint(
                actor=request.user, agency=request.user.agency, endpoint=endpoint, **form.cleaned_data
            )
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已保存。")
            return redirect("outbox_office:endpoints")
    title = "编辑 Webhook 接收端" if endpoint else "新增 Webhook 接收端"
    return render(
        request,
        "office/form.html",
        {"form": form, "title": title, "breadcrumbs": [("消息发送", "/office/outbox/")]},
    )
