"""我的政务公开: optional sign-in with a one-time code, and one page of everything the citizen filed."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core.errors import DomainError
from gongkai.core.ratelimit import client_ip
from gongkai.notifications.services import link as subscription_link
from gongkai.notifications.topics import topic_label

from .. import selectors, services, session
from ..forms import CodeForm, IdentifierForm

BREADCRUMB = [("我的政务公开", "/my/")]


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def home(request):
    citizen = session.current(request)
    if citizen is None:
        return redirect("citizens:sign_in")
    records = selectors.records_of(citizen)
    subscriptions = [
        (s, topic_label(s.topic), subscription_link(s, "unsubscribe")) for s in records.subscriptions
    ]
    return _private(
        render(
            request,
            "citizens/home.html",
            {
                "page_title": "我的政务公开",
                "citizen": citizen,
                "records": records,
                "subscriptions": subscriptions,
                "add_form": IdentifierForm(),
                "breadcrumb": [("我的政务公开", None)],
            },
        )
    )


@require_http_methods(["GET", "POST"])
def sign_in(request):
    form = IdentifierForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.send_code(identifier=form.cleaned_data["identifier"], ip=client_ip(request))
            except DomainError as exc:
                status = 429 if exc.http_status == 429 else 400
                exc.show_on(form)
            else:
                code_form = CodeForm(initial={"identifier": form.cleaned_data["identifier"]})
                return _private(
                    render(
                        request,
                        "citizens/code.html",
                        _code_context(form.cleaned_data["identifier"], code_form),
                    )
                )
    return _private(
        render(
            request,
            "citizens/sign_in.html",
            {"page_title": "登录", "form": form, "breadcrumb": [*BREADCRUMB, ("登录", None)]},
            status=status,
        )
    )


def _code_context(identifier: str, form) -> dict:
    kind, value = services.normalise(identifier)
    shown = value if kind == "email" else f"{value[:3]}****{value[-4:]}"
    return {
        "page_title": "输入验证码",
        "form": form,
        "shown": shown,
        "breadcrumb": [*BREADCRUMB, ("输入验证码", None)],
    }


@require_POST
def verify(request):
    form = CodeForm(request.POST)
    identifier = request.POST.get("identifier", "")[:254]
    if form.is_valid():
        try:
            citizen = services.verify_code(
                identifier=form.cleaned_data["identifier"],
                code=form.cleaned_data["code"],
                citizen=session.current(request),
            )
        except DomainError as exc:
            exc.show_on(form)
        else:
            session.sign_in(request, citizen)
            return redirect("citizens:home")
    try:
        context = _code_context(identifier, form)
    except DomainError:
        return redirect("citizens:sign_in")
    return _private(render(request, "citizens/code.html", context, status=400))


@require_POST
def sign_out(request):
    session.sign_out(request)
    return redirect("citizens:sign_in")
