"""The public 数据发布 pages under /sjfb/. Data is read only through access.public_access (embargo)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from gongkai.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from gongkai.core.pagecache import evaluated_page, memoised
from gongkai.core.selectors import site_settings_for

from .. import access, flowfiles, outputs, selectors, services
from ..api import STREAMED_FORMATS, render_cube
from ..models import Code, DataResource, OpenType, Release, SurveyProject, Topic
from ..query import TIME, available, dimension_codes, unreleased_codes

SJFB = ("数据发布", "/sjfb/")


def _error_page(request, exc: DomainError):
    status = exc.http_status if exc.http_status in (403, 404, 422, 429) else 400
    titles = {403: "无权访问", 404: "没有找到", 422: "查询无法完成", 429: "请求过于频繁"}
    response = render(
        request,
        "web/error.html",
        {"title": titles.get(status, "请求无法完成"), "code": status, "message": exc.message},
        status=status,
    )
    if isinstance(exc, access.RateLimited):
        response["Retry-After"] = str(exc.retry_after)
    return response


def database(request, *, topic: str = "", title: str = "统计数据库"):
    """数据库: browse by topic and area."""
    agency = access.agency_of(request)
    topic = topic or request.GET.get("topic", "")
    area = request.GET.get("area", "").strip()[:12]

    def data():
        qs = selectors.public_datasets(agency)
        if topic:
            qs = qs.filter(topic=topic)
        if area:
            qs = selectors.with_public_area(qs, area)
        # A new area brought by an embargoed release stays out of the list until its minute (实施条例 Art. 28).
        unreleased = unreleased_codes(agency).get("CL_AREA", set())
        areas = (
            Code.objects.filter(codelist__agency=agency, codelist__code="CL_AREA")
            .exclude(code="000000")
            .exclude(code__in=unreleased)
            .order_by("sort_order")
        )
        areas = list(areas[:200])
        return {
            "datasets": list(qs.order_by("topic", "code")),
            "areas": areas,
            "area_options": _area_options(areas, area),
            "releases": list(selectors.public_releases(agency)[:5]),
        }

    # The same for every reader until a committed write or a release minute (ADR 0043).
    return render(
        request,
        "opendata/portal/database.html",
        {
            "page_title": title,
            "breadcrumb": [(title, "")],
            **memoised(f"opendata.database:{agency.pk}:{topic}:{area}", data),
            "topics": Topic.choices,
            "topic": topic,
            "area": area,
        },
    )


def _area_options(areas, chosen: str) -> str:
    """The area filter's ~200 `<option>`s written once with the rows they come from (kept per
    generation with them, ADR 0061) instead of a template loop per request; the same markup as the
    loop it replaces (escaped like `{{ }}`)."""
    return mark_safe(
        "".join(
            f'<option value="{conditional_escape(a.code)}"{" selected" if a.code == chosen else ""}>'
            f"{conditional_escape(a.name)}（{conditional_escape(a.code)}）</option>"
            for a in areas
        )
    )


def census(request):
    """普查: the census datasets (the database filtered to the census topic)."""
    return database(request, topic="census", title="普查")


def dataset(request, code: str):
    """A dataset: metadata, the table builder (a GET form, enhanced by htmx), table, chart, downloads."""
    try:
        access.check_rate(request)
        if _same_for_everyone(request):
            # The default table of a dataset open to all is the same for every reader until a committed
            # write or a release minute ends the page cache's generation (ADR 0043); the links in it carry
            # the site's prefix.
            key = f"opendata.dataset:{access.agency_of(request).pk}:{code}:{get_script_prefix()}"
            context = memoised(
                key, lambda: _dataset_context(access.public_access(request, code), request.GET)
            )
        else:
            context = _dataset_context(access.public_access(request, code), request.GET)
    except PermissionDenied as exc:
        return _conditional(request, code, exc)
    except DomainError as exc:
        return _error_page(request, exc)
    return render(request, "opendata/portal/dataset.html", context)


def _same_for_everyone(request) -> bool:
    """No query (filters, as_of, token) and no access token of this visitor: the dataset's default page."""
    if request.GET or access.request_token(request):
        return False
    return not (hasattr(request, "session") and request.session.get(access.SESSION_TOKENS))


