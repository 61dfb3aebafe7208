"""Staff screens of 留言: queues (unrouted, due, overdue, moderation), one message with its actions."""

import csv

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.permissions import has_perm
from gongkai.core.errors import DomainError
from gongkai.workdays.selectors import legal_today

from .. import selectors, services
from ..forms import AssignForm, RejectForm, ReplyForm
from ..masking import has_personal_data
from ..models import Category
from ..states import OPEN_STATES, State

LIST = ("留言办理", "/office/messages/")
QUEUES = [
    ("", "全部"),
    ("unrouted", "待分办"),
    ("due", "办理中（未到期）"),
    ("overdue", "已逾期"),
    ("moderation", "待公开审核"),
]


def _csv(filename, header, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with the BOM
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


@permission_required("messages.view")
def message_list(request):
    user = request.user
    name = request.GET.get("queue", "")
    qs = selectors.queue(user, name)
    if request.GET.get("category") in Category.values:
        qs = qs.filter(category=request.GET["category"])
    if request.GET.get("state") in State.values:
        qs = qs.filter(state=request.GET["state"])
    q = request.GET.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(subject__icontains=q) | qs.filter(number=q)
    if request.GET.get("format") == "csv":
        return _csv(
            "messages.csv",
            ["编号", "类别", "标题", "状态", "承办处室", "收到时间", "答复期限", "答复时间", "满意度"],
            (
                [
                    m.number,
                    m.get_category_display(),
                    m.subject,
                    m.get_state_display(),
                    m.department or "",
                    timezone.localtime(m.received_at).strftime("%Y-%m-%d %H:%M"),
                    m.due_on,
                    timezone.localtime(m.replied_at).strftime("%Y-%m-%d %H:%M") if m.replied_at else "",
                    m.get_rating_display(),
                ]
                for m in qs
            ),
        )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    today = legal_today()
    for m in page.object_list:
        m.overdue = m.state in OPEN_STATES and m.due_on < today
    return render(
        request,
        "public_messages/office/list.html",
        {
            "page": page,
            "queue": name,
            "queues": QUEUES,
            "categories": Category.choices,
            "states": State.choices,
            "counts": {key: selectors.queue(user, key).count() for key, _ in QUEUES if key},
            "breadcrumb": [("留言办理", None)],
        },
    )


def _get(user, pk):
    message = selectors.get_message(user, pk)
    if message is None:
        raise Http404("没有找到该留言。")
    return message


@permission_required("messages.view")
def detail(request, pk):
    m = _get(request.user, pk)
    user = request.user
    return render(
        request,
        "public_messages/office/detail.html",
        {
            "m": m,
            "events": list(m.events.select_related("actor")),
            "assign_form": AssignForm(agency=user.agency, initial={"department": m.department}),
            "reply_form": ReplyForm(),
            "reject_form": RejectForm(),
            "personal": has_personal_data(m.body),
            "can_route": has_perm(user, "messages.route"),
            "can_reply": has_perm(user, "messages.reply"),
            "can_moderate": has_perm(user, "messages.moderate"),
            "overdue": m.state in OPEN_STATES and m.due_on < legal_today(),
            "breadcrumb": [LIST, (m.number, None)],
        },
    )


@require_POST
@permission_required("messages.view")
def act(request, pk):
    m = _get(request.user, pk)
    action = request.POST.get("action")
    user = request.user
    try:
        if action == "assign":
            form = AssignForm(request.POST, agency=user.agency)
            if not form.is_valid():
                raise DomainError("请选择承办处室。")
            services.assign(actor=user, message=m, department=form.cleaned_data["department"])
            flash.success(request, f"已分办至{form.cleaned_data['department'].name}。")
        elif action == "reply":
            services.reply(actor=user, message=m, text=request.POST.get("reply", ""))
            flash.success(request, "已答复。")
        elif action == "reject":
            services.reject(actor=user, message=m, reason=request.POST.get("reason", ""))
            flash.success(request, "已不予受理。")
        elif action in ("publish", "publish_masked", "hide"):
            services.moderate(
                actor=user, message=m, approve=action != "hide", mask=action == "publish_masked"
            )
            flash.success(request, "已公开。" if action != "hide" else "已设为不公开。")
        else:
            flash.error(request, "未知的操作。")
    except DomainError as exc:
        flash.error(request, exc.message)
    return redirect("public_messages_office:detail", m.pk)
