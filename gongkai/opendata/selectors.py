"""Reads. THE EMBARGO LIVES HERE (统计法实施条例 Art. 28).

`released_releases(now)` is the one read-time filter that decides what the public can see: a release
is public when it is confirmed, its publication workflow is scheduled/published with its time reached,
and its announced minute `scheduled_at <= now`. Every public path (pages, API, JSON-stat, downloads,
charts, feeds, search, and the standard interfaces built on these models) asks `public_versions()` /
`public_datasets()` / `public_releases()`, which all go through it. Nobody has to act at the minute.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from gongkai.core import audit
from gongkai.publishing.selectors import public_object_ids

from .models import (
    AccessApplication,
    DataResource,
    Dataset,
    DatasetVersion,
    OpenType,
    Release,
    Series,
    SurveyProject,
)


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def as_of_moment(day: date, now: datetime | None = None) -> datetime:
    """'As published on D' means by the end of D in Beijing time, and never later than now."""
    return min(timezone.make_aware(datetime.combine(day, time(23, 59, 59, 999999))), _now(now))


def released_releases(now: datetime | None = None, *, agency=None) -> QuerySet[Release]:
    """THE embargo filter: releases whose data, press release and interpretation are public at `now`."""
    now = _now(now)
    qs = Release.objects.filter(
        state=Release.State.CONFIRMED,
        scheduled_at__lte=now,
        pk__in=public_object_ids(Release, now=now),
    )
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs


def public_releases(agency, now: datetime | None = None) -> QuerySet[Release]:
    return released_releases(now, agency=agency).order_by("-scheduled_at", "-id")


# The years a 发布日程 page can exist for; outside them the page answers 404 (a year lookup on 1 or
# 10000 leaves the datetime range).
CALENDAR_YEARS = (1949, 2999)


def calendar_years(agency) -> list[int]:
    """The years (Asia/Shanghai) that have announced releases: the calendar's year links stop there."""
    qs = Release.objects.filter(agency=agency).exclude(state=Release.State.CANCELLED)
    return sorted({timezone.localtime(at).year for at in qs.values_list("scheduled_at", flat=True)})


def release_calendar(agency, *, year: int | None = None) -> QuerySet[Release]:
    """The 发布日程 shows announced dates and titles (never content) of all but cancelled releases."""
    qs = Release.objects.filter(agency=agency).exclude(state=Release.State.CANCELLED)
    if year:
        qs = qs.filter(scheduled_at__year=year)
    return qs.prefetch_related("date_changes").order_by("scheduled_at", "id")


def public_versions(
    dataset: Dataset, now: datetime | None = None, *, as_of: datetime | None = None
) -> list[DatasetVersion]:
    """The vintages of `dataset` that are public at `now`, oldest first.

    `as_of` (see as_of_moment) keeps only those whose release was announced for that moment or before:
    the data "as published on D" (统计法实施条例 Art. 26).
    """
    qs = DatasetVersion.objects.filter(dataset=dataset, release__in=released_releases(_now(now)))
    if as_of is not None:
        qs = qs.filter(release__scheduled_at__lte=as_of)
    return list(qs.select_related("release").order_by("number"))


def public_datasets(agency, now: datetime | None = None) -> QuerySet[Dataset]:
    """Datasets with at least one public version whose resource is open or conditional."""
    live = DatasetVersion.objects.filter(dataset=OuterRef("pk"), release__in=released_releases(now))
    return (
        Dataset.objects.filter(agency=agency)
        .exclude(resource__open_type=OpenType.NOT_OPEN)
        .filter(Exists(live))
        .select_related("resource")
    )


def public_series(agency, now: datetime | None = None) -> QuerySet[Series]:
    """Series brought in by a public version: the only ones whose codes (area, indicator) may be shown."""
    return Series.objects.filter(dataset__agency=agency, first_version__release__in=released_releases(now))


def with_public_area(
    datasets: QuerySet[Dataset], area: str, now: datetime | None = None
) -> QuerySet[Dataset]:
    """The datasets that have public data for `area` (an embargoed new area must not match)."""
    return datasets.filter(
        pk__in=Series.objects.filter(area=area, first_version__release__in=released_releases(now)).values(
            "dataset_id"
        )
    )


