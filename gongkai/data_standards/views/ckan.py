"""A read-only CKAN Action API (CKAN 2.x, API version 3) over the 共享开放目录.

Packages are catalogue entries (a dataset, or a catalogue-only resource); the organisation is the agency;
resources are the downloads in `links`. GET with query parameters and POST with a JSON body both work,
as in CKAN. Answers are `{"help", "success", "result"}`; errors `{"help", "success": false, "error":
{"__type", "message"}}` with CKAN's HTTP statuses. What is under embargo is absent (selectors.catalogue).
"""

from __future__ import annotations

import json
import uuid

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from gongkai.core.errors import DomainError
from gongkai.opendata import access
from gongkai.opendata.models import OpenType

from .. import links, selectors

MAX_ROWS = 1000
NAMESPACE = uuid.UUID("6f1c3d2e-8a47-4d0b-9b39-3b1d6c1e2a90")  # for stable CKAN-style ids
LICENSE_ID = "other-at"  # CKAN's “Other (Attribution)”: free use with attribution of the source


class ActionError(Exception):
    def __init__(self, status: int, kind: str, message: str, **extra):
        self.status, self.kind, self.message, self.extra = status, kind, message, extra
        super().__init__(message)


def _not_found(what: str) -> ActionError:
    return ActionError(404, "Not Found Error", f"未找到：{what}")


def _validation(field: str, message: str) -> ActionError:
    return ActionError(409, "Validation Error", message, **{field: [message]})


def _stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _iso(value) -> str | None:
    return value.replace(tzinfo=None).isoformat() if value else None


def _organization(request, agency, *, with_counts: bool = False) -> dict:
    contact = selectors.contact_of(agency)
    org = {
        "id": _stable_id("org", agency.code),
        "name": agency.code,
        "title": agency.name,
        "display_name": agency.name,
        "description": f"{contact['site_name']}（主办单位：{contact['name']}）",
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
        "image_url": "",
        "created": _iso(agency.created_at),
    }
    if with_counts:
        org["package_count"] = len(selectors.catalogue(agency))
    return org


def _package(request, entry: selectors.CatalogueEntry, agency) -> dict:
    resource = entry.resource
    package_id = _stable_id("package", agency.code, entry.name)
    description = (entry.dataset.description if entry.dataset else "") or resource.description
    downloads = links.downloads(request, entry)
    modified = entry.modified or resource.updated_at
    extras = [
        {"key": "open_type", "value": resource.open_type},
        {"key": "open_type_label", "value": resource.get_open_type_display()},
        {"key": "update_frequency", "value": resource.update_frequency},
        {"key": "formats", "value": resource.formats},
        {"key": "department", "value": resource.department.name if resource.department else ""},
        {"key": "guide", "value": links.guide_page(request)},
    ]
    if resource.open_type == OpenType.CONDITIONAL:
        extras += [
            {"key": "conditions", "value": resource.conditions},
            {"key": "apply_url", "value": links.apply_page(request, entry)},
        ]
    if resource.open_type == OpenType.NOT_OPEN:
        extras.append({"key": "not_open_reason", "value": resource.not_open_reason})
    if entry.dataset and entry.dataset.source:
        extras.append({"key": "source", "value": entry.dataset.source})
    contact = selectors.contact_of(agency)
    tags = [
        {
            "name": resource.get_topic_display(),
            "display_name": resource.get_topic_display(),
            "state": "active",
            "id": _stable_id("tag", resource.topic),
        }
    ]
    return {
        "id": package_id,
        "name": entry.name,
        "title": entry.title,
        "notes": description,
        "type": "dataset",
        "state": "active",
        "private": False,
        "isopen": resource.open_type == OpenType.OPEN,
        "url": links.landing_page(request, entry),
        "version": str(entry.versions[-1].number) if entry.versions else "",
        "license_id": LICENSE_ID,
        "license_title": resource.licence,
        "license_url": links.guide_page(request),
        "author": contact["name"],
        "author_email": contact["email"] or None,
        "maintainer": resource.department.name if resource.department else contact["name"],
        "maintainer_email": contact["email"] or None,
        "metadata_created": _iso(entry.issued or resource.created_at),
        "metadata_modified": _iso(modified),
        "owner_org": _stable_id("org", agency.code),
        "organization": _organization(request, agency),
        "tags": tags,
        "num_tags": len(tags),
        "groups": [],
        "extras": extras,
        "resources": [
            {
                "id": _stable_id("resource", agency.code, entry.name, d.key),
                "package_id": package_id,
                "name": d.name,
                "description": d.description,
                "format": d.format,
                "mimetype": d.media_type,
                "url": d.url,
                "position": position,
                "state": "active",
                "url_type": None,
                "created": _iso(entry.issued),
                "last_modified": _iso(entry.modified),
            }
            for position, d in enumerate(downloads)
        ],
        "num_resources": len(downloads),
        "relationships_as_object": [],
        "relationships_as_subject": [],
    }


