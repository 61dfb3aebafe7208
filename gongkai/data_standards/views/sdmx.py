"""SDMX 2.1 RESTful web services (SDMX Standards Section 7) under /sdmx/2.1/.

Structure queries: `{resource}/{agencyID}/{resourceID}/{version}?references=` for dataflow,
datastructure, codelist and conceptscheme. Data queries: `data/{flowRef}/{key}?startPeriod=&endPeriod=`,
answered as structure-specific data. Errors are SDMX error messages with the HTTP status the standard
maps to their code. Reads go through opendata.access (embargo, 有条件开放 tokens, rate limit) and
opendata.query.build_cube (disclosure control, cell limit).
"""

from __future__ import annotations

import re

from django.http import HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from gongkai.core.errors import DomainError, NotFound, PermissionDenied
from gongkai.opendata import access, flowfiles
from gongkai.opendata.query import TooManyCells, build_cube, dimension_codes

from .. import sdmxml, selectors

STRUCTURE_RESOURCES = ("dataflow", "datastructure", "codelist", "conceptscheme")
REFERENCES = ("none", "parents", "parentsandsiblings", "children", "descendants", "all")
PERIOD = re.compile(r"^\d{4}(-(Q[1-4]|S[12]|\d{2}|\d{2}-\d{2}|W\d{2}))?$")
UNSUPPORTED_DATA_PARAMS = ("firstNObservations", "lastNObservations", "updatedAfter")


