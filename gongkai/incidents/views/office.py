"""The incident console: running clocks in hours and minutes, releases, conference, closing report."""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.guard import fetch_for
from gongkai.accounts.permissions import has_perm
from gongkai.core.errors import DomainError

from .. import selectors, services
from ..forms import (
    CloseForm,
    CorrectionForm,
    IncidentForm,
    PressConferenceForm,
    ReleaseForm,
    SeverityForm,
    UrgentForm,
)
from ..models import Incident, Release

CONSOLE = ("舆情处置", "/office/incidents/")
VERB_LABELS = {
    "registered": "登记",
    "severity_changed": "调整级别",
    "release_drafted": "起草发布稿",
    "release_published": "发布",
    "press_conference": "举行新闻发布会",
    "warned": "临近超时提醒",
    "escalated": "超时升级督办",
    "closed": "结束处置",
}


def _incident(request, pk) -> Incident:
    return fetch_for(request.user, Incident, pk, department_field=None, not_found="没有找到该舆情。")


def _annotate(incident, now):
    incident.clock_states = selectors.clock_states(incident, now)
    return incident


@permission_required("incidents.view")
def console(request):
    now = timezone.now()
    qs = selectors.incidents_for(request.user)
    open_rows = [_annotate(i, now) for i in qs.filter(status=Incident.Status.OPEN)]
    closed = qs.filter(status=Incident.Status.CLOSED)[:50]
    template = (
        "incidents/office/_console_table.html"
        if request.headers.get("HX-Request")
        else "incidents/office/console.html"
    )
    return render(
        request,
        template,
        {
            "open_rows": open_rows,
            "closed": closed,
            "now": now,
            "can_manage": has_perm(request.user, "incidents.manage"),
        },
    )


@permission_required("incidents.manage")
def register(request):
    form = IncidentForm(request.POST or None, agency=request.user.agency)
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.register_incident(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已登记，时限从发现时间起计算。")
            return redirect("incidents_office:detail", pk=incident.pk)
    return render(request, "office/form.html", {"form": form, "title": "登记舆情", "breadcrumbs": [CONSOLE]})


def _detail_context(request, incident, forms=None):
    now = timezone.now()
    _annotate(incident, now)
    from gongkai.publishing.selectors import workflow_for

    releases = list(incident.releases.select_related("supersedes").order_by("number"))
    forms = forms or {}
    for release in releases:
        release.workflow = workflow_for(release)
        release.correction_form = (
            forms["correction"]
            if forms.get("correcting") == release.pk
            else CorrectionForm(prefix=f"c{release.pk}")
        )
        release.urgent_form = (
            forms["urgent"] if forms.get("urgent_for") == release.pk else UrgentForm(prefix=f"u{release.pk}")
        )
    user = request.user
    return {
        "incident": incident,
        "releases": releases,
        "events": incident.events.select_related("actor"),
        "compliance": selectors.compliance_rows(incident)
        if incident.status == Incident.Status.CLOSED
        else None,
        "can_manage": has_perm(user, "incidents.manage") and incident.status == Incident.Status.OPEN,
        "can_release": has_perm(user, "incidents.release") and incident.status == Incident.Status.OPEN,
        "can_urgent": has_perm(user, "publishing.approve"),
        "release_form": forms.get("release") or ReleaseForm(prefix="new"),
        "severity_form": forms.get("severity") or SeverityForm(initial={"severity": incident.severity}),
        "press_form": forms.get("press") or PressConferenceForm(),
        "close_form": forms.get("close") or CloseForm(),
        "verb_labels": VERB_LABELS,
    }


@permission_required("incidents.view")
def detail(request, pk):
    incident = _incident(request, pk)
    return render(request, "incidents/office/detail.html", _detail_context(request, incident))


def _act(request, incident, name, form, call, success):
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, success)
            return redirect("incidents_office:detail", pk=incident.pk)
    extra = {key: getattr(form, key) for key in ("correcting", "urgent_for") if hasattr(form, key)}
    context = _detail_context(request, incident, forms={name: form, **extra})
    return render(request, "incidents/office/detail.html", context, status=422)


