"""/api/v1/data: datasets, their metadata, and data queries (own JSON, JSON-stat 2.0, CSV, XLSX).

Public, read-only, rate-limited per client. Every call goes through access.public_access, i.e. the
embargo selectors; errors are problem JSON (RFC 9457) with Chinese titles.
"""

from __future__ import annotations

import json
from functools import wraps

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from ninja import Router

from gongkai.core.errors import DomainError, problem

from . import access, flowfiles, outputs, selectors
from .models import OpenType

router = Router(tags=["data"])


def _problem_response(exc: DomainError) -> JsonResponse:
    response = JsonResponse(
        problem(exc),
        status=exc.http_status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )
    if isinstance(exc, access.RateLimited):
        response["Retry-After"] = str(exc.retry_after)
    return response


def limited(view):
    """Rate limit, and domain errors as problem JSON with their headers (Retry-After on 429)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            access.check_rate(request)
            response = view(request, *args, **kwargs)
        except DomainError as exc:
            response = _problem_response(exc)
        return access.set_cache_control(request, response)

    return wrapped


def _dataset_summary(request, dataset) -> dict:
    return {
        "code": dataset.code,
        "title": dataset.title,
        "description": dataset.description,
        "topic": dataset.topic,
        "topic_label": dataset.get_topic_display(),
        "frequency": dataset.frequency,
        "open_type": dataset.resource.open_type,
        "open_type_label": dataset.resource.get_open_type_display(),
        "url": request.build_absolute_uri(reverse("opendata:dataset", args=[dataset.code])),
        "api_url": request.build_absolute_uri(reverse("api:data_dataset", args=[dataset.code])),
        "data_url": request.build_absolute_uri(reverse("api:data_query", args=[dataset.code])),
    }


@router.get("/datasets", url_name="data_datasets", summary="数据集列表（仅已发布的）")
@limited
def datasets(request, topic: str = "", area: str = ""):
    agency = access.agency_of(request)
    qs = selectors.public_datasets(agency)
    if topic:
        qs = qs.filter(topic=topic)
    if area:
        qs = selectors.with_public_area(qs, area)
    return JsonResponse(
        {"items": [_dataset_summary(request, d) for d in qs.order_by("topic", "code")]},
        json_dumps_params={"ensure_ascii": False},
    )


@router.get("/datasets/{code}", url_name="data_dataset", summary="数据集元数据：维度、代码、指标说明、版本")
@limited
def dataset_detail(request, code: str):
    agency = access.agency_of(request)
    dataset = selectors.public_dataset(agency, code)
    if dataset is None:
        raise_not_found()
    versions = selectors.public_versions(dataset)
    from .query import available

    codes = available(dataset, versions) if dataset.resource.open_type == OpenType.OPEN else {}
    body = _dataset_summary(request, dataset)
    body.update(
        {
            "source": dataset.source,
            "source_url": dataset.source_url,
            "licence": dataset.resource.licence,
            "dimensions": [
                {
                    "id": d.code,
                    "label": d.name,
                    "role": d.role,
                    "codes": [{"id": c, "label": lab} for c, lab in codes.get(d.code, [])],
                }
                for d in dataset.dimensions.order_by("position")
            ],
            "periods": [c for c, _ in codes.get("TIME_PERIOD", [])],
            "indicators": [
                {
                    "code": i.code,
                    "name": i.name,
                    "unit": i.unit,
                    "decimals": i.decimals,
                    "meaning": i.meaning,
                    "scope": i.scope,
                    "survey_method": i.survey_method,
                    "calculation": i.calculation,
                    "sample_size": i.sample_size,
                    "source": i.source,
                    "contact": i.contact,
                }
                for i in _indicators(dataset, versions)
            ],
            "versions": [
                {
                    "number": v.number,
                    "note": v.note,
                    "released_at": v.release.scheduled_at.isoformat(),
                    "release": v.release.title,
                }
                for v in versions
            ],
        }
    )
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def _indicators(dataset, versions):
    from .models import Indicator
    from .query import visible_series

    # Only indicators of public series: a new indicator's metadata waits for its release (Art. 28).
    return (
        Indicator.objects.filter(series__in=visible_series(dataset, versions))
        .distinct()
        .order_by("sort_order", "code")
    )


def raise_not_found():
    from gongkai.core.errors import NotFound

    raise NotFound("没有找到该数据集，或其尚未发布。")


@router.get(
    "/datasets/{code}/data",
    url_name="data_query",
    summary="数据查询：按维度筛选；format=json|jsonstat|csv|xlsx；as_of=YYYY-MM-DD 查询当日发布的版本",
    description="维度筛选以维度代码为参数名，多个代码用逗号分隔，如 `?INDICATOR=CEN_POP&AREA=350102,350103`；"
    "时期用 `period=2020` 或 `start=`/`end=`。有条件开放的数据须带 `Authorization: Bearer <令牌>`。"
    "单次查询的单元格数有上限（超过时返回 422 问题详情）。",
)
@limited
def data_query(
    request,
    code: str,
    format: str = "json",
    as_of: str = "",
    start: str = "",
    end: str = "",
    period: str = "",
):
    found = access.public_access(request, code)
    stored = flowfiles.serve(request, found, format)  # the file written after the release minute
    if stored is not None:
        return stored
    cube = access.cube_for(found, request.GET, stream_whole=format in STREAMED_FORMATS)
    return render_cube(request, cube, format)


STREAMED_FORMATS = ("csv", "jsonstat")  # a whole dataflow above the query limit comes in these (issue 19)


def render_cube(request, cube, fmt: str) -> HttpResponse:
    name = cube.dataset.code
    if cube.streamed:
        return _streamed(request, cube, fmt)
    if fmt == "jsonstat":
        body = outputs.to_jsonstat(cube, href=request.build_absolute_uri())
        return HttpResponse(
            json.dumps(body, ensure_ascii=False, default=str), content_type="application/json; charset=utf-8"
        )
    if fmt == "csv":
        response = HttpResponse(outputs.to_csv(cube), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            outputs.to_xlsx(cube),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    if fmt != "json":
        from gongkai.core.errors import ValidationFailed

        raise ValidationFailed("format 只能是 json、jsonstat、csv 或 xlsx。", field="format")
    response = HttpResponse(
        json.dumps(outputs.to_json(cube), ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


@router.get("/releases", url_name="data_releases", summary="已发布的数据发布（统计公报与数据解读）")
@limited
def releases(request):
    agency = access.agency_of(request)
    items = [
        {
            "id": r.pk,
            "title": r.title,
            "released_at": r.scheduled_at.isoformat(),
            "url": request.build_absolute_uri(reverse("opendata:release", args=[r.pk])),
            "datasets": sorted({v.dataset.code for v in r.versions.select_related("dataset")}),
        }
        for r in selectors.public_releases(agency)[:200]
    ]
    return JsonResponse({"items": items}, json_dumps_params={"ensure_ascii": False})


def _streamed(request, cube, fmt: str) -> StreamingHttpResponse:
    """A whole dataflow, written as it is read: memory stays bounded whatever its size."""
    if fmt == "jsonstat":
        body = outputs.iter_jsonstat(cube, href=request.build_absolute_uri())
        response = StreamingHttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        response = StreamingHttpResponse(outputs.iter_csv(cube), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{cube.dataset.code}.csv"'
    return response
