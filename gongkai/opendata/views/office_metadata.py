"""Staff screens for the records around the data: 共享开放目录 (统计法 Art. 23), indicator metadata
(实施条例 Art. 27) and 统计调查项目 (统计法 Art. 15). Writes go through `services`, which check the
permission, scope to the agency and record the audit event."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.guard import fetch_for, scoped
from gongkai.accounts.models import Department
from gongkai.accounts.permissions import has_perm
from gongkai.core import errors

from .. import services
from ..forms_metadata import IndicatorForm, ResourceForm, SurveyProjectForm
from ..models import DataResource, Indicator, OpenType, SurveyProject, Topic

HOME = ("统计数据", "/office/data/")
PER_PAGE = 30


def _page(request, qs):
    return Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))


def _save(form, call):
    """Run a service call; a domain error goes beside its field (or above the form). Returns the object."""
    try:
        return call()
    except errors.PermissionDenied as exc:
        raise PermissionDenied(exc.message) from exc  # 403, like the decorator
    except errors.DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return None


def _form_page(request, form, *, title, cancel_url, crumbs):
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": title,
            "submit_label": "保存",
            "cancel_url": cancel_url,
            "breadcrumb": [HOME, *crumbs, (title, None)],
        },
        status=422 if form.errors else 200,
    )


# --- 共享开放目录 ---------------------------------------------------------------------------------------
CATALOGUE = ("共享开放目录", "/office/data/catalogue/")


@permission_required("opendata.view")
def resource_list(request):
    qs = scoped(
        request.user, DataResource.objects.select_related("department", "dataset"), department_field=None
    )
    q = request.GET.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(code__icontains=q) | Q(description__icontains=q))
    if request.GET.get("open_type") in OpenType.values:
        qs = qs.filter(open_type=request.GET["open_type"])
    if request.GET.get("topic") in Topic.values:
        qs = qs.filter(topic=request.GET["topic"])
    departments = Department.objects.filter(agency_id=request.user.agency_id, is_active=True)
    department = request.GET.get("department", "")
    if department.isdigit():
        qs = qs.filter(department_id=int(department))
    return render(
        request,
        "opendata/office/metadata/resources.html",
        {
            "title": "共享开放目录",
            "page": _page(request, qs),
            "filtered": bool(request.GET.keys() - {"page"}),
            "open_types": OpenType.choices,
            "topics": Topic.choices,
            "departments": departments,
            "can_manage": has_perm(request.user, "opendata.manage"),
            "breadcrumb": [HOME, (CATALOGUE[0], None)],
        },
    )


@permission_required("opendata.manage")
def resource_new(request):
    form = ResourceForm(
        request.POST or None, agency=request.user.agency, initial={"department": request.user.department_id}
    )
    if request.method == "POST" and form.is_valid():
        try:
            resource = _save(form, lambda: services.save_resource(actor=request.user, **form.cleaned_data))
        except IntegrityError:  # the same code saved by someone else a moment ago
            form.add_error("code", "该资源代码已被使用，请换一个。")
            resource = None
        if resource is not None:
            messages.success(request, f"已新增目录条目“{resource.title}”。")
            return redirect("opendata_office:resources")
    return _form_page(
        request,
        form,
        title="新增目录条目",
        cancel_url=reverse("opendata_office:resources"),
        crumbs=[CATALOGUE],
    )


@permission_required("opendata.manage")
def resource_edit(request, code: str):
    resource = get_object_or_404(
        scoped(request.user, DataResource.objects.all(), department_field=None), code=code
    )
    initial = {name: getattr(resource, name) for name in services.RESOURCE_FIELDS}
    form = ResourceForm(request.POST or None, agency=request.user.agency, resource=resource, initial=initial)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form, lambda: services.save_resource(actor=request.user, resource=resource, **form.cleaned_data)
        )
    )
    if saved:
        messages.success(request, f"已保存“{resource.title}”。")
        return redirect("opendata_office:resources")
    return _form_page(
        request,
        form,
        title=f"编辑目录条目：{resource.code}",
        cancel_url=reverse("opendata_office:resources"),
        crumbs=[CATALOGUE],
    )


# --- 指标说明 -------------------------------------------------------------------------------------------
INDICATORS = ("指标说明", "/office/data/indicators/")


@permission_required("opendata.view")
def indicator_list(request):
    qs = scoped(request.user, Indicator.objects.all(), department_field=None)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    if request.GET.get("missing") == "1":
        # 实施条例 Art. 27: 涵义、口径、调查方法、计算方法 are published with the data.
        qs = qs.filter(Q(meaning="") | Q(scope="") | Q(survey_method="") | Q(calculation=""))
    return render(
        request,
        "opendata/office/metadata/indicators.html",
        {
            "title": "指标说明",
            "page": _page(request, qs),
            "filtered": bool(request.GET.keys() - {"page"}),
            "can_manage": has_perm(request.user, "opendata.manage"),
            "breadcrumb": [HOME, (INDICATORS[0], None)],
        },
    )


@permission_required("opendata.manage")
def indicator_edit(request, pk: int):
    indicator = fetch_for(request.user, Indicator, pk, department_field=None)
    initial = {name: getattr(indicator, name) for name in IndicatorForm.base_fields}
    form = IndicatorForm(request.POST or None, initial=initial)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form,
            lambda: services.update_indicator(actor=request.user, indicator=indicator, **form.cleaned_data),
        )
    )
    if saved:
        messages.success(request, f"已保存指标“{indicator.name}”的说明。")
        return redirect("opendata_office:indicators")
    return _form_page(
        request,
        form,
        title=f"指标说明：{indicator.code} {indicator.name}",
        cancel_url=reverse("opendata_office:indicators"),
        crumbs=[INDICATORS],
    )


# --- 统计调查项目 ---------------------------------------------------------------------------------------
SURVEYS = ("统计调查项目", "/office/data/surveys/")


@permission_required("opendata.view")
def survey_list(request):
    qs = scoped(request.user, SurveyProject.objects.all(), department_field=None)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(approval_number__icontains=q) | Q(organiser__icontains=q))
    if request.GET.get("kind") in SurveyProject.Kind.values:
        qs = qs.filter(kind=request.GET["kind"])
    today = timezone.localdate()
    validity = request.GET.get("validity", "")
    if validity == "valid":
        qs = qs.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    elif validity == "expired":
        qs = qs.filter(valid_until__lt=today)
    page = _page(request, qs)
    for project in page.object_list:
        project.expired = project.valid_until is not None and project.valid_until < today
    return render(
        request,
        "opendata/office/metadata/surveys.html",
        {
            "title": "统计调查项目",
            "page": page,
            "filtered": bool(request.GET.keys() - {"page"}),
            "kinds": SurveyProject.Kind.choices,
            "can_manage": has_perm(request.user, "opendata.manage"),
            "breadcrumb": [HOME, (SURVEYS[0], None)],
        },
    )


@permission_required("opendata.manage")
def survey_new(request):
    form = SurveyProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = _save(form, lambda: services.save_survey_project(actor=request.user, **form.cleaned_data))
        if project is not None:
            messages.success(request, f"已新增统计调查项目“{project.name}”。")
            return redirect("opendata_office:surveys")
    return _form_page(
        request,
        form,
        title="新增统计调查项目",
        cancel_url=reverse("opendata_office:surveys"),
        crumbs=[SURVEYS],
    )


@permission_required("opendata.manage")
def survey_edit(request, pk: int):
    project = fetch_for(request.user, SurveyProject, pk, department_field=None)
    initial = {name: getattr(project, name) for name in services.SURVEY_FIELDS}
    form = SurveyProjectForm(request.POST or None, initial=initial)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and _save(
            form,
            lambda: services.save_survey_project(actor=request.user, project=project, **form.cleaned_data),
        )
    )
    if saved:
        messages.success(request, f"已保存“{project.name}”。")
        return redirect("opendata_office:surveys")
    return _form_page(
        request,
        form,
        title=f"编辑统计调查项目：{project.name}",
        cancel_url=reverse("opendata_office:surveys"),
        crumbs=[SURVEYS],
    )
