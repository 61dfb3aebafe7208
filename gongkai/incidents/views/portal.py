"""热点回应: the published releases on public-opinion incidents, each with its exact minute."""

from django.http import Http404
from django.shortcuts import render

from gongkai.core.pagecache import evaluated_page, memoised
from gongkai.core.selectors import public_agency

from .. import selectors

XWFB = ("新闻发布", "/xwfb/")
LIST = ("热点回应", "/xwfb/rdhy/")


def _agency(request):
    agency = getattr(request, "agency", None) or public_agency()
    if agency is None:
        raise Http404
    return agency


def responses(request):
    agency = _agency(request)
    number = request.GET.get("page")

    def listing():
        incidents = list(selectors.public_incidents(agency))
        latest = {}
        for release in selectors.public_releases(agency):
            latest.setdefault(release.incident_id, release)
        for incident in incidents:
            incident.latest = latest.get(incident.pk)
        incidents.sort(key=lambda i: i.latest.published_at if i.latest else i.first_seen_at, reverse=True)
        return evaluated_page(incidents, number, 20)

    # The same for every reader until a committed write or a release minute (ADR 0043).
    page = memoised(f"incidents.responses:{agency.pk}:{number}", listing)
    return render(
        request,
        "incidents/portal/list.html",
        {"page_title": "热点回应", "breadcrumb": [XWFB, ("热点回应", None)], "page": page},
    )


def detail(request, pk):
    agency = _agency(request)

    def data():
        incident = selectors.public_incidents(agency).filter(pk=pk).first()
        if incident is None:
            return None, None
        releases = list(
            selectors.public_releases(agency).filter(incident=incident).order_by("published_at", "pk")
        )
        corrected = {r.supersedes_id for r in releases if r.supersedes_id}
        for release in releases:
            release.is_corrected = release.pk in corrected
        return incident, releases

    # The same for every reader until a committed write ends the generation (ADR 0043/0063).
    incident, releases = memoised(f"incidents.detail:{agency.pk}:{pk}", data)
    if incident is None:
        raise Http404("没有找到该回应。")
    return render(
        request,
        "incidents/portal/detail.html",
        {
            "page_title": incident.title,
            "breadcrumb": [XWFB, LIST, (incident.title, None)],
            "incident": incident,
            "releases": releases,
        },
    )