def _dataset_context(found, query) -> dict:
    ds = found.dataset
    dims = dimension_codes(ds)
    options = available(ds, found.versions)
    params = query.copy()
    # Defaults: the first indicator, every area (up to 20), the latest 10 periods.
    if not any(params.getlist(d.code) for d in dims) and not params.getlist(TIME):
        indicator_dim = next(d for d in dims if d.role == "indicator")
        params.setlist(
            indicator_dim.code, [options[indicator_dim.code][0][0]] if options[indicator_dim.code] else []
        )
        for d in dims:
            if d.role == "other" and options.get(d.code):
                params.setlist(d.code, [options[d.code][0][0]])
            if d.role == "area":
                params.setlist(d.code, [c for c, _ in options[d.code][:20]])
        params.setlist(TIME, [c for c, _ in options[TIME][-10:]])
    cube = access.cube_for(found, params)
    columns = params.get("columns", TIME)
    table = outputs.pivot(cube, columns=columns)
    query = urlencode(
        [(k, v) for k in params for v in params.getlist(k) if v and k not in ("columns", "chart")]
    )
    api_url = reverse("api:data_query", args=[ds.code]) + "?" + query
    selected = {k: set(params.getlist(k)) for k in [*[d.code for d in dims], TIME]}
    return {
        "page_title": ds.title,
        "breadcrumb": [("统计数据库", reverse("opendata:database")), (ds.title, "")],
        "dataset": ds,
        "resource": ds.resource,
        "cube": cube,
        "table": table,
        "dims": dims,
        "options": options,
        "selected": selected,
        "columns": columns,
        "chart": params.get("chart", "line"),
        "api_url": api_url,
        "query": query,
        "as_of": found.as_of,
        "indicators": list(cube.indicators.values()),
        "versions": found.versions,
        "revisions": [v for v in found.versions if v.number > 1],
        "dimension_choices": [(d.code, d.name) for d in dims] + [(TIME, "时间")],
        "suppression_note": outputs.SUPPRESSION_NOTE,
    }


def _conditional(request, code, exc):
    resource = DataResource.objects.filter(
        agency=access.agency_of(request), code=code, open_type=OpenType.CONDITIONAL
    ).first()
    if resource is None:
        return _error_page(request, NotFound())
    return render(
        request,
        "opendata/portal/conditional.html",
        {
            "page_title": resource.title,
            "resource": resource,
            "message": exc.message,
            "breadcrumb": [("开放目录与指南", reverse("opendata:catalogue")), (resource.title, "")],
        },
        status=403,
    )


def download(request, code: str, fmt: str):
    try:
        access.check_rate(request)
        found = access.public_access(request, code)
        stored = flowfiles.serve(request, found, fmt)  # the file written after the release minute
        if stored is not None:
            return stored
        cube = access.cube_for(found, request.GET, stream_whole=fmt in STREAMED_FORMATS)
        return render_cube(request, cube, fmt)
    except DomainError as exc:
        return _error_page(request, exc)


# --- releases -----------------------------------------------------------------------------------------
def calendar(request):
    agency = access.agency_of(request)
    year = request.GET.get("year", "")
    year_int = int(year[:6]) if year.isascii() and year.isdigit() else timezone.localdate().year
    if not selectors.CALENDAR_YEARS[0] <= year_int <= selectors.CALENDAR_YEARS[1]:
        # year=1 or 10000 would overflow the datetime range of the year lookup: no such page
        raise Http404("没有该年份的数据发布日程。")
    now = timezone.now()

    def data():
        released_ids = set(selectors.released_releases(now, agency=agency).values_list("pk", flat=True))
        rows = [(r, r.pk in released_ids) for r in selectors.release_calendar(agency, year=year_int)]
        return rows, selectors.calendar_years(agency)

    # The same for every reader until a committed write or a release minute (ADR 0043).
    rows, years = memoised(f"opendata.calendar:{agency.pk}:{year_int}", data)
    return render(
        request,
        "opendata/portal/calendar.html",
        {
            "page_title": "数据发布日程",
            "breadcrumb": [("数据发布日程", "")],
            "rows": rows,
            "now": now,  # a confirmed minute that passed unpublished is not shown as the minute
            "year": year_int,
            "years": years,
        },
    )


def release(request, pk: int):
    agency = access.agency_of(request)

    def data():
        item = selectors.public_releases(agency).filter(pk=pk).first()
        if item is None:
            return None
        return (
            item,
            list(item.versions.select_related("dataset").order_by("dataset__code")),
            list(item.links.all()),
        )

    # The same for every reader until a committed write or a release minute (ADR 0043).
    found = memoised(f"opendata.release:{agency.pk}:{pk}", data)
    if found is None:
        raise Http404("该发布不存在或尚未到发布时间。")
    item, versions, links = found
    return render(
        request,
        "opendata/portal/release.html",
        {
            "page_title": item.title,
            "breadcrumb": [("数据发布日程", reverse("opendata:calendar")), (item.title, "")],
            "release": item,
            "versions": versions,
            "links": links,
        },
    )


def _release_list(request, *, field: str, title: str, url_name: str):
    agency = access.agency_of(request)
    number = request.GET.get("page")
    page = memoised(
        f"opendata.releases:{agency.pk}:{field}:{number}",
        lambda: evaluated_page(selectors.public_releases(agency).exclude(**{field: ""}), number, 20),
    )
    return render(
        request,
        "opendata/portal/releases.html",
        {"page_title": title, "breadcrumb": [(title, "")], "page": page, "field": field},
    )


def bulletins(request):
    return _release_list(request, field="press_release", title="统计公报", url_name="opendata:bulletins")


def analysis(request):
    return _release_list(request, field="interpretation", title="数据解读", url_name="opendata:analysis")