@require_POST
@permission_required("incidents.release")
def add_release(request, pk):
    incident = _incident(request, pk)
    form = ReleaseForm(request.POST, prefix="new")
    return _act(
        request,
        incident,
        "release",
        form,
        lambda d: services.draft_release(actor=request.user, incident=incident, **d),
        "已起草发布稿，请提交保密审查或由分管领导紧急发布。",
    )


@require_POST
@permission_required("incidents.release")
def correct_release(request, pk, release_pk):
    incident = _incident(request, pk)
    release = fetch_for(request.user, incident.releases.all(), release_pk, department_field=None)
    form = CorrectionForm(request.POST, prefix=f"c{release.pk}")
    form.correcting = release.pk
    return _act(
        request,
        incident,
        "correction",
        form,
        lambda d: services.draft_release(actor=request.user, incident=incident, supersedes=release, **d),
        f"已起草对第 {release.number} 次发布的更正。",
    )


@permission_required("incidents.release")
def edit_release(request, pk, release_pk):
    incident = _incident(request, pk)
    release = fetch_for(
        request.user, Release.objects.filter(incident=incident), release_pk, department_field=None
    )
    form = ReleaseForm(request.POST or None, initial={"title": release.title, "body": release.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_release(actor=request.user, release=release, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已保存。")
            return redirect("incidents_office:detail", pk=incident.pk)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": f"修改第 {release.number} 次发布稿",
            "breadcrumbs": [CONSOLE, (incident.title, f"/office/incidents/{incident.pk}/")],
        },
    )


@require_POST
@permission_required("publishing.approve")
def urgent_publish(request, pk, release_pk):
    from gongkai.publishing.selectors import workflow_for
    from gongkai.publishing.services import urgent_approve

    incident = _incident(request, pk)
    release = fetch_for(
        request.user, Release.objects.filter(incident=incident), release_pk, department_field=None
    )
    form = UrgentForm(request.POST, prefix=f"u{release.pk}")
    form.urgent_for = release.pk
    workflow = workflow_for(release)
    return _act(
        request,
        incident,
        "urgent",
        form,
        lambda d: urgent_approve(actor=request.user, workflow=workflow, reason=d["reason"]),
        f"第 {release.number} 次发布已紧急发布。",
    )


@require_POST
@permission_required("incidents.manage")
def change_severity(request, pk):
    incident = _incident(request, pk)
    return _act(
        request,
        incident,
        "severity",
        SeverityForm(request.POST),
        lambda d: services.change_severity(actor=request.user, incident=incident, **d),
        "已调整级别。",
    )


@require_POST
@permission_required("incidents.manage")
def press_conference(request, pk):
    incident = _incident(request, pk)
    return _act(
        request,
        incident,
        "press",
        PressConferenceForm(request.POST),
        lambda d: services.record_press_conference(actor=request.user, incident=incident, **d),
        "已登记新闻发布会。",
    )


@require_POST
@permission_required("incidents.manage")
def close(request, pk):
    incident = _incident(request, pk)
    return _act(
        request,
        incident,
        "close",
        CloseForm(request.POST),
        lambda d: services.close_incident(actor=request.user, incident=incident, **d),
        "舆情已结束，处置时限报告已生成。",
    )


@permission_required("incidents.view")
def compliance_csv(request, pk):
    incident = _incident(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="incident-{incident.pk}-compliance.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["舆情", "时限", "依据", "截止时间", "完成时间", "结果", "超时"])
    for row in selectors.compliance_rows(incident):
        writer.writerow(
            [
                incident.title,
                row["label"],
                row["basis"],
                timezone.localtime(row["due_at"]).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(row["met_at"]).strftime("%Y-%m-%d %H:%M") if row["met_at"] else "",
                row["state"],
                row["late_by"],
            ]
        )
    return response
