"""GET /api/v1/agencies — the city platform's directory of agencies and their sites (issue 18 item 2).
Public; lists active agencies only, with the links of the city portal's directory."""

from ninja import Router

from gongkai.catalogue import columns
from gongkai.core import sites
from gongkai.core.errors import NotFound
from gongkai.core.site_map import SECTIONS

from . import selectors

router = Router(tags=["city"])


def _entry(request, entry) -> dict:
    agency = entry.agency
    return {
        "code": agency.code,
        "name": agency.name,
        "short_name": agency.short_name,
        "kind": agency.kind,
        "kind_label": agency.get_kind_display(),
        "parent": agency.parent.code if agency.parent_id and agency.parent else None,
        "index_prefix": agency.organisation_code,
        "site": request.build_absolute_uri(entry.home),
        "links": {label: request.build_absolute_uri(url) for label, url in entry.links},
    }


@router.get("", auth=None, summary="平台上的机关（按类型：市政府部门、区县政府、其他）及其网站与公开入口")
def agencies(request):
    return {
        "agencies": [_entry(request, e) for _, entries in selectors.directory() for e in entries],
        "city_portal": request.build_absolute_uri("/city/") if sites.is_multi_agency() else None,
    }


@router.get("/{code}", auth=None, summary="一个机关：网站地址与指南、目录、年报、依申请公开入口")
def agency(request, code: str):
    for _, entries in selectors.directory():
        for e in entries:
            if e.agency.code == code:
                return _entry(request, e)
    raise NotFound("没有这个机关，或该机关已关闭。")


@router.get(
    "/{code}/columns",
    auth=None,
    summary="一个机关网站的栏目（按板块，按本机关的排序；隐藏和已并入其他栏目的栏目不列出）",
)
def agency_columns(request, code: str):
    agency = sites.agency_by_code(code)
    if agency is None:
        raise NotFound("没有这个机关，或该机关已关闭。")
    sections = []
    for section in SECTIONS:
        shown = columns.visible_columns(agency, section.slug)
        sections.append(
            {
                "slug": section.slug,
                "label": section.label,
                "columns": [
                    {
                        "slug": c.slug,
                        "label": c.label,
                        "description": c.description,
                        "kind": "added" if c.is_added else ("list" if c.is_list else "page"),
                        "required_by": c.required_by or None,
                        "url": request.build_absolute_uri(sites.agency_path(agency, c.url)),
                    }
                    for c in shown
                ],
            }
        )
    return {"agency": agency.code, "name": agency.name, "sections": sections}
