"""The city's one request entry (issue 18 item 3): a citizen files a 依申请公开 request choosing the
agency from every agency on the platform, with help for “不确定向哪个机关申请？” that searches the
agencies' public catalogues. The request then lives in the chosen agency's register like any other."""

from django import forms
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.catalogue.selectors import public_revisions_across_agencies
from gongkai.core.errors import ValidationFailed
from gongkai.core.models import Agency

from .. import services
from ..forms import ApplicationForm
from .portal import rate_limited

BREADCRUMB = [("依申请公开（全市统一入口）", "/ysqgk/")]


class CityApplicationForm(ApplicationForm):
    agency = forms.ModelChoiceField(
        label="向哪个行政机关申请",
        queryset=Agency.objects.none(),
        empty_label="请选择行政机关",
        error_messages={
            "required": "请选择受理申请的行政机关。",
            "invalid_choice": "请选择本平台上的行政机关。",
        },
        help_text="政府信息由制作或保存它的行政机关负责公开（《条例》第十条）。不确定时请先查询。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True).order_by("name")
        self.order_fields(["agency", *[f for f in self.fields if f != "agency"]])


@require_http_methods(["GET", "POST"])
def apply(request):
    initial = {}
    code = request.GET.get("agency", "")[:40]
    if code:
        chosen = Agency.objects.filter(is_active=True, code=code).first()
        if chosen is not None:
            initial["agency"] = chosen.pk
    form = CityApplicationForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            if rate_limited(request):
                status = 429
                form.add_error(None, "提交过于频繁，请一小时后再试，或拨打政务公开咨询电话。")
            else:
                data = dict(form.cleaned_data)
                agency = data.pop("agency")
                try:
                    foi_request = services.submit_application(agency=agency, data=data)
                except ValidationFailed as exc:
                    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                else:
                    return redirect(
                        "foi:done", number=foi_request.tracking_number, token=foi_request.link_token
                    )
    return render(
        request,
        "foi_requests/city/apply.html",
        {
            "page_title": "依申请公开（全市统一入口）",
            "form": form,
            "breadcrumb": BREADCRUMB,
            "city_nav": "apply",
        },
        status=status,
    )


def which_agency(request):
    """不确定向哪个机关申请？ The agencies' published catalogue items whose title or issuer matches."""
    q = request.GET.get("q", "").strip()[:50]
    results = public_revisions_across_agencies(q) if q else []
    groups: dict[Agency, list] = {}
    for revision in results:
        groups.setdefault(revision.item.agency, []).append(revision)
    return render(
        request,
        "foi_requests/city/which_agency.html",
        {
            "page_title": "不确定向哪个机关申请？",
            "q": q,
            "groups": list(groups.items()),
            "searched": bool(q),
            "breadcrumb": [*BREADCRUMB, ("不确定向哪个机关申请？", None)],
            "city_nav": "apply",
        },
    )