# --- 开放目录与指南 ------------------------------------------------------------------------------------------
def catalogue(request):
    agency = access.agency_of(request)
    open_type = request.GET.get("type", "")
    open_type = open_type if open_type in OpenType.values else ""

    def data():
        qs = selectors.public_resources(agency)
        if open_type:
            qs = qs.filter(open_type=open_type)
        return list(qs), set(selectors.public_datasets(agency).values_list("code", flat=True))

    # The same for every reader until a committed write or a release minute (ADR 0043).
    resources, public_codes = memoised(f"opendata.catalogue:{agency.pk}:{open_type}", data)
    return render(
        request,
        "opendata/portal/catalogue.html",
        {
            "page_title": "共享开放目录与指南",
            "breadcrumb": [("开放目录与指南", "")],
            "resources": resources,
            "open_types": OpenType.choices,
            "open_type": open_type,
            "public_codes": public_codes,
            "settings": site_settings_for(agency),
            "agency": agency,
        },
    )


def apply(request, code: str):
    agency = access.agency_of(request)
    # Which resources may be applied for is the same for every reader until a committed write or a
    # release minute (ADR 0043); a POST (no generation) reads it afresh.
    resource = memoised(
        f"opendata.apply:{agency.pk}:{code}",
        lambda: selectors.public_resources(agency).filter(code=code, open_type=OpenType.CONDITIONAL).first(),
    )
    if resource is None:
        raise Http404
    errors, values, token, application = {}, {}, None, None
    if request.method == "POST":
        values = {
            k: request.POST.get(k, "").strip()
            for k in ("applicant_name", "organisation", "email", "phone", "purpose")
        }
        if not values["email"] or "@" not in values["email"]:
            errors["email"] = "请填写有效的电子邮箱。"
        if not errors:
            try:
                application, token = services.submit_application(
                    resource=resource, accepted_terms=request.POST.get("accepted_terms") == "on", **values
                )
            except ValidationFailed as exc:
                errors[exc.field or "form"] = exc.message
    return render(
        request,
        "opendata/portal/apply.html",
        {
            "page_title": f"申请使用：{resource.title}",
            "resource": resource,
            "errors": errors,
            "values": values,
            "token": token,
            "application": application,
            "breadcrumb": [("开放目录与指南", reverse("opendata:catalogue")), ("申请", "")],
        },
        status=422 if errors else 200,
    )


def use_token(request):
    """Enter the access token once; it is kept in the session for the pages (the API takes a header)."""
    message = ""
    if request.method == "POST":
        token = request.POST.get("token", "").strip()[:100]
        agency = access.agency_of(request)
        matches = [
            r
            for r in DataResource.objects.filter(agency=agency, open_type=OpenType.CONDITIONAL)
            if selectors.application_by_token(token, r)
        ]
        if matches:
            request.session[access.SESSION_TOKENS] = [*request.session.get(access.SESSION_TOKENS, []), token][
                -5:
            ]
            target = getattr(matches[0], "dataset", None)
            return redirect(
                reverse("opendata:dataset", args=[target.code]) if target else reverse("opendata:catalogue")
            )
        message = "令牌无效、尚未获批或已过期。"
    return render(
        request,
        "opendata/portal/token.html",
        {
            "page_title": "使用访问令牌",
            "message": message,
            "breadcrumb": [("开放目录与指南", reverse("opendata:catalogue")), ("使用访问令牌", "")],
        },
        status=422 if message else 200,
    )


def application_status(request):
    number = request.GET.get("number", "").strip()[:20]
    email = request.GET.get("email", "").strip()[:200]
    found = None
    if number and email:
        from ..models import AccessApplication

        found = AccessApplication.objects.filter(
            agency=access.agency_of(request), number=number, email__iexact=email
        ).first()
    return render(
        request,
        "opendata/portal/application_status.html",
        {
            "page_title": "申请进度查询",
            "found": found,
            "number": number,
            "email": email,
            "searched": bool(number),
            "breadcrumb": [("开放目录与指南", reverse("opendata:catalogue")), ("申请进度查询", "")],
        },
    )


# --- 统计调查项目 -------------------------------------------------------------------------------------------
def surveys(request):
    agency = access.agency_of(request)
    return render(
        request,
        "opendata/portal/surveys.html",
        {
            "page_title": "统计调查项目",
            "breadcrumb": [("统计调查项目", "")],
            "projects": memoised(
                f"opendata.surveys:{agency.pk}", lambda: list(selectors.public_survey_projects(agency))
            ),
        },
    )


def survey(request, pk: int):
    agency = access.agency_of(request)
    project = memoised(
        f"opendata.survey:{agency.pk}:{pk}",
        lambda: SurveyProject.objects.filter(agency=agency, pk=pk, is_public=True).first(),
    )
    if project is None:
        raise Http404
    return render(
        request,
        "opendata/portal/survey.html",
        {
            "page_title": project.name,
            "project": project,
            "breadcrumb": [("统计调查项目", reverse("opendata:surveys")), (project.name, "")],
        },
    )


def release_or_404(agency, pk) -> Release:
    item = selectors.public_releases(agency).filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


__all__ = ["HttpResponse", "SJFB"]
