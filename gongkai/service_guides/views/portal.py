"""The public 办事指南: the list of current guides, a guide with its elements, versions, rating and 纠错."""

from django.contrib import messages
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.core import ratelimit
from gongkai.core.errors import DomainError, ValidationFailed
from gongkai.core.pagecache import evaluated_page, memoised

from .. import selectors, services
from ..forms import ErrorReportForm, RatingForm
from ..models import PUBLIC_STATUSES, GuideVersion, Material, ServiceItem

BSFW = ("办事服务", "/bsfw/")
LIST = ("办事指南", "/bsfw/bszn/")


def _agency(request):
    agency = getattr(request, "agency", None)
    if not agency:
        raise Http404("没有可显示的机关。")
    return agency


def guides(request):
    agency = _agency(request)
    q = request.GET.get("q", "").strip()[:100]
    number = request.GET.get("page")

    def listing():
        qs = selectors.current_guides(agency)
        if q:
            qs = qs.filter(item__name__icontains=q)
        return evaluated_page(qs, number, 20)

    # Without a typed query the list is the same for every reader until a committed write (ADR 0043).
    page = listing() if q else memoised(f"service_guides.list:{agency.pk}:{number}", listing)
    return render(
        request,
        "service_guides/portal/list.html",
        {"page": page, "q": q, "breadcrumb": [BSFW, ("办事指南", "")]},
    )


def detail(request, code, number=None):
    agency = _agency(request)

    def data():
        item = ServiceItem.objects.filter(agency=agency, code=code).first()
        versions = list(selectors.public_versions(item)) if item is not None else []
        version = (
            (versions[0] if number is None else next((v for v in versions if v.number == number), None))
            if versions
            else None
        )
        if version is None:
            return {"item": item, "versions": versions, "v": None}
        previous = next((v for v in versions if v.number < version.number), None)
        prefetch_related_objects([version], "materials")  # read by the template: kept with the version
        return {
            "item": item,
            "v": version,
            "versions": versions,
            "changes": selectors.version_changes(previous, version) if previous else [],
            "previous": previous,
            "rating": selectors.rating_summary(version),
        }

    # The same for every reader until a committed write (a rating is one) ends the generation (ADR 0063).
    found = memoised(f"service_guides.detail:{agency.pk}:{code}:{number}", data)
    if found["item"] is None:
        raise Http404("No ServiceItem matches the given query.")
    if not found["versions"]:
        raise Http404("该事项的办事指南尚未发布。")
    if found["v"] is None:
        raise Http404("没有找到该版本。")
    return render(
        request,
        "service_guides/portal/detail.html",
        {
            **found,
            "rating_form": RatingForm(),
            "error_form": ErrorReportForm(),
            "breadcrumb": [BSFW, LIST, (found["item"].name, "")],
        },
    )


def _public_version(request, pk) -> GuideVersion:
    return get_object_or_404(GuideVersion, pk=pk, item__agency=_agency(request), status__in=PUBLIC_STATUSES)


@require_POST
def rate(request, pk):
    version = _public_version(request, pk)
    form = RatingForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationFailed("请选择清晰程度。")
        services.rate(version=version, score=form.cleaned_data["score"], ip=ratelimit.client_ip(request))
        messages.success(request, "感谢您的评价。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("service_guides:detail", version.item.code)


@require_POST
def report(request, pk):
    version = _public_version(request, pk)
    form = ErrorReportForm(request.POST)
    if form.is_valid():
        try:
            services.report_error(version=version, ip=ratelimit.client_ip(request), **form.cleaned_data)
            messages.success(request, "已收到您的纠错，承办处室将核实处理。")
            return redirect("service_guides:detail", version.item.code)
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request,
        "service_guides/portal/report.html",
        {"v": version, "error_form": form, "breadcrumb": [BSFW, LIST, (version.item.name, ""), ("纠错", "")]},
    )


def material_file(request, pk, which):
    material = get_object_or_404(
        Material, pk=pk, version__item__agency=_agency(request), version__status__in=PUBLIC_STATUSES
    )
    if which not in ("sample", "blank_form") or not getattr(material, which):
        raise Http404("没有该文件。")
    field = getattr(material, which)
    try:
        handle = field.open("rb")
    except OSError:
        raise Http404("文件暂时无法读取。") from None
    return FileResponse(handle, as_attachment=True, filename=getattr(material, f"{which}_name") or field.name)
