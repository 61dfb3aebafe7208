"""The public 政府信息公开 pages. Only public revisions are ever read (selectors.public_revisions)."""

from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from gongkai.core.pagecache import memoised
from gongkai.core.selectors import site_settings_for

from .. import category_links, item_links, selectors
from ..models import CatalogueNode, OpennessCategory, Source, Validity
from ..normative import selectors as normative_selectors

PAGE_SIZE = 20
XXGK = ("政府信息公开", "/xxgk/")


def _agency(request):
    agency = getattr(request, "agency", None)
    if not agency:
        raise Http404("没有可显示的机关。")
    return agency


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _list_page(request, *, source: str, title: str, url_name: str, template="catalogue/portal/list.html"):
    agency = _agency(request)
    params = request.GET
    node_id = _int(params.get("node"))
    year = _int(params.get("year"))
    sort = params.get("sort", "date")
    category = params.get("category", "")
    q = params.get("q", "").strip()[:100]
    filters = (category, node_id, year, params.get("issuer", ""), params.get("validity", ""), sort)
    number = params.get("page")

    def listing():
        node = None
        if node_id:
            node = CatalogueNode.objects.filter(agency=agency, pk=node_id, is_active=True).first()
        qs = selectors.filter_public(
            selectors.listing_revisions(agency),
            source=source,
            category=category,
            node=node,
            year=year,
            issuer=filters[3],
            validity=filters[4],
            q=q,
            sort=sort,
        )
        page = Paginator(qs, PAGE_SIZE).get_page(number)
        page.object_list = selectors.with_validity(page.object_list)
        page.paginator.count  # noqa: B018 - evaluated once, kept with the page
        return node, page

    def facets():
        return {
            "years": selectors.public_years(agency, source=source),
            "issuers": selectors.public_issuers(agency, source=source),
            "nodes": [(n.pk, "　" * (d - 1) + n.name) for n, d in selectors.catalogue_tree(agency)]
            if source == Source.OWN
            else [],
        }

    # Without a typed query, the list and its filters are the same for every reader until a committed
    # write ends the page-cache generation (ADR 0043).
    key = f"catalogue.list:{agency.pk}:{source}:{filters}:{number}"
    node, page = listing() if q else memoised(key, listing)
    return render(
        request,
        template,
        {
            "page_title": title,
            "breadcrumb": [(title, "")],
            "page": page,
            "count": page.paginator.count,
            "categories": OpennessCategory.choices,
            "validities": Validity.choices,
            **memoised(f"catalogue.facets:{agency.pk}:{source}", facets),
            "selected": {
                "category": category,
                "node": node_id,
                "year": year,
                "issuer": params.get("issuer", ""),
                "validity": params.get("validity", ""),
                "sort": sort,
                "q": params.get("q", ""),
            },
            "node": node,
            "list_url": reverse(url_name),
            "feed_url": reverse("catalogue:category_feed_rss", args=[category])
            if category in OpennessCategory.values
            else reverse("catalogue:feed_rss"),
            "show_summary": source == Source.OWN,
            "category_blocks": category_links.blocks_for(agency, category)
            if source == Source.OWN and category in OpennessCategory.values
            else [],
        },
    )


def catalogue(request):
    """政府信息公开目录 (条例 Art. 12): index, name, summary, date of every public item."""
    return _list_page(request, source=Source.OWN, title="政府信息公开目录", url_name="catalogue:catalogue")


def basic_catalogue(request):
    """主动公开基本目录: the standard catalogue with its columns and the number of items per 事项."""
    agency = _agency(request)

    def counted_tree():
        tree = selectors.catalogue_tree(agency)
        counts = selectors.public_counts_by_node(agency)
        for node, _depth in tree:
            node.public_count = counts.get(node.pk, 0)
        return tree

    # The same for every reader until a committed write ends the page-cache generation (ADR 0043).
    tree = memoised(f"catalogue.basic:{agency.pk}", counted_tree)
    return render(
        request,
        "catalogue/portal/basic_catalogue.html",
        {
            "page_title": "主动公开基本目录",
            "breadcrumb": [("主动公开基本目录", "")],
            "tree": tree,
            "categories": OpennessCategory.choices,
        },
    )


