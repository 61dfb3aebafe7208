"""统计法实施条例 Art. 28: before the announced minute nothing is visible on any public path; after it,
everything is, with nobody acting."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from gongkai.core.models import AuditEvent
from gongkai.opendata import selectors
from gongkai.opendata.models import Dataset

from .conftest import BASE_CELLS, small_dataset

pytestmark = pytest.mark.django_db

PATHS = [
    "/sjfb/data/test-income/",
    "/sjfb/data/test-income/download.csv",
    "/sjfb/data/test-income/download.xlsx",
    "/sjfb/data/test-income/download.json",
    "/api/v1/data/datasets/test-income",
    "/api/v1/data/datasets/test-income/data",
    "/api/v1/data/datasets/test-income/data?format=jsonstat",
    "/api/v1/data/datasets/test-income/data?format=csv",
]


@pytest.fixture
def embargoed(agency, publish_release):
    at = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    release, _ = publish_release([small_dataset(BASE_CELLS)], at=at, title="禁发期测试发布")
    return release, at


def _visit_all(client, release):
    statuses = {path: client.get(path).status_code for path in [*PATHS, f"/sjfb/releases/{release.pk}/"]}
    listing = client.get("/sjfb/data/").content.decode()
    api_list = client.get("/api/v1/data/datasets").json()["items"]
    releases = client.get("/api/v1/data/releases").json()["items"]
    bulletins = client.get("/sjfb/bulletins/").content.decode()
    analysis = client.get("/sjfb/analysis/").content.decode()
    calendar = client.get("/sjfb/calendar/").content.decode()
    return statuses, listing, api_list, releases, bulletins, analysis, calendar


def test_one_minute_before_nothing_is_visible(client, embargoed):
    release, at = embargoed
    with mock.patch("django.utils.timezone.now", return_value=at - timedelta(minutes=1)):
        statuses, listing, api_list, releases, bulletins, analysis, calendar = _visit_all(client, release)
    assert set(statuses.values()) == {404}, statuses
    assert "住户收入（测试）" not in listing
    assert api_list == [] and releases == []
    assert "禁发期测试发布" not in bulletins and "禁发期测试发布" not in analysis
    # The calendar announces the date and title, but links to nothing and shows no content.
    assert "禁发期测试发布" in calendar and f"/sjfb/releases/{release.pk}/" not in calendar
    assert "测试统计公报正文" not in calendar


def test_one_minute_after_everything_is_visible_without_anyone_acting(client, embargoed):
    release, at = embargoed
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(minutes=1)):
        statuses, listing, api_list, releases, bulletins, analysis, calendar = _visit_all(client, release)
        page = client.get(f"/sjfb/releases/{release.pk}/").content.decode()
        data = client.get(
            "/api/v1/data/datasets/test-income/data?INDICATOR=INC&AREA=350102&period=2024"
        ).json()
    assert set(statuses.values()) == {200}, statuses
    assert "住户收入（测试）" in listing
    assert [d["code"] for d in api_list] == ["test-income"]
    assert [r["id"] for r in releases] == [release.pk]
    assert "测试统计公报正文" in page and "测试数据解读" in page  # press release and interpretation together
    assert "禁发期测试发布" in bulletins and "禁发期测试发布" in analysis
    assert f"/sjfb/releases/{release.pk}/" in calendar
    assert [o["value"] for o in data["observations"]] == [62000]


def test_selector_takes_now(embargoed):
    release, at = embargoed
    dataset = Dataset.objects.get(code="test-income")
    assert selectors.public_versions(dataset, at - timedelta(minutes=1)) == []
    assert len(selectors.public_versions(dataset, at)) == 1
    assert not selectors.released_releases(at - timedelta(seconds=1)).exists()


def test_unapproved_release_stays_invisible_after_its_time(agency, drafter, client):
    from gongkai.opendata import services

    release = services.create_release(
        actor=drafter,
        title="未审批",
        scheduled_at=timezone.now() - timedelta(hours=1),
        confirmed=True,
        department=drafter.department,
    )
    services.write_parsed([small_dataset(BASE_CELLS)], actor=drafter, release=release)
    assert client.get("/api/v1/data/datasets/test-income/data").status_code == 404


def test_staff_viewing_embargoed_data_is_logged(embargoed, office_user, staff_client):
    client = staff_client(office_user)
    response = client.get("/office/data/datasets/test-income/")
    assert response.status_code == 200
    event = AuditEvent.objects.filter(verb="opendata.embargo_viewed").get()
    assert event.actor == office_user and event.after == {"versions": [1]}


def test_moved_date_carries_a_public_note(embargoed, drafter, client):
    from gongkai.opendata import services

    release, at = embargoed
    services.reschedule_release(
        actor=drafter,
        release=release,
        scheduled_at=at + timedelta(days=1),
        note="因数据核查需要，推迟一天发布。",
    )
    calendar = client.get(f"/sjfb/calendar/?year={timezone.localtime(at + timedelta(days=1)).year}")
    assert "因数据核查需要，推迟一天发布。" in calendar.content.decode()
    # The old minute has passed but the new one has not: still invisible.
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(minutes=1)):
        assert client.get("/api/v1/data/datasets/test-income/data").status_code == 404