def _int(params: dict, name: str, default: int, *, maximum: int | None = None) -> int:
    raw = params.get(name, default)
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise _validation(name, f"{name} 须为整数。")
    if value < 0:
        raise _validation(name, f"{name} 不能为负数。")
    return min(value, maximum) if maximum is not None else value


def _matches(entry: selectors.CatalogueEntry, agency, q: str, fq: str) -> bool:
    text = " ".join(
        [
            entry.name,
            entry.title,
            entry.resource.description,
            entry.dataset.description if entry.dataset else "",
            entry.resource.get_topic_display(),
        ]
    ).lower()
    terms = [t for t in q.replace("*:*", " ").split() if t]
    if any(t.lower() not in text for t in terms):
        return False
    for clause in fq.split():
        field, _, value = clause.partition(":")
        value = value.strip('"')
        if not value:
            continue
        if field in ("organization", "owner_org") and value not in (
            agency.code,
            _stable_id("org", agency.code),
        ):
            return False
        if field == "name" and value != entry.name:
            return False
        if field in ("tags", "topic") and value not in (
            entry.resource.topic,
            entry.resource.get_topic_display(),
        ):
            return False
        if field == "res_format" and not (
            entry.has_data and value.upper() in ("CSV", "XLSX", "JSON", "JSON-STAT", "SDMX-ML")
        ):
            return False
        if field == "open_type" and value != entry.resource.open_type:
            return False
    return True


# --- actions -------------------------------------------------------------------------------------------
def package_list(request, agency, params):
    """Names of all public packages. Parameters: limit, offset."""
    names = [e.name for e in selectors.catalogue(agency)]
    offset = _int(params, "offset", 0)
    limit = params.get("limit")
    return names[offset : offset + _int(params, "limit", 0)] if limit not in (None, "") else names[offset:]


def package_show(request, agency, params):
    """One package by name or id. Parameter: id."""
    wanted = str(params.get("id") or params.get("name_or_id") or "").strip()
    if not wanted:
        raise _validation("id", "缺少参数 id。")
    for entry in selectors.catalogue(agency):
        if wanted in (entry.name, _stable_id("package", agency.code, entry.name)):
            return _package(request, entry, agency)
    raise _not_found("数据集")


def package_search(request, agency, params):
    """Search packages. Parameters: q (words, all must match), fq (organization:, tags:, res_format:,
    open_type:), rows (≤ 1000), start, sort (score desc / metadata_modified desc / title_string asc / name asc)."""
    q = str(params.get("q", "") or "")
    fq = str(params.get("fq", "") or "")
    rows = _int(params, "rows", 10, maximum=MAX_ROWS)
    start = _int(params, "start", 0)
    sort = str(params.get("sort", "") or "score desc, metadata_modified desc")
    entries = [e for e in selectors.catalogue(agency) if _matches(e, agency, q, fq)]
    if sort.startswith("metadata_modified"):
        entries.sort(key=lambda e: e.modified or e.resource.updated_at, reverse=sort.endswith("desc"))
    elif sort.startswith(("title_string", "title")):
        entries.sort(key=lambda e: e.title, reverse=sort.endswith("desc"))
    elif sort.startswith("name"):
        entries.sort(key=lambda e: e.name, reverse=sort.endswith("desc"))
    return {
        "count": len(entries),
        "sort": sort,
        "facets": {},
        "search_facets": {},
        "results": [_package(request, e, agency) for e in entries[start : start + rows]],
    }


