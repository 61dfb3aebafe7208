"""The public pages of an agency's list columns: 上级文件 and the columns its administrator added
(issue 18 item 4, ADR 0050). Both read the one resource library (`columns.column_revisions`): an item
of another agency is linked on that agency's site, where it is stored."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import get_script_prefix

from gongkai.core import sites
from gongkai.core.pagecache import evaluated_page, memoised

from .. import columns
from ..models import Validity
from .portal import PAGE_SIZE, _agency


def superior(request):
    """上级文件: the upstream agencies' policies and the agency's own copies of higher-level documents."""
    agency = _agency(request)
    return _column_page(request, agency, columns.superior_column(agency))


def column(request, section: str, slug: str):
    agency = _agency(request)
    found = columns.column_by_slug(agency, slug)
    if found is None or not found.is_added or found.section != section:
        raise Http404("没有找到该栏目。")
    return _column_page(request, agency, found)


def _column_page(request, agency, found):
    if found.merged_into:
        target = columns.column_by_slug(agency, found.merged_into)
        if target is not None and target.visible:
            return redirect(target.url)  # a merged column's address leads to the column that shows its items
        raise Http404("没有找到该栏目。")
    if found.hidden:
        raise Http404("没有找到该栏目。")
    number = request.GET.get("page")

    def listing():
        page = evaluated_page(columns.column_revisions(agency, found), number, PAGE_SIZE)
        rows = [
            (r, sites.agency_url(r.item.agency, "catalogue:item", r.item.slug), r.item.agency_id != agency.pk)
            for r in page.object_list
        ]
        return page, rows

    # The same for every reader until a committed write ends the page-cache generation (ADR 0043); the
    # links depend on the site's prefix (core.sites).
    key = f"catalogue.column:{agency.pk}:{found.slug}:{number}:{get_script_prefix()}"
    page, rows = memoised(key, listing)
    return render(
        request,
        "catalogue/portal/column.html",
        {
            "page_title": found.label,
            "breadcrumb": [(found.label, "")],
            "column": found,
            "page": page,
            "rows": rows,
            "count": page.paginator.count,
            "validities": dict(Validity.choices),
        },
    )
