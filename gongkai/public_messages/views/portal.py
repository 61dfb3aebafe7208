"""Public pages of 留言: write (works without JavaScript), the writer's tracking page with rating,
the list of published messages with both times, and how fast the bureau answers."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from gongkai.core import ratelimit, secret_links
from gongkai.core.errors import DomainError
from gongkai.core.pagecache import evaluated_page, memoised
from gongkai.core.selectors import public_agency

from .. import selectors, services
from ..forms import MessageForm, RatingForm, RecoverLinkForm
from ..models import Category, Message

HDJL = ("互动交流", "/hdjl/")
LIST = ("留言办理", "/hdjl/ly/")


def _agency(request):
    agency = getattr(request, "agency", None) or public_agency()
    if not agency:
        raise Http404("没有可显示的机关。")
    return agency


def message_list(request):
    agency = _agency(request)
    category = request.GET.get("category", "")
    category = category if category in Category.values else ""
    number = request.GET.get("page")

    def data():
        qs = selectors.public_messages(agency)
        if category:
            qs = qs.filter(category=category)
        return {
            "page": evaluated_page(qs, number, 20),
            "stats": selectors.response_statistics(agency, months=6),
            "reply_days": services.reply_days(),
        }

    # The same for every reader until a committed write ends the page-cache generation (ADR 0043).
    return render(
        request,
        "public_messages/portal/list.html",
        {
            "page_title": "留言办理",
            "breadcrumb": [HDJL, ("留言办理", None)],
            **memoised(f"public_messages.list:{agency.pk}:{category}:{number}", data),
            "category": category,
            "categories": Category.choices,
        },
    )


def statistics(request):
    agency = _agency(request)
    return render(
        request,
        "public_messages/portal/statistics.html",
        {
            "page_title": "留言办理统计",
            "breadcrumb": [HDJL, LIST, ("办理统计", None)],
            **memoised(
                f"public_messages.statistics:{agency.pk}",
                lambda: {
                    "stats": selectors.response_statistics(agency, months=24),
                    "reply_days": services.reply_days(),
                },
            ),
        },
    )


def detail(request, number):
    agency = _agency(request)
    message = memoised(
        f"public_messages.detail:{agency.pk}:{number}",
        lambda: selectors.public_messages(agency).filter(number=number).first(),
    )
    if message is None:
        raise Http404("没有找到该留言。")
    return render(
        request,
        "public_messages/portal/detail.html",
        {"page_title": message.subject, "breadcrumb": [HDJL, LIST, (message.subject, None)], "m": message},
    )


@require_http_methods(["GET", "POST"])
def write(request):
    agency = _agency(request)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            if data["website"]:
                form.add_error(None, "提交未成功，请刷新页面后重试。")
            else:
                try:
                    message, token = services.submit_message(
                        agency=agency,
                        category=data["category"],
                        subject=data["subject"],
                        body=data["body"],
                        name=data["name"],
                        contact=data["contact"],
                        wants_publication=data["wants_publication"],
                        ip=ratelimit.client_ip(request),
                    )
                except DomainError as exc:
                    status = exc.http_status if exc.http_status in (409, 429) else 400
                    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                else:
                    return redirect("public_messages:track", number=message.number, token=token)
    return render(
        request,
        "public_messages/portal/write.html",
        {
            "page_title": "我要留言",
            "breadcrumb": [HDJL, LIST, ("我要留言", None)],
            "form": form,
            "reply_days": services.reply_days(),
        },
        status=status,
    )


def recover(request):
    """找回查询链接: the 留言编号 and the contact given when writing → a new link (issue 11 item 28)."""
    agency = _agency(request)
    form = RecoverLinkForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            if data["website"]:
                form.add_error(None, "提交未成功，请刷新页面后重试。")
            else:
                try:
                    message, token = services.recover_tracking_link(
                        agency=agency,
                        number=data["number"],
                        contact=data["contact"],
                        ip=ratelimit.client_ip(request),
                    )
                except DomainError as exc:
                    status = exc.http_status if exc.http_status in (404, 429) else 400
                    field = exc.field if exc.field in form.fields else None
                    form.add_error(field, exc.message)
                else:
                    return redirect("public_messages:track", number=message.number, token=token)
    return secret_links.private(
        render(
            request,
            "public_messages/portal/recover.html",
            {"page_title": "找回查询链接", "breadcrumb": [HDJL, LIST, ("找回查询链接", None)], "form": form},
            status=status,
        )
    )


def _own(number, token) -> Message:
    message = Message.objects.filter(number=number).first()
    if message is None or not services.token_matches(message, token):
        raise Http404("没有找到该留言，请检查链接是否完整。")
    return message


@require_http_methods(["GET", "POST"])
def track(request, number, token):
    message = _own(number, token)
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rate(
                message=message,
                token=token,
                rating=form.cleaned_data["rating"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("public_messages:track", number=number, token=token)
    link = request.build_absolute_uri(reverse("public_messages:track", args=[number, token]))
    return secret_links.private(
        render(
            request,
            "public_messages/portal/track.html",
            {
                "page_title": f"我的留言 {message.number}",
                "breadcrumb": [HDJL, LIST, ("我的留言", None)],
                "m": message,
                "events": [
                    e for e in message.events.all() if e.verb not in ("warned", "escalated", "moderated")
                ],
                "link": link,
                "form": form,
            },
        )
    )
