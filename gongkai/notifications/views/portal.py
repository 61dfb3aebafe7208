"""订阅: subscribe by e-mail (confirmed by a link), confirm, one-click unsubscribe."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from gongkai.core import ratelimit
from gongkai.core.errors import DomainError
from gongkai.core.selectors import public_agency

from .. import services
from ..forms import SubscribeForm
from ..topics import topic_label

CRUMB = ("订阅", None)


def _agency(request):
    agency = getattr(request, "agency", None) or public_agency()
    if agency is None:
        raise Http404
    return agency


def subscribe(request):
    agency = _agency(request)
    form = SubscribeForm(request.POST or None)
    done = None
    if request.method == "POST" and form.is_valid():
        try:
            done = services.subscribe(
                agency=agency,
                email=form.cleaned_data["email"],
                topics=form.cleaned_data["topics"],
                ip=ratelimit.client_ip(request),
            )
        except DomainError as exc:
            exc.show_on(form)
    status = 429 if form.errors and any("频繁" in str(e) for e in form.non_field_errors()) else 200
    return render(
        request,
        "notifications/portal/subscribe.html",
        {"page_title": "订阅", "breadcrumb": [CRUMB], "form": form, "done": done},
        status=status,
    )


def confirm(request, token):
    subscription = services.confirm(token)
    return render(
        request,
        "notifications/portal/result.html",
        {
            "page_title": "订阅已确认",
            "breadcrumb": [CRUMB],
            "message": f"已确认订阅“{topic_label(subscription.topic)}”：有新内容发布时，我们会发邮件到 {subscription.email}。每封邮件都附有退订链接。",
        },
    )


@csrf_exempt  # RFC 8058 one-click unsubscribe: the mail client POSTs without a form; the token is the key
def unsubscribe(request, token):
    if request.method == "POST":
        subscription = services.unsubscribe(token)
        return render(
            request,
            "notifications/portal/result.html",
            {
                "page_title": "已退订",
                "breadcrumb": [CRUMB],
                "message": f"已退订“{topic_label(subscription.topic)}”，{subscription.email} 不会再收到此类邮件。",
            },
        )
    services._subscription_from(token, "unsubscribe")  # a wrong link answers 404 before the button
    return render(
        request, "notifications/portal/unsubscribe.html", {"page_title": "退订", "breadcrumb": [CRUMB]}
    )