def organization_list(request, agency, params):
    """The publishing organisation(s). Parameter: all_fields (true: full dicts)."""
    all_fields = str(params.get("all_fields", "")).lower() in ("true", "1", "yes")
    return [_organization(request, agency, with_counts=True)] if all_fields else [agency.code]


def organization_show(request, agency, params):
    """One organisation by name or id, with its packages when include_datasets is true."""
    wanted = str(params.get("id", "") or "")
    if wanted not in (agency.code, _stable_id("org", agency.code)):
        raise _not_found("机构")
    org = _organization(request, agency, with_counts=True)
    if str(params.get("include_datasets", "")).lower() in ("true", "1", "yes"):
        org["packages"] = [_package(request, e, agency) for e in selectors.catalogue(agency)]
    return org


def status_show(request, agency, params):
    """What this service is: CKAN API version 3, read-only."""
    return {
        "ckan_version": "2.10.0",
        "site_title": selectors.contact_of(agency)["site_name"],
        "site_url": request.build_absolute_uri("/"),
        "site_description": "政务公开平台（Gongkai）数据开放目录",
        "locale_default": "zh_Hans_CN",
        "extensions": ["gongkai"],
    }


def site_read(request, agency, params):
    """Whether the catalogue may be read: always true."""
    return True


def license_list(request, agency, params):
    """The licence used by the catalogue."""
    return [
        {
            "id": LICENSE_ID,
            "title": "可免费使用，须注明数据来源",
            "url": links.guide_page(request),
            "status": "active",
        }
    ]


def help_show(request, agency, params):
    """The documentation of an action. Parameter: name."""
    name = str(params.get("name", ""))
    if name not in ACTIONS:
        raise _not_found("接口")
    return ACTIONS[name].__doc__


ACTIONS = {
    f.__name__: f
    for f in (
        package_list,
        package_show,
        package_search,
        organization_list,
        organization_show,
        status_show,
        site_read,
        license_list,
        help_show,
    )
}


def _params(request) -> dict:
    params: dict = {k: v for k, v in request.GET.items()}
    if request.method == "POST" and request.body:
        content_type = request.content_type or ""
        if content_type.startswith("multipart/") or content_type == "application/x-www-form-urlencoded":
            params.update({k: v for k, v in request.POST.items()})
        else:
            try:
                body = json.loads(request.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                raise ActionError(400, "Bad Request", "请求体不是有效的 JSON。")
            if not isinstance(body, dict):
                raise ActionError(400, "Bad Request", "请求体须为 JSON 对象。")
            params.update(body)
    return params


def _answer(request, action: str, body: dict, status: int = 200) -> JsonResponse:
    help_url = request.build_absolute_uri(reverse("data_standards:ckan_action", args=["help_show"]))
    response = JsonResponse(
        {"help": f"{help_url}?name={action}", **body},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@csrf_exempt
def action(request, action: str):
    if request.method not in ("GET", "POST"):
        return _answer(
            request,
            action,
            {"success": False, "error": {"__type": "Bad Request", "message": "只支持 GET 与 POST。"}},
            status=405,
        )
    try:
        access.check_rate(request)
        if action not in ACTIONS:
            raise ActionError(400, "Bad Request", f"Bad request - Action name not known: {action}")
        agency = access.agency_of(request)
        result = ACTIONS[action](request, agency, _params(request))
    except access.RateLimited as exc:
        response = _answer(
            request,
            action,
            {"success": False, "error": {"__type": "Rate Limit Error", "message": exc.message}},
            status=429,
        )
        response["Retry-After"] = str(exc.retry_after)
        return response
    except ActionError as exc:
        return _answer(
            request,
            action,
            {"success": False, "error": {"__type": exc.kind, "message": exc.message, **exc.extra}},
            status=exc.status,
        )
    except DomainError as exc:
        return _answer(
            request,
            action,
            {
                "success": False,
                "error": {
                    "__type": "Not Found Error" if exc.http_status == 404 else "Validation Error",
                    "message": exc.message,
                },
            },
            status=exc.http_status if exc.http_status in (404, 409) else 400,
        )
    return _answer(request, action, {"success": True, "result": result})


def api_version(request):
    """GET /api/3 → {"version": 3}, as CKAN answers."""
    return JsonResponse({"version": 3})
