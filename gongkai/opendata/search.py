"""Data releases (统计数据发布) and datasets in the site search (gongkai.search registry).

THE EMBARGO (统计法实施条例 Art. 28). The index holds no visibility time: what is in it can be found.
So nothing goes into it before it is public: `document_for` asks the read-time embargo filter
(`selectors.public_releases` / `public_datasets` at this moment) and answers None — which makes
`sync_object` remove the document — for anything not yet public. A release becomes public at its
announced minute with nobody acting; the periodic job `opendata.search_released` (every minute) indexes
the releases whose minute has passed since its last run, with their datasets. Publication and
withdrawal through the workflow re-sync the release (publishing hooks, after commit); a resource
turned 不予开放 is re-synced by `services.save_resource`. `gongkai search reindex` rebuilds from the
same read-time filter.
"""

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from gongkai.core import jobs
from gongkai.core.models import Agency
from gongkai.publishing import hooks
from gongkai.publishing.states import State
from gongkai.search import registry, services
from gongkai.search.documents import SearchDocument

from . import query, selectors
from .models import Dataset, Release

RELEASE_TYPE = "data_release"
DATASET_TYPE = "dataset"
SYNC_STATES = frozenset({State.SCHEDULED, State.PUBLISHED, State.WITHDRAWN, State.SUPERSEDED})
FIRST_LOOKBACK = timedelta(days=2)  # a worker that was down catches up on the releases of that time


def _release_document(release: Release) -> SearchDocument:
    body = "\n\n".join(t for t in (release.press_release, release.interpretation) if t)
    return SearchDocument(
        type=RELEASE_TYPE,
        id=str(release.pk),
        agency_id=release.agency_id,
        title=release.title,
        url=reverse("opendata:release", args=[release.pk]),
        issuer=release.agency.name,
        summary=release.press_release[:200],
        body=body,
        category="统计数据发布",
        year=timezone.localtime(release.scheduled_at).year,
        published_at=release.scheduled_at,
    )


def _dataset_document(dataset: Dataset, now: datetime | None = None) -> SearchDocument:
    versions = selectors.public_versions(dataset, now)
    latest = versions[-1].release.scheduled_at if versions else None
    # Only the indicators of public versions: an embargoed release may add one (实施条例 Art. 28).
    indicators = {s.indicator for s in query.visible_series(dataset, versions).select_related("indicator")}
    indicator_text = "\n".join(
        f"{i.name}：{i.meaning}" if i.meaning else i.name
        for i in sorted(indicators, key=lambda i: (i.sort_order, i.code))
    )
    return SearchDocument(
        type=DATASET_TYPE,
        id=str(dataset.pk),
        agency_id=dataset.agency_id,
        title=dataset.title,
        url=reverse("opendata:dataset", args=[dataset.code]),
        issuer=dataset.agency.name,
        summary=dataset.description[:200],
        body="\n".join(t for t in (dataset.description, indicator_text, dataset.source) if t),
        category=dataset.get_topic_display(),
        year=timezone.localtime(latest).year if latest else None,
        published_at=latest,
    )


def release_document_for(obj) -> SearchDocument | None:
    """The release as a SearchDocument, or None while it is embargoed / withdrawn (at this moment)."""
    pk = getattr(obj, "pk", obj)
    release = Release.objects.filter(pk=pk).select_related("agency").first()
    if release is None:
        return None
    release = selectors.public_releases(release.agency).filter(pk=pk).select_related("agency").first()
    return _release_document(release) if release else None


def dataset_document_for(obj) -> SearchDocument | None:
    pk = getattr(obj, "pk", obj)
    dataset = Dataset.objects.filter(pk=pk).select_related("agency").first()
    if dataset is None:
        return None
    dataset = selectors.public_datasets(dataset.agency).filter(pk=pk).select_related("agency").first()
    return _dataset_document(dataset) if dataset else None


def iter_public_releases():
    for agency in Agency.objects.all():
        for release in selectors.public_releases(agency).select_related("agency").iterator(chunk_size=200):
            yield _release_document(release)


def iter_public_datasets():
    for agency in Agency.objects.all():
        for dataset in selectors.public_datasets(agency).select_related("agency"):
            yield _dataset_document(dataset)


def sync_release(release: Release) -> None:
    """Index or remove the release and its datasets after the current transaction commits."""
    services.sync_object(RELEASE_TYPE, release)
    for dataset in Dataset.objects.filter(versions__release=release).distinct():
        services.sync_object(DATASET_TYPE, dataset)


def sync_dataset(dataset: Dataset) -> None:
    services.sync_object(DATASET_TYPE, dataset)


def index_released(now: datetime, since: datetime) -> int:
    """Index the releases whose announced minute lies in (since, now] and that are public at `now`."""
    released = selectors.released_releases(now).filter(scheduled_at__gt=since, scheduled_at__lte=now)
    count = 0
    for release in released:
        sync_release(release)
        count += 1
    return count


LAST_RUN_KEY = "opendata:search_released:last_run"  # in the shared cache: survives a worker restart


@jobs.register("opendata.search_released", every=timedelta(minutes=1))
def search_released(now: datetime) -> int:
    from django.core.cache import cache

    since = cache.get(LAST_RUN_KEY) or now - FIRST_LOOKBACK
    count = index_released(now, since)
    cache.set(LAST_RUN_KEY, now, timeout=None)
    return count


def _on_workflow(workflow) -> None:
    if workflow.state in SYNC_STATES and workflow.content_type.model_class() is Release:
        release = Release.objects.filter(pk=workflow.object_id).first()
        if release is not None:
            sync_release(release)


def register_search() -> None:
    registry.register(
        registry.SearchType(
            name=RELEASE_TYPE,
            label="统计数据发布",
            iter_public_documents=iter_public_releases,
            document_for=release_document_for,
            order=30,
        )
    )
    registry.register(
        registry.SearchType(
            name=DATASET_TYPE,
            label="统计数据库",
            iter_public_documents=iter_public_datasets,
            document_for=dataset_document_for,
            order=31,
        )
    )
    hooks.on_transition_committed(_on_workflow)