def _error(code: int, text: str, *, retry_after: int | None = None) -> HttpResponse:
    response = HttpResponse(
        sdmxml.error_message(code, text),
        status=sdmxml.HTTP_STATUS.get(code, 500),
        content_type=sdmxml.ERROR_CONTENT_TYPE,
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _domain_error(exc: DomainError) -> HttpResponse:
    if isinstance(exc, access.RateLimited):
        return _error(sdmxml.TOO_MANY_REQUESTS, exc.message, retry_after=exc.retry_after)
    if isinstance(exc, TooManyCells):
        return _error(sdmxml.TOO_LARGE, exc.message)
    if isinstance(exc, PermissionDenied):
        return _error(sdmxml.UNAUTHORIZED, exc.message)
    if isinstance(exc, NotFound):
        return _error(sdmxml.NO_RESULTS, exc.message)
    return _error(sdmxml.SYNTAX, exc.message)


def _guarded(view):
    """Rate limit first; every domain error becomes an SDMX error message."""

    def wrapped(request, *args, **kwargs):
        try:
            access.check_rate(request)
            return view(request, *args, **kwargs)
        except DomainError as exc:
            return _domain_error(exc)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return require_GET(wrapped)


# sdmx1 sends its source id as the agency of structure queries; the how-to names the source GONGKAI, so
# that id means "this service's agency" as `all` does.
SERVICE_ALIAS = "GONGKAI"


def _agency_matches(agency, wanted: str) -> bool:
    return wanted.lower() in ("all", "*", "") or wanted.upper() in (sdmxml.agency_id(agency), SERVICE_ALIAS)


def _version_matches(wanted: str) -> bool:
    return wanted in ("latest", "all", "*", "", sdmxml.VERSION)


def _structure_response(builder: sdmxml.StructureBuilder) -> HttpResponse:
    if builder.is_empty():
        return _error(sdmxml.NO_RESULTS, "没有符合查询条件的结构（或数据尚未发布）。")
    return HttpResponse(builder.to_xml(), content_type=sdmxml.STRUCTURE_CONTENT_TYPE)


@_guarded
def structure(
    request, resource: str, agency_id: str = "all", resource_id: str = "all", version: str = "latest"
):
    """dataflow | datastructure | codelist | conceptscheme, with `references` as the standard defines it."""
    agency = access.agency_of(request)
    references = request.GET.get("references", "none").lower()
    if references not in REFERENCES and references not in STRUCTURE_RESOURCES:
        return _error(sdmxml.SYNTAX, f"references 参数无效：{references}")
    builder = sdmxml.StructureBuilder(agency)
    if not (_agency_matches(agency, agency_id) and _version_matches(version)):
        return _structure_response(builder)
    wanted = None if resource_id in ("all", "*") else resource_id
    datasets = list(selectors.data_datasets(agency))
    if resource == "codelist":
        for codelist_id, (name, codes) in selectors.public_codelists(agency).items():
            if wanted is None or codelist_id == wanted:
                builder.add_codelist(codelist_id, name, codes)
        for codelist_id, (name, codes) in (
            ("CL_OBS_STATUS", ("观测值状态", sdmxml.OBS_STATUS)),
            ("CL_CONF_STATUS", ("保密状态", sdmxml.CONF_STATUS)),
        ):
            if wanted is None or codelist_id == wanted:
                builder.add_codelist(codelist_id, name, codes)
        return _structure_response(builder)
    with_children = references in (
        "children",
        "descendants",
        "all",
        "codelist",
        "conceptscheme",
        "datastructure",
    )
    with_parents = references in ("parents", "parentsandsiblings", "all", "dataflow")
    for dataset in datasets:
        ids = {
            "dataflow": sdmxml.sdmx_id(dataset.code),
            "datastructure": sdmxml.dsd_id(dataset),
            "conceptscheme": sdmxml.concept_scheme_id(dataset),
        }
        if wanted is not None and ids[resource] != wanted:
            continue
        if resource == "dataflow" and not with_children:
            builder.add_dataflow(dataset)
            continue
        struct = selectors.structure(dataset)
        if resource == "dataflow":  # with its DSD, code lists and concept scheme
            sdmxml.add_full_structure(builder, struct, selectors.structure_codelists(struct))
        elif resource == "datastructure":
            builder.add_dsd(struct)
            if with_children:
                for codelist_id, name, codes in selectors.structure_codelists(struct):
                    builder.add_codelist(codelist_id, name, codes)
                builder.add_attribute_codelists()
                builder.add_concept_scheme(struct)
            if with_parents:
                builder.add_dataflow(dataset)
        else:
            builder.add_concept_scheme(struct)
    return _structure_response(builder)


def _flow_code(flow_ref: str, agency) -> str | None:
    """flowRef is `ID`, `AGENCY,ID` or `AGENCY,ID,VERSION`."""
    parts = flow_ref.split(",")
    if len(parts) == 1:
        return parts[0]
    if (
        len(parts) in (2, 3)
        and _agency_matches(agency, parts[0])
        and (len(parts) == 2 or _version_matches(parts[2]))
    ):
        return parts[1]
    return None


def _key_filters(key: str, dataset) -> dict[str, list[str]] | None:
    """`A+B..C` → {dim: [A, B], ...}; None when the key does not have one part per dimension."""
    dims = dimension_codes(dataset)
    if key in ("", "all", "ALL"):
        return {}
    parts = key.split(".")
    if len(parts) != len(dims):
        return None
    return {
        dim.code: [c for c in part.split("+") if c] for dim, part in zip(dims, parts, strict=True) if part
    }


def _period_bound(value: str, *, end: bool, frequency: str) -> str:
    """SDMX periods compare as text once an annual bound is cut to the year or widened to the year's end."""
    if not value:
        return ""
    if frequency == "A":
        return value[:4]
    if len(value) == 4 and end:
        return value + "-~"  # "~" sorts after every month and quarter of that year
    return value


@_guarded
def data(request, flow_ref: str, key: str = "all", provider_ref: str = "all"):
    """Structure-specific data for one dataflow; only the public vintages, suppressed cells withheld."""
    agency = access.agency_of(request)
    if request.GET.get("dimensionAtObservation", sdmxml.TIME) not in (sdmxml.TIME, "TIME"):
        return _error(sdmxml.NOT_IMPLEMENTED, "本服务仅支持 dimensionAtObservation=TIME_PERIOD。")
    unsupported = [p for p in UNSUPPORTED_DATA_PARAMS if p in request.GET]
    if unsupported:
        return _error(sdmxml.NOT_IMPLEMENTED, f"本服务暂不支持参数：{'、'.join(unsupported)}。")
    if request.GET.get("detail", "full") not in ("full", "dataonly"):
        return _error(sdmxml.NOT_IMPLEMENTED, "本服务仅支持 detail=full 或 dataonly。")
    start, end = request.GET.get("startPeriod", ""), request.GET.get("endPeriod", "")
    for value in (start, end):
        if value and not PERIOD.match(value):
            return _error(sdmxml.SYNTAX, f"时期格式无效：{value[:20]}（应如 2020、2020-Q1、2020-01）。")
    code = _flow_code(flow_ref, agency)
    if code is None:
        return _error(sdmxml.NO_RESULTS, "没有找到该数据流。")
    found = access.public_access(request, code)
    filters = _key_filters(key, found.dataset)
    if filters is None:
        count = len(dimension_codes(found.dataset))
        return _error(sdmxml.SYNTAX, f"序列键须有 {count} 个以“.”分隔的部分（按维度顺序）。")
    stored = flowfiles.serve(request, found, "sdmx", whole=not filters)
    if stored is not None:
        return stored
    frequency = found.dataset.frequency
    cube = build_cube(
        found.dataset,
        versions=found.versions,
        filters=filters,
        start=_period_bound(start, end=False, frequency=frequency),
        end=_period_bound(end, end=True, frequency=frequency),
        stream_whole=True,  # the whole dataflow (key "all", no period) comes as a stream, never a 413
    )
    if not cube.cells:
        return _error(sdmxml.NO_RESULTS, "没有符合查询条件的数据。")
    if cube.streamed:
        return StreamingHttpResponse(
            sdmxml.iter_data_message(cube, agency), content_type=sdmxml.DATA_CONTENT_TYPE
        )
    return HttpResponse(sdmxml.data_message(cube, agency), content_type=sdmxml.DATA_CONTENT_TYPE)


def not_found(request, rest: str = ""):
    return _error(
        sdmxml.NO_RESULTS if request.method == "GET" else sdmxml.NOT_IMPLEMENTED,
        "没有这个 SDMX 资源。本服务提供 dataflow、datastructure、codelist、conceptscheme 与 data。",
    )
