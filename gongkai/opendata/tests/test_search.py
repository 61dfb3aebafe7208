"""Releases and datasets in the site search, under the embargo (统计法实施条例 Art. 28): nothing is found
before the announced minute — not through sync, reindex or the job — and everything is after it, with
nobody acting but the worker."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone

from gongkai.opendata import search, services
from gongkai.opendata.models import Dataset, OpenType
from gongkai.publishing import services as publishing
from gongkai.publishing.models import Workflow
from gongkai.search import interface
from gongkai.search import services as search_services

from .conftest import BASE_CELLS, small_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def search_index(settings, tmp_path, caplog):
    settings.GONGKAI_SEARCH_DIR = str(tmp_path / "search")
    interface.reset_backends()
    cache.delete(search.LAST_RUN_KEY)
    yield
    interface.reset_backends()
    cache.delete(search.LAST_RUN_KEY)
    # Hooks and index writes log their failures instead of raising: a logged error is a failure here.
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []


def _found(text: str) -> list[tuple[str, str]]:
    """Documents with every word (a partial, some-words answer counts as not found)."""
    results = interface.search(text)
    return [] if results.partial else sorted((h.type, h.title) for h in results.hits)


def _at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture
def embargoed(publish_release, django_capture_on_commit_callbacks):
    at = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        release, _ = publish_release([small_dataset(BASE_CELLS)], at=at, title="禁发期测试发布")
    return release, at


def test_an_embargoed_release_is_never_found_before_its_minute(embargoed, django_capture_on_commit_callbacks):
    release, at = embargoed
    assert (
        _found('"禁发期测试发布"') == [] and _found("住户收入") == []
    )  # approval (scheduled) indexed nothing
    before = at - timedelta(minutes=1)
    with _at(before), django_capture_on_commit_callbacks(execute=True):
        assert search.search_released(before) == 0
        publishing.publish_due(before)
        search_services.sync_object(search.RELEASE_TYPE, release)  # any direct sync asks the embargo filter
        assert search_services.reindex() == 0  # so does a full rebuild
    assert _found('"禁发期测试发布"') == [] and _found("测试统计公报正文") == [] and _found("住户收入") == []
    assert interface.get_backend().count() == 0


def test_found_one_minute_after_without_anyone_acting(client, embargoed, django_capture_on_commit_callbacks):
    release, at = embargoed
    after = at + timedelta(minutes=1)
    with _at(after), django_capture_on_commit_callbacks(execute=True):
        # What `gongkai worker` runs every minute: the workflow job and the search job.
        publishing.publish_due(after)
        assert search.search_released(after) == 1
    assert _found('"禁发期测试发布"') == [("data_release", "禁发期测试发布")]
    assert _found('"测试数据解读"') == [
        ("data_release", "禁发期测试发布")
    ]  # the interpretation is indexed too
    assert _found("住户收入") == [("dataset", "住户收入（测试）")]
    assert _found("居民可用于最终消费") == [("dataset", "住户收入（测试）")]  # indicator meaning
    hit = interface.search('"禁发期测试发布"').hits[0]
    with _at(after):
        assert client.get(hit.url).status_code == 200
    assert hit.url == f"/sjfb/releases/{release.pk}/"


def test_the_job_indexes_each_release_once_even_without_the_workflow_job(
    embargoed, django_capture_on_commit_callbacks
):
    # The workflow was approved for the minute; the search job alone finds it public at the minute.
    release, at = embargoed
    with _at(at), django_capture_on_commit_callbacks(execute=True):
        assert search.search_released(at) == 1
        assert search.search_released(at + timedelta(minutes=1)) == 0  # since the last run: nothing new
    assert [h.type for h in interface.search('"禁发期测试发布"').hits] == ["data_release"]


def test_withdrawal_and_not_open_remove_from_search(
    published, approver, office_user, django_capture_on_commit_callbacks, make_user
):
    from gongkai.accounts.roles import Role

    release, _ = published
    with django_capture_on_commit_callbacks(execute=True):
        search_services.reindex()
    assert _found("住户收入") == [("data_release", "2024年住户收入"), ("dataset", "住户收入（测试）")]
    manager = make_user(Role.OPENNESS_OFFICE, username="gkb2", full_name="郑华")
    resource = Dataset.objects.get(code="test-income").resource
    with django_capture_on_commit_callbacks(execute=True):
        services.save_resource(
            actor=manager,
            resource=resource,
            open_type=OpenType.NOT_OPEN,
            not_open_reason="涉及调查对象的个人信息",
        )
    assert _found("住户收入") == [("data_release", "2024年住户收入")]
    workflow = Workflow.objects.get(object_id=release.pk, content_type__model="release")
    with django_capture_on_commit_callbacks(execute=True):
        publishing.withdraw(actor=approver, workflow=workflow, reason="数据有误，更正后重新发布")
    assert _found("住户收入") == []


def test_sitemap_lists_a_release_and_its_dataset_only_from_the_minute(client, embargoed):
    release, at = embargoed
    with _at(at - timedelta(minutes=1)):
        before = client.get("/sitemap.xml").content.decode()
    with _at(at + timedelta(minutes=1)):
        after = client.get("/sitemap.xml").content.decode()
    assert f"/sjfb/releases/{release.pk}/" not in before and "/sjfb/data/test-income/" not in before
    assert f"/sjfb/releases/{release.pk}/" in after and "/sjfb/data/test-income/" in after
    assert "/sjfb/calendar/" in before


def test_home_blocks_announce_an_embargoed_release_without_content_or_link(agency, embargoed):
    from gongkai.opendata.home import home_blocks

    release, at = embargoed
    with _at(at - timedelta(minutes=1)):
        latest, calendar = home_blocks(agency)
    assert latest["items"] == []
    assert [(url, label.endswith("禁发期测试发布")) for label, url, _ in calendar["items"]] == [
        ("/sjfb/calendar/", True)
    ]
    with _at(at + timedelta(minutes=1)):
        latest, calendar = home_blocks(agency)
    assert [(label, url) for label, url, _ in latest["items"]] == [
        ("禁发期测试发布", f"/sjfb/releases/{release.pk}/")
    ]
    assert calendar["items"] == []
