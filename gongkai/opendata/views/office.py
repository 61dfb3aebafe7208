"""Staff screens at /office/data/: datasets (with upload and preview), releases, access applications."""

from __future__ import annotations

import base64
import uuid
from datetime import datetime

from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.guard import fetch_for, scoped
from gongkai.accounts.permissions import has_perm
from gongkai.core.errors import DomainError, PermissionDenied, ValidationFailed
from gongkai.core.models import BackgroundTask
from gongkai.publishing import selectors as publishing_selectors
from gongkai.publishing import services as publishing

from .. import outputs, selectors, services, tasks
from ..models import AccessApplication, Dataset, DatasetVersion, Release
from ..query import build_cube

UPLOAD_TTL = 1800


def _agency_qs(request, model, **filters):
    """The user's agency's records; datasets and releases also by department (selectors.staff_scope)."""
    if model in (Dataset, Release):
        return selectors.staff_scope(request.user, model.objects.filter(**filters))
    return scoped(request.user, model.objects.filter(**filters), department_field=None)


def _staff_versions(request):
    return DatasetVersion.objects.filter(dataset__in=_agency_qs(request, Dataset))


@permission_required("opendata.view")
def home(request):
    return render(
        request,
        "opendata/office/home.html",
        {
            "title": "统计数据",
            "datasets": _agency_qs(request, Dataset).select_related("resource").order_by("code"),
            "releases": _agency_qs(request, Release).order_by("-scheduled_at")[:30],
            "pending": _agency_qs(
                request, AccessApplication, state=AccessApplication.State.SUBMITTED
            ).count(),
            "can_manage": has_perm(request.user, "opendata.manage"),
        },
    )


@permission_required("opendata.view")
def dataset(request, code: str):
    ds = get_object_or_404(_agency_qs(request, Dataset), code=code)
    versions = selectors.staff_versions(request.user, ds)  # logs opendata.embargo_viewed when needed
    public_ids = {v.pk for v in selectors.public_versions(ds)}
    cube = None
    try:
        cube = build_cube(
            ds,
            versions=versions,
            periods=None,
            limit=5000,
            filters={"INDICATOR": request.GET.getlist("INDICATOR")[:5]}
            if request.GET.get("INDICATOR")
            else None,
        )
    except DomainError as exc:
        messages.warning(request, exc.message + "（预览只显示部分数据）")
    return render(
        request,
        "opendata/office/dataset.html",
        {
            "title": ds.title,
            "dataset": ds,
            "versions": [(v, v.pk in public_ids) for v in versions],
            "table": outputs.pivot(cube) if cube else None,
            "releases": _agency_qs(request, Release).order_by("-scheduled_at")[:50],
            "can_manage": has_perm(request.user, "opendata.manage"),
        },
    )


@permission_required("opendata.manage")
def upload(request, code: str):
    """Upload a new period: validate and preview the cell diff; committing is a second POST."""
    ds = get_object_or_404(_agency_qs(request, Dataset), code=code)
    context = {
        "title": f"上传新一期数据：{ds.title}",
        "dataset": ds,
        "errors": [],
        "releases": _agency_qs(request, Release)
        .exclude(state=Release.State.CANCELLED)
        .filter(scheduled_at__gt=timezone.now())
        .order_by("scheduled_at"),
        "dimensions": list(ds.dimensions.order_by("position").values_list("code", flat=True)),
    }
    if request.method == "POST" and request.POST.get("confirm"):
        stored = cache.get(f"opendata:upload:{request.user.pk}:{request.POST.get('upload_id', '')}")
        if not stored:
            context["errors"] = ["上传已过期，请重新选择文件。"]
        else:
            release = _agency_qs(request, Release).filter(pk=request.POST.get("release") or 0).first()
            if stored.get("cells", 0) > tasks.LARGE_IMPORT_CELLS:
                task = tasks.queue_commit(
                    actor=request.user,
                    dataset=ds,
                    filename=stored["name"],
                    data=base64.b64decode(stored["data"]),
                    note=request.POST.get("note", ""),
                    release=release,
                    cells=stored["cells"],
                )
                cache.delete(f"opendata:upload:{request.user.pk}:{request.POST.get('upload_id', '')}")
                return redirect("opendata_office:task", pk=task.pk)
            try:
                result = services.commit_upload(
                    actor=request.user,
                    dataset=ds,
                    filename=stored["name"],
                    data=base64.b64decode(stored["data"]),
                    note=request.POST.get("note", ""),
                    release=release,
                )
            except DomainError as exc:
                context["errors"] = [str(e) for e in getattr(exc, "errors", [])] or [exc.message]
            else:
                messages.success(
                    request,
                    f"已写入第 {result.version.number if result.version else '-'} 版："
                    f"新增 {len(result.diff.new)}，修订 {len(result.diff.revised)}。",
                )
                return redirect("opendata_office:dataset", code=ds.code)
    elif request.method == "POST":
        file = request.FILES.get("file")
        if file is None or not file.name.lower().endswith((".csv", ".xlsx")):
            context["errors"] = ["请选择 CSV 或 XLSX 文件。"]
        elif file.size > 20 * 1024 * 1024:
            context["errors"] = ["文件不能超过 20 MB。"]
        else:
            data = file.read()
            try:
                parsed, diff = services.preview_upload(
                    actor=request.user, dataset=ds, filename=file.name, data=data
                )
            except DomainError as exc:
                context["errors"] = [str(e) for e in getattr(exc, "errors", [])] or [exc.message]
            else:
                upload_id = uuid.uuid4().hex
                cache.set(
                    f"opendata:upload:{request.user.pk}:{upload_id}",
                    {"name": file.name, "data": base64.b64encode(data).decode(), "cells": len(parsed.cells)},
                    UPLOAD_TTL,
                )
                context.update(
                    {
                        "diff": diff,
                        "upload_id": upload_id,
                        "file_name": file.name,
                        "new_rows": diff.new[:200],
                        "revised_rows": diff.revised[:200],
                    }
                )
    return render(request, "opendata/office/upload.html", context, status=422 if context["errors"] else 200)


