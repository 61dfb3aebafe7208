"""Staff screens of the catalogue. The workflow actions (提交审查, 审查通过, 批准发布 ...) are the
publishing app's screens; these link to them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.core.errors import DomainError

from .. import selectors, services
from ..forms import AttachmentForm, CorrectionForm, NodeForm, RevisionForm
from ..models import Attachment, CatalogueNode, InformationItem, ItemRevision, RevisionStatus
from ..permissions import can_create, can_edit_item, can_manage, can_manage_normative

ITEMS = ("政府信息", "/office/catalogue/")


def _item_for(user, pk) -> InformationItem:
    item = selectors.items_for(user).filter(pk=pk).first()
    if item is None:
        raise Http404("没有找到该政府信息。")
    return item


def _revision_for(user, pk) -> ItemRevision:
    revision = (
        ItemRevision.objects.filter(pk=pk, item__in=selectors.items_for(user)).select_related("item").first()
    )
    if revision is None:
        raise Http404("没有找到该版本。")
    return revision


def _workflow(revision):
    from gongkai.publishing.selectors import workflow_for

    return workflow_for(revision)


@permission_required("catalogue.view")
def items(request):
    user = request.user
    mine = request.GET.get("scope", "mine" if not can_manage(user) else "all") == "mine"
    qs = selectors.office_revisions(
        user, mine=mine, status=request.GET.get("status", ""), q=request.GET.get("q", "").strip()[:100]
    )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "catalogue/office/items.html",
        {
            "page": page,
            "mine": mine,
            "statuses": RevisionStatus.choices,
            "can_create": can_create(user),
            "can_manage": can_manage(user),
            "breadcrumb": [("政府信息", None)],
            "due_soon_count": selectors.due_soon(user).count(),
            "overdue_count": selectors.overdue(user).count(),
        },
    )


def _revision_values(cleaned: dict) -> dict:
    return {k: v for k, v in cleaned.items()}


@permission_required("catalogue.edit")
def item_new(request):
    agency = request.user.agency
    form = RevisionForm(
        request.POST or None,
        agency=agency,
        raw_html=can_manage(request.user),
        initial={
            "issuer": agency.name,
            "formed_on": timezone.localdate(),
            "department": request.user.department,
            "category": "execution",
            "validity": "in_force",
            "disclosure_mode": "proactive",
        },
    )
    form.fields.pop("change_note")
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_item(actor=request.user, **_revision_values(form.cleaned_data))
            messages.success(
                request, f"已新建草稿，索引号 {item.index_number}。可以上传附件，完成后提交审查。"
            )
            return redirect("catalogue_office:item", item.pk)
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": "新建政府信息",
            "submit_label": "保存草稿",
            "cancel_url": reverse("catalogue_office:items"),
            "breadcrumb": [ITEMS, ("新建", None)],
        },
    )


@permission_required("catalogue.view")
def item(request, pk):
    item = _item_for(request.user, pk)
    revisions = list(item.revisions.select_related("created_by").prefetch_related("attachments"))
    latest = revisions[0] if revisions else None
    workflow = _workflow(latest) if latest else None
    editable = bool(
        latest
        and latest.status == RevisionStatus.DRAFT
        and can_edit_item(request.user, item)
        and (workflow is None or workflow.state == "draft")
    )
    return render(
        request,
        "catalogue/office/item.html",
        {
            "item": item,
            "revisions": revisions,
            "latest": latest,
            "workflow": workflow,
            "editable": editable,
            "attachment_form": AttachmentForm(),
            "can_correct": can_edit_item(request.user, item)
            and item.current_revision_id
            and latest.status != RevisionStatus.DRAFT,
            "can_manage_normative": can_manage_normative(request.user),
            "breadcrumb": [ITEMS, (str(item), None)],
        },
    )


@permission_required("catalogue.edit")
def revision_edit(request, pk):
    revision = _revision_for(request.user, pk)
    fields = list(RevisionForm.base_fields)
    initial = {name: getattr(revision, name) for name in fields}
    form = RevisionForm(
        request.POST or None, agency=request.user.agency, initial=initial, raw_html=can_manage(request.user)
    )
    if revision.number == 1:
        form.fields.pop("change_note")
    else:
        form.fields["change_note"].required = True
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(
                actor=request.user, revision=revision, **_revision_values(form.cleaned_data)
            )
            messages.success(request, "已保存草稿。")
            return redirect("catalogue_office:item", revision.item_id)
        except DomainError as exc:
            exc.show_on(form)
    title = f"编辑：{revision.title}（第 {revision.number} 版）"
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": title,
            "submit_label": "保存草稿",
            "cancel_url": reverse("catalogue_office:item", args=[revision.item_id]),
            "breadcrumb": [
                ITEMS,
                (str(revision.item), reverse("catalogue_office:item", args=[revision.item_id])),
                ("编辑", None),
            ],
        },
    )


@permission_required("catalogue.view")
def revision_preview(request, pk):
    """The public page as it will look, with a 'preview' banner; never cached, never indexed."""
    revision = _revision_for(request.user, pk)
    response = render(
        request,
        "catalogue/portal/item.html",
        {
            "page_title": f"预览：{revision.title}",
            "revision": revision,
            "item": revision.item,
            "attachments": list(revision.attachments.all()),
            "history": [],
            "preview": True,
            "breadcrumb": [ITEMS, ("预览", None)],
        },
    )
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@permission_required("catalogue.edit")
def attachment_add(request, pk):
    revision = _revision_for(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择要上传的文件。")
    else:
        upload = form.cleaned_data["file"]
        try:
            if upload.size > services.max_attachment_bytes():
                raise services.ValidationFailed(
                    f"附件不能超过 {services.max_attachment_bytes() // (1024 * 1024)} MB。"
                )
            services.add_attachment(
                actor=request.user, revision=revision, filename=upload.name, data=upload.read()
            )
            messages.success(request, f"已上传附件：{upload.name}")
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("catalogue_office:item", revision.item_id)


@require_POST
@permission_required("catalogue.edit")
def attachment_delete(request, pk):
    attachment = (
        Attachment.objects.filter(pk=pk, revision__item__in=selectors.items_for(request.user))
        .select_related("revision")
        .first()
    )
    if attachment is None:
        raise Http404("没有找到该附件。")
    try:
        services.remove_attachment(actor=request.user, attachment=attachment)
        messages.success(request, f"已删除附件：{attachment.original_name}")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("catalogue_office:item", attachment.revision.item_id)


@permission_required("catalogue.edit")
def correct(request, pk):
    item = _item_for(request.user, pk)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revision = services.start_correction(
                actor=request.user, item=item, change_note=form.cleaned_data["change_note"]
            )
            messages.success(request, f"已生成第 {revision.number} 版草稿，请修改后提交审查。")
            return redirect("catalogue_office:revision_edit", revision.pk)
        except DomainError as exc:
            exc.show_on(form)
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": f"更正：{item.current_revision or item}",
            "submit_label": "生成更正版本",
            "cancel_url": reverse("catalogue_office:item", args=[item.pk]),
            "breadcrumb": [
                ITEMS,
                (str(item), reverse("catalogue_office:item", args=[item.pk])),
                ("更正", None),
            ],
        },
    )


@permission_required("catalogue.view")
def deadlines(request):
    """条例 Art. 26: unpublished proactive items due within 5 working days, and overdue ones."""
    user = request.user
    return render(
        request,
        "catalogue/office/deadlines.html",
        {
            "due_soon": selectors.due_soon(user),
            "overdue": selectors.overdue(user),
            "today": timezone.localdate(),
            "late": selectors.late_published(user)[:50],
            "breadcrumb": [ITEMS, ("公开时限", None)],
        },
    )


@permission_required("catalogue.view")
def nodes(request):
    return render(
        request,
        "catalogue/office/nodes.html",
        {
            "tree": selectors.catalogue_tree(request.user.agency, active_only=False),
            "can_manage": can_manage(request.user),
            "breadcrumb": [ITEMS, ("主动公开基本目录", None)],
        },
    )


@permission_required("catalogue.manage")
def node_edit(request, pk=None):
    agency = request.user.agency
    node = CatalogueNode.objects.filter(agency=agency, pk=pk).first() if pk else None
    if pk and node is None:
        raise Http404("没有找到该事项。")
    if node is not None and not can_manage(request.user):
        raise PermissionDenied
    fields = list(NodeForm.base_fields)
    initial = (
        {name: getattr(node, name) for name in fields}
        if node
        else {"audience": "全社会", "mode": "主动公开", "level": "市级"}
    )
    form = NodeForm(request.POST or None, agency=agency, initial=initial)
    if node is not None:
        form.fields["parent"].queryset = form.fields["parent"].queryset.exclude(pk=node.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_catalogue_node(actor=request.user, node=node, **form.cleaned_data)
            messages.success(request, "已保存公开事项。")
            return redirect("catalogue_office:nodes")
        except DomainError as exc:
            exc.show_on(form)
    title = f"编辑公开事项：{node}" if node else "新增公开事项"
    return render(
        request,
        "office/form.html",
        {
            "form": form,
            "title": title,
            "cancel_url": reverse("catalogue_office:nodes"),
            "breadcrumb": [ITEMS, ("主动公开基本目录", reverse("catalogue_office:nodes")), (title, None)],
        },
    )