def public_dataset(agency, code: str, now: datetime | None = None) -> Dataset | None:
    return public_datasets(agency, now).filter(code=code).first()


def staff_scope(user, qs: QuerySet, *, department_field: str = "department") -> QuerySet:
    """Datasets, releases or versions a member of staff may open in the office (issue 12 item 9): their
    agency's, and for a 承办人 only those of their own department — or of none (national imports no
    department owns). So a drafter of one department never opens another department's embargoed
    release or its figures."""
    from gongkai.accounts.guard import scoped
    from gongkai.accounts.roles import AGENCY_WIDE_ROLES

    qs = scoped(user, qs, department_field=None)
    if user.roles & AGENCY_WIDE_ROLES:
        return qs
    return qs.filter(
        Q(**{f"{department_field}__isnull": True}) | Q(**{f"{department_field}_id": user.department_id})
    )


def staff_versions(user, dataset: Dataset, now: datetime | None = None) -> list[DatasetVersion]:
    """All vintages for staff; looking at embargoed ones is logged (统计法实施条例 Art. 28)."""
    versions = list(
        DatasetVersion.objects.filter(dataset=dataset).select_related("release").order_by("number")
    )
    public_ids = {v.pk for v in public_versions(dataset, now)}
    embargoed = [v for v in versions if v.pk not in public_ids]
    if embargoed:
        audit.record(
            actor=user,
            verb="opendata.embargo_viewed",
            obj=dataset,
            after={"versions": [v.number for v in embargoed]},
        )
    return versions


def resources(agency) -> QuerySet[DataResource]:
    return (
        DataResource.objects.filter(agency=agency).select_related("department").order_by("sort_order", "id")
    )


def next_release_minute(agency, now: datetime | None = None) -> datetime | None:
    """The next minute at which figures of `agency` may become public (a release not cancelled)."""
    return (
        Release.objects.filter(agency=agency, scheduled_at__gt=_now(now))
        .exclude(state=Release.State.CANCELLED)
        .order_by("scheduled_at")
        .values_list("scheduled_at", flat=True)
        .first()
    )


def public_resources(agency, now: datetime | None = None) -> QuerySet[DataResource]:
    """The public 开放目录: catalogue-only entries, and entries whose dataset has a released vintage.
    A dataset before its first release minute is absent altogether — its name, frequency and formats
    may themselves be news (统计法实施条例 Art. 28; CKAN, DCAT and SDMX hide it the same way)."""
    live = DatasetVersion.objects.filter(dataset=OuterRef("dataset"), release__in=released_releases(now))
    return resources(agency).filter(Q(dataset__isnull=True) | Exists(live))


def application_by_token(
    token: str, resource: DataResource, *, today: date | None = None
) -> AccessApplication | None:
    """The approved, unexpired application that this token belongs to, for this resource."""
    if not token:
        return None
    today = today or timezone.localdate()
    return (
        AccessApplication.objects.filter(
            token_hash=AccessApplication.hash_token(token),
            resource=resource,
            state=AccessApplication.State.APPROVED,
        )
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .first()
    )


def token_owner(token: str, *, today: date | None = None) -> str:
    """The e-mail of the applicant an approved, unexpired access token belongs to; "" for any other
    string (the data rate limit keys on it, never on the token as sent)."""
    if not token or len(token) > 200:
        return ""
    today = today or timezone.localdate()
    email = (
        AccessApplication.objects.filter(
            token_hash=AccessApplication.hash_token(token), state=AccessApplication.State.APPROVED
        )
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .values_list("email", flat=True)
        .first()
    )
    return (email or "").strip().lower()


def application_queue(user) -> QuerySet[AccessApplication]:
    return (
        AccessApplication.objects.filter(agency_id=user.agency_id)
        .select_related("resource")
        .order_by("state", "-created_at")
    )


def public_survey_projects(agency) -> QuerySet[SurveyProject]:
    return SurveyProject.objects.filter(agency=agency, is_public=True).order_by("kind", "name")
