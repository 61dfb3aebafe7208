"""/office/search/synonyms/: the openness office adds, changes and removes synonym groups; the
shipped ones (data/synonyms.txt) are listed beside them, read-only. A change takes effect for the
next search in every worker (selectors.synonym_groups)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import permission_required
from gongkai.accounts.guard import fetch_for
from gongkai.core.errors import DomainError

from .. import selectors, services, understand
from ..forms import SynonymForm
from ..models import SynonymGroup

CRUMBS = [("站内搜索", "/office/search/"), ("同义词", None)]


def _page(request, form, editing=None, status=200):
    return render(
        request,
        "search/synonyms.html",
        {
            "form": form,
            "editing": editing,
            "rows": selectors.synonym_rows(),
            "shipped": understand.shipped_synonyms(),
            "breadcrumb": CRUMBS,
        },
        status=status,
    )


@permission_required("search.manage_synonyms")
def synonym_list(request):
    form = SynonymForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                row = services.add_synonyms(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                exc.show_on(form)
            else:
                messages.success(request, f"已添加同义词：{'、'.join(row.word_list)}。即时生效。")
                return redirect("search_office:synonyms")
        return _page(request, form, status=400)
    return _page(request, form)


@permission_required("search.manage_synonyms")
def synonym_edit(request, pk: int):
    row = fetch_for(request.user, SynonymGroup, pk, department_field=None, not_found="没有这组同义词。")
    form = SynonymForm(request.POST or None, initial={"words": row.words, "note": row.note})
    if request.method == "POST":
        if form.is_valid():
            try:
                services.change_synonyms(actor=request.user, pk=row.pk, **form.cleaned_data)
            except DomainError as exc:
                exc.show_on(form)
            else:
                messages.success(request, "同义词已修改，即时生效。")
                return redirect("search_office:synonyms")
        return _page(request, form, editing=row, status=400)
    return _page(request, form, editing=row)


@require_POST
@permission_required("search.manage_synonyms")
def synonym_remove(request, pk: int):
    try:
        services.remove_synonyms(actor=request.user, pk=pk)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "同义词已删除，即时生效。")
    return redirect("search_office:synonyms")
