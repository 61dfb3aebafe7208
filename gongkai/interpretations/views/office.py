"""Staff screens of interpretations. Submitting, reviewing and approving are the publishing app's
screens; these link to them."""

from django.contrib import messages
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.guard import scoped
from gongkai.catalogue.models import ItemRevision
from gongkai.catalogue.selectors import items_for
from gongkai.core.errors import DomainError

from .. import selectors, services
from ..forms import FileForm, InterpretationForm, QAFormSet, WaiverForm
from ..models import Form
from ..permissions import can_create, can_edit, can_waive

LIST = ("政策解读", "/office/interpretations/")
EDIT_FIELDS = (
    "form",
    "title",
    "department",
    "summary",
    "body",
    "image_alt",
    "media_url",
    "transcript",
    "interview_url",
)


def _interpretation_for(user, pk):
    interpretation = selectors.interpretations_for(user).filter(pk=pk).first()
    if interpretation is None:
        raise Http404("没有找到该解读。")
    return interpretation


def _policies(user):
    return (
        items_for(user)
        .annotate(
            needs=Case(
                When(revisions__needs_interpretation=True, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("needs", "-id")
        .distinct()
    )


def _workflow(interpretation):
    from gongkai.publishing.selectors import workflow_for

    return workflow_for(interpretation)


@permission_required("interpretations.view")
def interpretations(request):
    from django.core.paginator import Paginator

    qs = selectors.interpretations_for(request.user).order_by("-updated_at", "-id")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    rows = selectors.coverage(request.user.agency)
    return render(
        request,
        "interpretations/office/list.html",
        {
            "page": page,
            "can_create": can_create(request.user),
            "summary": selectors.coverage_summary(rows),
            "breadcrumb": [("政策解读", None)],
        },
    )


@permission_required("interpretations.edit")
def new(request):
    user = request.user
    policies = _policies(user)
    initial = {"form": Form.TEXT}
    policy_pk = request.GET.get("policy", "")
    if policy_pk.isdigit():
        policy = policies.filter(pk=int(policy_pk)).first()
        if policy is not None:
            revision = policy.current_revision or policy.revisions.order_by("-number").first()
            initial.update(
                policy=policy,
                department=policy.department,
                title=f"《{revision.title}》政策解读" if revision else "",
            )
    form = InterpretationForm(request.POST or None, agency=user.agency, policies=policies, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        policy = data.pop("policy")
        if data.get("department") is None:
            data.pop("department")
        try:
            interpretation = services.create_interpretation(actor=user, policy=policy, **data)
            messages.success(
                request,
                "已保存解读草稿。"
                + {
                    Form.QA: "请添加问答。",
                    Form.GRAPHIC: "请上传图解图片。",
                    Form.MEDIA: "可以上传音视频文件。",
                }.get(interpretation.form, "完成后提交审查。"),
            )
            return redirect("interpretations_office:detail", interpretation.pk)
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": "新建政策解读",
            "submit_label": "保存草稿",
            "cancel_url": reverse("interpretations_office:list"),
            "breadcrumb": [LIST, ("新建", None)],
        },
    )


@permission_required("interpretations.view")
def detail(request, pk):
    interpretation = _interpretation_for(request.user, pk)
    workflow = _workflow(interpretation)
    editable = (
        can_edit(request.user, interpretation)
        and interpretation.status == "draft"
        and (workflow is None or workflow.state == "draft")
    )
    return render(
        request,
        "interpretations/office/detail.html",
        {
            "interpretation": interpretation,
            "workflow": workflow,
            "editable": editable,
            "qa_pairs": list(interpretation.qa_pairs.all()),
            "file_form": FileForm(),
            "policy_revision": interpretation.policy.current_revision
            or interpretation.policy.revisions.order_by("-number").first(),
            "breadcrumb": [LIST, (interpretation.title, None)],
        },
    )


@permission_required("interpretations.edit")
def edit(request, pk):
    interpretation = _interpretation_for(request.user, pk)
    user = request.user
    initial = {name: getattr(interpretation, name) for name in EDIT_FIELDS}
    initial["policy"] = interpretation.policy
    form = InterpretationForm(
        request.POST or None, agency=user.agency, policies=_policies(user), initial=initial
    )
    form.fields["policy"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in EDIT_FIELDS}
        try:
            services.update_interpretation(actor=user, interpretation=interpretation, **data)
            messages.success(request, "已保存。")
            return redirect("interpretations_office:detail", interpretation.pk)
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": f"编辑：{interpretation.title}",
            "submit_label": "保存草稿",
            "cancel_url": reverse("interpretations_office:detail", args=[pk]),
            "breadcrumb": [
                LIST,
                (interpretation.title, reverse("interpretations_office:detail", args=[pk])),
                ("编辑", None),
            ],
        },
    )


