"""Staff screens of 新闻发布: spokespersons, the press calendar, a conference's live console, media requests."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.guard import fetch_for
from gongkai.accounts.permissions import has_perm
from gongkai.core.errors import DomainError

from .. import selectors, services
from ..forms import AnswerForm, AttachmentForm, ConferenceForm, EntryForm, SpokespersonForm
from ..models import Conference, MediaRequest, Spokesperson

HOME = ("新闻发布", "/office/press/")


@permission_required("press.view")
def home(request):
    now = timezone.now()
    conferences = list(selectors.conferences_for(request.user)[:50])
    for c in conferences:
        c.phase_label = services.PHASE_LABELS[services.phase(c, now)]
    requests = list(selectors.media_requests_for(request.user)[:50])
    for r in requests:
        r.late = services.is_late(r)
    return render(
        request,
        "press/office/home.html",
        {
            "conferences": conferences,
            "spokespersons": selectors.spokespersons_for(request.user),
            "requests": requests,
            "can_manage": has_perm(request.user, "press.manage"),
        },
    )


@permission_required("press.manage")
def spokesperson_edit(request, pk=None):
    person = fetch_for(request.user, Spokesperson, pk, department_field=None) if pk else None
    initial = None
    if person:
        initial = {
            f: getattr(person, f) for f in ("name", "position", "phone", "email", "is_active", "sort_order")
        }
    form = SpokespersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_spokesperson(actor=request.user, spokesperson=person, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已保存。")
            return redirect("press_office:home")
    return render(request, "office/form.html", {"form": form, "title": "新闻发言人", "breadcrumbs": [HOME]})


@permission_required("press.manage")
def conference_edit(request, pk=None):
    conference = fetch_for(request.user, Conference, pk, department_field=None) if pk else None
    initial = None
    if conference:
        initial = {
            f: getattr(conference, f)
            for f in (
                "title",
                "topic",
                "location",
                "speakers",
                "registration_open",
                "incident",
                "data_release",
                "interpretation",
            )
        }
        initial["starts_at"] = timezone.localtime(conference.starts_at)
        initial["ends_at"] = timezone.localtime(conference.ends_at)
    form = ConferenceForm(request.POST or None, initial=initial, agency=request.user.agency)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_conference(actor=request.user, conference=conference, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已保存发布会预告，请添加附件后提交审核。")
            return redirect("press_office:conference", pk=saved.pk)
    return render(request, "office/form.html", {"form": form, "title": "新闻发布会", "breadcrumbs": [HOME]})


def _conference_context(request, conference, **forms):
    from gongkai.publishing.selectors import workflow_for

    return {
        "c": conference,
        "phase_label": services.PHASE_LABELS[services.phase(conference)],
        "workflow": workflow_for(conference),
        "entries": conference.entries.all(),
        "attachments": conference.attachments.all(),
        "registrations": conference.registrations.all(),
        "entry_form": forms.get("entry") or EntryForm(),
        "attachment_form": forms.get("attachment") or AttachmentForm(),
        "can_manage": has_perm(request.user, "press.manage"),
    }


@permission_required("press.view")
def conference(request, pk):
    c = fetch_for(request.user, Conference, pk, department_field=None)
    return render(request, "press/office/conference.html", _conference_context(request, c))


@require_POST
@permission_required("press.manage")
def add_entry(request, pk):
    c = fetch_for(request.user, Conference, pk, department_field=None)
    form = EntryForm(request.POST)
    if form.is_valid():
        try:
            services.add_entry(actor=request.user, conference=c, **form.cleaned_data)
        except DomainError as exc:
            exc.show_on(form)
        else:
            return redirect("press_office:conference", pk=c.pk)
    return render(
        request, "press/office/conference.html", _conference_context(request, c, entry=form), status=422
    )


@require_POST
@permission_required("press.manage")
def add_attachment(request, pk):
    c = fetch_for(request.user, Conference, pk, department_field=None)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.add_attachment(
                actor=request.user,
                conference=c,
                title=form.cleaned_data["title"],
                filename=upload.name,
                data=upload.read(),
            )
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已添加附件。")
            return redirect("press_office:conference", pk=c.pk)
    return render(
        request, "press/office/conference.html", _conference_context(request, c, attachment=form), status=422
    )


@require_POST
@permission_required("press.manage")
def held(request, pk):
    c = fetch_for(request.user, Conference, pk, department_field=None)
    try:
        services.mark_held(actor=request.user, conference=c)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, "已登记发布会举行" + ("，关联舆情的发布会时限已记录。" if c.incident_id else "。")
        )
    return redirect("press_office:conference", pk=c.pk)


@permission_required("press.manage")
def answer_request(request, pk):
    media_request = fetch_for(request.user, MediaRequest, pk, department_field=None)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_media_request(
                actor=request.user, media_request=media_request, **form.cleaned_data
            )
        except DomainError as exc:
            exc.show_on(form)
        else:
            messages.success(request, "已答复。")
            return redirect("press_office:home")
    return render(
        request,
        "press/office/answer.html",
        {
            "form": form,
            "r": media_request,
            "late": services.is_late(media_request),
            "title": f"答复采访申请：{media_request.outlet}",
        },
    )
