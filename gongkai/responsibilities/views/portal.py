"""The public 权责清单: the current list, every published version, and the diff between two."""

from django.http import Http404
from django.shortcuts import render

from gongkai.core.pagecache import evaluated_page, memoised

from .. import selectors
from ..models import PUBLIC_STATUSES, PowerItem, PowerType

PAGE_SIZE = 30
BSFW = ("办事服务", "/bsfw/")
LIST = ("权责清单", "/bsfw/qzqd/")


def _agency(request):
    agency = getattr(request, "agency", None)
    if not agency:
        raise Http404("没有可显示的机关。")
    return agency


def _version_page(request, version, *, title, breadcrumb, versions):
    power_type = request.GET.get("type", "")
    power_type = power_type if power_type in PowerType.values else ""
    q = request.GET.get("q", "").strip()[:100]
    number = request.GET.get("page")

    def listing():
        items = (
            selectors.filter_items(version, power_type=power_type, q=q)
            if version
            else PowerItem.objects.none()
        )
        return evaluated_page(items, number, PAGE_SIZE)

    # Without a typed query the page is the same for every reader until a committed write (ADR 0043).
    key = f"responsibilities.list:{getattr(version, 'pk', None)}:{power_type}:{number}"
    page = listing() if q else memoised(key, listing)
    return render(
        request,
        "responsibilities/portal/list.html",
        {
            "page_title": title,
            "breadcrumb": breadcrumb,
            "version": version,
            "versions": versions,
            "page": page,
            "types": PowerType.choices,
            "selected": {"type": power_type, "q": q},
        },
    )


def power_list(request):
    agency = _agency(request)
    version, versions = memoised(
        f"responsibilities.versions:{agency.pk}",
        lambda: (selectors.current_version(agency), list(selectors.public_versions(agency))),
    )
    return _version_page(
        request, version, title="权责清单", breadcrumb=[BSFW, ("权责清单", "")], versions=versions
    )


def _public_versions(agency) -> list:
    """The published versions, kept until a committed write ends the generation (ADR 0043/0063)."""
    return memoised(
        f"responsibilities.public_versions:{agency.pk}", lambda: list(selectors.public_versions(agency))
    )


def version(request, number: int):
    agency = _agency(request)
    versions = _public_versions(agency)
    found = next((v for v in versions if v.number == number), None)
    if found is None:
        raise Http404("没有找到该版本。")
    return _version_page(
        request,
        found,
        title=f"权责清单（第 {number} 版）",
        breadcrumb=[BSFW, LIST, (f"第 {number} 版", "")],
        versions=versions,
    )


def history(request):
    agency = _agency(request)
    return render(
        request,
        "responsibilities/portal/history.html",
        {"versions": _public_versions(agency), "breadcrumb": [BSFW, LIST, ("历史版本", "")]},
    )


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def diff(request):
    agency = _agency(request)
    versions = _public_versions(agency)
    by_number = {v.number: v for v in versions}
    old_n, new_n = _number(request.GET.get("from")), _number(request.GET.get("to"))
    if old_n is None and new_n is None and len(versions) >= 2:
        new_n, old_n = versions[0].number, versions[1].number
    old, new = by_number.get(old_n), by_number.get(new_n)
    error = ""
    if (old_n or new_n) and (old is None or new is None):
        error = "请选择两个已发布的版本。"
    changes = (
        memoised(f"responsibilities.diff:{old.pk}:{new.pk}", lambda: selectors.version_diff(old, new))
        if old and new
        else []
    )
    return render(
        request,
        "responsibilities/portal/diff.html",
        {
            "versions": versions,
            "old": old,
            "new": new,
            "changes": changes,
            "error": error,
            "breadcrumb": [BSFW, LIST, ("版本比较", "")],
        },
    )


def item(request, pk: int):
    agency = _agency(request)
    # The same for every reader until a committed write ends the page-cache generation (ADR 0043).
    found = memoised(
        f"responsibilities.item:{agency.pk}:{pk}",
        lambda: (
            PowerItem.objects.select_related("version__power_list")
            .filter(pk=pk, version__power_list__agency=agency, version__status__in=PUBLIC_STATUSES)
            .first()
        ),
    )
    if found is None:
        raise Http404("没有找到该事项。")
    return render(
        request,
        "responsibilities/portal/item.html",
        {"item": found, "version": found.version, "breadcrumb": [BSFW, LIST, (found.name, "")]},
    )