@permission_required("interpretations.edit")
def qa(request, pk):
    interpretation = _interpretation_for(request.user, pk)
    initial = [{"question": p.question, "answer": p.answer} for p in interpretation.qa_pairs.all()]
    formset = QAFormSet(request.POST or None, initial=initial, prefix="qa")
    error = ""
    if request.method == "POST" and formset.is_valid():
        pairs = [
            (f.cleaned_data.get("question", ""), f.cleaned_data.get("answer", "")) for f in formset.forms
        ]
        try:
            rows = services.set_qa_pairs(actor=request.user, interpretation=interpretation, pairs=pairs)
            messages.success(request, f"已保存 {len(rows)} 组问答。")
            return redirect("interpretations_office:detail", pk)
        except DomainError as exc:
            error = exc.message
    return render(
        request,
        "interpretations/office/qa.html",
        {
            "interpretation": interpretation,
            "formset": formset,
            "error": error,
            "breadcrumb": [
                LIST,
                (interpretation.title, reverse("interpretations_office:detail", args=[pk])),
                ("问答", None),
            ],
        },
    )


def _upload(request, pk, setter, label):
    interpretation = _interpretation_for(request.user, pk)
    form = FileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要上传的文件。")
    else:
        upload = form.cleaned_data["file"]
        try:
            setter(
                actor=request.user, interpretation=interpretation, filename=upload.name, data=upload.read()
            )
            messages.success(request, f"已上传{label}：{upload.name}")
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("interpretations_office:detail", pk)


@require_POST
@permission_required("interpretations.edit")
def image_upload(request, pk):
    return _upload(request, pk, services.set_image, "图解图片")


@require_POST
@permission_required("interpretations.edit")
def media_upload(request, pk):
    return _upload(request, pk, services.set_media_file, "音视频文件")


@permission_required("interpretations.view")
def coverage(request):
    """Policies needing interpretation: with the policy / later (on time, late) / missing / waived."""
    user = request.user
    today = timezone.localdate()
    rows = selectors.coverage(user.agency, today=today)
    return render(
        request,
        "interpretations/office/coverage.html",
        {
            "rows": rows,
            "summary": selectors.coverage_summary(rows),
            "today": today,
            "overdue": selectors.overdue(rows, today=today),
            "due_soon": selectors.due_soon(rows, today=today),
            "can_create": can_create(user),
            "can_waive": can_waive(user),
            "breadcrumb": [LIST, ("解读覆盖情况", None)],
        },
    )


@permission_required("interpretations.waive")
def waive(request, revision_pk):
    revision = (
        scoped(request.user, ItemRevision.objects.filter(pk=revision_pk), via="item", department_field=None)
        .select_related("item")
        .first()
    )
    if revision is None:
        raise Http404("没有找到该政策文件。")
    form = WaiverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.waive(actor=request.user, revision=revision, reason=form.cleaned_data["reason"])
            messages.success(request, "已登记不同步解读的理由，该版本可以发布。")
            return redirect("interpretations_office:coverage")
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": f"登记不同步解读：{revision.title}（第 {revision.number} 版）",
            "submit_label": "登记",
            "cancel_url": reverse("interpretations_office:coverage"),
            "breadcrumb": [
                LIST,
                ("解读覆盖情况", reverse("interpretations_office:coverage")),
                ("登记", None),
            ],
        },
    )