@permission_required("opendata.manage")
def task(request, pk: int):
    """Progress of a large upload written by the worker; the page reloads itself while it runs."""
    item = fetch_for(
        request.user, BackgroundTask.objects.filter(kind=tasks.COMMIT_UPLOAD), pk, department_field=None
    )
    dataset = Dataset.objects.filter(pk=item.params.get("dataset")).first()
    return render(
        request,
        "opendata/office/task.html",
        {
            "title": item.title,
            "task": item,
            "dataset": dataset,
            "running": item.state in (BackgroundTask.State.QUEUED, BackgroundTask.State.RUNNING),
        },
    )


# --- releases -------------------------------------------------------------------------------------------
def _parse_dt(value: str):
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


@permission_required("opendata.manage")
def release_new(request):
    errors, values = {}, {}
    if request.method == "POST":
        values = {
            k: request.POST.get(k, "") for k in ("title", "scheduled_at", "press_release", "interpretation")
        }
        at = _parse_dt(values["scheduled_at"])
        if not values["title"].strip():
            errors["title"] = "请填写发布事项。"
        if at is None:
            errors["scheduled_at"] = "请填写发布时间（年-月-日 时:分）。"
        if not errors:
            try:
                item = services.create_release(
                    actor=request.user,
                    title=values["title"].strip(),
                    scheduled_at=at,
                    press_release=values["press_release"],
                    interpretation=values["interpretation"],
                    department=request.user.department,
                )
            except DomainError as exc:
                errors[exc.field or "title"] = exc.message
            else:
                return redirect("opendata_office:release", pk=item.pk)
    return render(
        request,
        "opendata/office/release_new.html",
        {"title": "新建数据发布", "errors": errors, "values": values},
        status=422 if errors else 200,
    )


@permission_required("opendata.view")
def release(request, pk: int):
    item = get_object_or_404(_agency_qs(request, Release), pk=pk)
    error, status = "", 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if not has_perm(request.user, "opendata.manage"):
                raise PermissionDenied("您的角色无权执行此操作。")
            if action == "confirm":
                services.confirm_release(actor=request.user, release=item)
            elif action == "reschedule":
                at = _parse_dt(request.POST.get("scheduled_at", ""))
                if at is None:
                    raise ValidationFailed("请填写新的发布时间。")
                services.reschedule_release(
                    actor=request.user, release=item, scheduled_at=at, note=request.POST.get("note", "")
                )
            elif action == "attach":
                version = get_object_or_404(_staff_versions(request), pk=request.POST.get("version") or 0)
                services.attach_version(actor=request.user, release=item, version=version)
            elif action == "workflow":
                workflow = publishing.start_workflow(actor=request.user, obj=item)
                return redirect(reverse("publishing_office:detail", args=[workflow.pk]))
            return redirect("opendata_office:release", pk=item.pk)
        except DomainError as exc:
            error, status = exc.message, (403 if isinstance(exc, PermissionDenied) else 422)
    item.refresh_from_db()
    return render(
        request,
        "opendata/office/release.html",
        {
            "title": item.title,
            "release": item,
            "error": error,
            "versions": item.versions.select_related("dataset"),
            "unattached": _staff_versions(request).filter(release__isnull=True).select_related("dataset"),
            "workflow": publishing_selectors.workflow_for(item),
            "is_public": selectors.released_releases().filter(pk=item.pk).exists(),
            "can_manage": has_perm(request.user, "opendata.manage"),
        },
        status=status,
    )


# --- applications ----------------------------------------------------------------------------------------
@permission_required("opendata.applications")
def applications(request):
    return render(
        request,
        "opendata/office/applications.html",
        {"title": "有条件开放申请", "applications": selectors.application_queue(request.user)[:200]},
    )


@permission_required("opendata.applications")
def application(request, pk: int):
    item = get_object_or_404(_agency_qs(request, AccessApplication), pk=pk)
    error = ""
    if request.method == "POST":
        expires = request.POST.get("expires_on") or None
        try:
            services.decide_application(
                actor=request.user,
                application=item,
                approve=request.POST.get("decision") == "approve",
                reason=request.POST.get("reason", ""),
                expires_on=datetime.strptime(expires, "%Y-%m-%d").date() if expires else None,
            )
        except (DomainError, ValueError) as exc:
            error = getattr(exc, "message", "有效期格式应为 YYYY-MM-DD。")
        else:
            messages.success(request, "已办结。")
            return redirect("opendata_office:applications")
    return render(
        request,
        "opendata/office/application.html",
        {"title": f"申请 {item.number}", "item": item, "error": error},
        status=422 if error else 200,
    )