def guide(request):
    """政府信息公开指南 (条例 Art. 12), generated from the site settings and the catalogue."""
    agency = _agency(request)
    return render(
        request,
        "catalogue/portal/guide.html",
        {
            "page_title": "政府信息公开指南",
            "breadcrumb": [("政府信息公开指南", "")],
            "agency": agency,
            "settings": site_settings_for(agency),
            "categories": OpennessCategory.choices,
            "tree": memoised(
                f"catalogue.guide_tree:{agency.pk}",
                lambda: [(n, d) for n, d in selectors.catalogue_tree(agency) if d == 1],
            ),
        },
    )


def item(request, slug: str):
    agency = _agency(request)
    # The same for every reader until a committed write ends the page-cache generation (ADR 0043).
    found = memoised(f"catalogue.item:{agency.pk}:{slug}", lambda: _item_data(agency, slug))
    if found is None:
        raise Http404("没有找到该政府信息。")
    if "withdrawn" in found:
        return render(
            request,
            "catalogue/portal/withdrawn.html",
            {
                "page_title": "该信息已撤回",
                "breadcrumb": [("该信息已撤回", "")],
                "revision": found["withdrawn"],
            },
            status=410,
        )
    return render(request, "catalogue/portal/item.html", {**found, "preview": False})


def _item_data(agency, slug: str) -> dict | None:
    revision = selectors.public_revision_of(agency, slug)
    if revision is None:
        withdrawn = selectors.withdrawn_item(agency, slug)
        return {"withdrawn": withdrawn} if withdrawn is not None else None
    return {
        "page_title": revision.title,
        "revision": revision,
        "item": revision.item,
        "breadcrumb": [_column_of(revision), (revision.title, "")],
        "attachments": list(revision.attachments.all()),
        "history": list(selectors.public_history(revision.item)),
        **_item_extras(revision.item),
    }


def _item_extras(item):
    """The normative-document status (banner, 效力变化记录) and link blocks of higher layers."""
    normative = normative_selectors.profile_for(item)
    return {
        "normative": normative,
        "status_changes": list(normative_selectors.public_status_changes(normative)) if normative else [],
        "link_blocks": item_links.blocks_for(item),
    }


def _column_of(revision):
    if revision.item.source == Source.HIGHER_LEVEL:
        from ..columns import superior_column  # the agency may have renamed the column (ADR 0050)

        return (superior_column(revision.item.agency).label, reverse("catalogue:superior"))
    return ("政府信息公开目录", reverse("catalogue:catalogue"))


def content_disposition(filename: str) -> str:
    """RFC 6266/5987: an ASCII fallback plus the UTF-8 name, so that Chinese names survive."""
    ascii_name = "".join(
        ch if ch.isascii() and ch.isprintable() and ch not in '"\\;' else "_" for ch in filename
    )
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def attachment(request, slug: str, pk: int):
    agency = _agency(request)
    revision = selectors.public_revision_of(agency, slug)
    history = selectors.public_history(revision.item) if revision else []
    # Attachments of earlier public revisions stay downloadable with the history.
    found = next((a for r in history for a in r.attachments.all() if a.pk == pk), None) if history else None
    if found is None:
        raise Http404("没有找到该附件。")
    try:
        with found.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return _file_gone(request)
    if len(data) != found.size:
        return _file_gone(request)
    response = HttpResponse(data, content_type=found.mime)
    response["Content-Disposition"] = content_disposition(found.original_name)
    response["Content-Length"] = str(len(data))
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _file_gone(request):
    return render(
        request,
        "web/error.html",
        {
            "code": 410,
            "title": "附件暂时无法下载",
            "message": "该附件文件缺失或已损坏，我们已记录此问题。请稍后再试，或通过页面底部的联系电话告知我们。",
        },
        status=410,
    )
