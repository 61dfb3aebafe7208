"""The one funnel through which every public page, download and API call reaches data.

`public_cube(request, code, params)` finds the dataset through the embargo selectors, checks the open
type (有条件开放 needs an approved application's token), applies `as_of`, builds the cube. Rate limits
per client are here too, so pages, downloads and the API share them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone

from gongkai.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed
from gongkai.core.pagecache import memoised
from gongkai.core.ratelimit import count_in_window, fingerprint
from gongkai.core.selectors import public_agency

from . import selectors, services
from .models import Dataset, OpenType
from .query import TIME, Cube, build_cube, dimension_codes

SESSION_TOKENS = "opendata_tokens"


class RateLimited(DomainError):
    http_status = 429
    code = "rate_limited"
    default_message = "请求过于频繁，请稍后再试。"

    def __init__(self, retry_after: int):
        self.retry_after = retry_after
        super().__init__(
            f"请求过于频繁：每个客户端每分钟最多 {rate_limit()} 次数据请求，请 {retry_after} 秒后再试。"
        )


def rate_limit() -> int:
    return int(getattr(settings, "GONGKAI_DATA_RATE_LIMIT", 120))


def client_key(request) -> str:
    """Whom the limit counts: the owner of a verified access token (one budget per applicant, however
    many tokens or addresses they use), else the client address. An unverified token string never
    names the bucket, so a random bearer token cannot reset the limit (issue 12 item 2)."""
    token = request_token(request)
    if token:
        owner = selectors.token_owner(token)
        if owner:
            return "owner:" + fingerprint(owner, purpose="opendata-rate")
    return "ip:" + (request.META.get("REMOTE_ADDR") or "unknown")


def check_rate(request) -> None:
    """Fixed one-minute window per client, counted in the shared database by one statement
    (`core.ratelimit.count_in_window`, ADR 0063), so the limit holds across gunicorn workers and nodes."""
    now = time.time()
    if count_in_window(f"opendata:{client_key(request)}", int(now // 60)) > rate_limit():
        raise RateLimited(retry_after=60 - int(now) % 60)


# --- Cache-Control: no shared cache may keep a data response past an embargo minute (issue 12 item 10) --
DATA_MAX_AGE = 60  # seconds a shared cache may keep a public data response at most (local practice)


def cache_seconds(agency, now=None) -> int:
    """Seconds a shared cache may keep a public data response: DATA_MAX_AGE, cut to the next release
    minute of the agency, so a cached page never outlives the minute new figures become public."""
    now = now or timezone.now()
    upcoming = None
    if agency is not None:
        # Kept for the page cache's generation, which ends at every release minute (opendata.apps).
        upcoming = memoised(
            f"opendata.next_release:{agency.pk}", lambda: selectors.next_release_minute(agency, now)
        )
        if upcoming is not None and upcoming <= now:  # a generation that began before the minute
            upcoming = selectors.next_release_minute(agency, now)
    if upcoming is None:
        return DATA_MAX_AGE
    return max(0, min(DATA_MAX_AGE, int((upcoming - now).total_seconds())))


def set_cache_control(request, response, *, now=None):
    """Public data: `public, max-age=s-maxage=cache_seconds`; a request carrying an access token
    (header, query or session) or answered with an error: `private, no-store`."""
    if response.has_header("Cache-Control"):
        return response
    personal = bool(request_token(request)) or bool(
        hasattr(request, "session") and request.session.get(SESSION_TOKENS)
    )
    if (
        personal
        or request.method not in ("GET", "HEAD")
        or response.status_code >= 400
        or response.cookies  # e.g. a CSRF cookie: a page for this visitor only
        or getattr(getattr(request, "user", None), "is_authenticated", False)
    ):
        response["Cache-Control"] = "private, no-store"
        return response
    agency = getattr(request, "agency", None) or public_agency()
    seconds = cache_seconds(agency, now)
    response["Cache-Control"] = (
        f"public, max-age={seconds}, s-maxage={seconds}" if seconds > 0 else "no-cache, max-age=0"
    )
    return response


def embargo_cached(view):
    """Decorator for data views (pages, downloads, API, SDMX/CKAN/DCAT): sets Cache-Control."""
    from functools import wraps

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return set_cache_control(request, view(request, *args, **kwargs))

    return wrapped


def request_token(request) -> str:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.GET.get("token", "").strip()


def agency_of(request):
    agency = getattr(request, "agency", None) or public_agency()
    if agency is None:
        raise NotFound("没有可显示的机关。")
    return agency


@dataclass
class Access:
    dataset: Dataset
    versions: list
    as_of: date | None


def parse_as_of(value: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed("as_of 须为 YYYY-MM-DD 格式的日期。", field="as_of") from None


def public_access(request, code: str, *, now=None) -> Access:
    """Dataset + the versions this visitor may see, or NotFound (embargoed or unknown) / PermissionDenied."""
    agency = agency_of(request)
    now = now or timezone.now()
    dataset = selectors.public_dataset(agency, code, now)
    if dataset is None:
        raise NotFound("没有找到该数据集，或其尚未发布。")
    if dataset.resource.open_type == OpenType.CONDITIONAL:
        tokens = (
            [request_token(request), *request.session.get(SESSION_TOKENS, [])]
            if hasattr(request, "session")
            else [request_token(request)]
        )
        application = next(
            (a for a in (selectors.application_by_token(t, dataset.resource) for t in tokens if t) if a), None
        )
        if application is None:
            raise PermissionDenied(
                "该数据为有条件开放，请先在“开放目录与指南”中提出申请，获批后凭访问令牌使用。"
            )
        services.record_token_use(application=application, dataset=dataset)
    as_of = parse_as_of(request.GET.get("as_of", ""))
    versions = selectors.public_versions(
        dataset, now, as_of=selectors.as_of_moment(as_of, now) if as_of else None
    )
    return Access(dataset, versions, as_of)


def filters_from(params, dataset: Dataset) -> dict[str, list[str]]:
    """Dimension filters from query parameters named by dimension code (INDICATOR=A,B or repeated)."""
    filters = {}
    for dim in dimension_codes(dataset):
        values = []
        for raw in params.getlist(dim.code) + params.getlist(dim.code.lower()):
            values += [v.strip() for v in raw.split(",") if v.strip()]
        if values:
            filters[dim.code] = values[:500]
    return filters


def periods_from(params) -> list[str]:
    values = []
    for raw in params.getlist(TIME) + params.getlist("period"):
        values += [v.strip() for v in raw.split(",") if v.strip()]
    return values[:500]


def cube_for(access: Access, params, *, stream_whole: bool = False) -> Cube:
    return build_cube(
        access.dataset,
        versions=access.versions,
        filters=filters_from(params, access.dataset),
        periods=periods_from(params),
        start=params.get("start", "")[:10],
        end=params.get("end", "")[:10],
        stream_whole=stream_whole,
    )
